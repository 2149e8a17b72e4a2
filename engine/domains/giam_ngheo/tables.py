"""Compute stage, figures part: the phụ lục tables and the chart drawn from a document's poverty figures."""

from __future__ import annotations

from typing import Any

from engine.domains.giam_ngheo import model as gn
from engine.model import Document, HeaderCell, Picture, Table
from engine.pipeline.number import Numbering
from engine.nd30.forms import date_line, roman

CHART_WIDTH_MM = 150.0
H = HeaderCell

# Chỉ tiêu giao cho các xóm (Quyết định giao chỉ tiêu): 11 columns on a landscape page (252 mm of text).
TARGET_WIDTHS = (12.0, 44.0, 22.0, 22.0, 22.0, 21.0, 21.0, 22.0, 22.0, 21.0, 21.0)
TARGET_HEADER = (
    (H("STT", tall=True), H("Xóm", tall=True), H("Tổng số hộ", tall=True), H("Hộ nghèo đầu năm", 2),
     H("Chỉ tiêu giảm hộ nghèo", 2), H("Hộ cận nghèo đầu năm", 2), H("Chỉ tiêu giảm hộ cận nghèo", 2)),
    (H("Số hộ"), H("Tỷ lệ (%)"), H("Số hộ"), H("Tỷ lệ (điểm %)"), H("Số hộ"), H("Tỷ lệ (%)"), H("Số hộ"),
     H("Tỷ lệ (điểm %)")),
)
TARGET_KEYS = ("stt", "xom", "tong_so_ho", "ho_ngheo", "ty_le_ho_ngheo", "chi_tieu_ho_ngheo", "chi_tieu_ty_le_ngheo",
               "ho_can_ngheo", "ty_le_can_ngheo", "chi_tieu_ho_can_ngheo", "chi_tieu_ty_le_can_ngheo")

# Kết quả một năm (Báo cáo kết quả), one table per category: 12 columns.
RESULT_WIDTHS = (12.0, 40.0, 20.0, 18.0, 18.0, 19.0, 19.0, 18.0, 18.0, 22.0, 22.0, 26.0)


def result_header(noun: str) -> tuple[tuple[HeaderCell, ...], ...]:
    return (
        (H("STT", tall=True), H("Xóm", tall=True), H("Tổng số hộ", tall=True), H(f"{noun} đầu năm", 2),
         H("Số hộ thoát", tall=True), H("Số hộ phát sinh mới", tall=True), H(f"{noun} cuối năm", 2),
         H("Tỷ lệ giảm (điểm %)", tall=True), H("Chỉ tiêu giảm (điểm %)", tall=True), H("Đánh giá", tall=True)),
        (H("Số hộ"), H("Tỷ lệ (%)"), H("Số hộ"), H("Tỷ lệ (%)")),
    )


def result_keys(kind: Any) -> tuple[str, ...]:
    return ("stt", "xom", "tong_so_ho", kind.count_key, kind.rate_col, kind.left_key, kind.new_key, kind.end_key,
            f"{kind.rate_col}_cuoi_nam", f"giam_ty_le_{kind.suffix}", f"chi_tieu_ty_le_{kind.suffix}",
            f"danh_gia_{kind.suffix}")


def appendices(document: Document, numbering: Numbering) -> list[dict[str, Any]]:
    """Each phụ lục: `Phụ lục` (or `Phụ lục I`, `II` … when several), title, `(Kèm theo …)`, tables."""
    several = len(document.appendices) > 1
    return [{"nhan": f"Phụ lục {roman(i + 1)}" if several else "Phụ lục",
             "tieu_de": _title(key, document), "kem_theo": attached_to(document, numbering),
             "bang": list(_tables(key, document))}
            for i, key in enumerate(document.appendices)]


def _title(key: str, document: Document) -> str:
    year = document.figures.year
    if key == gn.TARGETS:
        return f"CHỈ TIÊU GIẢM NGHÈO NĂM {year} CỦA CÁC XÓM"
    return f"KẾT QUẢ THỰC HIỆN GIẢM NGHÈO NĂM {year} CỦA CÁC XÓM"


def _tables(key: str, document: Document) -> list[Table]:
    figures, results = document.figures, document.results
    if key == gn.TARGETS:
        return [_table(TARGET_HEADER, gn.decision_rows(figures), TARGET_KEYS, TARGET_WIDTHS)]
    rows = gn.report_rows(figures, results)
    return [_table(result_header(kind.noun.capitalize()), rows, result_keys(kind), RESULT_WIDTHS,
                   caption=f"{i}. {kind.noun.capitalize()}") for i, kind in enumerate(gn.KINDS, start=1)]


def _table(header: tuple, rows: list[dict[str, str]], keys: tuple[str, ...], widths: tuple[float, ...],
           caption: str = "") -> Table:
    return Table(header, tuple(tuple(row[k] for k in keys) for row in rows), widths, caption)


def attached_to(document: Document, numbering: Numbering) -> str:
    """`(Kèm theo Quyết định số 17/QĐ-UBND ngày 20 tháng 01 năm 2024 của Chủ tịch Ủy ban nhân dân xã …)`."""
    number = numbering.line.removeprefix("Số: ")
    when = date_line("", document.date, document.year).removeprefix(", ")
    issuer = document.agency.name  # an agency's name keeps its capital inside a sentence (NĐ30 PL II)
    if document.issuer == "chu_tich":
        issuer = f"{document.signature.signer.head_title} {issuer}"
    return f"(Kèm theo {document.kind.label} số {number} {when} của {issuer})"


def chart(document: Document, name: str) -> Picture:
    """The poor-household rate per hamlet, start against end of year."""
    title = f"Tỷ lệ hộ nghèo các xóm đầu năm và cuối năm {document.figures.year}"
    return Picture(gn_chart(document.results, title), CHART_WIDTH_MM)


def gn_chart(results: Any, title: str) -> bytes:
    from engine.domains.giam_ngheo.chart import report_chart  # matplotlib is heavy: only documents with a chart pay for it

    return report_chart(results, title)
