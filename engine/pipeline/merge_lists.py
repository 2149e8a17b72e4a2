"""Validate stage, merge part: reading the list a merged document names (`tron: nguon:`) — CSV, Excel or YAML.

Each row keeps where it stands, so that every message names its file and row: `ho-ngheo.csv!dòng 37`,
`ho-ngheo.xlsx!Sheet1!dòng 37` (a cell: `ho-ngheo.xlsx!Sheet1!C37`), `ho-ngheo.yaml:37:3`. The registry reads
a row again through `row_values` to check that an issued document's row was not edited.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from engine.errors import EngineError, InputError, Location
from engine.nd30.forms import nfc
from engine.pipeline.load import compose
from engine.pipeline.sheets import sheet_rows
from engine.workspace import MERGE_KEY, data_file, read_limited

SUFFIXES = (".csv", ".xlsx", ".yaml", ".yml")


class ListError(Exception):
    """The list cannot be read at all; the message (Vietnamese) says why, `located` the errors found at their cells."""

    def __init__(self, message: str, located: list[EngineError] | None = None) -> None:
        super().__init__(message)
        self.located = located or []


def _at(where: Location | str, message: str) -> ListError:
    """A mistake at one place of the list (a row, a cell, a line), said there."""
    return ListError(message, [InputError(message, where if isinstance(where, Location) else Location(where))])


@dataclass(frozen=True)
class ListRow:
    """One row as read: its values by column and where it stands (the row, and each cell where known)."""

    values: dict[str, str]
    where: Location
    cells: dict[str, Location] = field(default_factory=dict)

    def at(self, column: str) -> Location:
        return self.cells.get(column, self.where)


@dataclass(frozen=True)
class Table:
    """A list as read: its column names in order, its rows (blank rows skipped)."""

    columns: tuple[str, ...]
    rows: tuple[ListRow, ...]


def read_table(path: Path, shown: str, sheet: str | None) -> Table:
    """The list's columns and rows; ListError when the file is missing, damaged or of an unknown kind."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ListError(f"chỉ đọc được danh sách dạng .csv, .xlsx hoặc .yaml, nhưng gặp '{path.name}'")
    if suffix == ".xlsx":
        return _xlsx(path, shown, sheet)
    try:
        raw = read_limited(path)
    except OSError as exc:
        raise ListError(f"không đọc được tệp danh sách {shown} ({exc.strerror or exc})") from None
    try:
        text = nfc(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ListError(f"tệp danh sách {shown} không phải mã UTF-8; hãy lưu lại với bảng mã UTF-8 "
                        "(Excel: 'CSV UTF-8')") from None
    return _csv(text, shown) if suffix == ".csv" else _yaml(text, shown)


def _csv(text: str, shown: str) -> Table:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Excel in a Vietnamese locale writes ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[ListRow] = []
    header: list[str] | None = None
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = _header(cells, f"{shown}!dòng {start}")
                continue
            where = Location(f"{shown}!dòng {start}")
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                raise _at(where, f"dòng có {len(cells)} ô, nhiều hơn {len(header)} cột của dòng tiêu đề")
            rows.append(ListRow({h: _clean(c) for h, c in zip(header, cells)}, where))
    except csv.Error as exc:
        raise _at(f"{shown}!dòng {reader.line_num}", f"tệp CSV hỏng ({exc})") from None
    return Table(tuple(header or ()), tuple(rows))


def _header(cells: list, where: str) -> list[str]:
    names = [_clean(c) for c in cells]
    while names and not names[-1]:
        names.pop()
    for i, name in enumerate(names):
        if not name:
            raise _at(where, f"cột thứ {i + 1} của dòng tiêu đề không có tên")
        if name in names[:i]:
            raise _at(where, f"tên cột '{name}' bị lặp lại trong dòng tiêu đề")
    return names


def _clean(value: str) -> str:
    """A cell as text, its spaces and line breaks collapsed, in Unicode's composed form."""
    return " ".join(nfc(value).split())


def _yaml(text: str, shown: str) -> Table:
    """A YAML list of mappings, one per row: `- {ma_ho: HN-001, chu_ho: …}`."""
    try:
        root = compose(text)  # the workspace's own reader: tags, aliases and deep nesting refused, reads bounded
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        raise _at(where, "lỗi cú pháp YAML trong tệp danh sách") from None
    if isinstance(root, MappingNode) and len(root.value) == 1 and isinstance(root.value[0][1], SequenceNode):
        root = root.value[0][1]  # `ho_ngheo: [...]`: one named list
    if root is None:
        return Table((), ())
    if not isinstance(root, SequenceNode):
        raise _at(shown, "tệp danh sách cần một danh sách, mỗi mục một dòng '- ma_ho: …'")
    columns: dict[str, None] = {}
    rows = []
    for item in root.value:
        where = Location(shown, item.start_mark.line + 1, item.start_mark.column + 1)
        if not isinstance(item, MappingNode):
            raise _at(where, "mỗi mục của danh sách cần các cặp 'cột: giá trị'")
        values, cells = {}, {}
        for key, value in item.value:
            if not isinstance(value, ScalarNode):
                raise _at(where, f"giá trị của '{key.value}' cần là một chữ hoặc một số")
            name = _clean(key.value)
            values[name] = _clean(value.value)
            cells[name] = Location(shown, value.start_mark.line + 1, value.start_mark.column + 1)
            columns.setdefault(name)
        rows.append(ListRow(values, where, cells))
    return Table(tuple(columns), tuple(rows))


def _xlsx(path: Path, shown: str, sheet: str | None) -> Table:
    """A sheet of a workbook (`bang:`, or the first that is not a note), read by engine.pipeline.sheets: its first
    row the column names (read as keys: `Chủ hộ` → chu_ho), each following row one item."""
    errors: list[EngineError] = []
    items = sheet_rows(path, shown, errors, sheet)
    if items is None:
        raise ListError("; ".join(str(e) for e in errors[:5]) or f"không đọc được tệp Excel {shown}", errors)
    columns: dict[str, None] = {}
    rows = []
    for item in items:
        mark = item.start_mark
        where = Location(f"{shown}!{getattr(mark, 'sheet', '')}!dòng {mark.line + 1}")
        values, cells = {}, {}
        for key, value in item.value:
            if not isinstance(value, ScalarNode):
                raise _at(where, f"cột '{key.value}' cần một giá trị, không phải một danh sách lồng")
            values[str(key.value)] = _clean(value.value)
            cells[str(key.value)] = Location.at(shown, value.start_mark)
            columns.setdefault(str(key.value))
        rows.append(ListRow(values, where, cells))
    return Table(tuple(columns), tuple(rows))


def list_file(document: Path, value: object) -> Path | None:
    """The list a document's `tron: nguon:` names (`value`: the document as plain Python), if any."""
    merge = value.get(MERGE_KEY) if isinstance(value, dict) else None
    name = merge.get("nguon") if isinstance(merge, dict) else None
    return data_file(document, name) if isinstance(name, str) and name else None


def row_values(document: Path, value: object, key: str) -> dict[str, str] | None:
    """The row of `key` in the document's list, as read now; None when the list or the row is gone."""
    path = list_file(document, value)
    merge = value.get(MERGE_KEY) if isinstance(value, dict) else None
    if path is None or not isinstance(merge, dict):
        return None
    sheet = merge.get("bang") if isinstance(merge.get("bang"), str) else None
    try:
        digest = hashlib.sha256(read_limited(path)).hexdigest()
        rows = _rows_by_key(path, sheet, str(merge.get("khoa")), digest)
    except (OSError, ListError):
        return None
    return rows.get(key)


@lru_cache(maxsize=8)
def _rows_by_key(path: Path, sheet: str | None, key: str, digest: str) -> dict[str, dict[str, str]]:
    """The list's rows by key, parsed once per content (`digest`) of the file: verifying a series parses its list
    once, not once per row. A key found twice stands for no row."""
    found: dict[str, dict[str, str] | None] = {}
    for row in read_table(path, path.name, sheet).rows:
        value = row.values.get(key, "")
        found[value] = None if value in found else row.values
    return {k: v for k, v in found.items() if v is not None}
