"""`garefil completion install|script`: the script where each shell looks, the coach's start-up
file changed only with their consent and never twice, every file written whole."""

from __future__ import annotations

import os
from pathlib import Path

from garefil.cli.completion_scripts import KEYS, SCRIPTS
from garefil.core.shell_setup import MARK


def test_zsh_install_twice_writes_the_script_and_one_fpath_block(cli, isolated: Path):
    (isolated / ".zshrc").write_text("autoload -Uz compinit && compinit\nalias ll='ls -l'", "utf-8")
    for _ in range(2):
        done = cli("completion", "install", "zsh", "--profil")
    script = isolated / ".zfunc" / "_garefil"
    assert script.read_text(encoding="utf-8") == SCRIPTS["zsh"]
    text = (isolated / ".zshrc").read_text(encoding="utf-8")
    assert text.startswith("autoload -Uz compinit && compinit\nalias ll='ls -l'\n" + MARK)
    assert text.count("fpath=(~/.zfunc $fpath)") == 1 and text.count(MARK) == 1
    assert "la charge déjà" in done.stderr and "rm ~/.zfunc/_garefil" in done.stderr
    assert not [p for p in (isolated / ".zfunc").iterdir() if p.name != "_garefil"]  # no temp


def test_bash_from_shell_variable_without_consent_leaves_bashrc_alone(cli, isolated, monkeypatch):
    monkeypatch.setenv("SHELL", "/usr/bin/bash")
    (isolated / ".bashrc").write_bytes(b"# r\xe9glages\n")  # Latin-1: kept byte for byte
    done = cli("completion", "install", input="")  # no terminal: nothing is asked
    script = isolated / ".local" / "share" / "bash-completion" / "completions" / "garefil"
    assert script.read_text(encoding="utf-8") == SCRIPTS["bash"]
    assert (isolated / ".bashrc").read_bytes() == b"# r\xe9glages\n"
    assert "--profil" in done.stderr
    assert "source ~/.local/share/bash-completion/completions/garefil" in done.stderr
    cli("completion", "install", "--profile")
    assert (isolated / ".bashrc").read_bytes().startswith(b"# r\xe9glages\n" + MARK.encode())


def test_a_start_up_file_kept_by_a_link_is_changed_through_it(cli, isolated, tmp_path):
    dotfiles = tmp_path / "dotfiles" / "zshrc"
    dotfiles.parent.mkdir()
    dotfiles.write_text("export A=1\n", encoding="utf-8")
    os.symlink(dotfiles, isolated / ".zshrc")
    cli("completion", "install", "zsh", "--profil")
    assert (isolated / ".zshrc").is_symlink()
    assert dotfiles.read_text(encoding="utf-8").startswith("export A=1\n" + MARK + "\n")


def test_fish_needs_no_start_up_line_and_xdg_folders_are_respected(cli, isolated, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(isolated / "conf"))
    said = cli("completion", "install", "fish").stderr.splitlines()[0]
    assert said.endswith(
        "dans ~/conf/fish/completions/garefil.fish et ~/conf/fish/conf.d/garefil.fish."
    ), said
    written = isolated / "conf" / "fish" / "completions" / "garefil.fish"
    assert written.read_text(encoding="utf-8") == SCRIPTS["fish"]
    keys = isolated / "conf" / "fish" / "conf.d" / "garefil.fish"  # Tab without accents
    assert keys.read_text(encoding="utf-8") == KEYS["fish"]


def test_an_unknown_shell_is_named_in_french_with_what_to_do(cli, monkeypatch):
    monkeypatch.setenv("SHELL", "/bin/tcsh")
    done = cli("completion", "install", code=5)
    assert "pas pour « tcsh »" in done.stderr and "completion install bash" in done.stderr
    monkeypatch.delenv("SHELL")
    unknown = cli("completion", "install", code=5).stderr
    assert "« ? »" not in unknown and "$SHELL" in unknown, unknown
    assert "completion install bash" in unknown
    assert cli("completion", "script", "FISH").stdout == SCRIPTS["fish"]
    assert "Installer la complétion" in cli("completion", "--help").stdout
