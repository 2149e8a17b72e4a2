"""The workbook `vanban new … --xlsx` writes: a figures file's skeleton laid out the way engine.pipeline.sheets
reads it, so that it builds as it is — a guide sheet, `thong_tin` (khóa | giá trị | ghi chú), one sheet per list
with its keys in a bold heading row, numbers as numbers, and fixed bytes (same skeleton, same file).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any

from engine.pipeline.sheets import INFO_SHEET

GUIDE_SHEET = "_Hướng dẫn"
FIXED_TIME = datetime(2000, 1, 1)  # the workbook's created/modified stamps: no clock in the bytes
_GROUPED = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{3})+")   # 1.000.000
_DECIMAL = re.compile(r"-?[0-9]+,([0-9]+)")             # 1,52

GUIDE = [
    "Tệp số liệu của vanban dạng Excel: sửa số liệu rồi chạy 'vanban build', như với tệp YAML.",
    f"Trang '{INFO_SHEET}': mỗi dòng một khóa (cột A) và giá trị của nó (cột B); cột C chỉ để ghi chú. Khóa có dấu "
    "chấm (chi_tieu_xa.giam_ty_le_ho_ngheo) là khóa con.",
    "Mỗi trang khác là một danh sách mang tên của khóa (xom, muc …): dòng 1 là tên các cột, mỗi dòng sau một mục. "
    "Tên cột viết như khóa (tong_so_ho) hoặc bằng tiếng Việt có dấu (Tổng số hộ).",
    "Cột dạng muc.noi_dung là một danh sách con: dòng để trống các cột khác thì thêm một mục con cho mục ở trên "
    "(ví dụ trang 'nhom' với các cột ten, muc.noi_dung, muc.don_vi_tinh, muc.so_luong, muc.don_gia).",
    "Gõ số như thường lệ trong Excel (1,52 hoặc 1.250.000 theo cách hiển thị của máy); ô số không được chứa chữ. "
    "Không gộp ô (Merge). Trang có tên bắt đầu bằng '_' (như trang này) là ghi chú, vanban bỏ qua.",
    "Ý nghĩa của từng khóa:",
]


def template_bytes(value: dict[str, Any], meanings: dict[str, str]) -> bytes:
    """The workbook for a skeleton's plain value; `meanings`: dotted key → what it means (the editor schema's)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from engine.docx.write import normalised_zip

    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    meanings = {**meanings, "loai": "loại tệp số liệu: giữ nguyên"}
    info = [[key, cell, meanings.get(key, "")] for key, cell in _flat(value)]
    _fill(book.create_sheet(INFO_SHEET), ["Khóa", "Giá trị", "Ghi chú"], info)
    rows_of_guide = [[line] for line in GUIDE] + [["Trang", "Khóa", "Ý nghĩa"]]
    rows_of_guide += [[INFO_SHEET, key, meaning] for key, _, meaning in info]
    for key, items in value.items():
        if _is_table(items):
            columns, rows = _table(items)
            _fill(book.create_sheet(key), columns, rows)
            rows_of_guide += [[key, column.removeprefix(f"{key}."), meaning] for column, meaning in meanings.items()
                              if column.startswith(f"{key}.")]  # the optional columns too
    for row in rows_of_guide:
        guide.append(row)
    _style(guide, heading=len(GUIDE) + 1)
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # not book.save(): that stamps the time of saving
    return normalised_zip(buffer.getvalue())


def _is_table(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _flat(value: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """The info sheet's rows: scalars by dotted key; the lists go to sheets of their own."""
    rows: list[tuple[str, Any]] = []
    for key, item in value.items():
        if isinstance(item, dict):
            rows += _flat(item, f"{prefix}{key}.")
        elif not _is_table(item):
            rows.append((f"{prefix}{key}", _cell(item)))
    return rows


def _table(items: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Columns (nested lists as `list.field`) and rows: an item's nested entries go on its row and the next."""
    columns: list[str] = []
    for item in items:
        for key, field in item.items():
            names = [f"{key}.{k}" for entry in field for k in entry] if _is_table(field) else [key]
            columns += [name for name in names if name not in columns]
    rows: list[list[Any]] = []
    for item in items:
        nested = [(key, field) for key, field in item.items() if _is_table(field)]
        depth = max([len(field) for _, field in nested], default=1)
        for line in range(depth):
            cells = {key: _cell(field) for key, field in item.items() if not _is_table(field)} if line == 0 else {}
            cells.update({f"{key}.{k}": _cell(v) for key, field in nested if line < len(field)
                          for k, v in field[line].items()})
            rows.append([cells.get(column) for column in columns])
    return columns, rows


def _cell(value: Any) -> Any:
    """A Vietnamese number typed in the skeleton (1.000.000, 1,00) as the number Excel holds."""
    if isinstance(value, str) and _GROUPED.fullmatch(value):
        return int(value.replace(".", ""))
    if isinstance(value, str) and (match := _DECIMAL.fullmatch(value)):
        return (float(value.replace(",", ".")), "0." + "0" * len(match.group(1)))
    return value


def _fill(sheet: Any, heading: list[str], rows: list[list[Any]]) -> None:
    sheet.append(heading)
    for row in rows:
        sheet.append([cell[0] if isinstance(cell, tuple) else cell for cell in row])
        for column, cell in enumerate(row, start=1):
            if isinstance(cell, tuple):
                sheet.cell(sheet.max_row, column).number_format = cell[1]
            elif isinstance(cell, int) and abs(cell) >= 10_000:
                sheet.cell(sheet.max_row, column).number_format = "#,##0"
    _style(sheet, heading=1)
    sheet.freeze_panes = "A2"


def _style(sheet: Any, heading: int) -> None:
    """The heading row bold, each column as wide as its text (within reason)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[heading]:
        cell.font = Font(bold=True)
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=heading):
        for cell in row:
            if cell.value is not None:
                widths[cell.column] = max(widths.get(cell.column, 0), len(str(cell.value)))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 10), 70)


def meanings_of(fragment: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Dotted key → its description, from an editor-schema fragment (engine.schema.json_schema)."""
    found: dict[str, str] = {}
    for key, sub in (fragment.get("properties") or {}).items():
        if sub.get("description"):
            found[f"{prefix}{key}"] = sub["description"]
        inner = _object_in(sub)
        if inner is not None:
            found.update(meanings_of(inner, f"{prefix}{key}."))
    return found


def _object_in(fragment: dict[str, Any]) -> dict[str, Any] | None:
    """The object a key holds, itself or as the items of a list, perhaps among anyOf's choices."""
    for candidate in [fragment, fragment.get("items") or {}, *(fragment.get("anyOf") or [])]:
        candidate = candidate.get("items", candidate) if isinstance(candidate, dict) else {}
        if candidate.get("properties"):
            return candidate
    return None
