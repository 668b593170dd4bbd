"""YAML as garefil reads and writes it: the C safe loader, and a house style for new lines.

Imported only when a note's header is read or written (YAML costs about 10 ms to import).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import frontmatter
import yaml

from .frontmatter_text import FrontMatterError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster


def load_mapping(yaml_text: str, first_line: int) -> dict[str, Any]:
    """The `key: value` mapping of a header; FrontMatterError with the file line if not."""
    try:
        data = yaml.load(yaml_text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FrontMatterError(line, str(problem)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(first_line, "expected `key: value` lines")
    return {str(key): value for key, value in data.items()}


class _HouseDumper(yaml.SafeDumper):
    """Short lists of words on one line (`tags: [urssaf, cpam]`), everything else in blocks."""


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    short = all(isinstance(i, str | int | float) and len(str(i)) <= 40 for i in items)
    flow = short and sum(len(str(i)) + 2 for i in items) <= 80
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_HouseDumper.add_representer(list, _represent_list)
_DUMP_OPTIONS: dict[str, Any] = {
    "Dumper": _HouseDumper,
    "allow_unicode": True,
    "default_flow_style": False,
    "sort_keys": False,
    "width": 10_000,
}


def _options(data: Mapping[str, Any]) -> dict[str, Any]:
    """House options, with escaping for the rare values PyYAML would not read back as written.

    With allow_unicode, PyYAML writes some characters raw (NEL, line separators…) and then reads
    them back as line breaks; escaping keeps such values exact.
    """
    text = yaml.dump(dict(data), **_DUMP_OPTIONS)
    if yaml.load(text, Loader=_LOADER) != data:  # noqa: S506 - a safe loader
        return _DUMP_OPTIONS | {"allow_unicode": False}
    return _DUMP_OPTIONS


def dump(data: Mapping[str, Any]) -> str:
    """YAML for `data` that reads back as `data`."""
    return yaml.dump(dict(data), **_options(data))


def render_note(metadata: Mapping[str, Any], body: str) -> str:
    """A whole note written by python-frontmatter, in the house style."""
    post = frontmatter.Post(body.strip("\n"), **dict(metadata))
    text = frontmatter.dumps(post, handler=frontmatter.YAMLHandler(), **_options(metadata))
    return text.rstrip("\n") + "\n"
