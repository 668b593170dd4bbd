"""What a few commands say: where a setting applies, what loads completion when nothing was
added to the start-up file, and the English of an empty follow-up."""

from __future__ import annotations

from pathlib import Path

BASH_SCRIPT = "~/.local/share/bash-completion/completions/garefil"


def test_bash_completion_without_its_lines_does_not_send_to_a_new_terminal(cli, isolated: Path):
    said = cli("completion", "install", "bash", input="").stderr  # no terminal: nothing asked
    assert not (isolated / ".bashrc").exists()
    assert "nouveau terminal pour vous en servir" not in said, said
    assert (
        "Tant que ces lignes ne sont pas dans ~/.bashrc, un nouveau terminal ne la charge pas ; "
        f"dans celui-ci : source {BASH_SCRIPT}" in said
    ), said
    loaded = cli("completion", "install", "bash", "--profil").stderr
    assert (
        f"Ouvrez un nouveau terminal pour vous en servir (dans celui-ci : source {BASH_SCRIPT})"
        in loaded
    )


def test_zsh_completion_without_its_lines_says_so_too(cli, isolated: Path):
    said = cli("completion", "install", "zsh", input="").stderr
    assert "Ouvrez un nouveau terminal" not in said, said
    assert (
        "un nouveau terminal ne la charge pas ; une fois qu'elles y sont, lancez `exec zsh`" in said
    )


def test_config_user_in_a_notebook_says_it_is_for_this_notebook_only(cli, notebook: Path):
    said = cli("-C", notebook, "config", "user", "Awa Diallo", "awa@example.org").stderr
    assert (
        "Vos modifications de ce carnet seront signées Awa Diallo <awa@example.org> (ce carnet "
        "seulement : lancé hors d'un carnet, `garefil config user` vaut pour tous)." in said
    ), said
    outside = cli("-C", notebook.parent, "config", "user", "Awa Diallo", "awa@example.org")
    assert "dans tous les carnets de cet ordinateur" in outside.stderr, outside.stderr


def test_nothing_due_reads_as_english_speakers_say_it(notebook: Path, run_garefil):
    for command in (("suivi",), ()):
        done = run_garefil("-C", notebook, *command, env={"GAREFIL_LANG": "en"})
        assert done.returncode == 0, done.stderr
        said = done.stdout + done.stderr
        assert "Nothing is due: you are all caught up." in said, said
        assert "the thread is kept" not in said, said
    run_garefil("-C", notebook, "site", env={"GAREFIL_LANG": "en"})  # its home page says it too
    home = (notebook / ".garefil" / "site" / "index.html").read_text(encoding="utf-8")
    assert "Nothing is due: you are all caught up." in home
