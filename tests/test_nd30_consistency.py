"""The generator and the checker read each Decree fact from engine/nd30, and the generated files match their sources.

Each test fails when a fact is written a second time and drifts: a kind the checker does not know, a Quốc hiệu
typed again in the checker, committed templates or a width table that their scripts no longer produce.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from engine import model
from engine.check import body, check_read_document, header, page, structure
from engine.docx import model as docx_model
from engine.docx.read import read_docx
from engine.nd30 import forms, kinds, layout, parts, texts
from tests.conftest import PLAN, REPO

locate = importlib.import_module("engine.check.locate")  # the package exports a function of the same name

# ----- the kinds the generator writes are kinds the checker recognises ---------------------------------------

ADDRESSEES = "kinh_gui:\n  - Ủy ban nhân dân tỉnh Nghệ An\n  - Sở Tài chính\nnoi_nhan:"
DECISION = """\
loai: quyet_dinh
so: 4
ngay: 2026-03-02
trich_yeu: Về việc kiện toàn Tổ công tác chuyển đổi số
can_cu:
  - Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
theo_de_nghi: Trưởng phòng Văn hóa - Xã hội
dieu:
  - Kiện toàn Tổ công tác chuyển đổi số của xã.
  - Quyết định này có hiệu lực kể từ ngày ký.
  - Văn phòng HĐND và UBND xã chịu trách nhiệm thi hành Quyết định này.
noi_nhan: [Thường trực Đảng ủy, Như Điều 3]
luu: VP
ky: {nguoi: chu_tich}
"""
OFFICIAL_LETTER = """\
loai: cong_van
so: 12
ngay: 2026-03-05
trich_yeu: triển khai kê khai giá đất năm 2026
kinh_gui: [Các phòng chuyên môn thuộc UBND xã, Trưởng các thôn]
noi_dung:
  - Ủy ban nhân dân xã đề nghị các đơn vị triển khai kê khai./.
