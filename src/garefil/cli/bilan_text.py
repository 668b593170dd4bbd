"""A bilan as text: Markdown (to read, or to save as a note), JSON, CSV for a spreadsheet or
TSV for scripts.

CSV and TSV are written like every other listing (cli/listing.py): the CSV for a French
spreadsheet (fields separated by `;`, UTF-8 with a byte-order mark), with decimals written with
a comma, as a French spreadsheet reads them.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import typer

from garefil.core.bilan import Bilan
from garefil.core.bilan_lists import Item
from garefil.i18n import _

from . import listing
from .shown_dates import day_in_words

FORMATS = ("md", "table", "json", "csv", "tsv")


def check_format(form: str) -> str:
    """`form` if garefil writes it (`table` is the Markdown text, as every listing's default);
    a usage error naming the formats otherwise."""
    if form.lower() not in FORMATS:
        raise typer.BadParameter(_("md, json, csv or tsv"), param_hint="--format")
    return form.lower()


def as_format(result: Bilan, form: str) -> str:
    """The bilan in `form` (md or table, json, csv or tsv)."""
    if form == "json":
        return json.dumps(result.summary(), ensure_ascii=False, indent=2)
    if form == "csv":
        return listing.csv_text(*_table(result))
    if form == "tsv":
        return listing.tsv_text(*_table(result))
    return markdown(result, {})


def labels(result: Bilan) -> dict[str, str]:
    """Each figure's name, in the user's language, in the order they are shown: what happened
    during the period, and what was still open at its end (named with that day)."""
    end = day_in_words(result.period.end)
    return {
        "entrepreneurs_followed": _("entrepreneurs followed"),
        "entrepreneurs_new": _("new entrepreneurs"),
        "appointments_held": _("appointments held"),
        "appointments_cancelled": _("appointments cancelled"),
        "reports_written": _("reports written"),
        "reports_sent": _("reports sent"),
        "median_days_rdv_to_report": _("median days from appointment to report"),
        "median_days_rdv_to_sent_report": _("median days from appointment to sent report"),
        "requests_opened": _("requests received during the period"),
        "requests_closed": _("requests closed during the period"),
        "requests_median_open_days": _("median days a request stayed open"),
        "requests_open_at_end": _("requests still open on {day}").format(day=end),
        "decisions": _("decisions adopted during the period"),
        "actions": _("actions written during the period"),
        "actions_done": _("of which done"),
        "actions_overdue": _("of which overdue"),
        "actions_open": _("actions written by {day} and not done").format(day=end),
        "meetings": _("team meetings held"),
    }


def _missing_labels() -> dict[str, str]:
    """What to say of a figure named in `Bilan.missing` (none today: every fact is recorded)."""
    return {}


def _number(value: Any, decimal: str = ".") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:.1f}".removesuffix(".0")
        return text.replace(".", decimal)
    return str(value)


def markdown(result: Bilan, images: dict[str, str]) -> str:
    """The bilan as Markdown; `images` are chart file names to link, by chart."""
    period = _("from {start} to {end}").format(
        start=day_in_words(result.period.start), end=day_in_words(result.period.end)
    )
    title, figure, value = _("Bilan"), _("figure"), _("value")
    lines = [f"# {title} {period}", ""]
    if result.referent:
        lines += [_("Référent: {name}").format(name=result.referent), ""]
    lines += [f"| {figure} | {value} |", "|---|---:|"]
    for key, label in labels(result).items():
        lines.append(f"| {label} | {_number(result.figures.get(key), ',')} |")
    lines += _lists(result)
    tags, missing = _("Most active tags"), _("Not counted")
    lines += ["", f"## {tags}", ""]
    counted = _("- {tag}: {count}")  # each language its own way before a colon
    lines += [counted.format(tag=tag, count=count) for tag, count in result.tags] or ["—"]
    lines += _roles(result)
    for chart, name in images.items():
        lines += ["", f"![{_chart_title(chart)}]({name})"]
    if result.missing:
        lines += ["", f"## {missing}", ""]
        lines += [f"- {_missing_labels().get(key, key)}" for key in result.missing]
    return "\n".join(lines) + "\n"


def _lists(result: Bilan) -> list[str]:
    """What was decided, then what remains at the period's end, each item with its id."""
    end = day_in_words(result.period.end)
    nothing = _("None.")
    lines = ["", "## " + _("Decisions adopted during the period"), ""]
    lines += [_item(item, item.day) for item in result.decided] or [nothing]
    lines += ["", "## " + _("What remains"), ""]
    lines += ["### " + _("Actions written by {day} and not done").format(day=end), ""]
    lines += [_item(item, item.day, _("due {day}")) for item in result.open_actions] or [nothing]
    lines += ["", "### " + _("Requests still open on {day}").format(day=end), ""]
    received = _("received {day}")
    lines += [_item(item, item.day, received) for item in result.open_requests] or [nothing]
    return lines


def _item(item: Item, day: date | None, when: str = "{day}") -> str:
    """« - Awa Diallo — relancer la banque (pour le 15 janvier 2030 ; `a-nvpd5`) »."""
    text = f"{item.who} — {item.text}" if item.who else item.text
    if day is None:
        return f"- {text} (`{item.id}`)"
    said = _("({when}; {id})").format(when=when.format(day=day_in_words(day)), id=f"`{item.id}`")
    return f"- {text} {said}"


def _roles(result: Bilan) -> list[str]:
    """Who held which role in the meetings, as a Markdown table."""
    if not result.roles:
        return []
    heading, person = _("Roles in meetings"), _("person")
    names = {"animation": _("facilitation"), "notes": _("note-taking"), "temps": _("time-keeping")}
    lines = ["", f"## {heading}", "", f"| {person} | " + " | ".join(names.values()) + " |"]
    lines.append("|---|" + "---:|" * len(names))
    for who, counts in result.roles.items():
        lines.append(f"| {who} | " + " | ".join(str(counts.get(r, 0)) for r in names) + " |")
    return lines


def _chart_title(chart: str) -> str:
    return {
        "activite": _("Notes per month and per référent"),
        "delais": _("Days from appointment to report"),
    }.get(chart, chart)


def _table(result: Bilan) -> tuple[list[str], list[list[str]]]:
    """One `figure, value` row per figure, then one per tag, decimals with a comma."""
    rows = [[label, _number(result.figures.get(key), ",")] for key, label in labels(result).items()]
    word = _("tag")
    rows += [[f"{word} {tag}", str(count)] for tag, count in result.tags]
    return [_("figure"), _("value")], rows
