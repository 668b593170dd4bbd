"""YAML as garefil reads and writes it: the C safe loader, and a house style for new lines.

Imported only when a note's header is read or written (YAML costs about 10 ms to import).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from .errors import N_
from .frontmatter_text import FrontMatterError

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster
# A header is a few dozen values; aliases can make a 700-byte text stand for billions of them
# ("billion laughs"). Walking past this many values means the header is refused, not expanded.
MAX_VALUES = 100_000
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]+", re.MULTILINE)

# PyYAML's problems, as a coach can act on them (msgids: the CLI translates them).
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", N_("a ':' is missing, or a value with ': ' needs quotes")),
    ("could not find expected ':'", N_("a ':' is missing after a field")),
    ("tab", N_("a tab cannot indent YAML: use spaces")),
    ("'\\t'", N_("a tab cannot indent YAML: use spaces")),
    ("end of stream", N_("the text stops too early: a quote or a bracket is not closed")),
    ("expected ',' or", N_("a comma or a closing bracket is missing in a [ … ] or { … } list")),
    ("duplicate anchor", N_("an anchor (&name) is defined twice")),
    ("second occurrence", N_("an anchor (&name) is defined twice")),
    ("undefined alias", N_("an alias (*name) refers to no anchor (&name)")),
    ("cannot start any token", N_("a value starts with a character that needs quotes")),
    ("unknown escape", N_("a quoted value holds an unknown escape (\\…)")),
    ("could not determine a constructor", N_("a value has an unknown tag (!…)")),
    ("nesting depth", N_("the front-matter is nested too deeply")),
    ("expected <block end>", N_("a line is not indented like the ones around it")),
    ("expected '-' indicator", N_("a line is not indented like the ones around it")),
    ("did not find expected key", N_("a line is not indented like the ones around it")),
)
TAB_INDENT = N_("a tab cannot indent YAML: use spaces")
UNREADABLE_YAML = N_("the front-matter is not valid YAML")
_BAD_DATE = N_("this date does not exist")
_BAD_NUMBER = N_("this number is too long to be read")
_BAD_VALUE = N_("this value cannot be read")
TOO_MANY_VALUES = N_("anchors and aliases (&name, *name) repeat too many values")


# The header's keys whose values are words: YAML 1.1 reads `yes`, `no`, `on` as booleans, which
# would show as « True » and make the tag `true`; there they are the words the header writes.
# (`true` and `false` stay booleans: what garefil writes for one reads back as one.)
WORD_KEYS = frozenset(
    ("id", "type", "title", "entrepreneur", "referent", "author", "participants", "status", "tags")
)
_BOOLEAN_WORDS = ("true", "false")
_BOOL = "tag:yaml.org,2002:bool"
_STR = "tag:yaml.org,2002:str"


class _Loader(_BASE_LOADER):
    """The safe loader; a value it cannot build (2024-13-45) is an error at that value's line."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int]] = []  # (key, 0-based line) of each key repeated
        self._header: yaml.Node | None = None

    def construct_document(self, node: yaml.Node) -> Any:
        self._header = node
        return super().construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """The mapping, noting every key written twice: PyYAML keeps the last value silently,
        and garefil must say so rather than lose the first one unseen. In the header's own
        mapping, the words of WORD_KEYS are kept as written."""
        if node is self._header:
            _words_as_written(node)
        seen: set[str] = set()
        for key_node, _value in node.value:
            # Keys that differ only by capitals (title / Title) are one key to a coach.
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag.endswith(":str"):
                key = key_node.value.casefold()
                if key in seen and key != "<<":
                    self.duplicates.append((key_node.value, key_node.start_mark.line))
                seen.add(key)
        return super().construct_mapping(node, deep)

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        """The tag of a value written without one; a plain scalar's comes from its text alone,
        and the same few (types, names, statuses, tags) recur in every header: kept."""
        if kind is not yaml.ScalarNode or not implicit[0]:
            return super().resolve(kind, value, implicit)
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_PLAIN_TAGS) >= _PLAIN_TAGS_KEPT:  # a full build's ids and titles
                _PLAIN_TAGS.clear()
            _PLAIN_TAGS[value] = tag
        return tag


_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_KEPT = 4096


