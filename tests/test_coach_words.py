"""What a coach meets in the first hour, said in their words: the hints name options that
exist, the types are the words garefil itself uses, tags split at commas as in a header, and
header values are shown as written, never as Python shows them."""

from __future__ import annotations


def test_the_editors_hint_offers_no_option_edit_refuses(cli, notebook, monkeypatch):
    cli("-C", notebook, "new", "note", "--title", "Une", "--no-edit")
    monkeypatch.setenv("EDITOR", "false")
    failed = cli("-C", notebook, "edit", "@dernier", code=11)
    assert "ou utilisez --no-edit" not in failed.stderr
    assert "`garefil new` écrit aussi une note sans éditeur (--no-edit" in failed.stderr
