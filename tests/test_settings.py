"""A coach's own settings (docs/settings.md): where each value comes from, and how it is changed.

Every test has its own HOME (conftest); XDG_CONFIG_HOME is set where the test needs the file
elsewhere, as a coach's desktop would set it.
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from pathlib import Path

import pytest

from garefil.core import settings as core
from garefil.core.errors import SmtpNotSet


@pytest.fixture
def own_file(tmp_path, monkeypatch) -> Path:
    """The coach's settings file, under an XDG_CONFIG_HOME of the test's own."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "garefil" / "config.toml"


def shown(cli, *args: str) -> dict[str, dict]:
    return {s["key"]: s for s in json.loads(cli(*args, "config", "--json").stdout)}


def test_config_set_writes_the_coachs_own_file_and_config_says_where_values_come_from(
    cli, own_file
):
    cli("config", "set", "nom", "Awa Diallo")
    cli("config", "definir", "smtp.serveur", "smtp.exemple.org")
    assert tomllib.loads(own_file.read_text(encoding="utf-8")) == {
        "nom": "Awa Diallo",
        "smtp": {"serveur": "smtp.exemple.org"},
    }
    settings = shown(cli)
    assert settings["nom"] == {
        "key": "nom",
        "value": "Awa Diallo",
        "origin": "coach",
        "from": str(own_file),
    }
    assert settings["editeur"]["origin"] == "environment"  # EDITOR, set by the test's session
    assert settings["langue"] == {"key": "langue", "value": "fr", "origin": "default", "from": None}
    assert settings["smtp.port"]["value"] is None
    table = cli("config").stdout
    assert (
        "Awa Diallo" in table
        and "votre fichier" in table
        and "variable d'environnement EDITOR" in table
    )
    assert "jamais enregistré" in table  # the password's line


def test_without_xdg_the_file_is_in_the_home_config_folder(cli, isolated, monkeypatch):
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    cli("config", "set", "langue", "FR")
    assert (
        (isolated / ".config" / "garefil" / "config.toml")
        .read_text(encoding="utf-8")
        .endswith('langue = "fr"\n')
    )


def test_precedence_option_environment_own_file_notebook_default(
    cli, notebook, own_file, monkeypatch
):
    config = notebook / ".garefil" / "config.toml"
    text = config.read_text(encoding="utf-8").replace('referent = ""', 'referent = "Inès Moreau"')
    config.write_text(text + '\n[smtp]\nserveur = "smtp.cooperative.fr"\nport = 465\n', "utf-8")
    settings = shown(cli, "-C", str(notebook))
    assert (
        settings["referent"]["origin"] == "notebook"
        and settings["referent"]["value"] == "Inès Moreau"
    )
    assert settings["smtp.port"]["value"] == 465 and settings["smtp.port"]["origin"] == "notebook"
    cli("-C", notebook, "config", "set", "smtp.port", "587")
    assert shown(cli, "-C", str(notebook))["smtp.port"]["origin"] == "coach"
    monkeypatch.setenv("GAREFIL_SMTP_PORT", "2525")
    result = cli("-C", notebook, "config", "set", "smtp.port", "25")
    assert "GAREFIL_SMTP_PORT" in result.stderr  # the coach is told the environment still wins
    assert shown(cli, "-C", str(notebook))["smtp.port"] == {
        "key": "smtp.port",
        "value": 2525,
        "origin": "environment",
        "from": "GAREFIL_SMTP_PORT",
    }


def test_a_refused_value_is_one_french_line_and_nothing_is_written(cli, own_file):
    result = cli("config", "set", "smtp.port", "septante", code=5)
    message, hint = result.stderr.strip().splitlines()
    assert "smtp.port" in message and "un numéro de port" in message and "garefil config" in hint
    assert not own_file.exists()
    unknown = cli("config", "set", "couleur", "bleu", code=5).stderr
    assert "couleur" in unknown and "smtp.expediteur" in unknown  # the known keys are listed


def test_a_password_is_never_written(cli, own_file):
    result = cli("config", "set", "smtp.motdepasse", "secret", code=5)
    assert "GAREFIL_SMTP_PASSWORD" in result.stderr
    assert not own_file.exists()


def test_the_coachs_comments_and_layout_are_kept_and_nothing_is_left_beside(cli, own_file):
    own_file.parent.mkdir(parents=True)
    own_file.write_text('# mes réglages\nnom = "Awa Diallo"  # moi\n\n[smtp]\nport = 25\n', "utf-8")
    cli("config", "set", "smtp.securite", "none")
    cli("config", "unset", "nom")
    assert own_file.read_text(encoding="utf-8") == (
        '# mes réglages\n\n[smtp]\nport = 25\nsecurite = "aucune"\n'
    )
    assert os.listdir(own_file.parent) == ["config.toml"]


