"""Validate stage, body part: the YAML rules of a document's content — paragraphs, mục, Phần, Chương, Điều,
khoản and điểm, bullets, charts — each node checked where it stands (a Phần only at the top, …)."""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from engine import domains
from engine import schema as s
from engine.model import Appendix, Article, Bullets, Chapter, Clause, Part, Section
from engine.pipeline import data as dt
from engine.nd30.layout import TEXT_WIDTH_MM
from engine.pipeline import tables
from engine.pipeline.table_rules import table

TOP, IN_PART, NESTED, IN_CLAUSE = "top", "part", "nested", "clause"  # where a body node stands
IN_APPENDIX = "appendix"
_ALLOWED = {  # which structural keys may stand where
    TOP: {"phan", "chuong", "dieu", "muc"},
    IN_PART: {"chuong", "dieu", "muc"},
    IN_APPENDIX: {"chuong", "dieu", "muc"},
    NESTED: {"dieu", "muc"},
    IN_CLAUSE: {"muc"},
}
_WHY_NOT = {
    "phan": "phần ('phan') chỉ đặt ở cấp ngoài cùng của nội dung, không đặt trong một mục, phần hay điều",
    "chuong": "chương ('chuong') chỉ đặt ở cấp ngoài cùng của nội dung hoặc ngay trong một phần",
    "dieu": "điều ('dieu') không đặt trong một khoản; khoản của điều viết trong 'khoan'",
    "muc": "mục ('muc') không đặt trong một khoản; các điểm của khoản viết trong 'diem'",
}
BLOCK_KEYS = {"muc", "phan", "chuong", "dieu", "bang", "gach", "cong", "bieu_do"}
_WHAT = ("một đoạn văn, một mục ('muc: …'), một phần ('phan: …'), một chương ('chuong: …'), một điều "
         "('dieu: …'), một bảng ('bang: …'), gạch đầu dòng ('gach: …') hoặc biểu đồ ('bieu_do: …')")


def body(where: str = TOP, non_empty: bool = False) -> s.Rule:
    """A list of body nodes standing at `where`."""
    rule = s.sequence(lambda node, path, ctx: body_node(node, path, ctx, where), allow_single=True,
                      non_empty=non_empty)
    return s.described(rule, {"$ref": f"#/$defs/body_{where}"})


def body_node(node: Node, path: str, ctx: s.Context, where: str = TOP) -> Any:
    """A paragraph (text), a structural heading with its content, bullets or a chart."""
    if isinstance(node, ScalarNode):
        return s.text(node, path, ctx)
    if (line := s.prose_line(node)) is not None:  # "Địa điểm: Hội trường …" typed without quotes
        return s.text(line, path, ctx)
    if not isinstance(node, MappingNode):
        return s.expected(node, path, ctx, _WHAT)
    keys = {str(k.value) for k, _ in node.value}
    if not keys & BLOCK_KEYS:
        if s.split_sentence(node):
            return ctx.fail(node, path, s.COLON_HINT)
        first = str(node.value[0][0].value) if node.value else ""
        return ctx.fail(node, path, f"không có khối '{first}': cần {_WHAT}" + s.hint(first, BLOCK_KEYS))
    if keys & {"gach", "cong"}:
        return _bullets(node, path, ctx)
    if "bieu_do" in keys:
        return dt.chart_node(node, path, ctx)
    if "bang" in keys:
        return _fitting(table(node, path, ctx), node, path, ctx, where)
    structural = [k for k in ("phan", "chuong", "dieu", "muc") if k in keys]
    if structural and structural[0] not in _ALLOWED[where]:
        return ctx.fail(node, path, _WHY_NOT[structural[0]])
    if structural and structural[0] != "muc":
        return _STRUCTURES[structural[0]](node, path, ctx, where)
    if s.split_sentence(node):
        return ctx.fail(node, path, s.COLON_HINT)
    return _heading(Section, "muc", "tiêu đề của mục", _inner(where))(node, path, ctx)


def _inner(where: str) -> str:
    return where if where in (IN_CLAUSE, IN_APPENDIX) else NESTED


