"""Paragraph and run properties in the order Word reads them. The transitional schema fixes w:pPr's children as a
sequence (CT_PPrBase); Word drops or refuses a child out of place — desktop Word may repair the file, Word for the
web opens it read-only as damaged — while LibreOffice reads any order, so a document can look right here and lose
its spacing in Word. w:rPr is a choice in the 2nd edition but a sequence in the 1st, which Office follows.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from engine.cli import main
from tests.conftest import REPO
from tests.test_chart_schema import order_errors

RUN = ("w:rStyle? w:rFonts? w:b? w:bCs? w:i? w:iCs? w:caps? w:smallCaps? w:strike? w:dstrike? w:outline? w:shadow? "
       "w:emboss? w:imprint? w:noProof? w:snapToGrid? w:vanish? w:webHidden? w:color? w:spacing? w:w? w:kern? "
       "w:position? w:sz? w:szCs? w:highlight? w:u? w:effect? w:bdr? w:shd? w:fitText? w:vertAlign? w:rtl? w:cs? "
       "w:em? w:lang? w:eastAsianLayout? w:specVanish? w:oMath?")  # EG_RPrBase, in wml.xsd's order
SEQUENCES = {
    "w:pPr": "w:pStyle? w:keepNext? w:keepLines? w:pageBreakBefore? w:framePr? w:widowControl? w:numPr? "
             "w:suppressLineNumbers? w:pBdr? w:shd? w:tabs? w:suppressAutoHyphens? w:kinsoku? w:wordWrap? "
             "w:overflowPunct? w:topLinePunct? w:autoSpaceDE? w:autoSpaceDN? w:bidi? w:adjustRightInd? "
             "w:snapToGrid? w:spacing? w:ind? w:contextualSpacing? w:mirrorIndents? w:suppressOverlap? w:jc? "
             "w:textDirection? w:textAlignment? w:textboxTightWrap? w:outlineLvl? w:divId? w:cnfStyle? w:rPr? "
             "w:sectPr? w:pPrChange?",  # CT_PPr: CT_PPrBase, then rPr, sectPr, pPrChange
    "w:rPr": "w:ins? w:del? w:moveFrom? w:moveTo? " + RUN + " w:rPrChange?",  # CT_RPr, CT_ParaRPr
}


def parts(docx: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(docx) as package:
        return {name: etree.fromstring(package.read(name)) for name in package.namelist()
                if name.startswith("word/") and name.endswith(".xml") and "/charts/" not in name}


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Path]:
    """Every document of the sample workspace, built from the shipped templates."""
    root = tmp_path_factory.mktemp("mau")
    shutil.copy(REPO / "vanban.yaml", root / "vanban.yaml")
    shutil.copytree(REPO / "plans", root / "plans")
    assert main(["build", "--thu-muc", str(root), "--gon"]) == 0
    return sorted((root / "outputs").rglob("*.docx"))


def test_the_checker_sees_spacing_after_alignment():
    ppr = etree.fromstring('<w:pPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                           '<w:jc w:val="center"/><w:spacing w:before="120"/></w:pPr>')
    assert order_errors(ppr, SEQUENCES) == ["/w:pPr/w:spacing: w:spacing out of w:pPr's sequence"]


@pytest.mark.parametrize("template", sorted((REPO / "templates" / "docx").glob("*.docx")), ids=lambda p: p.name)
def test_the_shipped_templates_keep_word_s_order(template):
    assert {name: order_errors(root, SEQUENCES) for name, root in parts(template).items()
            if order_errors(root, SEQUENCES)} == {}


def test_every_built_document_keeps_word_s_order(documents):
    assert len(documents) >= 8
    errors = {f"{docx.name}!{name}": order_errors(root, SEQUENCES)[:3]
              for docx in documents for name, root in parts(docx).items() if order_errors(root, SEQUENCES)}
    assert errors == {}
