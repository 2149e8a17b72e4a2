"""Validate stage, merge part: the `tron:` key — one document per row of a list (mail merge, trộn văn bản).

    tron:
      nguon: ho-ngheo.csv                # .csv, .xlsx (trang tính: `bang: Sheet1`) or .yaml, beside the document
      khoa: ma_ho                        # the column that tells rows apart
      ten_tep: "giay-xac-nhan-{ma_ho}"   # each document's file name
      gop: true                          # also one combined file for printing
      so_cho_bo: mot                     # when issued: one number for the set (default: one per document)

Any text of the document uses a row's fields as `{chu_ho}`. Every mistake is found here, before anything is
written: a list missing, damaged or empty, a field no column holds, a row without a value the document uses,
two rows with one key or one file name, a file name Windows cannot hold.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine import schema as s
from engine.errors import InputError
from engine.model import MergeRow, MergeSet
from engine.pipeline.load import SourceFile
from engine.pipeline.merge_lists import ListError, ListRow, Table, read_table
from engine.workspace import MERGE_KEY, data_file

FIELD = re.compile(r"(?<!\{)\{([^\W\d]\w*)\}(?!\})")  # {chu_ho}; {{ … }} is text, never a field
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')     # what Windows refuses in a file name
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

def _yes_no(node: Node, path: str, ctx: s.Context) -> Any:
    """`true` or `false`."""
    if isinstance(node, ScalarNode) and node.tag.endswith(":bool"):
        return node.value.lower() in ("true", "yes", "on")
    return s.expected(node, path, ctx, "true hoặc false")


s.described(_yes_no, {"type": "boolean", "description": "true hoặc false"})

RULE = s.mapping({
    "nguon": s.Key(s.text, True, "tệp danh sách, ví dụ: ho-ngheo.csv (hoặc .xlsx, .yaml)"),
    "bang": s.Key(s.text, meaning="trang tính của tệp Excel, ví dụ: Sheet1 (mặc định: trang đầu tiên)"),
    "khoa": s.Key(s.text, True, "cột phân biệt các dòng, ví dụ: ma_ho"),
    "ten_tep": s.Key(s.text, True, "mẫu tên tệp của mỗi văn bản, ví dụ: giay-xac-nhan-{ma_ho}"),
    "gop": s.Key(_yes_no, meaning="thêm một tệp gộp cả bộ để in (true hoặc false)", default=False),
    "so_cho_bo": s.Key(s.choice({"moi_van_ban": False, "mot": True},
                                "cách cấp số: moi_van_ban (mỗi văn bản một số) hoặc mot (một số cho cả bộ)"),
                       default=False),
}, "cách trộn văn bản (nguon, khoa, ten_tep, …)")


def document_keys() -> dict[str, s.Key]:
    return {MERGE_KEY: s.Key(RULE, meaning="trộn văn bản: mỗi dòng của danh sách một văn bản")}


def read(source: SourceFile, raw: dict, ctx: s.Context) -> MergeSet | None:
    """The document's list, every row checked against what the document uses; None (errors in ctx) otherwise."""
    spec = raw.get(MERGE_KEY)
    if spec is None or spec is s.INVALID or any(v is s.INVALID for v in spec.values()):
        return None
    node = s.key_of(source.root, MERGE_KEY)
    shown = data_file(PurePosixPath(source.shown), spec["nguon"]).as_posix()
    pattern_ok = _pattern_ok(spec, node, ctx)
    try:
        table = read_table(data_file(source.path, spec["nguon"]), shown, spec["bang"])
    except ListError as error:
        if error.located:
            ctx.errors.extend(error.located)
        else:
            ctx.fail(s.key_of(node, "nguon"), f"{MERGE_KEY}.nguon", str(error))
        return None
    if not table.rows:
        ctx.fail(s.key_of(node, "nguon"), f"{MERGE_KEY}.nguon", f"danh sách {shown} không có dòng nào nên không có "
                 "văn bản nào để trộn")
        return None
    found = fields(source.root)
    if not _columns_known(found, node, spec, table, shown, ctx) or not pattern_ok:
        return None
    used = sorted({name for name, _, _ in found} | set(FIELD.findall(spec["ten_tep"])))
    before = len(ctx.errors)
    rows = [row for row in (_row(row, spec, used, table, ctx) for row in table.rows) if row is not None]
    _refuse_repeats(rows, spec["khoa"], ctx)
    if len(ctx.errors) > before:
        return None
    return MergeSet(shown, spec["gop"], spec["so_cho_bo"], tuple(rows))


def _pattern_ok(spec: dict, node: Node, ctx: s.Context) -> bool:
    """The file name pattern names no folder, no character Windows refuses, and at least one column."""
    pattern, pattern_node, before = spec["ten_tep"], s.key_of(node, "ten_tep"), len(ctx.errors)
    if bad := FORBIDDEN.search(FIELD.sub("", pattern)):
        ctx.fail(pattern_node, f"{MERGE_KEY}.ten_tep", f"tên tệp không được có ký tự '{bad.group()}' (không dùng "
                 "thư mục con và các ký tự <>:\"/\\|?* mà Windows không cho phép)")
    if not FIELD.search(pattern):
        ctx.fail(pattern_node, f"{MERGE_KEY}.ten_tep", "mẫu tên tệp cần có ít nhất một cột, ví dụ "
                 f"'{pattern}-{{{spec['khoa']}}}', để mỗi văn bản một tên tệp")
    return len(ctx.errors) == before