def _fitting(block: Any, node: Node, path: str, ctx: s.Context, where: str) -> Any:
    """A table in the body fits a portrait page; a phụ lục turns landscape for a wider one, up to its width."""
    if block is s.INVALID:
        return block
    width = sum(tables.widths(block.columns))
    room = tables.LANDSCAPE_TEXT_MM if where == IN_APPENDIX else TEXT_WIDTH_MM
    if width > room + 0.5:
        hint = "; hãy thu hẹp các cột" if where == IN_APPENDIX else "; hãy đặt bảng vào phụ lục (trang ngang, tới 252 mm)"
        return ctx.fail(node, path, f"bảng rộng {width:.0f} mm, quá {room:.0f} mm của trang" + hint)
    return block


def _heading_rule(key: str, meaning: str, children: str) -> s.Rule:
    return s.mapping({key: s.Key(s.text, True, meaning),
                      "noi_dung": s.Key(body(children), default=(), meaning=f"nội dung của {meaning.split()[-1]}")},
                     f"một {meaning.split()[-1]} ('{key}: …' kèm 'noi_dung')")


def _heading(make: Any, key: str, meaning: str, children: str) -> s.Rule:
    """`<key>: title` with `noi_dung:` below it, the children standing at `children`."""
    rule = _heading_rule(key, meaning, children)

    def check(node: Node, path: str, ctx: s.Context) -> Any:
        raw = rule(node, path, ctx)
        if raw is s.INVALID or s.INVALID in raw.values():
            return s.INVALID
        return make(raw[key], raw["noi_dung"])
    return check


def _part(node: Node, path: str, ctx: s.Context, where: str) -> Any:
    return _heading(Part, "phan", "tên của phần", IN_PART)(node, path, ctx)


def _chapter(node: Node, path: str, ctx: s.Context, where: str) -> Any:
    return _heading(Chapter, "chuong", "tên của chương", NESTED)(node, path, ctx)


def article(node: Node, path: str, ctx: s.Context, where: str = TOP) -> Any:
    """Điều N.: its text; {dieu: text, noi_dung: […]} continuing it; or {dieu: title, khoan: […]}."""
    if isinstance(node, ScalarNode):
        text = s.text(node, path, ctx)
        return text if text is s.INVALID else Article(text)
    raw = _ARTICLE(node, path, ctx)
    if raw is s.INVALID or s.INVALID in raw.values():
        return s.INVALID
    titled = bool(raw["khoan"])
    return Article(raw["dieu"], (*raw["noi_dung"], *raw["khoan"]), titled)


def _clause(node: Node, path: str, ctx: s.Context) -> Any:
    """A khoản: its text, or {khoan: text, diem: [điểm …], noi_dung: […]}."""
    if isinstance(node, ScalarNode):
        text = s.text(node, path, ctx)
        return text if text is s.INVALID else Clause(text)
    raw = _CLAUSE(node, path, ctx)
    if raw is s.INVALID or s.INVALID in raw.values():
        return s.INVALID
    return Clause(raw["khoan"], raw["diem"], raw["noi_dung"])


_CLAUSE = s.mapping({
    "khoan": s.Key(s.text, True, "nội dung của khoản"),
    "diem": s.Key(s.sequence(s.text, allow_single=True), default=()),
    "noi_dung": s.Key(body(IN_CLAUSE), default=()),
}, "một khoản (chuỗi văn bản, hoặc 'khoan: …' kèm 'diem')")
_ARTICLE = s.mapping({
    "dieu": s.Key(s.text, True, "nội dung hoặc tên của điều"),
    "noi_dung": s.Key(body(NESTED), default=()),
    "khoan": s.Key(s.sequence(_clause, allow_single=True, non_empty=True), default=()),
}, "một điều (chuỗi văn bản, hoặc 'dieu: …' kèm 'noi_dung' hoặc 'khoan')")
_STRUCTURES = {"phan": _part, "chuong": _chapter, "dieu": article}
_APPENDIX = s.mapping({
    "tieu_de": s.Key(s.text, True, "tên phụ lục"),
    "noi_dung": s.Key(body(IN_APPENDIX, non_empty=True), True, "nội dung phụ lục: đoạn văn, bảng, danh sách"),
}, "một phụ lục ('tieu_de: …' kèm 'noi_dung')")


