"""Check a DOCX file against the presentation rules of Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

from pathlib import Path

from engine.check.rules import RULES, Violation
from engine.check.locate import Layout, locate
from engine.check.body import check_body
from engine.check.header import check_header
from engine.check.parts import check_parts
from engine.check.page import check_fonts, check_page, check_page_numbers
from engine.check.structure import check_structure
from engine.docx.read import Document, read_docx

__all__ = ["Violation", "RULES", "check_document", "check_read_document", "locate", "Layout"]


def check_document(path: Path | str) -> list[Violation]:
    """Read a .docx and return every rule it breaks (raises CheckInputError if it cannot be read)."""
    return check_read_document(read_docx(path))


def check_read_document(document: Document) -> list[Violation]:
    """Run every rule on an already-read document; violations come in reading order of the rules."""
    layout = locate(document)
    return [
        *check_page(document),
        *check_header(layout),
        *check_body(layout),
        *check_structure(layout),
        *check_parts(layout),
        *check_page_numbers(document),
        *check_fonts(document),
    ]
