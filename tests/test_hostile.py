"""Hostile inputs (issue 10): each ends in a located Vietnamese message and exit code 1, or is handled
correctly; never a traceback, a hang, a huge allocation, or a file written by a failed build."""

from __future__ import annotations

import io
import os
import signal
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from engine.check import check_document
from engine.cli import main
from engine.errors import CheckInputError

from tests.conftest import PLAN

PLAN_FILE = "plans/2026/ke-hoach.yaml"
POSIX_ONLY = pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(signal, "SIGALRM"),
                                reason="FIFOs and alarms are POSIX-only")
SYMLINKS = pytest.mark.skipif(os.name == "nt", reason="symbolic links need a privilege on Windows")


class Hung(BaseException):
    """Not an OSError (as TimeoutError is), so no handler of the engine can swallow it."""


@contextmanager
def deadline(seconds: int = 10):
    """A hang becomes a test failure instead of a stuck suite."""
    def expire(*_args):
        raise Hung("the command hung")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def refused(result, *words: str) -> None:
    assert result.code == 1, (result.out, result.err)
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.err


def plan(**changes: str) -> str:
    text = PLAN
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


TRICH_YEU = "trich_yeu: Triển khai công tác chuyển đổi số năm 2026"


# 1. A trích yếu longer than the 255 characters of a DOCX core property.

def test_a_trich_yeu_over_255_characters_builds_and_issues(workspace):
    long = " ".join(["Triển khai công tác chuyển đổi số trên địa bàn xã năm 2026"] * 5) + " đến từng thôn"
    assert len(long) > 300
    workspace.write(PLAN_FILE, PLAN.replace(TRICH_YEU, f"trich_yeu: {long}"))
    result = workspace.run("build")
    assert result.code == 0, result.err
    docx = workspace.output("2026/ke-hoach.docx")
    with zipfile.ZipFile(docx) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
    title = core.split("<dc:title>")[1].split("</dc:title>")[0]
    assert len(title) <= 255 and title.endswith("…") and long.startswith(title[:-1].rstrip())
    assert not title[:-1].endswith(" ") and long[len(title) - 1] == " "  # cut at a word boundary
    assert "đến từng thôn" in " ".join(body.split())  # the document keeps the whole trích yếu
    issued = workspace.run("issue", str(workspace.root / PLAN_FILE))
    assert issued.code == 0, issued.err


# 6. An explicit YAML tag would make the recorded source hash a constant.

@pytest.mark.parametrize("written", [
    "trich_yeu: !str Triển khai công tác",
    "trich_yeu: !!str Triển khai công tác",
    "trich_yeu: !!binary aGVsbG8=",
    "trich_yeu: !!python/object:os.system x",
    "trich_yeu: ! Triển khai công tác",
], ids=["local", "str", "binary", "python", "non-specific"])
def test_an_explicit_yaml_tag_is_refused_where_it_is_written(workspace, written):
    workspace.write(PLAN_FILE, PLAN.replace(TRICH_YEU, written))
    before = workspace.snapshot()
    result = workspace.run("build")
    refused(result, f"{PLAN_FILE}:4:12:", "không dùng nhãn YAML")
    assert workspace.snapshot() == before
    refused(workspace.run("issue", str(workspace.root / PLAN_FILE)), "không dùng nhãn YAML")


def test_a_tag_on_a_list_is_refused(workspace):
    workspace.write(PLAN_FILE, PLAN.replace("noi_nhan:\n", "noi_nhan: !!seq\n"))
    refused(workspace.run("build"), f"{PLAN_FILE}:", "không dùng nhãn YAML")


# 7. A date-like value that is no date, where text is expected.

def test_an_impossible_date_where_text_is_expected_is_text(workspace):
    workspace.write(PLAN_FILE, plan(**{
        TRICH_YEU: "trich_yeu: 2024-02-30",
        "  - Các phòng chuyên môn thuộc UBND xã": "  - 2024-02-30",
    }))
    assert workspace.run("build").code == 0
    issued = workspace.run("issue", str(workspace.root / PLAN_FILE))
    assert issued.code == 0, issued.err
    assert workspace.run("verify", "--thu-muc", str(workspace.root)).code == 0
    assert workspace.run("build").code == 0


def test_plain_data_reads_an_impossible_date_as_text(tmp_path):
    from engine.pipeline.load import plain_data

    path = tmp_path / "a.yaml"
    path.write_text("trich_yeu: 2024-02-30\nngay: 2024-02-28\nds: [2024-13-01]\n", encoding="utf-8")
    value = plain_data(path)
    assert value["trich_yeu"] == "2024-02-30" and value["ds"] == ["2024-13-01"]
    assert str(value["ngay"]) == "2024-02-28"