def appendix(node: Node, path: str, ctx: s.Context) -> Any:
    """A phụ lục: the name of one a domain draws (chi_tieu_giam_ngheo …), or {tieu_de, noi_dung} written here."""
    if isinstance(node, ScalarNode):
        names = {name: name for name in domains.appendix_names()}
        return s.choice(names, "tên phụ lục")(node, path, ctx)
    raw = _APPENDIX(node, path, ctx)
    if raw is s.INVALID or s.INVALID in raw.values():
        return s.INVALID
    return Appendix(raw["tieu_de"], raw["noi_dung"])
_GACH = s.mapping({"gach": s.Key(s.sequence(s.text, allow_single=True))}, "gạch đầu dòng")
_CONG = s.mapping({"cong": s.Key(s.sequence(s.text, allow_single=True))}, "dấu cộng đầu dòng")


def _bullets(node: MappingNode, path: str, ctx: s.Context) -> Any:
    marker = "-" if s.key_of(node, "gach") is not None else "+"
    raw = (_GACH if marker == "-" else _CONG)(node, path, ctx)
    if raw is s.INVALID:
        return s.INVALID
    return Bullets(marker, raw["gach" if marker == "-" else "cong"] or ())


# --- editor help: the body as JSON-Schema definitions, one list and one node per place ---------------

_HEADINGS = {"muc": "tiêu đề của mục", "phan": "tên của phần", "chuong": "tên của chương"}
_CHILDREN = {"phan": lambda where: IN_PART, "chuong": lambda where: NESTED, "muc": _inner}
_PLACES = (TOP, IN_PART, IN_APPENDIX, NESTED, IN_CLAUSE)


def _node_schema(where: str) -> dict:
    """What may stand at `where`: a paragraph, a block, and only the headings allowed there."""
    blocks = [s.json_schema(s.text), s.PROSE_LINE, s.json_schema(_GACH), s.json_schema(_CONG), tables_schema(),
              {"type": "object", "description": "một biểu đồ ('bieu_do: …') vẽ từ tệp số liệu",
               "properties": {"bieu_do": {"enum": sorted(domains.chart_names()), "description": "tên biểu đồ"}},
               "required": ["bieu_do"], "additionalProperties": False}]
    for key in ("phan", "chuong", "muc"):
        if key in _ALLOWED[where]:
            blocks.append(s.json_schema(_heading_rule(key, _HEADINGS[key], _CHILDREN[key](where))))
    if "dieu" in _ALLOWED[where]:
        blocks.append(s.json_schema(_ARTICLE))
    for block in blocks[2:]:
        block["required"] = list(dict.fromkeys([next(iter(block["properties"])), *block.get("required", ())]))
    return {"anyOf": blocks, "description": f"cần {_WHAT}"}


def tables_schema() -> dict:
    return s.json_schema(table)


def schema_defs() -> dict[str, dict]:
    """`$defs` of the body: body_<place> (a list, or one paragraph) and node_<place> for every place."""
    defs: dict[str, dict] = {}
    for where in _PLACES:
        node = {"$ref": f"#/$defs/node_{where}"}
        defs[f"body_{where}"] = {"anyOf": [{"type": "array", "items": node}, node],
                                 "description": "nội dung: mỗi mục là một đoạn văn hoặc một khối (muc, bang, gach …)"}
        defs[f"node_{where}"] = _node_schema(where)
    return defs


s.described(article, lambda: {"anyOf": [s.json_schema(s.text), s.json_schema(_ARTICLE)],
                              "description": "một điều: chuỗi văn bản, hoặc 'dieu: …' kèm 'noi_dung' hoặc 'khoan'"})
s.described(_clause, lambda: {"anyOf": [s.json_schema(s.text), s.json_schema(_CLAUSE)],
                              "description": "một khoản: chuỗi văn bản, hoặc 'khoan: …' kèm 'diem'"})
s.described(appendix, lambda: {"anyOf": [{"enum": sorted(domains.appendix_names()), "description": "tên phụ lục "
                                          "vanban tự tính"}, s.json_schema(_APPENDIX)],
                               "description": "một phụ lục: tên phụ lục vanban tự tính, hoặc 'tieu_de' kèm 'noi_dung'"})
