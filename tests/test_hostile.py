"""Hostile inputs (issue 10): each ends in a located Vietnamese message and exit code 1, or is handled
correctly; never a traceback, a hang, a huge allocation, or a file written by a failed build."""

from __future__ import annotations

import io
import os
import signal
import sys
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

@pytest.mark.xfail(strict=True, reason="engine/registry/register.py _meaning still calls yaml.safe_load, which "
                   "builds datetime.date(2024, 2, 30); it must read with engine.pipeline.load.plain_data")
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


@pytest.mark.parametrize("written, said", [
    ("9" * 5000, "số quá dài (5000 chữ số"),              # any plain number, at load
    ('"' + "9" * 5000 + '"', "từ 1 đến 99999, nhưng gặp một số 5000 chữ số"),  # quoted, by the schema
], ids=["plain", "quoted"])
def test_a_number_of_thousands_of_digits_is_refused(workspace, written, said):
    workspace.write(PLAN_FILE, PLAN.replace("so: 5", "so: " + written))
    refused(workspace.run("build"), f"{PLAN_FILE}:2:5:", said)


def test_a_yaml_file_over_the_size_bound_is_refused(workspace):
    workspace.write(PLAN_FILE, PLAN + "# " + "x" * (11 * 1024 * 1024) + "\n")
    refused(workspace.run("build"), PLAN_FILE, "quá lớn")


def test_a_symlink_loop_in_plans_is_reported(workspace):
    loop = workspace.root / "plans/vong.yaml"
    loop.symlink_to(loop)
    before = workspace.snapshot()
    refused(workspace.run("build"), "plans/vong.yaml", "vòng")
    assert workspace.snapshot() == before


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


# 13. An editor's lock file in plans/.

def test_hidden_files_and_dangling_links_in_plans_are_skipped(workspace):
    (workspace.root / "plans/2026/.#ke-hoach.yaml").symlink_to("user@host.1234:1700000000")
    workspace.write("plans/2026/.nhap.yaml", "khong: hop: le\n")
    (workspace.root / "plans/mat.yaml").symlink_to("khong-co.yaml")
    result = workspace.run("build")
    assert result.code == 0, result.err
    assert "1 mới" in result.out
