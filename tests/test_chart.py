"""The report's chart (engine.chart): a PNG of the right size, identical byte for byte on every render."""

from __future__ import annotations

import struct
from decimal import Decimal

import pytest

pytest.importorskip("matplotlib")

from engine.domains.giam_ngheo.chart import DPI, SIZE_PX, poverty_chart, report_chart  # noqa: E402
from tests.test_giam_ngheo import RESULTS, results_for  # noqa: E402

SIGNATURE = b"\x89PNG\r\n\x1a\n"
LABELS = ["Xóm Đồng Xe", "Xóm Nạ Khao", "Xóm Khuôn Tát", "Xóm Nà Mòn", "Xóm Bản Quyên", "Xóm Làng Mới", "Toàn xã"]
STARTS = [Decimal(v) for v in ("6.60", "7.43", "7.14", "8.25", "5.22", "4.40", "6.59")]
ENDS = [Decimal(v) for v in ("5.58", "4.73", "5.56", "5.15", "4.35", "3.30", "4.92")]
TITLE = "Tỷ lệ hộ nghèo các xóm năm 2024"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which always comes first."""
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def png_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], len(SIGNATURE)
    while at < len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        chunks.append(data[at + 4:at + 8])
        at += 12 + length
    return chunks


def test_png_of_sixteen_centimetres_at_200_dpi():
    data = poverty_chart(LABELS, STARTS, ENDS, TITLE)
    assert data.startswith(SIGNATURE)
    assert png_size(data) == SIZE_PX == (1260, 720)
    assert round(SIZE_PX[0] / DPI * 2.54, 1) == 16.0
    assert b"pHYs" in png_chunks(data)             # carries its 200 dpi, so Word places it at 16 cm


def test_two_renders_are_byte_identical_and_carry_no_software_stamp():
    first = poverty_chart(LABELS, STARTS, ENDS, TITLE)
    assert first == poverty_chart(list(LABELS), list(STARTS), list(ENDS), TITLE)
    assert b"matplotlib" not in first and b"Software" not in first


def test_different_figures_give_a_different_image():
    assert poverty_chart(LABELS, STARTS, ENDS, TITLE) != poverty_chart(LABELS, STARTS, ENDS[::-1], TITLE)


def test_report_chart_from_the_results():
    found, _ = results_for(RESULTS)
    data = report_chart(found, TITLE)
    assert data == poverty_chart(LABELS, STARTS, ENDS, TITLE)


def test_zero_rates_and_mismatched_lengths():
    zero = [Decimal(0)] * 2
    assert poverty_chart(["Xóm A", "Xóm B"], zero, zero, TITLE).startswith(SIGNATURE)
    with pytest.raises(ValueError):
        poverty_chart(["Xóm A"], zero, zero, TITLE)
