"""The register as people read it: a terminal table, or the Decree's layout (Phụ lục IV) in Excel and Word."""

from __future__ import annotations

import zipfile
from pathlib import Path

from engine.errors import OutputError
from engine.registry.register import Entry
from engine.registry.relations import Key, Undergone, ghi_chu
from engine.nd30.forms import short_date
from engine.workspace import OUTPUTS, PLANS

# NĐ30 Phụ lục IV: the columns of the sổ đăng ký văn bản đi.
COLUMNS = ("Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký",
           "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ghi chú")
WIDTHS = (16, 12, 48, 20, 36, 18, 9, 20)


Since = dict[Key, list[Undergone]]  # what later lines did to each line (registry.relations.undergone)


def rows(entries: list[Entry], since: Since | None = None) -> list[tuple[str, ...]]:
    return [_row(e, since or {}) for e in sorted(entries, key=_order)]


def _row(e: Entry, since: Since) -> tuple[str, ...]:
    """One register line as Phụ lục IV prints it; Ghi chú adds what later lines did to it (thay thế, thu hồi …)."""
    return (e.reference, short_date(e.date), f"{e.kind}: {e.summary}", e.signer, e.recipients, e.archive,
            e.copies, ghi_chu(e, since))


def title(year: int | None) -> str:
    return f"SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM {year}" if year else "SỔ ĐĂNG KÝ VĂN BẢN ĐI"


def print_table(entries: list[Entry], since: Since | None = None) -> None:
    if not entries:
        print("Sổ văn bản đi chưa có văn bản nào.")
        return
    for row in rows(entries, since):
        summary = row[2] if len(row[2]) <= 70 else row[2][:69] + "…"
        print(f"{row[0]:<16} {row[1]:<10}  {summary:<70}  {row[3]}")
        if row[7]:
            print(f"{'':<28}Ghi chú: {row[7]}")
    print(f"Tổng cộng: {len(entries)} văn bản.")


def export_xlsx(entries: list[Entry], path: Path, year: int | None, since: Since | None = None) -> None:
    """Phụ lục IV as a printable workbook: real dates, ruled cells, landscape A4, heading row on every page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = f"So van ban di {year}" if year else "So van ban di"
    sheet.append([title(year)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(list(COLUMNS))
    for entry in sorted(entries, key=_order):  # a real date and a number where Excel should see them
        row = _row(entry, since or {})
        sheet.append([row[0], entry.date, *row[2:6], int(entry.copies) if entry.copies.isdigit() else entry.copies,
                      row[7]])
        sheet.cell(sheet.max_row, 2).number_format = "dd/mm/yyyy"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    thin = Side(style="thin", color="000000")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.font = Font(name="Times New Roman", size=12, bold=cell.row == 2)
            cell.alignment = Alignment(wrap_text=True, vertical="top",
                                       horizontal="center" if cell.row == 2 or cell.column in (2, 7) else None)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    _print_setup(sheet)
    book.save(path)


def _order(entry: Entry) -> tuple:
    return (entry.date.year, entry.series, entry.number)


def _print_setup(sheet: object) -> None:
    """Landscape A4, one page wide, the column headings repeated at the top of every printed page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.print_options.horizontalCentered = True


def export_docx(entries: list[Entry], path: Path, year: int | None, since: Since | None = None) -> None:
    from engine.docx.write import table_document

    path.write_bytes(table_document(title(year), COLUMNS, rows(entries, since), WIDTHS))


def refuse_export_target(root: Path, target: Path, kind: str = "xlsx", overwrite: bool = False) -> None:
    """Exports never land in outputs/ (the archive and the register) nor plans/, and never replace vanban.yaml
    or another file, unless it is an earlier export of the same kind (or --ghi-de says so)."""
    resolved = target.resolve()
    outputs = (root / OUTPUTS).resolve()
    if resolved == outputs or outputs in resolved.parents:
        raise OutputError("không xuất sổ vào thư mục outputs/ (nơi lưu văn bản đã ban hành và sổ); "
                          "hãy chọn chỗ khác, ví dụ thư mục hiện tại", None, str(target))
    plans = (root / PLANS).resolve()
    if resolved == plans or plans in resolved.parents:
        raise OutputError("không xuất sổ vào thư mục plans/ (nơi để các tệp YAML của văn bản); "
                          "hãy chọn chỗ khác, ví dụ thư mục hiện tại", None, str(target))
    if not resolved.parent.is_dir():
        raise OutputError("thư mục chứa tệp xuất không tồn tại", None, str(target))
    if target.is_dir():
        raise OutputError("đây là một thư mục; hãy ghi cả tên tệp, ví dụ so-van-ban-di-2024.xlsx", None, str(target))
    if resolved == (root / "vanban.yaml").resolve():
        raise OutputError("không ghi sổ đè lên vanban.yaml (thông tin cơ quan)", None, str(target))
    if target.exists() and not overwrite and not _earlier_export(target, kind):
        raise OutputError(f"tệp này đã có và không phải sổ văn bản đi đã xuất ra {kind.upper()} trước đây; "
                          "vanban không ghi đè. Hãy chọn tên khác, hoặc thêm --ghi-de nếu chắc chắn muốn thay nó",
                          None, str(target))


def _earlier_export(path: Path, kind: str) -> bool:
    """A file `vanban register --xlsx/--docx` wrote: the right package, with the register's title inside."""
    if kind == "xlsx":
        try:
            from openpyxl import load_workbook

            first = load_workbook(path, read_only=True).active["A1"].value
        except Exception:  # not a workbook at all: openpyxl raises many kinds  # noqa: BLE001
            return False
        return isinstance(first, str) and first.startswith(title(None))
    try:
        with zipfile.ZipFile(path) as package:
            return title(None).encode("utf-8") in package.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
