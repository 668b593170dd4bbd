"""E-mail addresses as a coach writes them: in a fiche, after `--email` or `--a`.

One rule, used where an address is written (`entrepreneur ajouter|modifier --email`, `cr envoye
--a`), where it is read (the fiche, before a report is sent) and by `jardin`: an address is
`local@domaine.tld`, without spaces, with one `@` and a domain of dotted names, in ASCII: an
accent is most often a typo, and few mail servers take one (SMTPUTF8). `mailto:` in front
and the « Chloé Martin <chloe@exemple.org> » form of mail programs are read too. An address this
rule refuses would be refused by the mail server, or worse, taken for another one: it is said
where it is written rather than found out when the report is sent.
"""

from __future__ import annotations

import re

# The keys hand-written fiches use for the address, in the order they are read.
EMAIL_KEYS = ("email", "e-mail", "courriel", "mail")
_LOCAL = r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"  # letters and digits, a hyphen inside: exemple, mon-site
_ADDRESS = re.compile(rf"{_LOCAL}@(?:{_LABEL}\.)+(?:[^\W\d_]{{2,}}|xn--[a-z0-9-]+)")
_NAMED = re.compile(r"[^<>]*<([^<>]*)>")  # « Chloé Martin <chloe@exemple.org> »


def address_of(written: object) -> str | None:
    """The address `written` gives (`mailto:` and a name around it left out), or None when it is
    not an address."""
    text = str(written or "").strip()
    named = _NAMED.fullmatch(text)
    if named:
        text = named.group(1).strip()
    text = text.removeprefix("mailto:")
    valid = text.isascii() and _ADDRESS.fullmatch(text) and "_" not in text.rpartition("@")[2]
    return text if valid else None


def written_address(metadata: dict) -> tuple[str, str] | None:
    """The (key, value) of the first address key a header fills in, as written, or None."""
    for key in EMAIL_KEYS:
        value = metadata.get(key)
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if value is not None and str(value).strip():
            return key, str(value).strip()
    return None
