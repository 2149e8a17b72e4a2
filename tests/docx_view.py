"""Reading a built DOCX in tests: paragraph texts and formatting as Word resolves it (run → style chain → defaults)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

EMU_PER_MM = 36000
EMU_PER_TWIP = 635


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def all_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Body paragraphs in reading order, including those inside tables."""
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield block


def texts(doc: Document) -> list[str]:
    return [p.text for p in all_paragraphs(doc) if p.text.strip()]


def find(doc: Document, text: str) -> Paragraph:
    """The first paragraph whose text equals `text` (or starts with it, when it ends with '…')."""
    for p in all_paragraphs(doc):
        if p.text == text or (text.endswith("…") and p.text.startswith(text[:-1])):
            return p
    raise AssertionError(f"no paragraph {text!r} in {texts(doc)}")


def _style_chain(paragraph: Paragraph) -> Iterator[Any]:
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _defaults_rpr(doc_part: Any) -> Any:
    styles = doc_part.styles.element
    return styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))


def run_value(paragraph: Paragraph, attribute: str) -> Any:
    """bold / italic / size (pt) / name of every text run, resolved; one value if all runs agree."""
    values = set()
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        values.add(_resolve(run, paragraph, attribute))
    assert len(values) == 1, f"{attribute} differs across runs of {paragraph.text!r}: {values}"
    return values.pop()


def _resolve(run: Any, paragraph: Paragraph, attribute: str) -> Any:
    value = getattr(run.font, attribute)
    for style in _style_chain(paragraph):
        if value is not None:
            break
        value = getattr(style.font, attribute)
    if value is None:
        rpr = _defaults_rpr(paragraph.part)
        if attribute == "size":
            sz = rpr.find(qn("w:sz"))
            value = int(sz.get(qn("w:val"))) * 6350 if sz is not None else None
        elif attribute == "name":
            fonts = rpr.find(qn("w:rFonts"))
            value = fonts.get(qn("w:ascii")) if fonts is not None else None
        else:
            value = False
    return value.pt if attribute == "size" and value is not None else value


def para_value(paragraph: Paragraph, attribute: str) -> Any:
    """alignment / first_line_indent / space_after / line_spacing …, resolved through the style chain."""
    value = getattr(paragraph.paragraph_format, attribute)
    for style in _style_chain(paragraph):
        if value is not None:
            break
        value = getattr(style.paragraph_format, attribute)
    return value


def bottom_border(paragraph: Paragraph) -> bool:
    """True when the paragraph (or its style) draws a solid bottom border: our rule lines."""
    for element in (paragraph._p.pPr, *(s.element.pPr for s in _style_chain(paragraph))):
        if element is not None and element.find(qn("w:pBdr") + "/" + qn("w:bottom")) is not None:
            return element.find(qn("w:pBdr") + "/" + qn("w:bottom")).get(qn("w:val")) == "single"
    return False


def indents_twips(paragraph: Paragraph) -> tuple[int, int]:
    ind = paragraph._p.pPr.find(qn("w:ind"))
    return int(ind.get(qn("w:left"))), int(ind.get(qn("w:right")))
