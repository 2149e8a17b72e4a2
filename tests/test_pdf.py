"""`vanban build --pdf`: LibreOffice renders each DOCX; the PDF shows the Decree's layout as a reader sees it."""

from __future__ import annotations

import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice and poppler-utils are installed by .ci/run")


def page_text(pdf, page: int) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True)
    return done.stdout


def page_count(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_pdf_of_the_seed_plan(sample):
    shutil.rmtree(sample.root / "outputs")  # render today's seed as a document, not the archive
    result = sample.run("build", "--pdf")
    assert result.code == 0, result.err
    pdf = sample.output("2024/ke-hoach-giam-ngheo.pdf")
    assert pdf.exists()
    first = page_text(pdf, 1)
    header = [line.strip() for line in first.splitlines() if "CỘNG HÒA" in line]
    assert len(header) == 1 and header[0].endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")  # one line
    assert "Độc lập - Tự do - Hạnh phúc" in first
    assert "Trung Lương, ngày 09 tháng 01 năm 2024" in first
    top_of_first = [line.strip() for line in first.splitlines() if line.strip()][0]
    assert not top_of_first.isdigit()  # no page number on page 1
    count = page_count(pdf)
    assert count >= 2
    for page in range(2, count + 1):
        top = [line.strip() for line in page_text(pdf, page).splitlines() if line.strip()][0]
        assert top == str(page)
    assert "Hoàng Thanh Xuất" in page_text(pdf, count)


def test_pdf_is_remade_only_when_the_document_changed(workspace):
    assert workspace.run("build", "--pdf").code == 0
    pdf = workspace.output("2026/ke-hoach.pdf")
    made = pdf.stat().st_mtime_ns
    assert workspace.run("build", "--pdf").code == 0
    assert pdf.stat().st_mtime_ns == made