# 8. The checker's reader and `totext` on crafted packages.

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def crafted_docx(path: Path, body: bytes, extra: int = 0) -> Path:
    document = b'<?xml version="1.0"?><w:document ' + W + b"><w:body>" + body + b"</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                         'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", document)
        for i in range(extra):
            archive.writestr(f"word/media/x{i}.xml", "<a/>")
    return path


def test_a_document_that_inflates_beyond_the_bound_is_refused(tmp_path):
    bomb = crafted_docx(tmp_path / "bom.docx", b"<w:p/>" * 10_000_000)  # 60 MB inflated
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(CheckInputError, match="quá lớn"):
        check_document(bomb)


def test_a_document_with_too_many_elements_is_refused(tmp_path):
    many = crafted_docx(tmp_path / "nhieu.docx", b"<w:p/>" * 2_100_000)  # 13 MB, 2.1 million paragraphs
    with pytest.raises(CheckInputError, match="quá nhiều phần tử"):
        check_document(many)


def test_a_package_with_too_many_parts_is_refused(tmp_path):
    parts = crafted_docx(tmp_path / "phan.docx", b"<w:p/>", extra=3000)
    with pytest.raises(CheckInputError, match="quá nhiều phần"):
        check_document(parts)


def test_totext_refuses_a_package_that_inflates_beyond_the_bound(tmp_path, capsys):
    bomb = crafted_docx(tmp_path / "bom.docx", b"<w:p/>" * 10_000_000)
    assert main(["totext", str(bomb)]) == 1
    err = capsys.readouterr().err
    assert "quá lớn" in err and "Traceback" not in err


@POSIX_ONLY
@pytest.mark.parametrize("command", ["check", "totext"])
def test_a_fifo_is_refused_not_read(tmp_path, capsys, command):
    fifo = tmp_path / "ong.docx"
    os.mkfifo(fifo)
    with deadline():
        assert main([command, str(fifo)]) == 1
    err = capsys.readouterr().err
    assert "không phải tệp thường" in err and str(fifo) in err


def test_totext_refuses_a_folder(tmp_path, capsys):
    assert main(["totext", str(tmp_path)]) == 1
    assert "thư mục" in capsys.readouterr().err


# 9. A workspace template that is not a DOCX, or whose Jinja is unclosed.

@pytest.mark.parametrize("content", [b"", b"not a zip at all"])
def test_a_broken_workspace_template_is_named(workspace, content):
    template = workspace.root / "templates/docx/van-ban-co-ten-loai.docx"
    template.parent.mkdir(parents=True)
    template.write_bytes(content)
    before = workspace.snapshot()
    refused(workspace.run("build"), "templates/docx/van-ban-co-ten-loai.docx", "không phải tài liệu DOCX (tệp rỗng hoặc không phải tệp nén)")
    assert workspace.snapshot() == before


def test_a_workspace_template_that_inflates_beyond_the_bound_is_refused(workspace):
    template = workspace.root / "templates/docx/van-ban-co-ten-loai.docx"
    template.parent.mkdir(parents=True)
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("word/document.xml", "w") as part:  # 210 MB of spaces, written 1 MB at a time
            for _ in range(210):
                part.write(b" " * (1024 * 1024))
    assert template.stat().st_size < 1_000_000
    refused(workspace.run("build"), "templates/docx/van-ban-co-ten-loai.docx", "mẫu quá lớn")


def test_an_unclosed_jinja_tag_in_a_workspace_template_is_named(workspace):
    from engine.pipeline.render import SHIPPED_TEMPLATES

    source = (SHIPPED_TEMPLATES / "van-ban-co-ten-loai.docx").read_bytes()
    template = workspace.root / "templates/docx/van-ban-co-ten-loai.docx"
    template.parent.mkdir(parents=True)
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(template, "w") as changed:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                # '{{ ten_loai' left open; docxtpl joined it to the next '}}', dropping the paragraphs
                # between, and the build succeeded
                for old, new in ((b"{{ ten_loai }}", b"{{ ten_loai"), (b"{{ trich_yeu }}", b"}}")):
                    assert old in data
                    data = data.replace(old, new, 1)
            changed.writestr(info, data)
    before = workspace.snapshot()
    refused(workspace.run("build"), "templates/docx/van-ban-co-ten-loai.docx",
            "mẫu có thẻ '{{' chưa đóng bằng '}}' (word/document.xml, đoạn", "«{{ ten_loai»")
    assert workspace.snapshot() == before


# 11. Sizes, depths and files that would exhaust the stack, the memory or the patience.

def test_deep_yaml_nesting_is_refused(workspace):
    deep = "trich_yeu: " + "[" * 600 + "]" * 600 + "\n"
    workspace.write(PLAN_FILE, PLAN.replace(TRICH_YEU + "\n", deep))
    refused(workspace.run("build"), f"{PLAN_FILE}:", "lồng quá sâu")


