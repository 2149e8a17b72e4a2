"""Reading a workbook's cells (.xlsx, openpyxl read-only), bounded and checked, for engine.pipeline.sheets.

Nothing is trusted: not the file (damaged, password-protected, the old .xls, a zip that inflates beyond
MAX_INFLATED_BYTES), not a sheet's declared size (rows are read sparse, cells beyond MAX_ROWS × MAX_COLUMNS or
MAX_CELLS refused), not its cells (merged cells and formula errors refused), each refusal in Vietnamese at its
cell. A value becomes the text its YAML twin would hold: 212 (never 212.0), 1.52, 2024-01-09.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from engine.errors import EngineError, InputError, Location
from engine.nd30.forms import nfc
from engine.workspace import WORKBOOK, read_limited

SUFFIX = WORKBOOK
NOTE = "_"
MAX_ROWS = 10_000              # a commune's figures are a few dozen rows; a register of households a few thousand
MAX_COLUMNS = 100
MAX_CELLS = 200_000
MAX_INFLATED_BYTES = 100 * 1024 * 1024
MAX_PARTS = 1_000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted workbook, or the old .xls format
_DAMAGED = ("tệp Excel bị hỏng hoặc không phải tệp .xlsx; hãy mở bằng Excel rồi lưu lại "
            "(Tệp › Lưu như › Sổ làm việc Excel .xlsx)")


@dataclass(frozen=True)
class Cell:
    value: Any                  # str, int, float, bool, datetime … (None never: empty cells are not kept)
    number_format: str = "General"


@dataclass
class Sheet:
    """One sheet's non-empty cells by (row, column)."""

    title: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    _rows: dict[int, dict[int, Cell]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)  # len(cells) then (cells only grow)

    @property
    def key(self) -> str:
        return key_of(self.title)

    def rows(self) -> list[int]:
        return sorted({row for row, _ in self.cells})

    def row(self, number: int) -> dict[int, Cell]:
        """The row's cells by column; the cells are grouped by row once, not scanned for every row asked."""
        if self._indexed != len(self.cells):
            self._rows = {}
            for (row, column), cell in self.cells.items():
                self._rows.setdefault(row, {})[column] = cell
            self._indexed = len(self.cells)
        return dict(self._rows.get(number, {}))


