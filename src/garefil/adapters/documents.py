"""Text out of the documents a note links (PDF with pypdf; .docx and .odt with the standard
zipfile), for the search index only: the files themselves are never changed.

Extraction is bounded, because documents come from anywhere: at most MAX_CHARS characters,
MAX_PAGES pages, MAX_SECONDS per document, and MAX_XML_BYTES of an office file's inflated XML (a
zip bomb stops there). A document that cannot be read, is missing, is a link or leads outside
the notebook gives no text: a broken document never stops a note from being indexed.
pypdf is imported only when a PDF is met.
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
import time
import zipfile
from pathlib import Path

from garefil.core.errors import NotInNotebook
from garefil.core.notebook import Notebook

MAX_CHARS = 200_000
MAX_PAGES = 300
MAX_SECONDS = 5.0
MAX_XML_BYTES = 20 * 1024 * 1024
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
_OFFICE_XML = {".docx": "word/document.xml", ".odt": "content.xml"}
_TAG = re.compile(r"<[^>]{0,2000}>")
_PARAGRAPH_END = re.compile(r"</(?:w:p|text:p|text:h)>")


def document_text(notebook: Notebook, path: str) -> str:
    """The words of the document at `path` (relative), or "" when there are none to read."""
    try:
        target = notebook.absolute(path)
        if target.stat().st_size > MAX_DOCUMENT_BYTES:
            return ""
        return _extract(target)[:MAX_CHARS]
    except (NotInNotebook, OSError):
        return ""
    except Exception:  # a hostile or broken file: whatever the parser raises, no text
        return ""


def _extract(target: Path) -> str:
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        return _pdf_text(target)
    if suffix in _OFFICE_XML:
        return _office_text(target, _OFFICE_XML[suffix])
    if suffix in (".txt", ".md", ".csv"):
        return target.read_bytes()[: MAX_CHARS * 4].decode("utf-8", errors="replace")
    return ""


def _pdf_text(target: Path) -> str:
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the coach's concern
    deadline = time.monotonic() + MAX_SECONDS
    reader = pypdf.PdfReader(target)
    parts, size = [], 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or size >= MAX_CHARS or time.monotonic() > deadline:
            break
        with contextlib.suppress(Exception):  # one unreadable page: the others still count
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
    return "\n".join(parts)


def _office_text(target: Path, member: str) -> str:
    """The text of an office file's main XML part: tags dropped, entities decoded. No XML
    parser runs on it, so no entity can expand."""
    with zipfile.ZipFile(target) as archive, archive.open(member) as handle:
        xml = handle.read(MAX_XML_BYTES).decode("utf-8", errors="replace")
    return html.unescape(_TAG.sub(" ", _PARAGRAPH_END.sub("\n", xml)))
