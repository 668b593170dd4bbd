"""`garefil bilan`: figures checked against a small notebook where they are counted by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import git

PNG = b"\x89PNG\r\n\x1a\n"


def header(**keys: str) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in keys.items()) + "---\n"


CR1_BODY = (
    "## Décisions\n- Décision un\n- Décision deux\n- Proposée : une idée pas prise\n\n"
    "## Actions\n- [x] Awa Diallo — x — 2024-02-01\n- [ ] Awa Diallo — y — 2024-02-15\n"
)
M1_BODY = (
    "## Rôles\n- Animation : Karim Benali\n- Prise de notes : Awa Diallo\n\n"
    "## Décisions\n- Décision trois\n"
)
M2_BODY = "## Rôles\n- Animation : Karim Benali\n- Gardien·ne du temps : Awa Diallo\n"
NOTES = {
    "fiches/jean.md": header(
        id="f1",
        type="fiche",
        title="Fiche",
        date="2023-06-01",
        entrepreneur="Jean Dupont",
        referent="Awa Diallo",
    ),
    "fiches/lina.md": header(
        id="f2",
        type="fiche",
        title="Fiche",
        date="2024-02-01",
        entrepreneur="Lina Roy",
        referent="Karim Benali",
    ),
    "rdv/1.md": header(
        id="r1",
        type="rdv",
        title="Rdv",
        date="2024-01-10T10:00",
        entrepreneur="Jean Dupont",
        referent="Awa Diallo",
        status="tenu",
        cr="c1",
        tags="[urssaf]",
    ),
    "rdv/2.md": header(
        id="r2",
        type="rdv",
        title="Rdv",
        date="2024-02-10T10:00",
        entrepreneur="Lina Roy",
        referent="Karim Benali",
        status="annule",
    ),
    "rdv/3.md": header(
        id="r3",
        type="rdv",
        title="Rdv",
        date="2024-03-05T10:00",
        entrepreneur="Jean Dupont",
        referent="Awa Diallo",
        status="tenu",
        cr="c2",
    ),
    "rdv/4.md": header(
        id="r4",
        type="rdv",
        title="Rdv",
        date="2024-04-02T10:00",
        entrepreneur="Jean Dupont",
        referent="Awa Diallo",
        status="tenu",
    ),
    "cr/1.md": header(
        id="c1",
        type="cr",
        title="CR",
        date="2024-01-13",
        entrepreneur="Jean Dupont",
        referent="Awa Diallo",
        status="envoye",
        envoye_le="2024-01-20",
        rdv="r1",
        tags="[urssaf, cpam]",
    )
    + CR1_BODY,
    "cr/2.md": header(
        id="c2",
        type="cr",
        title="CR",
        date="2024-03-06",
        entrepreneur="Jean Dupont",
        referent="Awa Diallo",
        status="brouillon",
        rdv="r3",
        tags="[urssaf]",
    ),
    "demandes/1.md": header(
        id="q1",
        type="demande",
        title="D",
        date="2024-01-05",
        entrepreneur="Lina Roy",
        status="close",
        cloturee_le="2024-01-15",
    ),
    "demandes/2.md": header(
        id="q2",
        type="demande",
        title="D",
        date="2024-02-01",
        entrepreneur="Jean Dupont",
        status="close",
        cloturee_le="2024-03-02",
    ),
    "demandes/3.md": header(
        id="q3",
        type="demande",
        title="D",
        date="2024-03-20",
        entrepreneur="Lina Roy",
        status="ouverte",
    ),
    "demandes/4.md": header(
        id="q4",
        type="demande",
        title="D",
        date="2023-12-20",
        entrepreneur="Jean Dupont",
        status="close",
        cloturee_le="2024-01-04",
    ),
    "reunions/1.md": header(
        id="m1",
        type="reunion",
        title="Hebdo",
        date="2024-01-08",
        participants="[Awa Diallo, Karim Benali]",
    )
    + M1_BODY,
    "reunions/2.md": header(id="m2", type="reunion", title="Hebdo", date="2024-02-05") + M2_BODY,
    "reunions/3.md": header(id="m3", type="reunion", title="Hebdo", date="2023-12-04") + M1_BODY,
}
# Counted by hand from NOTES, for the first quarter of 2024.
EXPECTED = {
    "entrepreneurs_followed": 2,  # Jean Dupont, Lina Roy
    "entrepreneurs_new": 1,  # Lina Roy (Jean's first note is from 2023)
    "appointments_held": 2,  # r1, r3 (r4 is in April)
    "appointments_cancelled": 1,  # r2
    "reports_written": 2,  # c1, c2
    "reports_sent": 1,  # c1
    "median_days_rdv_to_report": 2,  # r1 → c1: 3 days; r3 → c2: 1 day
    "median_days_rdv_to_sent_report": 10,  # r1 (10 January) → c1 sent on 20 January
    "requests_opened": 3,  # q1, q2, q3
    "requests_closed": 3,  # q1 (10 days), q2 (30 days), q4 (opened in 2023, 15 days)
    "requests_median_open_days": 15,
    "decisions": 3,  # two in c1 (the proposal is not taken), one in m1 (m3 is in 2023)
    "actions": 2,
    "actions_done": 1,
    "actions_overdue": 1,  # y, due 15 February, not done
    "meetings": 2,  # m1, m2 (m3 is in 2023)
}


@pytest.fixture
def counted(notebook: Path) -> Path:
    for path, text in NOTES.items():
        target = notebook / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text + "\nTexte.\n", encoding="utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "un trimestre")
    return notebook


def figures(cli, notebook: Path, *options: str) -> dict:
    return json.loads(cli("-C", notebook, "bilan", "--format", "json", *options).stdout)


def test_figures_match_the_hand_count(cli, counted):
    found = figures(cli, counted, "--trimestre", "2024T1")
    assert {key: found[key] for key in EXPECTED} == EXPECTED
    assert found["from"] == "2024-01-01" and found["to"] == "2024-03-31"
    assert found["tags"][:2] == [{"tag": "urssaf", "count": 3}, {"tag": "cpam", "count": 1}]
    assert found["activity"]["2024-01"]["Awa Diallo"] == 2  # r1, c1 (her fiche is from 2023)
    assert found["roles"] == {
        "Awa Diallo": {"notes": 1, "temps": 1},  # m1, m2 (m3 is in 2023)
        "Karim Benali": {"animation": 2},
    }
    assert found["missing"] == []


def test_dates_and_quarter_give_the_same_bilan(cli, counted):
    by_quarter = figures(cli, counted, "--trimestre", "2024t1")
    assert figures(cli, counted, "--du", "2024-01-01", "--au", "2024-03-31") == by_quarter
    assert figures(cli, counted, "--du", "1/1/2024", "--au", "31/3/2024") == by_quarter


def test_one_referent(cli, counted):
    found = figures(cli, counted, "--trimestre", "2024T1", "--referent", "awa")
    assert found["referent"] == "Awa Diallo"
    assert found["appointments_held"] == 2 and found["appointments_cancelled"] == 0
    assert found["reports_written"] == 2 and found["requests_opened"] == 0
    assert found["decisions"] == 2 and found["meetings"] == 0


def test_markdown_and_csv_for_a_french_spreadsheet(cli, counted):
    text = cli("-C", counted, "bilan", "--trimestre", "2024T1").stdout
    assert text.startswith("# Bilan du 1er janvier 2024 au 31 mars 2024")
    assert "| rendez-vous tenus | 2 |" in text and "- urssaf : 3" in text
    raw = cli("-C", counted, "bilan", "--trimestre", "2024T1", "--format", "csv").stdout_bytes
    assert raw.startswith("\ufeff".encode())
    rows = [line.split(";") for line in raw.decode("utf-8-sig").split("\r\n") if line]
    assert rows[0] == ["indicateur", "valeur"]
    assert ["demandes closes pendant la période", "3"] in rows and ["étiquette urssaf", "3"] in rows


def test_wrong_periods_are_refused(cli, counted):
    cli("-C", counted, "bilan", "--trimestre", "2024T5", code=5)
    cli("-C", counted, "bilan", "--du", "2024-03-01", "--au", "2024-01-01", code=5)
    refused = cli("-C", counted, "bilan", "--format", "pdf", code=2)
    assert "Valeur invalide pour --format : md, json, csv ou tsv." in refused.stderr


def test_an_unknown_referent_is_refused_rather_than_counted_as_zeros(cli, counted):
    refused = cli("-C", counted, "bilan", "--referent", "zorro", code=5)
    assert "zorro" in refused.stderr and "Awa Diallo" in refused.stderr


def test_charts_are_png_files_linked_from_the_markdown(cli, counted, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = cli("-C", counted, "bilan", "--trimestre", "2024T1", "--graphique").stdout
    for chart in ("activite", "delais"):
        name = f"bilan-2024-01-01-2024-03-31-{chart}.png"
        assert f"]({name})" in text
        assert (tmp_path / name).read_bytes().startswith(PNG)


def test_charts_drawn_from_inside_the_notebook_stay_out_of_it(cli, counted, tmp_path, monkeypatch):
    monkeypatch.chdir(counted / "cr")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    text = cli("-C", counted, "bilan", "--trimestre", "2024T1", "--graphique").stdout
    assert git(counted, "status", "--porcelain", "--untracked-files=all") == ""
    drawn = sorted((tmp_path / "state" / "garefil" / "bilans").glob("*.png"))
    assert len(drawn) == 2 and all(f"]({png})" in text for png in drawn)
    cli("-C", counted, "bilan", "--graphique", "--sortie", tmp_path / "out")
    assert len(list((tmp_path / "out").glob("*.png"))) == 2
    cli("-C", counted, "bilan", "--graphique", "--sortie", counted / "cr", code=2)
    assert git(counted, "status", "--porcelain", "--untracked-files=all") == ""


def test_saved_as_a_note_with_its_charts_in_one_commit(cli, counted):
    before = git(counted, "rev-parse", "HEAD").strip()
    result = cli("-C", counted, "bilan", "--trimestre", "2024T1", "--enregistrer", "--graphique")
    changed = git(counted, "diff", "--name-only", before, "HEAD").splitlines()
    assert int(git(counted, "rev-list", "--count", f"{before}..HEAD")) == 1
    [note] = [p for p in changed if p.endswith(".md")]
    pngs = [p for p in changed if p.endswith(".png")]
    assert len(pngs) == 2 and all((counted / p).read_bytes().startswith(PNG) for p in pngs)
    assert note in result.stderr
    shown = json.loads(cli("-C", counted, "show", note, "--json").stdout)
    assert "bilan" in shown["tags"] and "| rendez-vous tenus | 2 |" in shown["body"]


def test_the_period_takes_the_same_option_names_as_list(cli, counted):
    by_du = figures(cli, counted, "--du", "2024-01-01", "--au", "2024-03-31")
    assert figures(cli, counted, "--depuis", "2024-01-01", "--jusqu-au", "2024-03-31") == by_du
    assert figures(cli, counted, "--since", "2024-01-01", "--until", "2024-03-31") == by_du


def test_the_bilan_lists_what_was_decided_and_what_remains(cli, counted):
    found = figures(cli, counted, "--trimestre", "2024T1")
    assert [d["text"] for d in found["decided"]] == [
        "Décision trois",
        "Décision un",
        "Décision deux",
    ]
    assert found["decided"][0]["note"] == "m1" and found["decided"][0]["id"].startswith("d-")
    [action] = found["still_open"]["actions"]
    assert (action["who"], action["text"], action["date"]) == ("Awa Diallo", "y", "2024-02-15")
    assert [r["id"] for r in found["still_open"]["requests"]] == ["q3"]
    assert (found["requests_open_at_end"], found["actions_open"]) == (1, 1)
    # q2, received on 1 February, was closed on 2 March: open on 15 February, the period's end.
    earlier = figures(cli, counted, "--depuis", "2024-01-01", "--jusqu-au", "2024-02-15")
    assert [r["id"] for r in earlier["still_open"]["requests"]] == ["q2"]
    text = cli("-C", counted, "bilan", "--trimestre", "2024T1").stdout
    assert "| demandes reçues pendant la période | 3 |" in text, text
    assert "| demandes encore ouvertes au 31 mars 2024 | 1 |" in text
    assert "## Décisions adoptées pendant la période" in text and "- Décision trois (" in text
    assert "## Ce qui reste" in text
    assert f"- Awa Diallo — y (pour le 15 février 2024 ; `{action['id']}`)" in text
    assert "- Lina Roy — D (reçue le 20 mars 2024 ; `q3`)" in text


def test_the_activity_chart_counts_whole_notes_by_months_in_words():
    from garefil.adapters.charts import activity_figure
    from garefil.cli.shown_dates import month_in_words

    counts = {"2024-05": {"Awa Diallo": 1}, "2024-06": {"Awa Diallo": 1, "Karim Benali": 1}}
    figure = activity_figure({month_in_words(m): c for m, c in counts.items()}, "Activité")
    figure.canvas.draw()
    [axes, *_legend] = figure.axes
    assert all(float(tick).is_integer() for tick in axes.get_yticks()), axes.get_yticks()
    assert [label.get_text() for label in axes.get_xticklabels()] == ["mai 2024", "juin 2024"]
