"""Workbooks (.xlsx) read as the located YAML nodes a YAML file gives, each node marked with its cell, so that
every rule written for YAML reads a workbook unchanged and every message points at a cell (`tệp.xlsx!xom!C7`).

The layout is generic (no domain's names). The sheet `thong_tin` holds two columns, khóa | giá trị, dotted keys
for nesting (`chi_tieu_xa.giam_ty_le_ho_ngheo | 1,52`); every other sheet is a list named by its key (`xom`,
`muc` …): its first row holds the column keys, each following row one item. A column `muc.noi_dung` is a field
of a list `muc` inside each item: a row whose other cells are empty adds one more entry to the item above.
Sheet names and headings are read as keys (`Xóm` → xom, `Đơn giá (đồng)` → don_gia); a sheet whose name starts
with '_' is a note, as a file's is. Reading the cells themselves, bounded and checked: engine.pipeline.workbook.

`workbook_node` gives the whole file (a figures file); `sheet_rows` the rows of one sheet (a list to merge).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.errors import EngineError, InputError, Location
from engine.pipeline.workbook import SUFFIX, Sheet, key_of, read_sheets, scalar_text

__all__ = ["SUFFIX", "CellMark", "workbook_node", "sheet_rows", "plain", "workbook_value", "key_of", "grouped"]

INFO_SHEET = "thong_tin"
_TAG = "tag:yaml.org,2002:"


class CellMark(Mark):
    """Where a node starts in a workbook: yaml.Mark's 0-based line and column, plus the sheet."""

    def __init__(self, shown: str, sheet: str, row: int, column: int) -> None:
        super().__init__(shown, 0, row - 1, column - 1, None, None)
        self.sheet = sheet


# --- public: the workbook as nodes -------------------------------------------------------------------

def workbook_node(path: Path, shown: str, errors: list[EngineError], data: bytes | None = None) -> MappingNode | None:
    """The workbook as the mapping its YAML twin would be; None when it cannot be read (all errors added).
    `data`: the file's bytes when they come from elsewhere (a version git holds)."""
    before = len(errors)
    sheets = read_sheets(path, shown, errors, data)
    if sheets is None:
        return None
    info = next((s for s in sheets if s.key == INFO_SHEET), None)
    if info is None:
        errors.append(InputError(f"thiếu trang '{INFO_SHEET}' (hai cột: khóa | giá trị, ví dụ loai | …); tệp Excel "
                                 "trong plans/ là tệp số liệu của vanban, tệp Excel khác hãy đặt tên bắt đầu bằng '_' "
                                 "hoặc để ngoài thư mục plans/", Location(shown)))
        return None
    book = _Nodes(shown, errors)
    pairs = book.info_pairs(info)
    for sheet in sheets:
        if sheet is not info:
            pairs.append((book.key_node(sheet, 1, 1, sheet.key), book.list_node(sheet)))
    book.refuse_repeated_keys(pairs)
    node = MappingNode(f"{_TAG}map", pairs, book.mark(info, 1, 1), book.mark(info, 1, 1))
    return node if len(errors) == before else None


def sheet_rows(path: Path, shown: str, errors: list[EngineError], sheet: str | None = None) -> list[MappingNode] | None:
    """The rows of one list sheet (the one named `sheet`, by title or key, or else the first that is not a note):
    each a mapping from column key to its cell's node. None when it cannot be read (all errors added)."""
    before = len(errors)
    sheets = read_sheets(path, shown, errors)
    if sheets is None:
        return None
    wanted = [s for s in sheets if sheet is None or sheet in (s.title, s.key)]
    if not wanted:
        titles = ", ".join(f"'{s.title}'" for s in sheets) or "(không có)"
        errors.append(InputError(f"không có trang '{sheet}' (các trang: {titles})", Location(shown)))
        return None
    rows = _Nodes(shown, errors).list_node(wanted[0])
    return list(rows.value) if len(errors) == before else None


