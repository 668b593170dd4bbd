"""A report's text as the entrepreneur reads it in their mail: a letter, not the team's notes.

The note is written for the team: ids of decisions and actions (`^d-k7m3q`), checkboxes (`[ ]`),
the template's comments and empty headings, the title again as a heading. The letter leaves all
that out: a checkbox is « ☐ » (to do) or « ☑ » (done), a due day reads « jeudi 15 janvier 2030 »,
and the text is framed by a greeting and a signature, the coach's settings `mail.salutation` and
`mail.signature` (by default « Bonjour Prénom, » and « Bien cordialement, » with the coach's
name). The letter is Markdown, rendered as HTML by the mailer; `plain_text` makes the text part,
headings underlined and emphasis marks left out, as a mail program without HTML shows it.
"""

from __future__ import annotations

import re
from datetime import date

from .french_dates import spelled_out
from .register import ITEM_ID_PATTERN
from .text import given_name_first

DEFAULT_GREETING = "Bonjour {prenom},"
DEFAULT_SIGNATURE = "Bien cordialement,\n{coach}"
_ID = re.compile(r"[ \t]*\^" + ITEM_ID_PATTERN + r"[ \t]*$", re.MULTILINE)
_REPLACES = re.compile(r"[ \t]*\(remplace\s+d-\w{5}\)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->[ \t]*\n?", re.DOTALL)
_CHECKBOX = re.compile(r"^([ \t]*[-*+][ \t]+)\[([ xX])\][ \t]*", re.MULTILINE)
_DUE = re.compile(r"([☐☑] .* — )(\d{4})-(\d{2})-(\d{2})[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_BREAK = re.compile(r"\\n|\n")  # a signature typed on one line: « Awa\nCoach » in the shell


def letter(body: str, title: str, greeting: str, signature: str) -> str:
    """The report's Markdown `body` as a letter: greeting, the text for the entrepreneur, and
    the signature (its lines kept apart)."""
    text = _without_empty_sections(_for_entrepreneur(body, title))
    lines = [line.strip() for line in _BREAK.split(signature) if line.strip()]
    signed = "  \n".join(lines)  # two spaces: a line break, in Markdown as in HTML
    return "\n\n".join(part for part in (greeting.strip(), text.strip(), signed) if part) + "\n"


def greeting_for(template: str | None, name: str | None) -> str:
    """The greeting `template` makes for the entrepreneur `name` ({prenom}, {nom})."""
    words = given_name_first(name or "").split()  # « DUPONT Jean »: Jean
    first = words[0] if words else ""
    text = (template or DEFAULT_GREETING).replace("{prenom}", first).replace("{nom}", name or "")
    return " ".join(text.split()).replace(" ,", ",")  # « Bonjour , » when no name is known


def signature_for(template: str | None, coach: str | None) -> str:
    """The signature `template` makes for the coach ({coach}: their name)."""
    return (template or DEFAULT_SIGNATURE).replace("{coach}", coach or "").strip()


def _for_entrepreneur(body: str, title: str) -> str:
    # A note written by another tool may end its lines with CRLF: every pattern reads LF.
    text = _COMMENT.sub("", body.replace("\r\n", "\n"))
    text = _ID.sub("", _REPLACES.sub("", text))
    text = _CHECKBOX.sub(lambda m: m.group(1) + ("☐ " if m.group(2) == " " else "☑ "), text)
    text = _DUE.sub(_spelled_due_day, text)
    text = _LINK.sub(_web_link_only, _WIKI.sub(lambda m: m.group(2) or m.group(1), text))
    lines = text.strip().splitlines()
    heading = _HEADING.match(lines[0]) if lines else None
    if heading and len(heading.group(1)) == 1 and heading.group(2).strip() == title.strip():
        lines = lines[1:]  # the title is the message's subject already
    return "\n".join(lines)


def _web_link_only(found: re.Match[str]) -> str:
    """A link to the web as written; a link to a file or a note by its words: the file goes
    as an attachment, and the note is the team's, out of the entrepreneur's reach."""
    if re.match(r"(?i)(?:https?|mailto):", found.group(2)):
        return found.group(0)
    return found.group(1)


def _spelled_due_day(found: re.Match[str]) -> str:
    try:
        day = date(int(found.group(2)), int(found.group(3)), int(found.group(4)))
    except ValueError:
        return found.group(0)
    return found.group(1) + "pour le " + spelled_out(day)


def _without_empty_sections(text: str) -> str:
    """`text` without the headings nothing follows (the template's sections left empty)."""
    lines = text.splitlines()
    kept = []
    for index, line in enumerate(lines):
        heading = _HEADING.match(line)
        if heading and _is_empty_section(lines[index + 1 :], len(heading.group(1))):
            continue
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept))


def _is_empty_section(after: list[str], level: int) -> bool:
    for line in after:
        if not line.strip():
            continue
        heading = _HEADING.match(line)
        return heading is not None and len(heading.group(1)) <= level
    return True


_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?([^)>\n]*?)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_WIKI = re.compile(r"\[\[([^\]|\n]+)(?:\|([^\]\n]*))?\]\]")  # [[id]], [[id|words]]
_CODE = re.compile(r"`([^`\n]+)`")


def plain_text(markdown: str) -> str:
    """The letter as plain text: headings underlined, emphasis and code marks left out, a web
    link followed by its address, a link to a file by its words only (the file is attached)."""
    lines = []
    for line in markdown.splitlines():
        heading = _HEADING.match(line)
        if heading:
            words = _inline(heading.group(2))
            lines += [words, ("=" if len(heading.group(1)) == 1 else "-") * len(words)]
        else:
            lines.append(_inline(line).rstrip())
    return "\n".join(lines).strip() + "\n"


def _inline(text: str) -> str:
    text = _CODE.sub(r"\1", text)
    text = _LINK.sub(_plain_link, text)
    return _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)


def _plain_link(found: re.Match[str]) -> str:
    words, target = found.group(1), found.group(2)
    if re.match(r"(?i)https?://", target) and target != words:
        return f"{words} ({target})" if words else target
    return words
