"""The phụ lục tables of the poverty cycle: targets per hamlet, and the year's results per category.

Titles and the name column say what the profile calls the hamlets (CỦA CÁC THÔN, Tổ dân phố).
"""

from __future__ import annotations

from engine.domains.giam_ngheo import model as gn
from engine.model import Appendix, HeaderCell, Localities, Table
from engine.nd30.forms import upper

H = HeaderCell

# Chỉ tiêu giao cho các xóm (Quyết định giao chỉ tiêu): 11 columns on a landscape page (252 mm of text).
TARGET_WIDTHS = (12.0, 44.0, 22.0, 22.0, 22.0, 21.0, 21.0, 22.0, 22.0, 21.0, 21.0)


def target_header(heading: str) -> tuple[tuple[HeaderCell, ...], ...]:
    """`heading` names the hamlet column: Xóm, Thôn, Tổ dân phố."""
    return (
        (H("STT", tall=True), H(heading, tall=True), H("Tổng số hộ", tall=True), H("Hộ nghèo đầu năm", 2),
         H("Chỉ tiêu giảm hộ nghèo", 2), H("Hộ cận nghèo đầu năm", 2), H("Chỉ tiêu giảm hộ cận nghèo", 2)),
        (H("Số hộ"), H("Tỷ lệ (%)"), H("Số hộ"), H("Tỷ lệ (điểm %)"), H("Số hộ"), H("Tỷ lệ (%)"), H("Số hộ"),
         H("Tỷ lệ (điểm %)")),
    )


TARGET_KEYS = ("stt", "xom", "tong_so_ho", "ho_ngheo", "ty_le_ho_ngheo", "chi_tieu_ho_ngheo", "chi_tieu_ty_le_ngheo",
               "ho_can_ngheo", "ty_le_can_ngheo", "chi_tieu_ho_can_ngheo", "chi_tieu_ty_le_can_ngheo")

# Kết quả một năm (Báo cáo kết quả), one table per category: 12 columns.
RESULT_WIDTHS = (12.0, 40.0, 20.0, 18.0, 18.0, 19.0, 19.0, 18.0, 18.0, 22.0, 22.0, 26.0)


def result_header(noun: str, heading: str) -> tuple[tuple[HeaderCell, ...], ...]:
    """`noun` is the category (Hộ nghèo), `heading` names the hamlet column (Xóm, Thôn, Tổ dân phố)."""
    return (
        (H("STT", tall=True), H(heading, tall=True), H("Tổng số hộ", tall=True), H(f"{noun} đầu năm", 2),
         H("Số hộ thoát", tall=True), H("Số hộ phát sinh mới", tall=True), H(f"{noun} cuối năm", 2),
         H("Tỷ lệ giảm (điểm %)", tall=True), H("Chỉ tiêu giảm (điểm %)", tall=True), H("Đánh giá", tall=True)),
        (H("Số hộ"), H("Tỷ lệ (%)"), H("Số hộ"), H("Tỷ lệ (%)")),
    )


def result_keys(category: gn.Category) -> tuple[str, ...]:
    return ("stt", "xom", "tong_so_ho", category.count_key, category.rate_col, category.left_key, category.new_key, category.end_key,
            f"{category.rate_col}_cuoi_nam", f"giam_ty_le_{category.suffix}", f"chi_tieu_ty_le_{category.suffix}",
            f"danh_gia_{category.suffix}")


def targets(figures: gn.Figures) -> Appendix:
    """Quyết định giao chỉ tiêu: each hamlet's start figures and targets, then `Toàn xã` (`Toàn phường` …)."""
    places = figures.localities
    title = f"CHỈ TIÊU GIẢM NGHÈO NĂM {figures.year} CỦA CÁC {_plural(places)}"
    header = target_header(places.heading)
    return Appendix(title, (_table(header, gn.decision_rows(figures), TARGET_KEYS, TARGET_WIDTHS),))


def results(figures: gn.Figures, results: gn.Results) -> Appendix:
    """Báo cáo kết quả: one table per category, start, movements, end and the verdict."""
    rows, places = gn.report_rows(figures, results), figures.localities
    title = f"KẾT QUẢ THỰC HIỆN GIẢM NGHÈO NĂM {figures.year} CỦA CÁC {_plural(places)}"
    return Appendix(title, tuple(
        _table(result_header(category.noun.capitalize(), places.heading), rows, result_keys(category),
               RESULT_WIDTHS, caption=f"{i}. {category.noun.capitalize()}")
        for i, category in enumerate(gn.CATEGORIES, start=1)))


def _plural(places: Localities) -> str:
    """The hamlets in a title, after CỦA CÁC: XÓM, THÔN, TỔ DÂN PHỐ."""
    return upper(places.word)


def _table(header: tuple, rows: list[dict[str, str]], keys: tuple[str, ...], widths: tuple[float, ...],
           caption: str = "") -> Table:
    return Table(header, tuple(tuple(row[k] for k in keys) for row in rows), widths, caption)