def _columns_known(found: list[tuple[str, Node, str]], node: Node, spec: dict, table: Table, shown: str,
                   ctx: s.Context) -> bool:
    """The key, the file name's fields and every `{field}` of the text are columns of the list."""
    known = {c: "" for c in table.columns} or {"(danh sách không có cột nào)": ""}
    before = len(ctx.errors)
    if spec["khoa"] not in table.columns:
        ctx.fail(s.key_of(node, "khoa"), f"{MERGE_KEY}.khoa", f"danh sách {shown} không có cột '{spec['khoa']}'"
                 + s.hint(spec["khoa"], known))
    pattern, pattern_node = spec["ten_tep"], s.key_of(node, "ten_tep")
    for name in FIELD.findall(pattern):
        if name not in table.columns:
            ctx.fail(pattern_node, f"{MERGE_KEY}.ten_tep", f"danh sách {shown} không có cột '{name}'"
                     + s.hint(name, known))
    for name, where, path in found:
        if name not in table.columns:
            ctx.fail(where, path, f"không có cột '{name}' trong danh sách {shown}" + s.hint(name, known))
    return len(ctx.errors) == before


def _row(row: ListRow, spec: dict, used: list[str], table: Table, ctx: s.Context) -> MergeRow | None:
    """One row: a value for every field the document and the file name use, and a file name Windows accepts."""
    errors = []
    for column in dict.fromkeys([spec["khoa"], *used]):
        if not row.values.get(column):
            what = "mã phân biệt (khoa)" if column == spec["khoa"] else "giá trị"
            errors.append(InputError(f"thiếu {what} ở cột '{column}' mà văn bản dùng", row.at(column)))
    for column, value in row.values.items():
        if bad := _NOT_XML.search(value):
            errors.append(InputError(f"cột '{column}' có ký tự điều khiển không in được (mã U+{ord(bad.group()):04X})",
                                     row.at(column)))
    if not errors:
        stem = FIELD.sub(lambda m: row.values[m.group(1)], spec["ten_tep"])
        if problem := _bad_file_name(stem):
            errors.append(InputError(f"tên tệp '{stem}.docx' của dòng này {problem}", row.where))
    ctx.errors.extend(errors)
    if errors:
        return None
    values = tuple((c, row.values.get(c, "")) for c in table.columns)
    return MergeRow(row.values[spec["khoa"]], stem, values, row.where)


def _bad_file_name(stem: str) -> str:
    """Why Windows (or a register line) cannot hold this file name, or ''."""
    if bad := FORBIDDEN.search(stem):
        return f"có ký tự '{bad.group()}' mà tên tệp không được có (<>:\"/\\|?*); hãy sửa giá trị trong danh sách"
    if stem.split(".")[0].strip().upper() in RESERVED:
        return f"là tên Windows dành riêng ({stem.split('.')[0].upper()}); hãy đổi mẫu tên tệp"
    if stem.endswith((".", " ")) or not stem.strip():
        return "rỗng hoặc kết thúc bằng dấu chấm hay dấu cách, Windows không cho phép"
    return ""


def _refuse_repeats(rows: list[MergeRow], key: str, ctx: s.Context) -> None:
    """Two rows with one key, or one file name (Windows does not tell capitals apart), would make one file."""
    keys: dict[str, MergeRow] = {}
    names: dict[str, MergeRow] = {}
    for row in rows:
        if row.key in keys:
            ctx.errors.append(InputError(f"mã '{row.key}' (cột '{key}') trùng với {keys[row.key].where}: hai văn bản "
                                         "sẽ cùng một tên tệp; mỗi dòng cần một mã riêng", row.where))
        elif row.stem.casefold() in names:
            ctx.errors.append(InputError(f"tên tệp '{row.stem}.docx' trùng với tên tệp của "
                                         f"{names[row.stem.casefold()].where}; hãy sửa mẫu tên tệp (ten_tep) để "
                                         "mỗi dòng một tên", row.where))
        keys.setdefault(row.key, row)
        names.setdefault(row.stem.casefold(), row)


def fields(node: Node, path: str = "") -> list[tuple[str, Node, str]]:
    """Every `{field}` the document's text uses (the `tron` key itself aside): (name, node, key path)."""
    found: list[tuple[str, Node, str]] = []
    if isinstance(node, ScalarNode):
        found += [(name, node, path) for name in FIELD.findall(node.value)]
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if not (path == "" and key.value == MERGE_KEY):
                found += fields(value, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(node, SequenceNode):
        for i, child in enumerate(node.value):
            found += fields(child, f"{path}[{i + 1}]")
    return found


def fill(text: str, values: dict[str, Any]) -> str:
    """`text` with each `{field}` replaced by the row's value, in one pass: a value is never read again."""
    return FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def fill_plain(value: Any, values: dict[str, str]) -> Any:
    """A document read as plain values (dicts, lists, text) with a row's fields filled in every text."""
    if isinstance(value, str):
        return fill(value, values)
    if isinstance(value, list):
        return [fill_plain(item, values) for item in value]
    if isinstance(value, dict):
        return {key: fill_plain(item, values) for key, item in value.items()}
    return value
