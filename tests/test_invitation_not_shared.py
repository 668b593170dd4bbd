"""An invitation written from inside the notebook is never recorded nor shared by `sync`."""

from __future__ import annotations

from conftest import git


def test_reunion_ics_inside_the_notebook_is_left_out_of_sharing(cli, notebook, monkeypatch):
    # A notebook made before invitations were ignored: its .gitignore does not name them.
    ignore = notebook / ".gitignore"
    ignore.write_text(ignore.read_text().replace("/.garefil/invitations/\n", ""))
    git(notebook, "commit", "-q", "--allow-empty", "-am", "ancien .gitignore")
    monkeypatch.chdir(notebook)
    said = cli("reunion", "ics").stderr
    written = notebook / ".garefil" / "invitations" / "reunion.ics"
    assert written.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert ".garefil/invitations/reunion.ics" in said and "ne la partage pas" in said
    again = cli("reunion", "ics").stderr  # the next week's replaces it, and says so
    assert "Invitation remplacée dans .garefil/invitations/reunion.ics" in again, again
    assert not (notebook / "reunion.ics").exists()
    assert git(notebook, "status", "--porcelain") == ""
    assert "Fichiers modifiés à enregistrer au prochain sync : 0" in cli("status").stdout
