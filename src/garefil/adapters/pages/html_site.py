"""Writes the HTML site from the core's pages (core/site.py), with Jinja2 templates.

Only what changed is written: the manifest (manifest.py, in the site's folder) keeps each page's
key, and for each note page the notes it links to and its share of the search index. A page
whose key is the same and whose links still lead where they did is left as it is; the search
index is rewritten shard by shard, only the shards of the notes rewritten or removed. Every file
is written whole or not at all (temporary file, then rename), and the folder holds a
`.gitignore` that ignores it all, so a site built inside the notebook is never shared by `sync`.

A folder that holds files but no manifest is somebody else's: it is refused, never emptied.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from garefil.core import frontmatter_text
from garefil.core.documents import KEY as DOCUMENTS
from garefil.core.errors import GarefilError, NotInNotebook, SiteFolderTaken, UnsafePath
from garefil.core.frontmatter_text import FrontMatterError
from garefil.core.model import Note
from garefil.core.notebook import Notebook
from garefil.core.site import Page, changed
from garefil.core.site_publishing import SITE_VERSION, SiteOptions, card, masked
from garefil.core.site_values import shown_values

from . import markdown_html, search_index
from .labels import labels
from .manifest import FORMER_NAME, Manifest, open_manifest
from .manifest import NAME as MANIFEST

ASSETS = ("style.css", "recherche.js")
# The folders whose files only a build writes: pages by kind, and the search index's shards.
GENERATED_FOLDERS = (
    *("notes", "etiquettes", "entrepreneurs", "referents", "pages"),
    "assets/recherche",
)
HERE = Path(__file__).parent / "site"
# Up to this many pages written, each is flushed to disk on its own; past it, one `sync` is
# cheaper than thousands of fsyncs.
FLUSHED_ONE_BY_ONE = 50


@dataclass(frozen=True)
class SiteReport:
    """What a build did."""

    folder: Path
    pages: int
    written: int
    removed: int


class SiteWriter:
    """The site's folder: its manifest, its pages, its documents and its search index."""

    def __init__(self, notebook: Notebook, folder: Path, name: str) -> None:
        self.notebook = notebook
        self.folder = folder
        self.name = name
        self._templates = None
        self._written: list[Path] = []  # since the last flush
        self._ids: dict[str, tuple[str, str]] = {}  # published notes' (url, path), by id

    def lists_key(self) -> str | None:
        """The key of the list pages the last build wrote (None: no build yet)."""
        manifest = self._open()
        try:
            return manifest.get("lists")
        finally:
            manifest.abandon()

    def build(
        self,
        pages: list[Page],
        options: SiteOptions,
        lists_key: str = "",
        progress: Callable[[int, int], None] | None = None,
    ) -> SiteReport:
        """Write the pages whose inputs changed, remove the pages that are gone. Without list
        pages among `pages` (their key is `lists_key`, as last time), the list pages are kept.
        `progress(done, total)` counts the pages written."""
        manifest = self._open()
        try:
            report = self._build(manifest, pages, options, lists_key, progress)
        except BaseException:
            manifest.abandon()
            raise
        manifest.commit()
        return report

    def _build(
        self, manifest: Manifest, pages, options: SiteOptions, lists_key, progress
    ) -> SiteReport:
        published = {p.note.path for p in pages if p.note}
        self._ids = {p.note.id: (p.url, p.note.path) for p in pages if p.note and p.note.id}
        stale = {u for u, links in manifest.links().items() if not _links_hold(links, published)}
        previous = {u: k for u, k in manifest.keys().items() if u not in stale}
        keep = set() if any(p.note is None for p in pages) else set(manifest.list_pages())
        to_write, to_remove = changed(previous, pages)
        to_remove = [u for u in to_remove if u not in keep]
        touched = manifest.shards_of(to_remove)
        for done, page in enumerate(to_write):
            touched |= self._write_page(page, manifest, options, published)
            if progress and done % 20 == 0:  # a bar redrawn more often shows nothing more
                progress(done, len(to_write))
        for url in to_remove:
            (self.folder / url).unlink(missing_ok=True)
        manifest.remove(to_remove)
        self._finish(manifest, touched, len(to_write))
        manifest.put("lists", lists_key)
        return SiteReport(self.folder, len(pages) + len(keep), len(to_write), len(to_remove))

    def _open(self) -> Manifest:
        """The folder's manifest, made for a first build; SiteFolderTaken if the folder holds
        files and no manifest."""
        if self.folder.is_symlink():
            raise UnsafePath(path=str(self.folder), root=str(self.notebook.root))
        self.folder.mkdir(parents=True, exist_ok=True)
        ours = (self.folder / MANIFEST).is_file() or (self.folder / FORMER_NAME).is_file()
        if not ours and any(e.name != ".gitignore" for e in os.scandir(self.folder)):
            raise SiteFolderTaken(folder=str(self.folder))
        # Created at once, so that a first build cut short is still known as ours next time.
        manifest = open_manifest(self.folder / MANIFEST)
        (self.folder / FORMER_NAME).unlink(missing_ok=True)
        # Every page shows the notebook's name in the coach's language: a new name or another
        # language, like a new version, rewrites all.
        built_as = {"version": SITE_VERSION, "name": self.name, "lang": labels()["lang"]}
        if any(manifest.get(key) != value for key, value in built_as.items()):
            manifest.clear()
            self._forget_pages()
            for key, value in built_as.items():
                manifest.put(key, value)
        return manifest

    def _forget_pages(self) -> None:
        """Remove the pages and index shards an earlier build made, before writing them all
        again: the pages of this version may have other addresses (nothing else is touched)."""
        for folder in GENERATED_FOLDERS:
            for path in (self.folder / folder).glob("*"):
                if path.suffix in (".html", ".js") and path.is_file() and not path.is_symlink():
                    path.unlink()

    def _write_page(self, page: Page, manifest: Manifest, options: SiteOptions, published):
        """Write one page; the search-index shards its note's share is in, before and after."""
        if page.note is None:
            html = self._render(f"{page.kind if page.kind == 'home' else 'list'}.html", page)
            manifest.set_key(page.url, page.key)
            self._put(page.url, html.encode("utf-8"))
            return set()
        touched = {search_index.shard_of(page.url)}
        self._put(page.url, self._note_html(page, manifest, options, published).encode("utf-8"))
        return touched

    def _note_html(self, page: Page, manifest: Manifest, options: SiteOptions, published) -> str:
        path, note = page.note.path, page.note
        try:
            note, body = self._read(note, options)
        except (GarefilError, OSError):
            body = ""  # changed since the index read it: the next build shows it
        fields = card(note, options)
        linked: dict[str, bool] = {}
        filed = [v for key, values in fields if key == DOCUMENTS for v in values]
        filed = [v for v in filed if self._is_document(v)]
        page = replace(page, card=tuple(self._shown(fields, linked, filed)))
        body = masked(_without_title(body, note.title), options)
        rendered = markdown_html.render(body, path, lambda p: p in published, self._is_document)
        header = search_index.header_words(fields)
        share = search_index.note_share(page.note, page.url, search_index.plain(body), header)
        links = {**linked, **{p: p in published for p in rendered.notes}}
        shard = search_index.shard_of(page.url)
        documents = [*rendered.documents, *filed]
        manifest.set_note(page.url, page.key, links, documents, shard, share)
        return self._render("note.html", page, body=rendered.html)

    def _shown(self, fields, linked: dict[str, bool], filed: list[str]):
        """The card's values with where each leads: a published note's page (by its id, noted
        in `linked` so the page is rewritten if that note leaves the site), a document copied
        with the site (`filed`), or a web address."""

        def note_url(value: str) -> str:
            url, path = self._ids.get(value, ("", ""))
            if path:
                linked[path] = True
            return url

        def document_url(value: str) -> str:
            return "documents/" + quote(value) if value in filed else ""

        for key, values in fields:
            yield key, shown_values(key, values, note_url, document_url)

    def _read(self, note: Note, options: SiteOptions) -> tuple[Note, str]:
        """The catalogue's note with its whole header when personal data is published (the
        catalogue keeps no e-mail address), and its body. The rest of the note is the
        catalogue's: reading it whole again (its register) would double the cost of a build."""
        text = self.notebook.read_text(note.path)
        if not options.personal_data:
            return note, frontmatter_text.body_of(text)
        try:
            parsed = frontmatter_text.parse(text)
        except FrontMatterError:
            return note, frontmatter_text.body_of(text)
        return replace(note, metadata=MappingProxyType(parsed.metadata)), parsed.body

    def _is_document(self, path: str) -> bool:
        """A plain file of the notebook, outside hidden folders, reached by no symbolic link."""
        if path.startswith("..") or any(part.startswith(".") for part in path.split("/")):
            return False
        if path.endswith(".md"):
            return False
        try:
            found = self.notebook.absolute(path)
        except (NotInNotebook, OSError):
            return False
        written = self.notebook.root / path
        return found == written and found.is_file() and not _through_link(self.notebook.root, path)

    def _render(self, template: str, page: Page, **extra: Any) -> str:
        if self._templates is None:
            self._templates = _environment()
        depth = page.url.count("/")
        return self._templates.get_template(template).render(
            page=page, root="../" * depth, site=self.name, label=labels(), **extra
        )

    def _put(self, relative: str, data: bytes) -> None:
        """Write one file whole (temporary file, then rename), unless it already holds `data`.
        Files are flushed to disk before the manifest is committed (`_flush`)."""
        target = self.folder / relative
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            temp.write_bytes(data)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
        self._written.append(target)

    def _finish(self, manifest: Manifest, touched: set[int], written: int) -> None:
        self._put(".gitignore", b"# garefil site: rebuilt by `garefil site`, never shared\n*\n")
        for asset in ASSETS:
            self._put(f"assets/{asset}", (HERE / asset).read_bytes())
        for shard in sorted(touched):
            shares, path = manifest.shares(shard), search_index.shard_path(shard)
            if shares:
                self._put(path, search_index.assemble(shard, shares).encode("utf-8"))
            else:
                (self.folder / path).unlink(missing_ok=True)
        self._put(
            search_index.HEAD,
            search_index.head(manifest.shards(), self.notebook.config.synonyms).encode("utf-8"),
        )
        self._copy_documents(manifest)
        self._flush()

    def _flush(self) -> None:
        """Every file written on disk before the manifest that vouches for them is committed."""
        if len(self._written) > FLUSHED_ONE_BY_ONE:
            os.sync()
        else:
            for path in self._written:
                with path.open("rb") as written:
                    os.fsync(written.fileno())
        self._written = []

    def _copy_documents(self, manifest: Manifest) -> None:
        wanted = sorted(manifest.documents())
        for path in wanted:
            source = self.notebook.root / path
            target = self.folder / "documents" / path
            if not self._is_document(path):
                continue
            if (
                target.exists()
                and target.stat().st_size == source.stat().st_size
                and (target.stat().st_mtime_ns >= source.stat().st_mtime_ns)
            ):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        for path in set(_json_list(manifest.get("documents"))) - set(wanted):
            (self.folder / "documents" / path).unlink(missing_ok=True)
        manifest.put("documents", json.dumps(wanted))


def _without_title(body: str, title: str) -> str:
    """The body without the `# Title` line templates start with: the page shows it already."""
    first, _, rest = body.lstrip("\n").partition("\n")
    return rest if first.strip() == f"# {title}".strip() else body


def _links_hold(links: dict[str, bool], published: set[str]) -> bool:
    """Whether the notes a page links to are still published, or still missing, as before."""
    return all((path in published) == was for path, was in links.items())


def _json_list(text: str | None) -> list[str]:
    return json.loads(text) if text else []


def _through_link(root: Path, path: str) -> bool:
    current = root
    for part in path.split("/"):
        current = current / part
        if current.is_symlink():
            return True
    return False


def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(
        loader=FileSystemLoader(HERE),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
