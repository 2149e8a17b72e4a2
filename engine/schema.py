"""A small schema language over YAML nodes: each rule turns a node into a value or records a located error."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.errors import InputError, Location
from engine.nd30.forms import DATE_FORMS, ImpossibleDate, nfc, parse_date

INVALID = object()  # returned after an error has been recorded; callers simply skip the value


@dataclass
class Context:
    """Where we are in one file, and the errors found so far (all are reported together)."""

    path: str
    errors: list[InputError] = field(default_factory=list)

    def fail(self, node: Node, field_path: str, message: str) -> object:
        """The one place that records an error, with its file, line and column (or its workbook cell)."""
        self.errors.append(InputError(message, Location.at(self.path, node.start_mark), field_path))
        return INVALID


Rule = Callable[[Node, str, Context], Any]

# --- editor help: each rule carries a JSON-Schema fragment describing what it accepts --------------
# A fragment is a dict, or a function returning one (for rules whose description refers to others).

SCALAR_TYPES = ["string", "number", "boolean", "null"]
_REGISTERED: dict[str, Callable[[], dict]] = {}


def described(rule: Rule, fragment: dict | Callable[[], dict]) -> Rule:
    """`rule` with the JSON-Schema fragment an editor shows for it (see engine.pipeline.json_schema)."""
    rule.json_schema = fragment  # type: ignore[attr-defined]
    return rule


def json_schema(rule: Any) -> dict:
    """The JSON-Schema fragment of a rule; a rule that describes nothing accepts anything ({})."""
    fragment = getattr(rule, "json_schema", None)
    if fragment is None:
        return {}
    return dict(fragment() if callable(fragment) else fragment)


def register_schema(name: str, fragment: Callable[[], dict]) -> None:
    """A fragment the generator finds by name: a data file's `data:<loai>`, a document key's `key:<name>`."""
    _REGISTERED[name] = fragment


def registered_schemas() -> dict[str, Callable[[], dict]]:
    return dict(_REGISTERED)


def nullable(fragment: dict) -> dict:
    """An optional key may be left empty (`ngay:`): the engine then takes its default."""
    out = dict(fragment)
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    elif isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    elif isinstance(out.get("type"), list):
        out["type"] = list(dict.fromkeys([*out["type"], "null"]))
    elif out:
        note = {k: out.pop(k) for k in ("description", "examples") if k in out}
        out = {"anyOf": [out, {"type": "null"}], **note}
    return out


def describe(node: Node) -> str:
    """What the clerk wrote, in words: used after 'nhưng gặp'."""
    if isinstance(node, SequenceNode):
        return "một danh sách"
    if isinstance(node, MappingNode):
        return "một nhóm khóa (dạng 'khoa: gia_tri')"
    if node.tag.endswith(":null") or node.value in ("", "~", "null"):
        return "giá trị rỗng"
    if node.tag.endswith((":int", ":float")):
        return f"số {node.value}"
    if node.tag.endswith(":bool"):
        return f"giá trị đúng/sai '{node.value}'"
    return f"chuỗi '{_shorten(node.value)}'"


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def expected(node: Node, path: str, ctx: Context, what: str) -> object:
    if split_sentence(node):
        return ctx.fail(node, path, COLON_HINT)
    return ctx.fail(node, path, f"cần {what}, nhưng gặp {describe(node)}")


COLON_HINT = ("đoạn văn có dấu ': ' nên YAML hiểu nhầm thành 'khóa: giá trị'; hãy đặt cả đoạn trong ngoặc kép "
              "\"…\" hoặc viết dạng khối '>-'")


def split_sentence(node: Node) -> bool:
    """A line of prose with ': ' in it, which YAML reads as a one-key mapping whose key is a phrase."""
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        return False
    key, value = node.value[0]
    return isinstance(key, ScalarNode) and " " in key.value.strip() and isinstance(value, ScalarNode)


_KEY_WORD = re.compile(r"[a-z_][a-z0-9_]*")
# A one-key mapping whose key is a phrase, not a key word: a paragraph YAML split at its ': '.
PROSE_LINE = {"type": "object", "minProperties": 1, "maxProperties": 1,
              "propertyNames": {"pattern": "^(?![a-z_][a-z0-9_]*$)"},
              "additionalProperties": {"type": SCALAR_TYPES},
              "description": "một đoạn văn có dấu ': ' (ví dụ 'Địa điểm: Hội trường'), đọc nguyên văn"}


def prose_line(node: Node) -> ScalarNode | None:
    """`- Địa điểm: Hội trường UBND xã`, which YAML reads as {Địa điểm: Hội trường UBND xã}: the paragraph
    as typed, "Địa điểm: Hội trường UBND xã", at the line and column where it starts. A key word (muc,
    bangg …) is no phrase: it stays a block, right or misspelt."""
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        return None
    key, value = node.value[0]
    if not isinstance(key, ScalarNode) or key.style is not None or not isinstance(value, ScalarNode):
        return None
    if _KEY_WORD.fullmatch(key.value.strip()):
        return None
    rest = "" if is_null(value) and not value.value else value.value
    joined = f"{key.value}: {rest}" if rest else f"{key.value}:"
    return ScalarNode("tag:yaml.org,2002:str", joined, key.start_mark, value.end_mark)


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


_THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{3})+")  # 1.250.000: dots group thousands
_WHOLE = re.compile(r"[0-9]+")


def scalar_value(node: Node) -> str:
    """What a number rule reads: a scalar's text, stripped; "" for a list, a mapping, a null or a yes/no."""
    if not isinstance(node, ScalarNode) or is_null(node) or node.tag.endswith(":bool"):
        return ""
    return node.value.strip()


