"""Sharing through git: a real bare repository as the team's remote, clones as coaches."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import frontmatter
import pytest

from conftest import Team, clone, git
from ports import refused_port, start_on_free_ports


def new_note(cli, folder: Path, title: str, *extra: str) -> tuple[str, str]:
    out = cli(
        "-C",
        folder,
        "new",
        "cr",
        "--title",
        title,
        "--entrepreneur",
        "Jean Dupont",
        "--date",
        "2020-04-10",
        "--no-edit",
        *extra,
    ).stdout
    note_id, path = out.strip().split("\t")
    return note_id, path


def sync(cli, folder: Path, code: int = 0):
    return cli("-C", folder, "sync", code=code)


def listed(cli, folder: Path) -> dict[str, dict]:
    return {n["path"]: n for n in json.loads(cli("-C", folder, "list", "--json").stdout)}


def clean(folder: Path) -> bool:
    return git(folder, "status", "--porcelain") == ""


def copies(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.md") if ".conflit-" in p.name]


def edit_body(folder: Path, path: str, line: str) -> None:
    with (folder / path).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def test_a_note_created_by_one_coach_reaches_the_other(cli, team):
    note_id, path = new_note(cli, team.awa, "Point statut", "--tag", "Pôle Emploi")
    assert "partagé" in sync(cli, team.awa).stderr
    result = sync(cli, team.karim)
    assert "Awa Diallo" in result.stderr and "Point statut" in result.stderr
    assert path in listed(cli, team.karim)
    hits = json.loads(cli("-C", team.karim, "search", "pôle emploi", "--json").stdout)
    assert [h["id"] for h in hits] == [note_id]
    assert git(team.karim, "log", "-1", "--format=%an", "--", path).strip() == "Awa Diallo"


def test_a_note_new_to_the_receiver_is_said_added_and_internal_files_are_not_notes(cli, team):
    _note_id, path = new_note(cli, team.awa, "Point statut")
    edit_body(team.awa, path, "Une ligne de plus.")
    cli("-C", team.awa, "config", "membre", "ajouter", "Awa Diallo")
    sync(cli, team.awa)
    said = sync(cli, team.karim).stderr
    [line] = [line for line in said.splitlines() if "Point statut" in line]
    assert "ajouté" in line and "modifié" not in line
    assert ".garefil" not in said and "Réglages du carnet mis à jour" in said


@pytest.mark.parametrize("first", ["awa", "karim"])
def test_offline_work_on_both_sides_adds_up(cli, team, first):
    _, from_awa = new_note(cli, team.awa, "Chez Awa")
    _, from_karim = new_note(cli, team.karim, "Chez Karim")
    order = [team.awa, team.karim] if first == "awa" else [team.karim, team.awa]
    for folder in [*order, order[0]]:
        sync(cli, folder)
    for folder in (team.awa, team.karim):
        assert {from_awa, from_karim} <= set(listed(cli, folder))
        assert clean(folder)
    assert git(team.awa, "rev-parse", "HEAD") == git(team.karim, "rev-parse", "HEAD")


def shared_note(cli, team: Team, title: str) -> str:
    """A note Awa wrote and both coaches have."""
    _, path = new_note(cli, team.awa, title)
    sync(cli, team.awa)
    sync(cli, team.karim)
    return path


def edit_on_both_sides(cli, team: Team, path: str, awa: str, karim: str):
    """Both coaches change the same lines; Awa shares first, Karim's sync meets the conflict."""
    edit_body(team.awa, path, awa)
    edit_body(team.karim, path, karim)
    sync(cli, team.awa)
    return sync(cli, team.karim, code=9)