noi_nhan: [Chủ tịch UBND xã]
luu: VP
ky: {quyen_han: TM, nguoi: chu_tich}
"""


def plan_of(kind: kinds.Kind) -> str:
    """A small valid YAML document of `kind`."""
    if kind.key == "quyet_dinh":
        return DECISION
    if kind.key == "cong_van":
        return OFFICIAL_LETTER
    plan = PLAN.replace("loai: ke_hoach", f"loai: {kind.key}")
    return plan.replace("noi_nhan:", ADDRESSEES) if kind.kinh_gui == "bat_buoc" else plan


@pytest.mark.parametrize("key", sorted(kinds.KINDS))
def test_the_checker_recognises_every_kind_the_generator_writes(workspace, key: str) -> None:
    kind = kinds.KINDS[key]
    workspace.write("plans/2026/ke-hoach.yaml", plan_of(kind))  # in place of the workspace's own plan
    assert workspace.run("build").code == 0
    document = read_docx(workspace.output("2026/ke-hoach.docx"))
    found = locate.locate(document)
    if kind.name:
        assert found.kind == kinds.DECREE_KINDS[key] and found.kind_line is not None
        assert found.kind_line.text == kind.name
    else:  # công văn: no kind line, a "V/v …" line under the number
        assert found.kind is None and found.kind_line is None and found.vv is not None
    assert found.number is not None and f"/{kind.abbreviation + '-' if kind.abbreviation else ''}UBND" in found.number.text
    assert check_read_document(document) == []


def test_each_generator_kind_takes_name_and_abbreviation_from_the_decree_table() -> None:
    for key, kind in kinds.KINDS.items():
        decree = kinds.DECREE_KINDS[key]
        assert (kind.name, kind.abbreviation) == (decree.name, decree.abbreviation)
        if kind.name:
            assert locate.TYPE_ABBREVIATIONS[kind.name] == kind.abbreviation
    assert locate.TYPE_ABBREVIATIONS is kinds.TYPE_ABBREVIATIONS
    assert len(kinds.TYPE_ABBREVIATIONS) == 27  # NĐ30 PL III, mục I: 27 named kinds (công văn has no name)
    assert header.KNOWN_ABBREVIATIONS == {*kinds.TYPE_ABBREVIATIONS.values(), *kinds.COPY_ABBREVIATIONS}


# ----- generated files are what their scripts produce -------------------------------------------------------


def load_make_templates() -> ModuleType:
    path = REPO / "templates" / "make_templates.py"
    spec = importlib.util.spec_from_file_location("make_templates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_templates_are_what_make_templates_writes(tmp_path: Path) -> None:
    written = load_make_templates().write_templates(tmp_path)
    committed = sorted((REPO / "templates" / "docx").glob("*.docx"))
    assert sorted(p.name for p in written) == [p.name for p in committed]
    for path in committed:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), (
            f"templates/docx/{path.name} differs from what templates/make_templates.py writes: run it and commit")


def test_the_width_tables_are_what_make_metrics_extracts() -> None:
    pytest.importorskip("fontTools")
    from engine.nd30 import make_metrics

    try:
        fonts = make_metrics.find_fonts()
    except FileNotFoundError as missing:
        pytest.skip(str(missing))
    source = make_metrics.METRICS.read_text(encoding="utf-8")
    assert make_metrics.render(fonts) == make_metrics.generated_part(source), (
        "engine/nd30/metrics.py: run python -m engine.nd30.make_metrics")


# ----- the checker and the template script read nd30's values, not copies ---------------------------------


def test_the_checker_reads_the_decree_texts_from_nd30() -> None:
    assert locate.QUOC_HIEU is texts.QUOC_HIEU and locate.TIEU_NGU is texts.TIEU_NGU
    assert header.QUOC_HIEU is texts.QUOC_HIEU and header.TIEU_NGU is texts.TIEU_NGU
    assert header.QUOC_HIEU_VARIANTS is texts.QUOC_HIEU_VARIANTS
    assert structure.VI_LETTERS == "".join(forms.DIEM_LETTERS)


def test_the_checker_reads_the_decree_lengths_from_nd30() -> None:
    assert page.A4 is layout.A4 and layout.A4 == (layout.PAGE_W, layout.PAGE_H)
    assert page.PORTRAIT_MARGINS is layout.MARGINS_MM
    assert body.INDENTS is layout.BODY_INDENTS and layout.BODY_INDENT in layout.BODY_INDENTS
    assert body.MIN_GAP == layout.PARAGRAPH_GAP_MIN
    assert docx_model.TWIPS_PER_MM == layout.TWIPS_PER_MM  # the reader's own copy, until it imports nd30's


def test_the_template_script_reads_nd30() -> None:
    script = load_make_templates()
    assert script.QUOC_HIEU is texts.QUOC_HIEU and script.TIEU_NGU is texts.TIEU_NGU
    assert script.SIGN_LEFT is layout.SIGN_LEFT and script.SIGN_RIGHT is layout.SIGN_RIGHT
    assert script.BODY_INDENT is layout.BODY_INDENT and script.KINH_GUI_INDENT is layout.KINH_GUI_INDENT


def test_the_template_margins_are_within_the_decree_ranges() -> None:
    margins = {"top": layout.MARGIN_TOP, "bottom": layout.MARGIN_BOTTOM, "left": layout.MARGIN_LEFT,
               "right": layout.MARGIN_RIGHT}
    for side, twips in margins.items():
        low, high = layout.MARGINS_MM[side]
        assert low <= layout.twips_to_mm(twips) <= high, side
    assert layout.HEAD_LEFT + layout.HEAD_RIGHT == layout.SIGN_LEFT + layout.SIGN_RIGHT == layout.TEXT_W


# ----- one vocabulary: the generator's Document and the checker's Layout name a part alike --------------------


def test_the_checker_layout_names_every_part_as_the_glossary_does() -> None:
    helpers = {"document", "units", "quoc_hieu_broken", "header_end_block", "body_end_block", "kind_line",
               "after_bases", "recipient_items"}
    fields = {f.name for f in dataclasses.fields(locate.Layout)}
    assert fields - helpers == {p.code for p in parts.PARTS}


def test_the_generator_document_names_every_part_as_the_glossary_does() -> None:
    fields = {f.name for f in dataclasses.fields(model.Document)}
    typed = {p.code for p in parts.PARTS} - parts.FIXED_OR_DERIVED
    assert typed <= fields, typed - fields