def ungrouped(raw: str) -> str:
    """`1.250.000` → `1250000` (Vietnamese dots group thousands); anything else as it is."""
    return raw.replace(".", "") if _THOUSANDS.fullmatch(raw) else raw


def whole_number(node: Node) -> int | None:
    """A count or an amount: 1250 or 1.250; None when the node is not a whole number."""
    raw = ungrouped(scalar_value(node))
    return int(raw) if _WHOLE.fullmatch(raw) else None


# Characters a DOCX cannot hold (XML 1.0 forbids them); docxtpl would silently drop text around them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def text(node: Node, path: str, ctx: Context) -> Any:
    """One paragraph of text; inner line breaks from folded YAML become single spaces."""
    if not isinstance(node, ScalarNode) or is_null(node) or node.tag.endswith(":bool"):
        return expected(node, path, ctx, "một đoạn văn bản")
    if bad := _NOT_XML.search(node.value):
        return ctx.fail(node, path, f"có ký tự điều khiển không in được (mã U+{ord(bad.group()):04X}); hãy xóa nó "
                        "(trong chuỗi ngoặc kép, dấu '\\' bắt đầu một mã đặc biệt: viết '\\\\' cho một dấu '\\')")
    if _swallowed_item(node):
        return ctx.fail(node, path, "một dòng '- …' thụt lề sâu hơn các mục phía trên nên bị gộp vào mục này; "
                        "hãy thụt lề các dấu '-' thẳng cột với nhau")
    value = " ".join(nfc(node.value).split())
    if not value:
        return ctx.fail(node, path, "cần một đoạn văn bản, nhưng gặp chuỗi rỗng")
    return value


described(text, {"type": ["string", "number"], "minLength": 1, "description": "một đoạn văn bản"})


def capitals(node: Node, path: str, ctx: Context) -> Any:
    """An abbreviation that a ký hiệu carries (UBND, BCĐ): capitals only, as the Decree writes ký hiệu and as
    `vanban check` then reads them (NĐ30 PL I, II.3)."""
    value = text(node, path, ctx)
    if isinstance(value, str) and value != nfc(value.upper()):
        return ctx.fail(node, path, f"chữ viết tắt '{value}' đi vào ký hiệu văn bản nên phải viết chữ in hoa: "
                        f"'{nfc(value.upper())}' (NĐ30 Phụ lục I, mục II.3)")
    return value


described(capitals, {"type": "string", "minLength": 1, "description": "chữ viết tắt in hoa, ví dụ: UBND"})


def _swallowed_item(node: ScalarNode) -> bool:
    """A plain scalar whose continuation line starts with '- ': a list item indented one step too far."""
    start, end = node.start_mark, node.end_mark
    if node.style is not None or start.line == end.line or start.buffer is None:
        return False
    lines = start.buffer[start.pointer:end.pointer].splitlines()[1:]
    return any(line.lstrip().startswith("- ") for line in lines)


def integer(minimum: int, maximum: int) -> Rule:
    def rule(node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, ScalarNode) or not re.fullmatch(r"[0-9]+", node.value.strip()):
            return expected(node, path, ctx, f"một số nguyên từ {minimum} đến {maximum}")
        digits = node.value.strip().lstrip("0")
        if len(digits) > len(str(maximum)):  # before int(): Python refuses more than 4,300 digits
            return ctx.fail(node, path, f"cần một số nguyên từ {minimum} đến {maximum}, nhưng gặp một số "
                            f"{len(digits)} chữ số")
        value = int(node.value)
        if not minimum <= value <= maximum:
            return ctx.fail(node, path, f"cần một số nguyên từ {minimum} đến {maximum}, nhưng gặp {value}")
        return value
    return described(rule, {"type": "integer", "minimum": minimum, "maximum": maximum,
                            "description": f"một số nguyên từ {minimum} đến {maximum}"})


def date(node: Node, path: str, ctx: Context) -> Any:
    """A date written 2024-01-09 or 09/01/2024; an impossible date is named as such."""
    raw = node.value.strip() if isinstance(node, ScalarNode) else ""
    try:
        return parse_date(raw)
    except ImpossibleDate as error:
        return ctx.fail(node, path, str(error))
    except ValueError:
        return expected(node, path, ctx, DATE_FORMS)