def test_same_note_edited_on_both_sides_keeps_both_texts(cli, team):
    _, path = new_note(cli, team.awa, "Point commun", "--tag", "urssaf")
    sync(cli, team.awa)
    sync(cli, team.karim)
    result = edit_on_both_sides(
        cli,
        team,
        path,
        "Version d'Awa : rendez-vous le 12.",
        "Version de Karim : rendez-vous le 14.",
    )
    assert "conflit" in result.stderr.lower()
    texts = [p.read_text(encoding="utf-8") for p in (team.karim / "cr").rglob("*.md")]
    assert any("Version de Karim" in t for t in texts) and any("Version d'Awa" in t for t in texts)
    assert all("<<<<<<<" not in t and ">>>>>>>" not in t for t in texts)
    assert "Version de Karim" in (team.karim / path).read_text(encoding="utf-8")
    notes = listed(cli, team.karim)  # everything still parses, and the copy is no second note
    [copy] = [p.relative_to(team.karim).as_posix() for p in copies(team.karim)]
    assert ".conflit-awa-diallo" in copy and copy not in notes and path in notes
    other = frontmatter.loads((team.karim / copy).read_text(encoding="utf-8"))
    assert other["conflict_of"] == path and other["id"] == notes[path]["id"] + "-conflit"
    hits = json.loads(cli("-C", team.karim, "search", "version", "--json").stdout)
    assert [h["path"] for h in hits] == [path]
    tags = json.loads(cli("-C", team.karim, "tags", "--json").stdout)
    assert tags == [{"tag": "urssaf", "count": 1}]
    status = json.loads(cli("-C", team.karim, "status", "--json").stdout)
    assert status["conflicts"] == [{"note": path, "copy": copy}]
    assert "Conflits à résoudre : 1" in cli("-C", team.karim, "status").stdout
    cli("-C", team.karim, "resolve", path)
    assert not (team.karim / copy).exists() and clean(team.karim)
    assert json.loads(cli("-C", team.karim, "status", "--json").stdout)["conflicts"] == []
    sync(cli, team.karim)
    sync(cli, team.awa)
    assert not (team.awa / copy).exists()
    assert (team.awa / path).read_text(encoding="utf-8") == (team.karim / path).read_text(
        encoding="utf-8"
    )


def test_each_version_of_a_conflict_is_named_by_whose_it_is_on_both_sides(cli, team):
    path = shared_note(cli, team, "Point commun")
    edit_on_both_sides(cli, team, path, "Texte d'Awa.", "Texte de Karim.")
    sync(cli, team.awa, code=None)  # Awa gets Karim's text in the note, hers in the copy
    [copy] = [p.relative_to(team.awa).as_posix() for p in copies(team.awa)]
    assert "Texte de Karim." in (team.awa / path).read_text(encoding="utf-8")
    karim = cli("-C", team.karim, "status").stdout
    assert "la note : écrite par Karim Benali (vous) ; la copie : par Awa Diallo" in karim
    awa = cli("-C", team.awa, "status").stdout
    assert "la note : écrite par Karim Benali ; la copie : par Awa Diallo (vous)" in awa
    kept = cli("-C", team.awa, "resolve", path).stderr
    assert "la version écrite par Karim Benali est gardée" in kept and "votre" not in kept
    path = shared_note(cli, team, "Deuxième point")
    edit_on_both_sides(cli, team, path, "Texte d'Awa.", "Texte de Karim.")
    [copy] = [p.relative_to(team.karim).as_posix() for p in copies(team.karim)]
    taken = cli("-C", team.karim, "resolve", copy, "--take-other").stderr
    assert "la version écrite par Awa Diallo est gardée" in taken


def test_resolving_by_taking_the_other_version(cli, team):
    path = shared_note(cli, team, "Point commun")
    edit_on_both_sides(cli, team, path, "Texte d'Awa.", "Texte de Karim.")
    [copy] = [p.relative_to(team.karim).as_posix() for p in copies(team.karim)]
    cli("-C", team.karim, "resolve", copy, "--take-other")
    text = (team.karim / path).read_text(encoding="utf-8")
    assert "Texte d'Awa." in text and "conflict_of" not in text and clean(team.karim)
    assert frontmatter.loads(text)["id"] == listed(cli, team.karim)[path]["id"]
    assert not frontmatter.loads(text)["id"].endswith("-conflit")


@pytest.mark.parametrize("deleter_syncs_first", [True, False])
def test_edit_against_delete_keeps_the_edited_note(cli, team, deleter_syncs_first):
    path = shared_note(cli, team, "À garder")
    (team.awa / path).unlink()
    edit_body(team.karim, path, "Karim complète la note.")
    order = [team.awa, team.karim] if deleter_syncs_first else [team.karim, team.awa]
    for folder in order:
        cli("-C", folder, "sync", code=None)
    for folder in [*order, order[0]]:
        cli("-C", folder, "sync", code=None)
    for folder in (team.awa, team.karim):
        assert "Karim complète la note." in (folder / path).read_text(encoding="utf-8")
        assert clean(folder)


