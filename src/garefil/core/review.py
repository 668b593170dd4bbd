"""`garefil jardin`: what keeps the notebook from being tidy, complete and findable.

Every check reads the catalogue (the notes' fields, the reader's remarks, each file's hash),
never a note file — but the few whose text's key another shares (review_texts.py): ten
thousand notes are checked in well under a second. Each check is a
function from a `Garden` to findings (review_checks.py), listed in `CHECKS`, like `suivi`'s. A
finding names its file and line, says why in a msgid, gives the command that fixes it and, when
the fix is safe (a spelling, a tag, a missing id), the front-matter change `jardin --corriger`
applies (see review_fixes.py). The values are in review_model.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from .review_checks import (
    DEFAULT_REQUIRED,
    N_DUPLICATE,
    N_TOML,
    close_spellings,
    conflict_copies,
    duplicates,
    followup_facts,
    missing_documents,
    missing_ids,
    near_duplicates,
    remarks,
    required_fields,
    shared_ids,
    spellings,
    symbolic_links,
    undated_imports,
    unfixed_where_never_rewritten,
    unknown_types,
    unreadable,
    unsafe_ids,
)
from .review_model import Check, Finding, Garden
from .review_texts import same_texts

# What other modules read here: the values, and what `show` and `new` say or ask as jardin does.
__all__ = ["CHECKS", "DEFAULT_REQUIRED", "KINDS", "N_DUPLICATE", "N_TOML", "Finding", "Garden",
           "by_kind", "garden_findings"]  # fmt: skip

# The kinds, in the order they are shown.
KINDS = (
    "lien-symbolique",
    "illisible",
    "cle-en-double",
    "entete-toml",
    "date-illisible",
    "date-inconnue",
    "type-inconnu",
    "champ-manquant",
    "sans-id",
    "id-invalide",
    "etiquette",
    "orthographe",
    "nom-proche",
    "referent-hors-equipe",
    "cr-vide",
    "brouillon-ancien",
    "rdv-sans-cr",
    "action-historique",
    "lien-casse",
    "pad-sans-url",
    "adresse-invalide",
    "id-en-double",
    "doublon",
    "doublon-probable",
    "copie-de-conflit",
)

CHECKS: list[Check] = [
    symbolic_links,
    unreadable,
    remarks,
    missing_documents,
    unknown_types,
    required_fields,
    undated_imports,
    missing_ids,
    unsafe_ids,
    spellings,
    close_spellings,
    followup_facts,
    shared_ids,
    duplicates,
    near_duplicates,
    same_texts,
    conflict_copies,
]


def garden_findings(garden: Garden) -> list[Finding]:
    """Every finding, grouped by kind (in KINDS order), then by path and line."""
    found = [finding for check in CHECKS for finding in check(garden)]
    found = unfixed_where_never_rewritten(garden, found)
    # A link is only ever said to be one: what it leads to is not its own note.
    found = [f for f in found if f.kind == "lien-symbolique" or not garden.is_link(f.path)]
    return sorted(found, key=lambda f: (KINDS.index(f.kind), f.path, f.line))


def by_kind(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """The findings grouped by kind, in KINDS order."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.kind, []).append(finding)
    return groups