def test_my_name_is_checked_against_the_team(cli, notebook, own_file):
    cli("-C", notebook, "config", "membre", "ajouter", "Inès Moreau")
    cli("-C", notebook, "config", "set", "nom", "ines")
    assert 'nom = "Inès Moreau"' in own_file.read_text(encoding="utf-8")
    assert "Zoé" in cli("-C", notebook, "config", "set", "nom", "Zoé", code=5).stderr


def test_the_language_setting_chooses_the_messages_language(run_garefil, tmp_path, own_file):
    own_file.parent.mkdir(parents=True)
    own_file.write_text('langue = "en"\n', encoding="utf-8")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    english = run_garefil("-C", tmp_path / "nowhere", "list", env=env)
    assert english.returncode == 3 and "does not exist" in english.stderr
    french = run_garefil("-C", tmp_path / "nowhere", "list", env={**env, "GAREFIL_LANG": "fr"})
    assert "n'existe pas" in french.stderr  # the environment wins over the file


def test_a_broken_settings_file_is_named_and_stops_nothing_else(
    run_garefil, notebook, tmp_path, own_file
):
    own_file.parent.mkdir(parents=True)
    own_file.write_text('nom = "Awa\n', encoding="utf-8")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    listed = run_garefil("-C", notebook, "list", env=env)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    shown = run_garefil("-C", notebook, "config", env=env)
    assert shown.returncode == 5 and f"{own_file}:1" in shown.stderr
    assert "Traceback" not in shown.stderr


def test_the_editor_setting_opens_the_coachs_editor(cli, notebook, own_file, tmp_path, monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    writer = tmp_path / "mon editeur.py"
    writer.write_text(
        "import sys\nopen(sys.argv[1], 'a').write('Écrit par mon éditeur.\\n')\n", "utf-8"
    )
    cli("config", "set", "editeur", f"{sys.executable} '{writer}'")
    cli("-C", notebook, "new", "note", "--title", "Essai")
    (note,) = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert "Écrit par mon éditeur." in (notebook / note["path"]).read_text(encoding="utf-8")


def layers(coach: dict, environ: dict | None = None, notebook: dict | None = None) -> core.Layers:
    return core.Layers({}, environ or {}, coach, "mon-fichier", notebook or {}, "carnet")


def test_smtp_settings_are_one_frozen_value_with_the_ports_by_security():
    coach = {"smtp.serveur": "smtp.exemple.org", "smtp.expediteur": "Awa <awa@exemple.org>"}
    smtp = core.smtp_settings(core.resolve(layers({**coach, "smtp.securite": "SSL"})))
    assert smtp == core.SmtpSettings("smtp.exemple.org", 465, "ssl", None, "Awa <awa@exemple.org>")
    smtp = core.smtp_settings(core.resolve(layers(coach, {"GAREFIL_SMTP_LOGIN": "awa"})))
    assert (smtp.port, smtp.security, smtp.login) == (587, "starttls", "awa")
    with pytest.raises(SmtpNotSet) as missing:
        core.smtp_settings(core.resolve(layers({"smtp.serveur": "smtp.exemple.org"})))
    assert missing.value.params["key"] == "smtp.expediteur"
    assert core.smtp_password({"GAREFIL_SMTP_PASSWORD": "s3cret"}) == "s3cret"
    assert core.smtp_password({}) is None


def test_my_referent_setting_is_used_for_my_notes_unless_the_option_says_otherwise(
    cli, notebook, own_file
):
    cli("-C", notebook, "config", "membre", "ajouter", "Inès Moreau")
    cli("-C", notebook, "config", "membre", "ajouter", "Karim Benali")
    cli("-C", notebook, "config", "set", "referent", "ines")
    cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "--body", "x")
    cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "-r", "Karim Benali", "--body", "y")
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert sorted(n["referent"] for n in listed) == ["Inès Moreau", "Karim Benali"]


def test_what_config_set_writes_is_what_the_mail_sender_reads(cli, own_file):
    from garefil.cli.context import Services
    from garefil.core.mail import smtp_server

    for key, value in (
        ("smtp.serveur", "localhost"),
        ("smtp.port", "2525"),
        ("smtp.securite", "none"),
        ("smtp.expediteur", "Awa Diallo <awa@exemple.org>"),
    ):
        cli("config", "set", key, value)
    server = smtp_server(Services().smtp_settings(), None)
    assert (server.host, server.port, server.security) == ("localhost", 2525, "aucune")
    assert server.sender == "Awa Diallo <awa@exemple.org>"
    mine = shown(cli)
    assert mine["smtp.securite"]["value"] == "aucune"