def test_hand_edits_are_recorded_by_sync(cli, team):
    _, path = new_note(cli, team.awa, "Note")
    (team.awa / "divers").mkdir()
    (team.awa / "divers" / "a-la-main.md").write_text("# Écrite à la main\n", encoding="utf-8")
    edit_body(team.awa, path, "Ajout au clavier.")
    result = cli("-C", team.awa, "sync", "--json")
    assert sorted(json.loads(result.stdout)["committed"]) == sorted([path, "divers/a-la-main.md"])
    assert clean(team.awa)
    subjects = git(team.awa, "log", "--format=%s").splitlines()
    assert "sync : 2 fichiers modifiés hors de garefil" in subjects
    edit_body(team.awa, path, "Encore.")
    sync(cli, team.awa)
    assert git(team.awa, "log", "-1", "--format=%s") == "sync : 1 fichier modifié hors de garefil\n"
    sync(cli, team.karim)
    assert (team.karim / "divers" / "a-la-main.md").exists()


def test_sync_never_commits_files_outside_the_notebook_or_the_index(cli, tmp_path):
    project = tmp_path / "projet"
    project.mkdir()
    git(project, "init", "-q", "-b", "main")
    (project / "autre.txt").write_text("hors du carnet\n")
    cli("init", project / "carnet")
    cli("-C", project / "carnet", "search", "x")  # builds the index
    (project / "carnet" / "note.md").write_text("# Note\n", encoding="utf-8")
    cli("-C", project / "carnet", "sync", code=8)
    assert git(project, "ls-files").split() == []  # the notebook is a repository of its own
    tracked = git(project / "carnet", "ls-files").split()
    assert "note.md" in tracked
    assert not [t for t in tracked if ".garefil/index" in t]


