"""Editor help from the engine's own rules: `vanban schema` writes a JSON Schema that agrees with the engine,
and the files `vanban init` / `vanban new` write point to it; prose lines with ': ' need no quotes."""

from __future__ import annotations

from tests.conftest import PLAN
from tests.docx_view import open_docx, texts


def test_a_prose_line_with_a_colon_is_read_as_the_paragraph_typed(workspace):
    plan = PLAN.replace("      - Nâng cao hiệu quả.",
                        "      - Địa điểm: Hội trường Ủy ban nhân dân xã\n"
                        "      - Thời gian: 8 giờ 00, ngày 15/3/2026\n"
                        "      - Thành phần:")
    workspace.write("plans/2026/ke-hoach.yaml", plan)
    result = workspace.run("build")
    assert result.code == 0, result.err
    shown = texts(open_docx(workspace.output("2026/ke-hoach.docx")))
    assert "Địa điểm: Hội trường Ủy ban nhân dân xã" in shown
    assert "Thời gian: 8 giờ 00, ngày 15/3/2026" in shown
    assert "Thành phần:" in shown


def test_a_misspelt_block_word_is_still_refused_not_printed(workspace):
    plan = PLAN.replace("      - Nâng cao hiệu quả.", "      - bangg: Bảng 1")
    workspace.write("plans/2026/ke-hoach.yaml", plan)
    result = workspace.run("build")
    assert result.code == 1
    assert "plans/2026/ke-hoach.yaml:11:9: noi_dung[1].noi_dung[1]: không có khối 'bangg'" in result.err


def test_a_colon_line_keeps_its_line_and_column():
    import yaml

    from engine import schema as s

    root = yaml.compose("noi_dung:\n  - x\n  - Địa điểm: Hội trường   UBND xã\n")
    line = s.prose_line(root.value[0][1].value[1])
    assert line.value == "Địa điểm: Hội trường   UBND xã"
    assert (line.start_mark.line, line.start_mark.column) == (2, 4)
    assert s.text(line, "", s.Context("a.yaml")) == "Địa điểm: Hội trường UBND xã"
    assert s.prose_line(yaml.compose("muc: Mục tiêu")) is None and s.prose_line(yaml.compose("bangg: x")) is None