def _said_at_its_line(construct: Any) -> Any:
    """`construct`, raising a value it cannot build (2024-13-45, a number of 5,000 digits, a
    word tagged as what it is not: `!!bool maybe`, `!!timestamp abc`) as the YAML error at that
    value's line. Only numbers, dates and booleans can fail so (PyYAML's other constructors say
    their own errors): wrapping these rather than every value's constructor keeps the other
    values at PyYAML's speed."""

    def constructing(loader: _Loader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        # PyYAML looks a tagged boolean up in a dict (KeyError) and uses a tagged date's match
        # without checking there was one (AttributeError).
        except (ValueError, OverflowError, KeyError, AttributeError) as error:
            raise yaml.constructor.ConstructorError(
                None, None, _value_problem(node, error), node.start_mark
            ) from error

    return constructing


for _tag in (f"tag:yaml.org,2002:{name}" for name in ("int", "float", "timestamp", "bool")):
    _Loader.add_constructor(_tag, _said_at_its_line(_Loader.yaml_constructors[_tag]))


def _words_as_written(header: yaml.MappingNode) -> None:
    """Each word YAML 1.1 takes for a boolean (`yes`, `off`…) in a WORD_KEYS value, alone or
    in a list, read as the string it is written as (without its `# comment`)."""
    for key_node, value_node in header.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not (isinstance(key, str) and key.casefold() in WORD_KEYS):
            continue
        items = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for item in items:
            if isinstance(item, yaml.ScalarNode) and item.tag == _BOOL:
                item.tag = _STR if item.value.lower() not in _BOOLEAN_WORDS else item.tag


def _value_problem(node: yaml.Node, error: Exception) -> str:
    if node.tag.endswith(":timestamp"):
        return _BAD_DATE
    return _BAD_NUMBER if "digits" in str(error) else _BAD_VALUE


def load_mapping(yaml_text: str, first_line: int) -> dict[str, Any]:
    """The `key: value` mapping of a header; FrontMatterError with the file line if not."""
    return load_header(yaml_text, first_line)[0]


def load_header(
    yaml_text: str, first_line: int
) -> tuple[dict[str, Any], tuple[tuple[str, int], ...]]:
    """The mapping of a header and the keys written twice in it, each with its file line."""
    loader = _Loader(yaml_text)
    try:
        data = loader.get_single_data()
    except (yaml.YAMLError, RecursionError) as error:
        raise _front_matter_error(error, first_line, yaml_text) from error
    finally:
        loader.dispose()
    twice = tuple((str(key), first_line + line) for key, line in loader.duplicates)
    return _checked(data, yaml_text, first_line), twice


def _checked(data: Any, yaml_text: str, first_line: int) -> dict[str, Any]:
    """`data` as a header's mapping; FrontMatterError when it is not one, or too big."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(first_line, N_("expected `field: value` lines"))
    alias = _ALIAS.search(yaml_text)  # without aliases nothing is repeated: no walk
    if alias and not _within_budget(data):
        line = yaml_text.count("\n", 0, alias.start() + 1)
        raise FrontMatterError(first_line + line, TOO_MANY_VALUES)
    return {str(key): value for key, value in data.items()}


def _front_matter_error(error: BaseException, first_line: int, text: str) -> FrontMatterError:
    """The French-translatable problem at its file line; PyYAML's own words stay in `original`."""
    tab = _tab_indented(error, text)
    if tab is not None:
        return FrontMatterError(first_line + tab, TAB_INDENT, str(error))
    problem = getattr(error, "problem", None) or ""
    marks = ("problem_mark", "context_mark")
    # Where the value began says more than where the parser gave up on it.
    if any(words in problem for words in ("end of stream", "expected ':'", "expected ','")):
        marks = marks[::-1]
    mark = next((m for name in marks if (m := getattr(error, name, None))), None)
    line = first_line + (mark.line if mark else 0)
    original = str(error)
    if problem in (_BAD_DATE, _BAD_NUMBER, _BAD_VALUE):
        return FrontMatterError(line, problem, str(error.__cause__ or original))
    said = f"{problem} {getattr(error, 'context', None) or ''} {original}"
    known = next((ours for theirs, ours in _PROBLEMS if theirs in said), UNREADABLE_YAML)
    return FrontMatterError(line, known, original)


def _tab_indented(error: BaseException, text: str) -> int | None:
    """The line (0-based) where the parser stopped, if a tab indents it: the C parser says only
    that a character « cannot start any token », which sends the coach looking for quotes."""
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return None
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return mark.line if "\t" in indent else None


def _within_budget(data: Any) -> bool:
    """Whether `data` holds at most MAX_VALUES values (a long text counting as several)
    once every alias is followed."""
    budget = MAX_VALUES
    stack = [data]
    while stack:
        value = stack.pop()
        budget -= 1 + (len(value) // 100 if isinstance(value, str) else 0)  # long texts weigh
        if budget < 0:
            return False
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple | set):
            stack.extend(value)
    return True


class _HouseDumper(yaml.SafeDumper):
    """Short lists of words on one line (`tags: [urssaf, cpam]`), everything else in blocks."""


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    short = all(isinstance(i, str | int | float) and len(str(i)) <= 40 for i in items)
    flow = short and sum(len(str(i)) + 2 for i in items) <= 80
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_HouseDumper.add_representer(list, _represent_list)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    # python-frontmatter strips the whole header with str.strip(), which also takes Unicode
    # blanks (a no-break space) off a plain value written last: "\xa0" came back as null.
    style = '"' if text and text != text.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_HouseDumper.add_representer(str, _represent_text)
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
    if yaml.load(text, Loader=_Loader) != data:  # noqa: S506 - a safe loader
        return _DUMP_OPTIONS | {"allow_unicode": False}
    return _DUMP_OPTIONS


def dump(data: Mapping[str, Any]) -> str:
    """YAML for `data` that reads back as `data`."""
    return yaml.dump(dict(data), **_options(data))


def render_note(metadata: Mapping[str, Any], body: str) -> str:
    """A whole note written by python-frontmatter, in the house style."""
    import frontmatter  # only notes being written need it: reading takes YAML alone (4 ms)

    post = frontmatter.Post(body.strip("\n"), **dict(metadata))
    text = frontmatter.dumps(post, handler=frontmatter.YAMLHandler(), **_options(metadata))
    return text.rstrip("\n") + "\n"
