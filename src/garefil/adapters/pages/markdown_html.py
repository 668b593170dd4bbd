"""A note's Markdown as safe HTML: markdown-it renders, nh3 sanitises, links are resolved.

A note is written by any teammate, or by another tool: whatever it holds, its page runs no
script. markdown-it lets the inline HTML coaches sometimes type through, then nh3 keeps only
harmless tags and attributes (no `<script>`, no `on…` handlers, no `style`) and only link schemes
that open a page or a mail (no `javascript:`).

Relative links are resolved against the note's folder: a link to another published note leads to
its page, a link to a document of the notebook (a plain file inside it, never a symbolic link)
leads to its copy under `documents/`, and anything else is left as text.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

import nh3
from markdown_it import MarkdownIt

from garefil.core.site_model import note_url

_URL_SCHEMES = {"http", "https", "mailto"}
_MARKDOWN = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


@dataclass
class Rendered:
    """A note's body as HTML, and what it links to in the notebook."""

    html: str
    notes: list[str] = field(default_factory=list)  # paths of the notes it links to
    documents: list[str] = field(default_factory=list)  # paths of the documents it links to


def render(
    body: str, path: str, is_note: Callable[[str], bool], is_document: Callable[[str], bool]
) -> Rendered:
    """The body of the note at `path` as sanitised HTML for a page one folder down."""
    rendered = Rendered("")
    tokens = _MARKDOWN.parse(body)
    for token in _all(tokens):
        for attribute in ("href", "src"):
            target = token.attrGet(attribute)
            if isinstance(target, str):
                token.attrSet(attribute, _resolve(target, path, is_note, is_document, rendered))
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    rendered.html = nh3.clean(
        html, url_schemes=_URL_SCHEMES, link_rel="noopener noreferrer nofollow"
    )
    return rendered


def _all(tokens):
    for token in tokens:
        yield token
        yield from _all(token.children or [])


def _resolve(target, path, is_note, is_document, rendered: Rendered) -> str:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("#", "/")) or not parts.path:
        return target  # absolute: nh3 decides; an anchor on the same page stays
    wanted = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
    anchor = f"#{parts.fragment}" if parts.fragment else ""
    if wanted.endswith(".md"):
        rendered.notes.append(wanted)  # published or not: its page changes when that does
    if is_note(wanted):
        return "../" + quote(note_url(wanted)) + anchor
    if is_document(wanted):
        rendered.documents.append(wanted)
        return "../documents/" + quote(wanted)
    return "#introuvable"
