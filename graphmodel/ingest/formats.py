"""Reading a report into blocks of text: plain text, Markdown, HTML, PDF and DOCX.

``read_report(path)`` returns the report as a list of Blocks (headings, lines of text and
table rows, in reading order) or raises InvalidRequestError naming the file and what is
wrong with it: an unsupported format, an empty file, a PDF with no text layer (scanned
images), or a file over the size limit. Nothing is written.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from graphmodel.errors import InvalidRequestError

__all__ = ["Block", "read_report", "SUPPORTED", "MAX_BYTES"]

MAX_BYTES = 20 * 1024 * 1024  # a long report is a few MB; anything bigger is not a report
SUPPORTED = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote", "dt", "dd")
_INLINE_MARKUP = re.compile(r"</?(?:b|i|u|em|strong|span|sup|sub)\b[^>]*>|\*\*|__")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


@dataclass
class Block:
    """One unit of a report in reading order: a heading, a line of text, or a table row."""

    kind: str  # "heading" | "text" | "row" | "break"
    text: str
    cells: list[str] = field(default_factory=list)


def _refuse(path: Path, message: str) -> InvalidRequestError:
    return InvalidRequestError("file", f"{path}: {message}; nothing was written")


def _clean_inline(text: str) -> str:
    """Text without inline emphasis, link targets or HTML entities."""
    text = _LINK.sub(r"\1", text)
    text = _INLINE_MARKUP.sub("", text)
    return html.unescape(text).replace("\u00a0", " ")


def _text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text report: one per line, rows where cells are tab-separated."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = _clean_inline(raw).rstrip(" \r\n")
        if not line.strip():
            blocks.append(Block("break", ""))
            continue
        if "\t" in line.strip("\t") or line.count("\t") >= 2:
            cells = [" ".join(c.split()) for c in line.split("\t")]
            blocks.append(Block("row", "\t".join(cells), cells))
            continue
        heading = re.match(r"^\s*#{1,6}\s+(.*)$", line)
        if heading:
            blocks.append(Block("heading", " ".join(heading[1].split())))
            continue
        blocks.append(Block("text", " ".join(line.split())))
    return blocks


def _html_blocks(markup: str) -> list[Block]:
    """Blocks of an HTML page: headings, paragraphs, list items and table rows."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "head", "nav", "noscript", "template"]):
        tag.decompose()
    blocks: list[Block] = []
    for element in soup.find_all(_BLOCK_TAGS):
        if element.find_parent(_BLOCK_TAGS) is not None and element.name != "tr":
            continue  # nested (a <p> inside an <li>, a cell's paragraph): its parent reads it
        if element.name == "tr":
            cells = [" ".join(c.get_text(" ").split()) for c in element.find_all(["td", "th"])]
            if any(cells):
                blocks.append(Block("row", "\t".join(cells), cells))
            continue
        text = " ".join(element.get_text(" ").split())
        text = re.sub(r"\s+([,.;:)])", r"\1", text)
        if not text:
            continue
        kind = "heading" if element.name.startswith("h") else "text"
        if element.name == "li":
            text = "- " + text
        blocks.append(Block("break", ""))
        blocks.append(Block(kind, text))
    return blocks


def _markdown_blocks(text: str) -> list[Block]:
    from markdown_it import MarkdownIt

    return _html_blocks(MarkdownIt("commonmark").enable("table").render(text))


def _pdf_blocks(path: Path) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise _refuse(path, f"is not a readable PDF ({exc})") from exc
    if not "".join(pages).strip():
        raise _refuse(
            path,
            f"has no text layer ({len(pages)} page(s) of images, probably scanned); "
            "run it through OCR first",
        )
    blocks: list[Block] = []
    for page in pages:
        blocks.extend(_text_blocks(page))
        blocks.append(Block("break", ""))
    return blocks


def _docx_blocks(path: Path) -> list[Block]:
    import zipfile

    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = open_docx(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _refuse(path, f"is not a readable DOCX ({exc})") from exc
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = " ".join(item.text.split())
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if style.startswith(("Heading", "Title")):
                kind = "heading"
            else:
                kind = "text"
                if style.startswith("List"):
                    text = "- " + text
            blocks.append(Block("break", ""))
            blocks.append(Block(kind, text))
        elif isinstance(item, Table):
            blocks.append(Block("break", ""))
            for row in item.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                if any(cells):
                    blocks.append(Block("row", "\t".join(cells), cells))
    return blocks


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse(path, "is not text in UTF-8 or Windows-1252")


def read_report(path: Path, max_bytes: int = MAX_BYTES) -> list[Block]:
    """The blocks of the report at `path`; InvalidRequestError if it cannot be read as a report."""
    path = Path(path)
    if not path.is_file():
        raise _refuse(path, "does not exist or is not a file")
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        raise _refuse(
            path,
            f"unsupported format {path.suffix or '(no extension)'!r}: give one of "
            + ", ".join(sorted(SUPPORTED)),
        )
    size = path.stat().st_size
    if size == 0:
        raise _refuse(path, "is empty")
    if size > max_bytes:
        raise _refuse(path, f"is too large ({size:,} bytes; the limit is {max_bytes:,})")
    data = path.read_bytes()
    if fmt == "pdf":
        if not data.startswith(b"%PDF"):
            raise _refuse(path, "is not a PDF (no %PDF header)")
        blocks = _pdf_blocks(path)
    elif fmt == "docx":
        if not data.startswith(b"PK"):
            raise _refuse(path, "is not a DOCX (not a zip package)")
        blocks = _docx_blocks(path)
    else:
        if b"\x00" in data[:4096]:
            raise _refuse(path, f"is binary, not {fmt}")
        text = _decode(path, data)
        if fmt == "html":
            blocks = _html_blocks(text)
        elif fmt == "markdown":
            blocks = _markdown_blocks(text)
        else:
            blocks = _text_blocks(text)
    if not any(b.text.strip() for b in blocks):
        raise _refuse(path, "has no text")
    return blocks
