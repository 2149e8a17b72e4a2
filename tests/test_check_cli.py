"""`vanban check` as a clerk runs it: several files, one unreadable, text or JSON, exit code."""

from __future__ import annotations

import json

from tests.docx_view import open_docx


def test_check_reports_each_file_and_goes_on_after_a_bad_one(sample, tmp_path):
    assert sample.run("build").code == 0
    good = sample.output("2024/thong-bao-hop-ban-chi-dao.docx")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    defective = tmp_path / "sai.docx"
    doc = open_docx(good)
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("Hạnh phúc", "Hạnh Phúc")
    doc.tables[0].rows[0].cells[1].paragraphs[1].runs[0].text = "Độc lập – Tự do – Hạnh phúc"
    doc.save(defective)
    result = sample.run("check", str(good), str(broken), str(defective))
    assert result.code == 1
    assert f"{good}: đúng thể thức Nghị định 30 (không phát hiện lỗi)" in result.out
    assert result.err.strip().startswith(str(broken)) and len(result.err.strip().splitlines()) == 1
    flagged = [line for line in result.out.splitlines() if line.startswith(str(defective))]
    assert flagged and all("[ND30-TN-1]" in line for line in flagged)
    assert result.out.splitlines()[-1] == "Đã kiểm tra 3 tệp: 1 đạt, 2 có lỗi hoặc không đọc được."


def test_check_json(sample):
    assert sample.run("build").code == 0
    good = sample.output("2024/to-trinh-kinh-phi-ho-tro.docx")
    result = sample.run("check", "--json", str(good), str(sample.root / "vanban.yaml"))
    report = json.loads(result.out)
    assert report[str(good)] == []
    assert isinstance(report[str(sample.root / "vanban.yaml")], str)
    assert result.code == 1


def test_a_misspelt_authority_prefix_is_flagged(sample, tmp_path):
    assert sample.run("build").code == 0
    doc = open_docx(sample.output("2024/thong-bao-hop-ban-chi-dao.docx"))
    for paragraph in doc.tables[-1].rows[0].cells[1].paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("TM. ", "T/M. ")
    doc.save(tmp_path / "tm.docx")
    result = sample.run("check", str(tmp_path / "tm.docx"))
    assert result.code == 1 and "[ND30-CK-1]" in result.out and "T/M. ỦY BAN NHÂN DÂN" in result.out