def plain(node: Node | None) -> object:
    """A node tree as plain values (text, lists, dicts): what a workbook means, to hash and compare."""
    if isinstance(node, MappingNode):
        return {str(k.value): plain(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [plain(child) for child in node.value]
    return None if node is None or node.tag == f"{_TAG}null" else node.value


def workbook_value(path: Path, data: bytes | None = None) -> object:
    """The workbook's meaning as plain values, its cells' text (re-saving it in Excel unchanged changes nothing);
    ValueError (with the errors) when it cannot be read."""
    errors: list[EngineError] = []
    node = workbook_node(path, path.name, errors, data)
    if node is None:
        raise ValueError("; ".join(map(str, errors)))
    return plain(node)


def grouped(errors: list[EngineError], shown_cells: int = 8) -> list[EngineError]:
    """A mistake repeated down a column said once: at its first cell, then "cùng lỗi ở C4, C5 …". The same
    message at the same cell (a wrong heading, met by every row) comes once. Other errors pass unchanged."""
    firsts: dict[tuple, EngineError] = {}
    cells: dict[tuple, list[str]] = {}
    out: list[EngineError | tuple] = []
    for error in errors:
        where = error.location
        if where is None or not where.sheet:
            out.append(error)
            continue
        key = (where.path, where.sheet, re.sub(r"\[[0-9]+\]", "[]", error.field), error.message)
        if key not in firsts:
            firsts[key], cells[key] = error, []
            out.append(key)
        if where.cell not in cells[key]:
            cells[key].append(where.cell)
    return [item if isinstance(item, EngineError) else _repeated(firsts[item], cells[item][1:], shown_cells)
            for item in out]


def _repeated(error: EngineError, others: list[str], shown_cells: int) -> EngineError:
    if not others:
        return error
    listed = ", ".join(others[:shown_cells]) + (f" … ({len(others)} ô)" if len(others) > shown_cells else "")
    return type(error)(f"{error.message} (cùng lỗi ở {listed})", error.location, error.field)


# --- building nodes ----------------------------------------------------------------------------------

@dataclass
class _Nodes:
    """Builds one workbook's nodes; structural mistakes go to `errors`."""

    shown: str
    errors: list[EngineError]

    def mark(self, sheet: Sheet, row: int, column: int) -> CellMark:
        return CellMark(self.shown, sheet.title, row, column)

    def refuse(self, sheet: Sheet, row: int, column: int, message: str) -> None:
        self.errors.append(InputError(message, Location(self.shown, row, column, sheet.title)))

    def scalar(self, sheet: Sheet, row: int, column: int) -> ScalarNode:
        mark = self.mark(sheet, row, column)
        cell = sheet.cells.get((row, column))
        if cell is None:
            return ScalarNode(f"{_TAG}null", "", mark, mark)
        tag, text = scalar_text(cell)
        return ScalarNode(f"{_TAG}{tag}", text, mark, mark)

    def key_node(self, sheet: Sheet, row: int, column: int, key: str) -> ScalarNode:
        mark = self.mark(sheet, row, column)
        return ScalarNode(f"{_TAG}str", key, mark, mark)

    def heading(self, sheet: Sheet, row: int, column: int) -> str:
        """A key cell: text read as a key; a key that is no word (a number, 'Tổng %') is refused."""
        key = key_of(scalar_text(sheet.cells[row, column])[1])
        if not re.fullmatch(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*", key):
            self.refuse(sheet, row, column, f"'{sheet.cells[row, column].value}' không phải tên khóa (cần chữ, ví dụ "
                        "tong_so_ho hoặc Tổng số hộ)")
        return key

    # the info sheet: key | value, dotted keys nest

    def info_pairs(self, sheet: Sheet) -> list[tuple[Node, Node]]:
        rows = sheet.rows()
        if not rows:
            self.refuse(sheet, 1, 1, f"trang '{sheet.title}' trống: cần hai cột khóa | giá trị, ví dụ loai | …")
            return []
        top: dict[str, Any] = {}
        for row in rows:
            cells = sheet.row(row)
            if 1 not in cells:
                self.refuse(sheet, row, min(cells), f"có giá trị nhưng ô A{row} chưa ghi khóa")
                continue
            key = self.heading(sheet, row, 1)
            if row == rows[0] and key == "khoa":  # a heading row: khóa | giá trị | ghi chú
                continue
            self._place(sheet, row, key.split("."), top)
        return self._pairs(top)

    def _place(self, sheet: Sheet, row: int, path: list[str], into: dict[str, Any]) -> None:
        """One key | value row into the tree of nested keys; a key both valued and nested is refused."""
        head, rest = path[0], path[1:]
        found = into.get(head)
        if not rest:
            if found is not None:
                nested = ", nên không có giá trị" if isinstance(found[1], dict) else ""
                self.refuse(sheet, row, 1, f"khóa '{head}' đã có{' khóa con' if nested else ''} ở ô "
                            f"A{found[0].start_mark.line + 1}{nested}")
                return
            into[head] = (self.key_node(sheet, row, 1, head), self.scalar(sheet, row, 2))
            return
        if found is None:
            found = into[head] = (self.key_node(sheet, row, 1, head), {})
        if not isinstance(found[1], dict):
            self.refuse(sheet, row, 1, f"khóa '{head}' đã có giá trị ở ô B{found[0].start_mark.line + 1}, nên không có "
                        "khóa con")
            return
        self._place(sheet, row, rest, found[1])

    def _pairs(self, tree: dict[str, Any]) -> list[tuple[Node, Node]]:
        pairs: list[tuple[Node, Node]] = []
        for key_node, value in tree.values():
            if isinstance(value, dict):
                value = MappingNode(f"{_TAG}map", self._pairs(value), key_node.start_mark, key_node.start_mark)
            pairs.append((key_node, value))
        return pairs

    def refuse_repeated_keys(self, pairs: list[tuple[Node, Node]]) -> None:
        seen: dict[str, Node] = {}
        for key, _ in pairs:
            if key.value in seen:
                first = seen[key.value].start_mark
                self.errors.append(InputError(f"khóa '{key.value}' đã có ở trang '{first.sheet}'; mỗi khóa ghi một lần",
                                              Location.at(self.shown, key.start_mark)))
            seen.setdefault(key.value, key)

    # a list sheet: a heading row of keys, then one item per row

    def list_node(self, sheet: Sheet) -> SequenceNode:
        rows = sheet.rows()
        start = self.mark(sheet, 1, 1)
        if not rows:
            self.refuse(sheet, 1, 1, f"trang '{sheet.title}' trống: cần dòng tiêu đề (tên cột) ở dòng 1 và mỗi dòng "
                        "sau một mục")
            return SequenceNode(f"{_TAG}seq", [], start, start)
        head = rows[0]
        columns = self._columns(sheet, head)
        items: list[MappingNode] = []
        for row in rows[1:]:
            self._refuse_unnamed(sheet, row, columns)
            plain_cells = any((row, c) in sheet.cells for c, key in columns.items() if "." not in key)
            if plain_cells or not items:
                items.append(self._item(sheet, head, row, columns))
            else:
                self._add_nested(items[-1], sheet, head, row, columns)
        first = self.mark(sheet, head, min(columns) if columns else 1)
        return SequenceNode(f"{_TAG}seq", items, first, first)

    def _columns(self, sheet: Sheet, head: int) -> dict[int, str]:
        columns: dict[int, str] = {}
        for column in sorted(sheet.row(head)):
            key = self.heading(sheet, head, column)
            if key.count(".") > 1:
                self.refuse(sheet, head, column, f"cột '{key}': chỉ lồng một cấp (danh_sach.khoa)")
            if key in columns.values():
                earlier = next(c for c, k in columns.items() if k == key)
                self.refuse(sheet, head, column, f"cột '{key}' bị lặp lại (đã có ở ô "
                            f"{Location('', head, earlier).cell})")
                continue
            columns[column] = key
        return columns

    def _refuse_unnamed(self, sheet: Sheet, row: int, columns: dict[int, str]) -> None:
        for column in sorted(c for c in sheet.row(row) if c not in columns):
            where = Location("", row, column).cell
            self.refuse(sheet, row, column, f"ô {where} có giá trị nhưng cột {where.rstrip('0123456789')} chưa có tên ở "
                        "dòng tiêu đề")

    def _item(self, sheet: Sheet, head: int, row: int, columns: dict[int, str]) -> MappingNode:
        """One row as a mapping: each key marked at its heading (a wrong key is one mistake, not one per row),
        each value at its cell (an empty one too, as an empty value)."""
        pairs: list[tuple[Node, Node]] = []
        for column, key in columns.items():
            if "." not in key:
                pairs.append((self.key_node(sheet, head, column, key), self.scalar(sheet, row, column)))
        mark = self.mark(sheet, row, min(columns))
        item = MappingNode(f"{_TAG}map", pairs, mark, mark)
        self._add_nested(item, sheet, head, row, columns)
        return item

    def _add_nested(self, item: MappingNode, sheet: Sheet, head: int, row: int, columns: dict[int, str]) -> None:
        """The row's `list.field` cells as one more entry of each nested list of `item`."""
        groups: dict[str, list[int]] = {}
        for column, key in columns.items():
            if "." in key:
                groups.setdefault(key.split(".")[0], []).append(column)
        for group, group_columns in groups.items():
            if not any((row, c) in sheet.cells for c in group_columns):
                continue
            entry_mark = self.mark(sheet, row, group_columns[0])
            entry = MappingNode(f"{_TAG}map", [(self.key_node(sheet, head, c, columns[c].split(".", 1)[1]),
                                                self.scalar(sheet, row, c)) for c in group_columns],
                                entry_mark, entry_mark)
            listed = next((v for k, v in item.value if k.value == group), None)
            if listed is None:
                listed = SequenceNode(f"{_TAG}seq", [], entry_mark, entry_mark)
                item.value.append((self.key_node(sheet, head, group_columns[0], group), listed))
            listed.value.append(entry)
