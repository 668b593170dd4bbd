"""Writes the HTML site from the core's pages (core/site.py), with Jinja2 templates.

Only what changed is written: the manifest (`.garefil-site.json` in the site's folder) keeps each
page's key, and for each note page the notes it links to and its share of the search index. A
page whose key is the same and whose links still lead where they did is left as it is. Every
file is written whole or not at all (temporary file, then rename), and the folder holds a
`.gitignore` that ignores it all, so a site built inside the notebook is never shared by `sync`.

A folder that holds files but no manifest is somebody else's: it is refused, never emptied.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from garefil.core import notes as notes_core
from garefil.core.errors import GarefilError, NotInNotebook, SiteFolderTaken, UnsafePath
from garefil.core.notebook import Notebook, atomic_write
from garefil.core.site import SITE_VERSION, Page, SiteOptions, changed, masked

from . import markdown_html, search_index
from .labels import labels

MANIFEST = ".garefil-site.json"
ASSETS = ("style.css", "recherche.js")
HERE = Path(__file__).parent / "site"


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

    def build(self, pages: list[Page], options: SiteOptions) -> SiteReport:
        """Write the pages whose inputs changed, remove the pages that are gone."""
        manifest = self._manifest()
        published = {p.note.path for p in pages if p.note}
        previous = {
            url: key
            for url, key in manifest["pages"].items()
            if _links_hold(manifest["notes"].get(url), published)
        }
        to_write, to_remove = changed(previous, pages)
        for page in to_write:
            self._write_page(page, manifest, options, published)
        for url in to_remove:
            (self.folder / url).unlink(missing_ok=True)
            manifest["notes"].pop(url, None)
        manifest["pages"] = {p.url: p.key for p in pages}
        self._finish(manifest, bool(to_write or to_remove))
        return SiteReport(self.folder, len(pages), len(to_write), len(to_remove))

    def _manifest(self) -> dict[str, Any]:
        if self.folder.is_symlink():
            raise UnsafePath(path=str(self.folder), root=str(self.notebook.root))
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            manifest = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            if any(e.name != ".gitignore" for e in os.scandir(self.folder)):
                raise SiteFolderTaken(folder=str(self.folder)) from None
            manifest = {}
        if manifest.get("version") != SITE_VERSION:
            manifest = {"version": SITE_VERSION, "pages": {}, "notes": {}, "documents": []}
            # Said at once, so that a first build cut short is still known as ours next time.
            self._put(MANIFEST, json.dumps(manifest).encode("utf-8"))
        return manifest

    def _write_page(self, page: Page, manifest, options: SiteOptions, published) -> None:
        if page.note is None:
            html = self._render(f"{page.kind if page.kind == 'home' else 'list'}.html", page)
        else:
            html = self._note_html(page, manifest, options, published)
        self._put(page.url, html.encode("utf-8"))

    def _note_html(self, page: Page, manifest, options: SiteOptions, published) -> str:
        path = page.note.path
        try:
            note = notes_core.read(self.notebook, path)
            body = masked(_without_title(note.body, note.title), options)
        except (GarefilError, OSError):
            body = ""  # changed since the index read it: the next build shows it
        rendered = markdown_html.render(body, path, lambda p: p in published, self._is_document)
        text = search_index.plain(body)
        manifest["notes"][page.url] = {
            "links": {p: p in published for p in rendered.notes},
            "documents": rendered.documents,
            "share": search_index.note_share(page.note, page.url, text),
        }
        return self._render("note.html", page, body=rendered.html)

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

    def _put(self, relative: str, data: bytes, durable: bool = False) -> None:
        """Write one file whole (temporary file, then rename). Pages are not flushed to disk
        one by one: they are derived, and the manifest, flushed last, decides what the next
        build trusts; ten thousand fsyncs would cost minutes for nothing."""
        target = self.folder / relative
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            return
        if durable:
            atomic_write(target, data)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            temp.write_bytes(data)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)

    def _finish(self, manifest: dict[str, Any], changed_notes: bool) -> None:
        self._put(".gitignore", b"# garefil site: rebuilt by `garefil site`, never shared\n*\n")
        for asset in ASSETS:
            self._put(f"assets/{asset}", (HERE / asset).read_bytes())
        index = self.folder / "assets" / "index-recherche.js"
        if changed_notes or not index.exists():
            shares = [n["share"] for n in manifest["notes"].values()]
            self._put("assets/index-recherche.js", search_index.assemble(shares).encode("utf-8"))
        self._copy_documents(manifest)
        if not changed_notes and (self.folder / MANIFEST).is_file():
            return  # nothing written: the manifest still says it all
        data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        os.sync()  # every page on disk before the manifest that vouches for them
        self._put(MANIFEST, data, durable=True)

    def _copy_documents(self, manifest: dict[str, Any]) -> None:
        wanted = sorted({d for n in manifest["notes"].values() for d in n["documents"]})
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
        for path in set(manifest.get("documents", [])) - set(wanted):
            (self.folder / "documents" / path).unlink(missing_ok=True)
        manifest["documents"] = wanted


def _without_title(body: str, title: str) -> str:
    """The body without the `# Title` line templates start with: the page shows it already."""
    first, _, rest = body.lstrip("\n").partition("\n")
    return rest if first.strip() == f"# {title}".strip() else body


def _links_hold(entry: dict[str, Any] | None, published: set[str]) -> bool:
    """Whether the notes a page links to are still published, or still missing, as before."""
    links = (entry or {}).get("links", {})
    return all((path in published) == was for path, was in links.items())


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