def test_deeply_nested_muc_is_refused(workspace):
    lines = ["noi_dung:"]
    for level in range(170):
        pad = "  " * (2 * level)
        lines += [f"{pad}  - muc: Mục {level}", f"{pad}    noi_dung:"]
    lines.append("  " * (2 * 170) + "  - Nội dung.")
    text = PLAN.split("noi_dung:")[0] + "\n".join(lines) + "\nnoi_nhan:" + PLAN.split("noi_nhan:")[1]
    workspace.write(PLAN_FILE, text)
    refused(workspace.run("build"), f"{PLAN_FILE}:", "lồng quá sâu")


@pytest.mark.parametrize("written", ["9" * 5000, '"' + "9" * 5000 + '"'], ids=["plain", "quoted"])
def test_a_number_of_thousands_of_digits_is_refused(workspace, written):
    workspace.write(PLAN_FILE, PLAN.replace("so: 5", "so: " + written))
    refused(workspace.run("build"), f"{PLAN_FILE}:2:5:", "số quá dài (5000 chữ số")


def test_a_quoted_money_amount_of_thousands_of_digits_is_refused(workspace):
    from tests.test_du_toan import ESTIMATE, TO_TRINH

    workspace.write("plans/2026/du-toan.yaml", ESTIMATE.replace("don_gia: 95.000", 'don_gia: "' + "9" * 5000 + '"'))
    workspace.write("plans/2026/to-trinh.yaml", TO_TRINH)
    refused(workspace.run("build"), "plans/2026/du-toan.yaml:14:18:", "số quá dài")


def test_the_integer_rule_checks_the_length_before_int():
    import yaml

    from engine import schema as s

    ctx = s.Context("a.yaml")
    node = yaml.compose('"' + "9" * 5000 + '"')
    assert s.integer(1, 99999)(node, "so", ctx) is s.INVALID
    assert "cần một số nguyên từ 1 đến 99999, nhưng gặp một số 5000 chữ số" in str(ctx.errors[0])


def test_a_yaml_file_over_the_size_bound_is_refused(workspace):
    workspace.write(PLAN_FILE, PLAN + "# " + "x" * (11 * 1024 * 1024) + "\n")
    refused(workspace.run("build"), PLAN_FILE, "quá lớn")


@SYMLINKS
def test_a_symlink_loop_in_plans_is_reported(workspace):
    loop = workspace.root / "plans/vong.yaml"
    loop.symlink_to(loop)
    before = workspace.snapshot()
    refused(workspace.run("build"), "plans/vong.yaml", "vòng")
    assert workspace.snapshot() == before


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@POSIX_ONLY
def test_a_symlink_to_a_device_in_plans_is_refused(workspace):
    (workspace.root / "plans/zero.yaml").symlink_to("/dev/zero")
    with deadline():
        result = workspace.run("build")
    refused(result, "plans/zero.yaml", "không phải tệp thường")


@POSIX_ONLY
def test_a_fifo_in_plans_is_refused_not_read(workspace):
    os.mkfifo(workspace.root / "plans/ong.yaml")
    with deadline():
        result = workspace.run("build")
    refused(result, "plans/ong.yaml", "không phải tệp thường")


# 12. A file name the register could not hold.

@pytest.mark.parametrize("name", ["ke\thoach.yaml", "ke\u2028hoach.yaml", "ke\x1bhoach.yaml"], ids=["tab", "u2028", "esc"])
def test_a_file_name_with_a_control_character_is_refused(workspace, name):
    os.replace(workspace.root / PLAN_FILE, workspace.root / "plans/2026" / name)
    refused(workspace.run("build"), "tên tệp có ký tự không dùng được")
    refused(workspace.run("issue", str(workspace.root / "plans/2026" / name)), "tên tệp có ký tự không dùng được")
    assert not (workspace.root / "outputs/so-van-ban-di").exists() or not any(
        (workspace.root / "outputs/so-van-ban-di").iterdir())


# 13. An editor's lock file in plans/, and a negative number for doc-so.

@SYMLINKS
def test_hidden_files_and_dangling_links_in_plans_are_skipped(workspace):
    (workspace.root / "plans/2026/.#ke-hoach.yaml").symlink_to("user@host.1234:1700000000")
    workspace.write("plans/2026/.nhap.yaml", "khong: hop: le\n")
    (workspace.root / "plans/mat.yaml").symlink_to("khong-co.yaml")
    result = workspace.run("build")
    assert result.code == 0, result.err
    assert "1 mới" in result.out


def test_doc_so_reads_a_negative_number(capsys):
    assert main(["doc-so", "-1,5"]) == 0
    assert capsys.readouterr().out.strip() == "âm một phẩy năm"
    assert main(["doc-so", "-1250000", "--tien"]) == 0
    assert "triệu" in capsys.readouterr().out
