"""Generate a realistic French notebook for benchmarks: `python benchmarks/corpus.py N DIR`.

N notes of 200–600 words with accents, elisions, hyphenated compounds and URLs, front-matter like
the team's notes (about 40 tags, 200 entrepreneurs, 6 coaches), a few files in decomposed (NFD)
Unicode as some editors write them, all committed in a fresh git repository. The same N and seed
always give the same notebook, so runs can be compared.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from garefil.core import ids  # noqa: E402
from garefil.core.config import DEFAULT_CONFIG_TOML  # noqa: E402
from garefil.core.frontmatter_text import render  # noqa: E402
from garefil.core.notetypes import BUILTIN_TYPES  # noqa: E402

FIRST = [
    "Léa",
    "Hugo",
    "Chloé",
    "Mehdi",
    "Inès",
    "Bastien",
    "Yasmine",
    "Camille",
    "Nathalie",
    "Olivier",
    "Fatou",
    "Romain",
    "Zoé",
    "Théo",
    "Maëlle",
    "Jérôme",
    "Agnès",
    "Noël",
    "Françoise",
    "Loïc",
    "Céline",
    "Rémi",
    "Anaïs",
    "Gaël",
    "Hélène",
]
LAST = [
    "Fontaine",
    "Haddad",
    "Marchand",
    "Roux",
    "Cherif",
    "Lefèvre",
    "Perrin",
    "Gauthier",
    "Besson",
    "Ndiaye",
    "Vidal",
    "Mercier",
    "Bérard",
    "Leclerc",
    "Faure",
    "Guérin",
    "Boyer",
    "Lemaître",
    "Caron",
    "Benoît",
    "Dufrêne",
    "Clément",
    "Rivière",
]
COACHES = [
    "Awa Diallo",
    "Inès Moreau",
    "Karim Benali",
    "Sophie Laurent",
    "Thomas Girard",
    "Éloïse Chevalier",
]
TAGS = [
    "pole-emploi",
    "urssaf",
    "cpam",
    "caf",
    "are",
    "acre",
    "tarifs",
    "assurance",
    "local",
    "formation",
    "hygiene",
    "comptabilite",
    "tresorerie",
    "devis",
    "facturation",
    "statut-salarie",
    "mutuelle",
    "retraite",
    "prevoyance",
    "subvention",
    "pret-honneur",
    "banque",
    "site-web",
    "communication",
    "reseau",
    "clients",
    "fournisseurs",
    "export",
    "numerique",
    "artisanat",
    "restauration",
    "batiment",
    "sante",
    "bien-etre",
    "culture",
    "transport",
    "agriculture",
    "sortie-coop",
    "entree-coop",
    "bilan",
    "relance",
]
VOCAB = [
    "accompagnement",
    "entrepreneur",
    "entrepreneuse",
    "coopérative",
    "réunion",
    "équipe",
    "décision",
    "prévisionnel",
    "chiffre",
    "d'affaires",
    "trésorerie",
    "cotisations",
    "déclaration",
    "attestation",
    "rémunération",
    "salaire",
    "contrat",
    "d'appui",
    "activité",
    "clientèle",
    "démarchage",
    "tarif",
    "devis",
    "facture",
    "commande",
    "fournisseur",
    "matériel",
    "véhicule",
    "assurance",
    "responsabilité",
    "mutuelle",
    "prévoyance",
    "arrêt",
    "maladie",
    "indemnités",
    "journalières",
    "allocation",
    "reliquat",
    "droits",
    "actualisation",
    "mensuelle",
    "conseiller",
    "référent",
    "rendez-vous",
    "compte-rendu",
    "relance",
    "courriel",
    "téléphone",
    "visio",
    "local",
    "atelier",
    "marché",
    "salon",
    "réseau",
    "partenaire",
    "banque",
    "prêt",
    "subvention",
    "formation",
    "qualification",
    "créée",
    "créé",
    "créer",
    "envoyée",
    "envoyé",
    "signée",
    "signé",
    "validée",
    "validé",
    "prévue",
    "prévu",
    "reçue",
    "reçu",
    "œuvre",
    "cœur",
    "sœur",
    "élève",
    "échéance",
    "été",
    "hiver",
    "printemps",
    "automne",
    "août",
    "février",
    "décembre",
    "difficulté",
    "réussite",
    "projet",
    "étape",
    "objectif",
    "priorité",
    "inquiétude",
    "sérénité",
    "énergie",
    "administratif",
    "comptable",
    "juridique",
    "fiscal",
    "social",
    "économique",
    "numérique",
    "écologique",
    "l'entreprise",
    "l'activité",
    "l'accompagnatrice",
    "d'abord",
    "qu'il",
    "n'est",
    "s'inscrire",
    "j'ai",
    "c'est",
    "aujourd'hui",
    "jusqu'à",
    "lorsqu'elle",
    "presqu'île",
    "peut-être",
    "vis-à-vis",
    "rendez-vous",
    "grâce",
    "à",
    "déjà",
    "très",
    "également",
    "après",
    "même",
    "être",
    "avoir",
    "faire",
    "pouvoir",
]
LINKS = [
    "https://www.pole-emploi.fr/candidat",
    "https://www.urssaf.fr/accueil",
    "https://pad.example.org/p/accompagnement",
    "accompagnement@coop.example.org",
]
FUNCTION = [
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "un",
    "une",
    "et",
    "à",
    "pour",
    "avec",
    "sur",
    "dans",
    "par",
    "en",
    "au",
    "aux",
]


def entrepreneurs(rng: random.Random, count: int = 200) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    return sorted(names)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(VOCAB if i % 2 == 0 else FUNCTION) for i in range(rng.randint(8, 18))]
    if rng.random() < 0.08:
        words.append(rng.choice(LINKS))
    if rng.random() < 0.1:
        words.append(rng.choice(["Pôle Emploi", "France Travail", "l'URSSAF", "la CPAM"]))
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, title: str) -> str:
    words_wanted = rng.randint(200, 600)
    paragraphs, count = [f"# {title}", "", "## Échanges", ""], 0
    while count < words_wanted:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        count += len(paragraph.split())
        paragraphs += [paragraph, ""]
    return "\n".join(paragraphs)


def register(rng: random.Random, kind: str, decision: str | None, day: date) -> str:
    """The decisions, actions (and a meeting's roles) written under their headings, with ids,
    as the team writes them (docs/reunions.md): cr and reunion notes only."""
    if decision is None:
        return ""
    lines = ["", "## Décisions", "", f"- {decision} ^d-{ids.random_suffix(rng.choice)}"]
    if rng.random() < 0.2:
        lines.append(f"- Proposée : {sentence(rng)} ^d-{ids.random_suffix(rng.choice)}")
    lines += ["", "## Actions", ""]
    for _ in range(rng.randint(1, 3)):
        box = "x" if rng.random() < 0.6 else " "
        due = (day + timedelta(days=rng.randint(3, 30))).isoformat()
        what = " ".join(rng.choice(VOCAB) for _ in range(4))
        suffix = ids.random_suffix(rng.choice)
        lines.append(f"- [{box}] {rng.choice(COACHES)} — {what} — {due} ^a-{suffix}")
    if kind == "reunion":
        roles = rng.sample(COACHES, 3)
        lines += ["", "## Rôles", ""]
        lines += [f"- {label} : {name}" for label, name in zip(ROLE_NAMES, roles, strict=True)]
    return "\n".join(lines) + "\n"


ROLE_NAMES = ("Animation", "Prise de notes", "Gardien·ne du temps")


def note(rng: random.Random, index: int, people: list[str], start: date) -> tuple[str, str]:
    kind = rng.choices(
        ["cr", "rdv", "reunion", "demande", "fiche", "pad", "note"], [40, 20, 10, 10, 8, 4, 8]
    )[0]
    day = start + timedelta(days=rng.randint(0, 3 * 365))
    who = rng.choice(people)
    title = f"{rng.choice(['Point', 'Suivi', 'Bilan', 'Question'])} {rng.choice(VOCAB)}"
    note_id = f"{day.isoformat()}-{kind}-{ids.random_suffix(rng.choice)}"
    metadata = {
        "id": note_id,
        "type": kind,
        "title": title,
        "date": datetime.combine(day, datetime.min.time()).replace(hour=14)
        if kind == "rdv"
        else day,
        "entrepreneur": who,
        "referent": rng.choice(COACHES),
        "author": rng.choice(COACHES),
        "tags": rng.sample(TAGS, rng.randint(1, 3)),
        "status": rng.choice(["brouillon", "envoye"]) if kind == "cr" else None,
    }
    decision = sentence(rng) if kind in ("cr", "reunion") else None
    text = render(
        {k: v for k, v in metadata.items() if v is not None},
        body(rng, title) + register(random.Random(index), kind, decision, day),
    )
    if index % 20 == 0:  # some editors write decomposed accents
        text = unicodedata.normalize("NFD", text)
    path = ids.note_path(BUILTIN_TYPES[kind], day, f"{who} {title}", note_id)
    return path, text


def generate(count: int, folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    people = entrepreneurs(rng)
    (folder / ".garefil").mkdir(parents=True, exist_ok=True)
    (folder / ".garefil" / "config.toml").write_text(
        DEFAULT_CONFIG_TOML.format(name="Corpus de test"), encoding="utf-8"
    )
    (folder / ".gitignore").write_text("/.garefil/index/\n/.garefil/*.lock\n", encoding="utf-8")
    for index in range(count):
        path, text = note(rng, index, people, date(2021, 1, 1))
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    git = ["git", "-C", str(folder), "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    # Packed in the foreground: an automatic `git gc` would otherwise run in the background
    # while the benchmark times garefil.
    subprocess.run(
        [*git, "-c", "gc.auto=0", "commit", "-q", "-m", f"corpus de {count} notes"], check=True
    )
    subprocess.run([*git, "gc", "-q"], check=True)


def foreign_notes(count: int, folder: Path, seed: int = 11) -> None:
    """`count` notes as other tools leave them, for `garefil import`: YAML or TOML headers with
    title/date/tags/categories, no header (dated by the file name), CRLF, Latin-1, in folders
    named like a team's (reunions/, cr/, ca/)."""
    rng = random.Random(seed)
    for index in range(count):
        day = date(2018, 1, 1) + timedelta(days=rng.randint(0, 5 * 365))
        title = f"{rng.choice(['Point', 'Suivi', 'Réunion', 'CA'])} {rng.choice(VOCAB)} {index}"
        text = body(rng, title)
        tags = rng.sample(TAGS, 2)
        style = index % 5
        if style == 0:
            text = f"---\ntitle: {title}\ndate: {day}\ntags: [{', '.join(tags)}]\n---\n{text}"
        elif style == 1:
            text = f'+++\ntitle = "{title}"\ndate = {day}\ncategories = ["{tags[0]}"]\n+++\n{text}'
        elif style == 2:
            text = text.replace("\n", "\r\n")
        name = f"{rng.choice(['reunions', 'cr', 'ca', 'divers'])}/{day} {title}.md"
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        encoding = "latin-1" if style == 3 and text.isascii() is False else "utf-8"
        target.write_bytes(text.encode(encoding, errors="replace"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.count, args.folder, args.seed)


if __name__ == "__main__":
    main()
