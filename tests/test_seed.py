"""The sample workspace reproduces the seed plan 15/KH-UBND verbatim, except where the Decree's form overrides it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.docx_view import open_docx, texts

SEED = Path(__file__).parent / "fixtures" / "ke-hoach-15-KH-UBND-2024.txt"

# Every place where the built document differs from the seed, and why.
FORM_OVERRIDES = {
    # NĐ30 PL I, II.9: every Nơi nhận item ends with ';' (the seed has a comma).
    "- Thường trực Đảng ủy,": "- Thường trực Đảng ủy;",
    # NĐ30 PL I, II.9: the last line is '- Lưu: VT, <unit>.', VT being the Văn thư (the seed wrote 'Vp').
    "- Lưu: Vp, VHXH.": "- Lưu: VT, VHXH.",
}
# NĐ30 PL I, II.6.a: the last căn cứ ends with '.'; the seed (and its archive, issued before the engine
# learnt this) ends it with ';'. Only a rebuild applies the rule.
LAST_BASIS = ("phát triển kinh tế xã hội năm 2024;\n", "phát triển kinh tế xã hội năm 2024.\n")
# The seed's text file breaks one paragraph at a page boundary; the document keeps it whole.
PAGE_BREAK = "nguyên nhân dẫn đến\n\nnghèo"


def seed_paragraphs(rebuilt: bool = False) -> list[str]:
    """The seed's paragraphs from the first căn cứ to the signer's name, one per line."""
    text = SEED.read_text(encoding="utf-8").replace(PAGE_BREAK, "nguyên nhân dẫn đến nghèo").replace("**", "")
    if rebuilt:
        text = text.replace(*LAST_BASIS)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Căn cứ"))
    return [FORM_OVERRIDES.get(line, line) for line in lines[start:]]


def rebuilt_seed(sample) -> list[str]:
    """The seed rendered by today's engine: without the register it is built like any document."""
    shutil.rmtree(sample.root / "outputs/so-van-ban-di")
    assert sample.run("build").code == 0
    return texts(open_docx(sample.output("2024/ke-hoach-giam-ngheo.docx")))


@pytest.mark.parametrize("which", ["rebuilt", "archived"])
def test_every_seed_paragraph_appears_verbatim_and_in_order(sample, which):
    if which == "rebuilt":
        built = rebuilt_seed(sample)
    else:
        built = texts(open_docx(sample.output("2024/15-KH-UBND-ke-hoach-giam-ngheo.docx")))
    expected = seed_paragraphs(rebuilt=which == "rebuilt")
    missing = [p for p in expected if p not in built]
    assert missing == []
    positions = [built.index(p) for p in expected]
    assert positions == sorted(positions)


def test_the_overrides_are_real_differences():
    raw = SEED.read_text(encoding="utf-8")
    for seed_form, decree_form in FORM_OVERRIDES.items():
        assert seed_form in raw and decree_form not in raw
    assert PAGE_BREAK in raw
    assert raw.count(LAST_BASIS[0]) == 1 and LAST_BASIS[1] not in raw


def test_the_sample_records_the_seed_as_issued(sample):
    result = sample.run("build")
    assert result.code == 0
    assert "  đã ban hành outputs/2024/15-KH-UBND-ke-hoach-giam-ngheo.docx" in result.out
    assert sample.run("verify", "--thu-muc", str(sample.root)).code == 0
    register = (sample.root / "outputs/so-van-ban-di/2024.tsv").read_text(encoding="utf-8")
    assert "\n15\tKH-UBND\t2024-01-09\tchung\tKế hoạch\t" in register


def test_header_of_the_seed(sample):
    built = rebuilt_seed(sample)
    assert built[:8] == [
        "ỦY BAN NHÂN DÂN", "XÃ TRUNG LƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/KH-UBND", "Trung Lương, ngày 09 tháng 01 năm 2024", "KẾ HOẠCH",
        "Thực hiện Chương trình giảm nghèo bền vững trên địa bàn xã Trung Lương năm 2024",
    ]


def test_the_committed_sample_outputs_are_what_a_build_writes(sample):
    """A clone's first `vanban build` changes nothing in git: every committed draft is up to date."""
    committed = {p.relative_to(sample.root): p.read_bytes() for p in (sample.root / "outputs").rglob("*.docx")}
    result = sample.run("build")
    assert result.code == 0, result.err
    assert "0 mới, 0 thay đổi" in result.out
    rebuilt = {p.relative_to(sample.root): p.read_bytes() for p in (sample.root / "outputs").rglob("*.docx")}
    assert rebuilt == committed
