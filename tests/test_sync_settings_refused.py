"""A teammate's commit to the shared settings that garefil refuses never locks the team out.

`sync` checks the team's `.garefil/config.toml` before merging it, as it refuses a teammate's
symbolic link: refused, nothing is merged (exit 12) and the coach's commands keep working.
Settings refused that are here already (merged by plain git, or an older garefil) stop the
read commands, but `sync`, `status` and `config` still run, saying it in one line: `sync` is
how the fix arrives.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Team, git

OUTSIDE = '\n[types.note]\nfolder = "../dehors"\n'


def settings(folder: Path) -> Path:
    return folder / ".garefil" / "config.toml"


def pushed_by_hand(folder: Path, text: str, message: str) -> str:
    """A teammate changes the shared settings with plain git and pushes: the commit's id."""
    settings(folder).write_text(text, encoding="utf-8")
    git(folder, "commit", "-qam", message)
    git(folder, "push", "-q", "origin", "HEAD")
    return git(folder, "rev-parse", "--short", "HEAD").strip()


def merged_by_hand(folder: Path) -> None:
    """What an older garefil did: the team's commits merged as they came."""
    git(folder, "fetch", "-q")
    git(folder, "merge", "-q", "--no-edit", "@{upstream}")


def refused_settings_pushed(team: Team) -> tuple[str, str]:
    """Karim shares settings sending notes outside the notebook: (good text, his commit)."""
    good = settings(team.karim).read_text(encoding="utf-8")
    return good, pushed_by_hand(team.karim, good + OUTSIDE, "réglage")


def test_sync_refuses_the_teams_refused_settings_and_merges_nothing(cli, team):
    cli("-C", team.awa, "new", "note", "--title", "Avant", "--no-edit")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    good, commit = refused_settings_pushed(team)
    before = git(team.awa, "rev-parse", "HEAD")
    said = cli("-C", team.awa, "sync", code=12).stderr
    assert commit in said and "Karim Benali" in said, said
    line = settings(team.karim).read_text(encoding="utf-8").count("\n")  # folder = …, last
    assert f".garefil/config.toml:{line} " in said and "../dehors" in said, said
    assert "rien n'a été fusionné" in said, said
    assert git(team.awa, "rev-parse", "HEAD") == before
    assert "../dehors" not in settings(team.awa).read_text(encoding="utf-8")
    assert "Avant" in cli("-C", team.awa, "list").stdout  # Awa's commands keep working
    blocked = [line for line in cli("-C", team.awa, "status").stdout.splitlines() if commit in line]
    assert blocked and blocked[0].startswith("Synchronisation bloquée"), blocked
    status = json.loads(cli("-C", team.awa, "status", "--json").stdout)
    assert commit in status["settings_refused"] and "../dehors" in status["settings_refused"]
    # Karim fixes it: Awa's next sync brings in both commits, her notebook reads as before.
    pushed_by_hand(team.karim, good, "réglage corrigé")
    cli("-C", team.awa, "sync")
    assert git(team.awa, "rev-parse", "HEAD") != before
    assert "Avant" in cli("-C", team.awa, "list").stdout


def test_a_note_folder_outside_the_notebook_is_refused_for_safety(cli, notebook):
    settings(notebook).write_text(
        settings(notebook).read_text(encoding="utf-8") + OUTSIDE, encoding="utf-8"
    )
    said = cli("-C", notebook, "list", code=12).stderr
    lines = settings(notebook).read_text(encoding="utf-8").count("\n")
    assert f".garefil/config.toml:{lines} " in said and "../dehors" in said, said


def test_settings_refused_here_still_let_sync_status_and_config_run(cli, team):
    good, _ = refused_settings_pushed(team)
    merged_by_hand(team.awa)
    refused = cli("-C", team.awa, "list", code=12).stderr  # read commands keep refusing,
    assert "conseil :" in refused and "`garefil sync`" in refused, refused  # saying the way out
    signing = ("config", "user", "Awa Diallo", "awa@example.org")
    for command in (("status",), ("config",), signing, ("sync",)):
        said = cli("-C", team.awa, *command).stderr
        warned = [line for line in said.splitlines() if "../dehors" in line]
        assert len(warned) == 1 and "garefil sync" in warned[0], said
    # Karim's fix arrives through Awa's sync, and her notebook reads again.
    pushed_by_hand(team.karim, good, "réglage corrigé")
    said = cli("-C", team.awa, "sync").stderr
    assert "../dehors" not in said, said
    cli("-C", team.awa, "list")


def test_sync_does_not_send_settings_every_teammate_would_refuse(cli, team):
    good = settings(team.awa).read_text(encoding="utf-8")
    shared = git(team.remote, "rev-parse", "HEAD")
    settings(team.awa).write_text(good + OUTSIDE, encoding="utf-8")  # by hand
    said = cli("-C", team.awa, "sync", code=12).stderr
    assert "ne sont pas partagés" in said and "../dehors" in said, said
    assert git(team.remote, "rev-parse", "HEAD") == shared  # nothing sent
    settings(team.awa).write_text(good, encoding="utf-8")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")  # what Awa shared reads well at Karim's
    cli("-C", team.karim, "list")