def test_missing_identity_is_reported_before_anything_changes(cli, team, isolated):
    _, path = new_note(cli, team.awa, "Note")
    head = git(team.awa, "rev-parse", "HEAD")
    (isolated / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    result = cli("-C", team.awa, "sync", code=7)
    assert "garefil config user" in result.stderr
    assert git(team.awa, "rev-parse", "HEAD") == head


def test_no_remote_keeps_the_commits_and_says_how_many_wait(cli, notebook):
    new_note(cli, notebook, "Hors ligne")
    result = cli("-C", notebook, "sync", code=8)
    assert "2 changements attendent ici" in result.stderr and "garefil remote" in result.stderr
    assert "(s)" not in result.stderr
    assert clean(notebook)


def test_counts_in_french_use_the_singular_for_zero_and_one(cli, tmp_path):
    """French says « 0 note », « 1 changement »: one plural form, chosen by the count."""
    fresh = tmp_path / "neuf"
    cli("init", fresh)
    assert "0 note dans l'index" in cli("-C", fresh, "index").stderr
    one = cli("-C", fresh, "sync", code=8)  # the notebook's first commit
    assert "1 changement attend ici d'être partagé" in one.stderr and "(s)" not in one.stderr


def test_unreachable_remote_keeps_everything(cli, team):
    _, path = new_note(cli, team.awa, "Hors ligne")
    moved = team.remote.with_name("ailleurs.git")
    team.remote.rename(moved)
    result = cli("-C", team.awa, "sync", code=8)
    assert "1 changement attend ici" in result.stderr and "Traceback" not in result.output
    moved.rename(team.remote)
    sync(cli, team.awa)
    sync(cli, team.karim)
    assert path in listed(cli, team.karim)


def test_a_push_rejected_because_someone_pushed_in_between_is_retried(cli, team, tmp_path):
    other = tmp_path / "sophie"
    git(tmp_path, "clone", "-q", str(team.remote), str(other))
    flag = tmp_path / "a-pousse"
    hook = team.awa / ".git" / "hooks" / "pre-push"
    # Just before Awa's push, Sophie pushes once: Awa's first push is refused.
    hook.write_text(
        f"#!/bin/sh\nif [ ! -e '{flag}' ]; then touch '{flag}'\n"
        f"  cd '{other}' && echo 'note' > sophie.md && git add sophie.md && "
        f"git -c user.name=Sophie -c user.email=s@example.org commit -qm sophie && git push -q\n"
        "fi\n"
    )
    hook.chmod(0o755)
    new_note(cli, team.awa, "Course")
    report = json.loads(cli("-C", team.awa, "sync", "--json").stdout)
    assert report["attempts"] == 2
    assert (team.awa / "sophie.md").exists()
    assert git(team.awa, "rev-parse", "HEAD") == git(team.remote, "rev-parse", "main")


def test_a_stale_git_lock_is_cleared_and_a_live_one_is_reported(cli, team, monkeypatch):
    new_note(cli, team.awa, "Avant la panne")
    lock = team.awa / ".git" / "index.lock"
    # A live git holds its lock open: garefil waits (here one second), then says so.
    holder = subprocess.Popen(["sh", "-c", f"exec 3>'{lock}'; exec sleep 30"])
    try:
        deadline = time.monotonic() + 5
        while not lock.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        monkeypatch.setenv("GAREFIL_GIT_WAIT", "1")
        busy = cli("-C", team.awa, "new", "note", "--title", "Pendant", "--no-edit", code=7)
        assert "git" in busy.stderr and lock.exists()
        assert "La note est écrite" in busy.stderr and "relancez" not in busy.stderr
    finally:
        holder.kill()
        holder.wait()
    old = time.time() - 3600
    os.utime(lock, (old, old))
    result = sync(cli, team.awa)
    assert "verrou" in result.stderr and not lock.exists() and clean(team.awa)


def test_an_interrupted_merge_is_finished_keeping_both_versions(cli, team):
    path = shared_note(cli, team, "Commune")
    edit_body(team.awa, path, "Awa.")
    edit_body(team.karim, path, "Karim.")
    sync(cli, team.awa)
    cli("-C", team.karim, "tag", path, "urssaf")  # commits Karim's edit with the tag
    git(team.karim, "fetch", "-q")
    merge = subprocess.run(["git", "merge", "origin/main"], cwd=team.karim, capture_output=True)
    assert merge.returncode != 0 and (team.karim / ".git" / "MERGE_HEAD").exists()
    result = cli("-C", team.karim, "sync", "--json", code=None)
    assert "merge" in json.loads(result.stdout)["recovered"]
    assert clean(team.karim) and not (team.karim / ".git" / "MERGE_HEAD").exists()
    texts = "".join(p.read_text(encoding="utf-8") for p in (team.karim / "cr").rglob("*.md"))
    assert "Awa." in texts and "Karim." in texts and "<<<<<<<" not in texts


def test_an_unfinished_rebase_gets_exact_instructions(cli, team):
    path = shared_note(cli, team, "Commune")
    edit_body(team.awa, path, "Awa.")
    sync(cli, team.awa)
    edit_body(team.karim, path, "Karim.")
    git(team.karim, "commit", "-qam", "karim")
    git(team.karim, "fetch", "-q")
    subprocess.run(["git", "rebase", "origin/main"], cwd=team.karim, capture_output=True)
    result = cli("-C", team.karim, "sync", code=7)
    assert "git rebase --abort" in result.stderr


def test_generated_pages_never_conflict(cli, team):
    for folder in (team.awa, team.karim):
        config = folder / ".garefil" / "config.toml"
        if "[sync]" not in config.read_text(encoding="utf-8"):
            with config.open("a", encoding="utf-8") as handle:
                handle.write('\n[sync]\ngenerated = ["sommaire.md"]\n')
    (team.awa / "sommaire.md").write_text("# Sommaire\n", encoding="utf-8")
    sync(cli, team.awa)
    sync(cli, team.karim, code=None)
    sync(cli, team.awa, code=None)
    (team.awa / "sommaire.md").write_text("# Sommaire d'Awa\n", encoding="utf-8")
    (team.karim / "sommaire.md").write_text("# Sommaire de Karim\n", encoding="utf-8")
    sync(cli, team.awa)
    report = json.loads(cli("-C", team.karim, "sync", "--json").stdout)  # settled: exit 0
    kinds = {c["path"]: c["kind"] for c in report["conflicts"]}
    assert kinds == {"sommaire.md": "generated"}
    assert not list(team.karim.glob("sommaire.conflit-*"))


def test_history_shows_who_changed_a_note(cli, team):
    note_id, path = new_note(cli, team.awa, "Suivie")
    sync(cli, team.awa)
    sync(cli, team.karim)
    cli("-C", team.karim, "tag", note_id, "urssaf")
    entries = json.loads(cli("-C", team.karim, "history", note_id, "--json").stdout)
    assert [e["author"] for e in entries] == ["Karim Benali", "Awa Diallo"]
    assert set(entries[0]) == {"commit", "author", "email", "date", "message"}
    assert "Karim Benali" in cli("-C", team.karim, "history", path).stdout


def test_status_counts_what_waits(cli, team):
    new_note(cli, team.awa, "En attente")
    (team.awa / "brouillon.md").write_text("# Brouillon\n", encoding="utf-8")
    status = json.loads(cli("-C", team.awa, "status", "--json").stdout)
    assert status["remote"] == str(team.remote)
    assert status["pending"] == ["brouillon.md"] and status["ahead"] == 1
    sync(cli, team.awa)
    status = json.loads(cli("-C", team.awa, "status", "--json").stdout)
    assert (status["pending"], status["ahead"], status["behind"]) == ([], 0, 0)


def test_remote_command_shows_and_sets_the_address(cli, notebook, tmp_path):
    assert "garefil remote" in cli("-C", notebook, "remote").stderr
    bare = tmp_path / "nouveau.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    cli("-C", notebook, "remote", str(bare))
    assert cli("-C", notebook, "remote").stdout.strip() == str(bare)
    sync(cli, notebook)
    assert git(bare, "log", "--format=%s", "main").strip().endswith("carnet créé")


def test_joining_into_a_folder_that_is_not_empty_is_refused(cli, team, tmp_path):
    busy = tmp_path / "occupe"
    busy.mkdir()
    (busy / "x.txt").write_text("x")
    result = cli("init", "--clone", str(team.remote), busy, code=6)
    assert "occupe" in result.stderr and (busy / "x.txt").read_text() == "x"


@pytest.fixture
def git_daemon(tmp_path: Path):
    """`git daemon` on 127.0.0.1 serving tmp_path/served, stopped after the test."""
    if not shutil.which("git"):
        pytest.skip("git is needed")
    served = tmp_path / "served"
    served.mkdir()

    def launch(ports: tuple[int, ...]) -> subprocess.Popen:
        return subprocess.Popen(
            ["git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
             "--listen=127.0.0.1", f"--port={ports[0]}", f"--base-path={served}", str(served)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip

    found = start_on_free_ports(launch, _stopped)
    if found is None:
        pytest.fail("git daemon did not start")
    daemon, (port,) = found
    yield served, f"git://127.0.0.1:{port}"
    _stopped(daemon)


def _stopped(daemon: subprocess.Popen) -> None:
    daemon.terminate()
    daemon.wait(timeout=10)


def test_sharing_over_the_git_protocol_on_loopback(cli, git_daemon, tmp_path):
    served, base = git_daemon
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(served / "equipe.git"))
    url = f"{base}/equipe.git"
    awa = tmp_path / "awa"
    cli("init", awa, "--remote", url)
    note_id, _ = new_note(cli, awa, "Par le réseau")
    sync(cli, awa)
    karim = clone(cli, url, tmp_path / "karim", "Karim Benali", "karim@example.org")
    assert note_id in {n["id"] for n in listed(cli, karim).values()}
    new_note(cli, karim, "Réponse de Karim")
    sync(cli, karim)
    result = sync(cli, awa)
    assert "Karim Benali" in result.stderr and "Réponse de Karim" in result.stderr


def test_sync_as_a_subprocess_over_the_network_reports_unreachable(run_garefil, notebook):
    port = refused_port()  # nothing listens there
    run_garefil("-C", notebook, "remote", f"git://127.0.0.1:{port}/rien.git")
    done = run_garefil("-C", notebook, "sync")
    assert done.returncode == 8 and "Traceback" not in done.stderr
    assert "attend ici d'être partagé" in done.stderr and "injoignable" in done.stderr


def test_rename_on_one_side_and_edit_on_the_other_loses_nothing(cli, team):
    path = shared_note(cli, team, "Avant renommage")
    renamed = path.replace("avant-renommage", "nouveau-nom")
    (team.awa / path).rename(team.awa / renamed)
    edit_body(team.karim, path, "Karim ajoute une ligne.")
    sync(cli, team.awa)
    cli("-C", team.karim, "sync", code=None)
    cli("-C", team.awa, "sync", code=None)
    for folder in (team.awa, team.karim):
        texts = "".join(p.read_text(encoding="utf-8") for p in (folder / "cr").rglob("*.md"))
        assert "Karim ajoute une ligne." in texts and clean(folder)
        assert (folder / renamed).exists()


def test_a_second_notebook_is_never_pushed_onto_the_teams_remote(cli, tmp_path):
    """Two notebooks created apart are never merged: the second coach's settings would replace
    the team's (its members). The second one is refused before anything is made; it joins."""
    remote = tmp_path / "commun.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    awa, karim = tmp_path / "awa", tmp_path / "karim"
    cli("init", awa, "--remote", str(remote))
    _, note = new_note(cli, awa, "Chez Awa")
    sync(cli, awa)
    shared = git(remote, "rev-parse", "main")
    refused = cli("init", karim, "--remote", str(remote), code=12)
    assert f"garefil init --clone {remote} {karim}" in refused.stderr
    assert not karim.exists() and git(remote, "rev-parse", "main") == shared
    cli("init", "--clone", str(remote), karim)
    assert (karim / note).exists()
    sync(cli, karim)
    assert git(awa, "rev-parse", "HEAD") == git(karim, "rev-parse", "HEAD")


def test_search_also_reminds_of_conflicts(cli, team):
    path = shared_note(cli, team, "Commune")
    edit_on_both_sides(cli, team, path, "Awa.", "Karim.")
    assert "1 conflit à résoudre" in cli("-C", team.karim, "search", "commune").stderr
    assert "1 conflit à résoudre" in cli("-C", team.karim, "list").stderr


def test_offline_sync_json_is_an_error_object_in_french_without_gits_english(
    run_garefil, notebook, tmp_path
):
    gone = tmp_path / "disparu.git"
    git(tmp_path, "init", "-q", "--bare", str(gone))
    run_garefil("-C", notebook, "remote", str(gone))
    shutil.rmtree(gone)  # the shared folder went away after it was set
    done = run_garefil("-C", notebook, "sync", "--json")
    assert done.returncode == 8
    error = json.loads(done.stdout)["error"]
    assert error["code"] == 8 and error["waiting"] == 1
    assert error["message"].startswith("Il n'y a pas de dépôt partagé")
    assert "fatal" not in done.stderr.lower() and "repository" not in done.stderr
    debug = run_garefil("--debug", "-C", notebook, "sync")
    assert "does not appear to be a git repository" in debug.stderr  # git's text, on demand


def test_incoming_symlinks_are_refused_and_the_notebook_stays_as_it_was(cli, team, isolated):
    secret = isolated / ".ssh" / "id_rsa"
    secret.parent.mkdir()
    secret.write_text("CLÉ PRIVÉE\n", encoding="utf-8")
    (team.awa / ".garefil" / "templates").mkdir()
    (team.awa / ".garefil" / "templates" / "cr.md").symlink_to(secret)
    (team.awa / "passwd.md").symlink_to("/etc/passwd")
    git(team.awa, "add", ".garefil/templates/cr.md", "passwd.md")
    git(team.awa, "commit", "-qm", "liens")  # a hostile commit, made with git by hand
    git(team.awa, "push", "-q", "origin", "main")
    _, path = new_note(cli, team.karim, "Chez Karim")
    head = git(team.karim, "rev-parse", "HEAD")
    result = cli("-C", team.karim, "sync", code=12)
    assert ".garefil/templates/cr.md" in result.stderr and "passwd.md" in result.stderr
    assert git(team.karim, "rev-parse", "HEAD") == head and clean(team.karim)
    assert not (team.karim / "passwd.md").exists()
    assert not (team.karim / ".garefil" / "templates").exists()
    assert "CLÉ PRIVÉE" not in git(team.remote, "log", "-p", "main")
    (team.awa / "passwd.md").unlink()
    (team.awa / ".garefil" / "templates" / "cr.md").unlink()
    (team.awa / ".garefil" / "templates" / "cr.md").write_text("# $title\n", encoding="utf-8")
    sync(cli, team.awa)
    sync(cli, team.karim)
    assert (team.karim / ".garefil" / "templates" / "cr.md").read_text() == "# $title\n"
    sync(cli, team.awa)
    assert path in listed(cli, team.awa)


def test_two_coaches_tagging_the_same_note_do_not_conflict(cli, team):
    path = shared_note(cli, team, "Étiquetée")
    cli("-C", team.awa, "tag", path, "urssaf")
    cli("-C", team.karim, "tag", path, "pole-emploi", "acre")
    sync(cli, team.awa)
    sync(cli, team.karim)
    sync(cli, team.awa)
    for folder in (team.awa, team.karim):
        assert set(listed(cli, folder)[path]["tags"]) == {"urssaf", "pole-emploi", "acre"}
        assert not copies(folder) and clean(folder)
    assert (team.awa / path).read_bytes() == (team.karim / path).read_bytes()


def test_front_matter_on_one_side_and_body_on_the_other_merge(cli, team):
    path = shared_note(cli, team, "Mixte")
    cli("-C", team.awa, "tag", path, "urssaf")
    edit_body(team.karim, path, "Karim ajoute le compte-rendu.")
    git(team.karim, "commit", "-qam", "corps")
    sync(cli, team.awa)
    sync(cli, team.karim)
    text = (team.karim / path).read_text(encoding="utf-8")
    assert "urssaf" in text and "Karim ajoute le compte-rendu." in text
    assert not copies(team.karim)


def test_both_setting_the_same_key_differently_keeps_both_versions(cli, team):
    path = shared_note(cli, team, "Disputée")
    for folder, status in ((team.awa, "envoye"), (team.karim, "tenu")):
        text = (folder / path).read_text(encoding="utf-8")
        (folder / path).write_text(text.replace("status: brouillon", f"status: {status}"))
    sync(cli, team.awa)
    result = sync(cli, team.karim, code=9)
    assert "conflit" in result.stderr.lower()
    assert "status: tenu" in (team.karim / path).read_text(encoding="utf-8")
    [copy] = copies(team.karim)
    assert "status: envoye" in copy.read_text(encoding="utf-8")


def test_sync_brings_the_merge_driver_to_notebooks_made_before_it(cli, team):
    git(team.awa, "rm", "-q", ".gitattributes")
    git(team.awa, "commit", "-qm", "avant le pilote de fusion")
    git(team.karim, "config", "--unset", "merge.garefil.driver")
    sync(cli, team.awa)
    assert "merge=garefil" in git(team.awa, "show", "HEAD:.gitattributes")
    sync(cli, team.karim)
    assert "merge-driver" in git(team.karim, "config", "merge.garefil.driver")


@pytest.fixture
def http_server():
    """A local HTTP server answering 401 under /prive/ and 404 elsewhere."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            if self.path.startswith("/prive/"):
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="equipe"')
            else:
                self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("place", "said"),
    [("prive/carnet.git", "demande un identifiant"), ("rien.git", "Il n'y a pas")],
)
def test_git_failures_over_http_are_said_in_french(run_garefil, notebook, http_server, place, said):
    run_garefil("-C", notebook, "remote", f"{http_server}/{place}")
    done = run_garefil("-C", notebook, "sync")
    assert done.returncode == 8 and said in done.stderr
    assert "fatal" not in done.stderr and "Traceback" not in done.stderr


def test_sync_never_publishes_a_symlink_made_in_the_notebook(cli, team, isolated):
    secret = isolated / "secret.txt"
    secret.write_text("hors du carnet\n", encoding="utf-8")
    (team.awa / "lien.md").symlink_to(secret)
    (team.awa / "vraie.md").write_text("# Vraie note\n", encoding="utf-8")
    report = json.loads(cli("-C", team.awa, "sync", "--json").stdout)
    assert report["refused"] == ["lien.md"] and report["committed"] == ["vraie.md"]
    shared = git(team.remote, "ls-tree", "-r", "--name-only", "main").split()
    assert "vraie.md" in shared and "lien.md" not in shared
    sync(cli, team.karim)  # the team is not blocked by it
    assert (team.karim / "vraie.md").exists() and not (team.karim / "lien.md").exists()


def test_history_of_a_note_made_like_another_is_its_own(cli, notebook):
    body = "Ordre du jour\n\n- tour de table\n- points entrepreneurs\n- questions diverses\n" * 3
    first = cli("-C", notebook, "new", "reunion", "--date", "2024-01-08", "--body", body)
    second = cli("-C", notebook, "new", "reunion", "--date", "2024-01-15", "--body", body)
    for result in (first, second):
        note_id = result.stdout.split("\t")[0]
        entries = json.loads(cli("-C", notebook, "history", note_id, "--json").stdout)
        assert len(entries) == 1, entries  # git's --follow would also follow the copy


def test_status_names_the_real_files_to_resolve_not_a_placeholder(cli, team):
    path = shared_note(cli, team, "Point commun")
    edit_on_both_sides(cli, team, path, "Texte d'Awa.", "Texte de Karim.")
    [copy] = [p.relative_to(team.karim).as_posix() for p in copies(team.karim)]
    shown = cli("-C", team.karim, "status").stdout
    assert "NOTE" not in shown and "COPIE" not in shown
    assert f"`garefil resolve {path}`" in shown
    assert f"`garefil resolve {copy} --prendre-l-autre`" in shown
    cli("-C", team.karim, "resolve", copy, "--prendre-l-autre")  # the command shown works as shown
    assert "Texte d'Awa." in (team.karim / path).read_text(encoding="utf-8")


def test_a_note_renamed_then_deleted_between_two_syncs_is_reported_as_the_one_they_had(cli, team):
    path = shared_note(cli, team, "Fantôme")
    cli("-C", team.awa, "mv", path, "Fantôme bis")
    sync(cli, team.awa)
    [renamed] = listed(cli, team.awa)
    cli("-C", team.awa, "rm", renamed, "--oui")
    sync(cli, team.awa)
    report = sync(cli, team.karim).stderr  # Karim never had the renamed file
    assert "Awa Diallo : note « Fantôme » (compte-rendu, Jean Dupont) — supprimée" in report
    assert "fantome-bis" not in report and "ajoutée" not in report
    karim = json.loads(cli("-C", team.karim, "sync", "--json").stdout)
    assert karim["incoming"] == []  # said once


def test_a_renamed_note_is_reported_with_the_title_it_had(cli, team):
    path = shared_note(cli, team, "Point de départ")
    cli("-C", team.awa, "mv", path, "Point d'arrivée")
    sync(cli, team.awa)
    report = cli("-C", team.karim, "sync", "--json").stdout
    [change] = json.loads(report)["incoming"]
    assert change["change"] == "renamed" and change["old_path"] == path
    cli("-C", team.karim, "sync")
    path = shared_note(cli, team, "Deuxième")
    cli("-C", team.awa, "mv", path, "Deuxième, renommée")
    sync(cli, team.awa)
    said = sync(cli, team.karim).stderr
    assert (
        "note « Deuxième, renommée » (compte-rendu, Jean Dupont) — renommée "
        "(elle s'appelait « Deuxième »)" in said
    )


def test_a_sync_meeting_a_conflict_says_it_once_in_its_own_report(cli, team):
    path = shared_note(cli, team, "Point partagé")
    result = edit_on_both_sides(cli, team, path, "Chez Awa.", "Chez Karim.")
    lines = result.stderr.splitlines()
    # The report says the conflict where it happened; the line read commands add (« 1 conflit
    # à résoudre ») came first, before anything was said, and said it twice.
    assert not any("conflit à résoudre" in line for line in lines), result.stderr
    assert sum("Conflit sur" in line for line in lines) == 1, result.stderr
    assert "1 conflit à résoudre" in cli("-C", team.karim, "list").stderr  # reads still say it


def test_what_sync_brings_is_said_with_the_languages_punctuation(cli, team, run_garefil):
    cli("-C", team.awa, "new", "note", "--title", "Point caisse", "--body", "x", "--no-edit")
    cli("-C", team.awa, "sync")
    english = run_garefil("-C", team.karim, "sync", env={"GAREFIL_LANG": "en"})
    said = english.stdout + english.stderr  # the report goes where messages go
    line = next(x for x in said.splitlines() if "Point caisse" in x)
    assert ': note "Point caisse" — added' in line and " : " not in line and "«" not in line
    cli("-C", team.awa, "new", "note", "--title", "Point banque", "--body", "x", "--no-edit")
    cli("-C", team.awa, "sync")
    french = run_garefil("-C", team.karim, "sync", env={"GAREFIL_LANG": "fr"})
    assert " : note « Point banque » — ajoutée" in french.stdout + french.stderr


def test_what_sync_brings_names_the_note_type_as_a_word(cli, team, run_garefil):
    cli("-C", team.awa, "new", "reunion", "--no-edit")
    cli("-C", team.awa, "sync")
    french = run_garefil("-C", team.karim, "sync", env={"GAREFIL_LANG": "fr"})
    said = french.stdout + french.stderr
    assert "Awa Diallo : note « Réunion d'équipe du " in said and "» (réunion) — " in said, said
    assert "reunion «" not in said
