"""A teammate's config.toml, however wrong, gives one French sentence naming the line: never
the parser's English, never an unexpected error, never a folder made from a wrong value."""

from __future__ import annotations

import pytest

BROKEN = {
    "nul-byte": ('[types.cr]\nfolder = "a\\u0000b"\n', 2, "types.cr.folder", "NUL"),
    "too-long": (f'[types.cr]\nfolder = "{"a" * 300}"\n', 2, "types.cr.folder", "255"),
    "number": ("[types.cr]\nfolder = 5\n", 2, "types.cr.folder", "texte entre guillemets"),
    "bad-value": ("[sync]\ngenerated =\n", 2, "TOML", "guillemets fermés"),
    "twice": ("[team]\nmembers = []\n", 1, "TOML", "une seule fois"),
    "not-a-table": ('team = "x"\n', 1, "team", "section"),
}
ENGLISH = ("Invalid value", "Cannot declare", "object has no attribute", "embedded null", "Errno")


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_wrong_setting_is_one_french_line_naming_it(cli, notebook, name):
    added, line, named, said = BROKEN[name]
    config = notebook / ".garefil" / "config.toml"
    original = config.read_text(encoding="utf-8")
    if name == "not-a-table":  # at the top: below a [section], it would belong to it
        original = original.replace("[team]\n", "").replace("members = []\n", "")
        config.write_text(added + original, encoding="utf-8")
        expected_line = line
    else:
        config.write_text(original + "\n" + added, encoding="utf-8")
        expected_line = original.count("\n") + 1 + line
    result = cli("-C", notebook, "new", "cr", "--title", "t", "--no-edit", code=5)
    assert f"config.toml:{expected_line} :" in result.stderr, result.stderr
    assert named in result.stderr and said in result.stderr, result.stderr
    assert not any(english in result.stderr for english in ENGLISH), result.stderr
    assert not (notebook / "5").exists()