described(date, {"type": "string", "pattern": r"^\s*([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})\s*$",
                 "description": DATE_FORMS, "examples": ["2024-01-09", "09/01/2024"]})


def choice(options: dict[str, Any], what: str) -> Rule:
    """One of a fixed set of words; a near miss gets a did-you-mean."""
    def rule(node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, ScalarNode) or is_null(node):
            return expected(node, path, ctx, what)
        if node.value in options:
            return options[node.value]
        return ctx.fail(node, path, f"cần {what}, nhưng gặp '{node.value}'" + hint(node.value, options))
    return described(rule, {"enum": list(options), "description": what})


def hint(word: str, known: Any) -> str:
    """'; có phải ý bạn là …?' and the list of what is allowed."""
    names = sorted(known)
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    guess = f"; có phải ý bạn là '{close[0]}'?" if close else ""
    return f"{guess} (các giá trị hợp lệ: {', '.join(names)})"


def sequence(item: Rule, allow_single: bool = False, non_empty: bool = False) -> Rule:
    """A YAML list; with allow_single, one value stands for a list of one."""
    def rule(node: Node, path: str, ctx: Context) -> Any:
        if allow_single and isinstance(node, ScalarNode) and not is_null(node):
            node = SequenceNode("tag:yaml.org,2002:seq", [node], node.start_mark, node.end_mark)
        if not isinstance(node, SequenceNode):
            return expected(node, path, ctx, "một danh sách (mỗi mục một dòng bắt đầu bằng '- ')")
        if non_empty and not node.value:
            return ctx.fail(node, path, "cần ít nhất một mục, nhưng gặp danh sách rỗng")
        values = [item(child, f"{path}[{i + 1}]", ctx) for i, child in enumerate(node.value)]
        return tuple(v for v in values if v is not INVALID)

    def fragment() -> dict:
        listed = {"type": "array", "items": json_schema(item), **({"minItems": 1} if non_empty else {})}
        return {"anyOf": [listed, json_schema(item)]} if allow_single else listed
    return described(rule, fragment)


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its rule, whether it must be there, and what it means (for messages)."""

    rule: Rule
    required: bool = False
    meaning: str = ""
    default: Any = None


def mapping(keys: dict[str, Key], what: str = "một nhóm khóa") -> Rule:
    """A YAML mapping with known keys only; unknown keys get a did-you-mean, duplicates are refused."""
    def rule(node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, MappingNode):
            return expected(node, path, ctx, what)
        found: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                ctx.fail(key_node, path, f"tên khóa phải là một chữ (dạng 'khoa:'), nhưng gặp {describe(key_node)}")
                continue
            key = str(key_node.value)
            child_path = f"{path}.{key}" if path else key
            if key in seen:
                ctx.fail(key_node, child_path, f"khóa '{key}' bị lặp lại (đã có ở dòng {seen[key].start_mark.line + 1})")
                continue
            seen[key] = key_node
            if key not in keys:
                ctx.fail(key_node, child_path, f"khóa '{key}' không hợp lệ ở đây" + hint(key, keys))
                continue
            if is_null(value_node) and not keys[key].required:
                found[key] = keys[key].default
                continue
            found[key] = keys[key].rule(value_node, child_path, ctx)
        for key, spec in keys.items():
            if key in seen:
                continue
            if spec.required:
                label = f"{path}.{key}" if path else key
                meaning = f" ({spec.meaning})" if spec.meaning else ""
                ctx.fail(node, label, f"thiếu khóa bắt buộc '{key}'{meaning}")
                found[key] = INVALID
            else:
                found[key] = spec.default
        return found

    def fragment() -> dict:
        return {"type": "object", "description": what,
                "properties": {key: key_schema(spec) for key, spec in keys.items()},
                "required": [key for key, spec in keys.items() if spec.required], "additionalProperties": False}
    return described(rule, fragment)


def key_schema(spec: Key) -> dict:
    """One key for the editor: its rule's fragment, its meaning on hover, empty allowed when optional."""
    out = json_schema(spec.rule)
    if spec.meaning:
        out["description"] = spec.meaning
    if isinstance(spec.default, str) and spec.default:
        out["default"] = spec.default
    return out if spec.required else nullable(out)


def dict_of(rule: Rule, what: str) -> Rule:
    """A mapping whose keys the clerk chooses (units, signers), each value checked by `rule`."""
    def check(node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, MappingNode):
            return expected(node, path, ctx, what)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                ctx.fail(key_node, f"{path}.{key}", f"khóa '{key}' bị lặp lại")
                continue
            out[key] = rule(value_node, f"{path}.{key}", ctx)
        return out
    return described(check, lambda: {"type": "object", "description": what, "additionalProperties": json_schema(rule)})


def key_of(node: Node, name: str) -> Node | None:
    """The value node of `name` in a mapping node, if present."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == name:
                return value_node
    return None


def quoted(text: str) -> str:
    """A YAML scalar that stays text whatever it holds (':', '#', a leading digit …), for YAML vanban writes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
