"""PDF to raw blocks: some policies are only published as PDF files. pypdf reads the text layer
line by line; the plain-text rules then find headings, items and paragraphs in it."""

from __future__ import annotations

import io
import logging

from . import extract_text
from .document import RawBlock

PDF_MAGIC = b"%PDF-"


def is_pdf(body: bytes, content_type: str | None = None) -> bool:
    mime = (content_type or "").split(";")[0].strip().lower()
    return mime == "application/pdf" or body.lstrip()[:5] == PDF_MAGIC


def text_of(body: bytes) -> str:
    """The text layer of every page, pages separated by blank lines; "" when unreadable."""
    # imported here: pypdf takes longer to import than most policies take to compare, and
    # only a PDF needs it
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed files warn on every object
    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return ""


def extract(body: bytes) -> list[RawBlock]:
    return extract_text.extract(text_of(body))