def key_of(heading: str) -> str:
    """A heading as a key: `Tổng số hộ` → tong_so_ho, `Đơn giá (đồng)` → don_gia, `muc.Số lượng` → muc.so_luong."""
    text = re.sub(r"\([^)]*\)", " ", str(heading)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()
    return ".".join(re.sub(r"[^a-z0-9]+", "_", part).strip("_") for part in text.split("."))


# --- reading cells -----------------------------------------------------------------------------------

def read_sheets(path: Path, shown: str, errors: list[EngineError], data: bytes | None = None) -> list[Sheet] | None:
    """Every sheet that is not a note, its cells read and checked; None when any is refused (errors added).
    `data`: the file's bytes when they come from elsewhere (a version git holds)."""
    book = _open(path, shown, errors, data)
    if book is None:
        return None
    before = len(errors)
    try:
        sheets = [_read_sheet(ws, shown, errors) for ws in book.worksheets if not ws.title.startswith(NOTE)]
    except Exception:  # a part that openpyxl cannot parse: it raises many kinds  # noqa: BLE001
        errors.append(InputError(_DAMAGED, Location(shown)))
        return None
    finally:
        book.close()
    if not sheets and len(errors) == before:
        errors.append(InputError("tệp Excel không có trang nào để đọc (trang tên bắt đầu bằng '_' là ghi chú)",
                                 Location(shown)))
    return sheets if len(errors) == before else None


def _open(path: Path, shown: str, errors: list[EngineError], data: bytes | None) -> Any:
    def refuse(message: str) -> None:
        errors.append(InputError(message, Location(shown)))

    try:
        data = read_limited(path) if data is None else data
    except OSError as exc:
        return refuse(f"không đọc được tệp ({exc.strerror or exc})")
    if data.startswith(_OLE):
        encrypted = "EncryptionInfo".encode("utf-16-le") in data
        return refuse("tệp Excel có đặt mật khẩu nên vanban không đọc được; hãy mở bằng Excel, bỏ mật khẩu (Tệp › "
                      "Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại" if encrypted
                      else "tệp theo định dạng Excel cũ (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return refuse(_DAMAGED)
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_INFLATED_BYTES:
        return refuse(f"tệp Excel quá lớn khi giải nén (hơn {MAX_INFLATED_BYTES // (1024 * 1024)} MB hoặc "
                      f"{MAX_PARTS} phần); tệp số liệu chỉ cần các trang số liệu")
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # "extension is not supported" and the like: nothing the clerk must fix
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # not a workbook after all: openpyxl raises many kinds  # noqa: BLE001
        return refuse(_DAMAGED)


def _read_sheet(ws: Any, shown: str, errors: list[EngineError]) -> Sheet:
    """The sheet's non-empty cells, read row by row without trusting its declared size; merged cells, formula
    errors and cells beyond the bounds are refused."""
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser  # sparse rows: a far cell costs one cell, not a row

    sheet = Sheet(ws.title)
    book = ws.parent

    def refuse(message: str, row: int = 1, column: int = 1) -> None:
        errors.append(InputError(message, Location(shown, row, column, ws.title)))

    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for _, cells in parser.parse():
            for raw in cells:
                value = raw["value"]
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                row, column = raw["row"], raw["column"]
                if row > MAX_ROWS or column > MAX_COLUMNS or len(sheet.cells) >= MAX_CELLS:
                    refuse(f"trang quá lớn: có số liệu ngoài vùng vanban đọc ({_grouped(MAX_ROWS)} dòng, "
                           f"{MAX_COLUMNS} cột, {_grouped(MAX_CELLS)} ô)", row, column)
                    return sheet
                if raw["data_type"] == "e":
                    refuse(f"ô có lỗi công thức ({value}); hãy sửa công thức hoặc gõ số trực tiếp", row, column)
                    continue
                style = ReadOnlyCell(ws, row, column, value, raw["data_type"], raw["style_id"])
                sheet.cells[row, column] = Cell(value, style.number_format or "General")
        for merged in parser.merged_cells.mergeCell if parser.merged_cells else ():
            first = str(merged.ref).split(":")[0]
            refuse(f"ô gộp {merged.ref}: tệp số liệu không dùng ô gộp (Merge); hãy bỏ gộp và ghi giá trị vào từng ô",
                   *_coordinates(first))
    return sheet


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _coordinates(reference: str) -> tuple[int, int]:
    from openpyxl.utils.cell import coordinate_to_tuple

    return coordinate_to_tuple(reference)


def scalar_text(cell: Cell) -> tuple[str, str]:
    """(YAML tag, text) of a cell's value, the text its YAML twin would hold."""
    value = cell.value
    if isinstance(value, bool):
        return "bool", "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value, "%" in cell.number_format)
    if isinstance(value, datetime) and value.time() == time():
        return "timestamp", value.date().isoformat()
    if isinstance(value, (date, datetime, time)):
        return "str", value.isoformat()
    if isinstance(value, timedelta):
        return "str", str(value)
    return "str", nfc(str(value))


def _number_text(value: int | float, percent: bool) -> tuple[str, str]:
    """212 → "212" (never "212.0"), 1.52 → "1.52", as Excel shows it (15 significant digits); a percent cell
    holds a fraction (0.0152 for 1,52%): its text is the points, "1.52%"."""
    if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        return "str", str(value)
    exact = Decimal(f"{value:.15g}") * (100 if percent else 1)
    text = format(exact.normalize(), "f")
    if percent:
        return "str", f"{text}%"
    return ("float" if "." in text else "int"), text


