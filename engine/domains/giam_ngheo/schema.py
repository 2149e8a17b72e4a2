"""Poverty figures, validation: the figures file and a report's ket_qua, checked with located Vietnamese errors.

The hamlets are listed under the profile's own key (`thon:`, `to_dan_pho:` …) or under `xom:`, never both;
every message names them with the profile's word (thôn, tổ dân phố …) and its area (xã, phường …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine import schema as s
from engine.domains.giam_ngheo.model import (HUNDRED, DATA_TYPE, CATEGORIES, DEFAULT_KEY, Change, Figures, Hamlet,
                                             HamletResult, Results, Target, Category, allocate, commune_target,
                                             locality_key, so_nguyen, ty_le)
from engine.model import LOCALITY_WORDS, Localities


# --- rules ---------------------------------------------------------------------------------------

_POINTS = re.compile(r"([0-9]+)(?:[.,]([0-9]+))?\s*%?")


def households(minimum: int = 0) -> s.Rule:
    """A count of households: a whole number, `1.250` read as 1250 (a count has no decimals)."""
    def rule(node: Node, path: str, ctx: s.Context) -> Any:
        count = s.whole_number(node)  # 1.250 = one thousand two hundred fifty households
        if count is None:
            return s.expected(node, path, ctx, "số hộ là một số nguyên không âm, ví dụ 14")
        if count < minimum:
            return ctx.fail(node, path, f"cần số hộ từ {minimum} trở lên, nhưng gặp {count}")
        return count
    return s.described(rule, {"anyOf": [{"type": "number", "minimum": minimum},  # 1.250: a float to YAML
                                        {"type": "string", "pattern": r"^\s*[0-9]{1,3}(\.[0-9]{3})+\s*$"}],
                              "description": "số hộ: số nguyên, ví dụ 14 hoặc 1.250", "examples": [14]})


def rate_points(node: Node, path: str, ctx: s.Context) -> Any:
    """Percentage points: 1.52, "1,52", "1,52%" or 2, kept exact as a Decimal."""
    match = _POINTS.fullmatch(s.scalar_value(node))
    if not match:
        return s.expected(node, path, ctx, "số điểm phần trăm, ví dụ 1,52")
    value = Decimal(f"{match[1]}.{match[2] or '0'}")
    if value > HUNDRED:
        return ctx.fail(node, path, f"cần số điểm phần trăm từ 0 đến 100, nhưng gặp {node.value}")
    return value


s.described(rate_points, {"anyOf": [{"type": "number", "minimum": 0, "maximum": 100},
                                    {"type": "string", "pattern": r"^\s*[0-9]+([.,][0-9]+)?\s*%?\s*$"}],
                          "description": "số điểm phần trăm, ví dụ 1,52", "examples": ["1,52"]})


@dataclass(frozen=True)
class _Entry:
    """A list item whose fields all passed their rules, kept with its node for later messages."""

    raw: dict[str, Any]
    node: Node
    path: str
    name_key: str = "ten"  # the key that names the hamlet: ten in the figures, xom / thon … in ket_qua

    def at(self, key: str) -> Node:
        return s.key_of(self.node, key) or self.node

    def field(self, key: str) -> str:
        return f"{self.path}.{key}"

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1


def _entry(fields: s.Rule) -> s.Rule:
    def rule(node: Node, path: str, ctx: s.Context) -> Any:
        raw = fields(node, path, ctx)
        if raw is s.INVALID or s.INVALID in raw.values():
            return s.INVALID
        return _Entry(raw, node, path)
    return s.described(rule, lambda: s.json_schema(fields))


@dataclass(frozen=True)
class _Words:
    """What this workspace calls its hamlets, for keys and messages."""

    word: str                   # thôn, tổ dân phố …
    key: str                    # its vanban.yaml key: thon, to_dan_pho …
    area: str                   # the agency's level: xã, phường, thị trấn …
    accepted: tuple[str, ...]   # the list keys a data file may use: the profile's, and xom


def _words(localities: Localities) -> _Words:
    """A profile without a list accepts any locality key, so its message can say which list is missing."""
    area = localities.area or "xã"
    if not localities.word:
        return _Words(LOCALITY_WORDS[DEFAULT_KEY], DEFAULT_KEY, area, tuple(LOCALITY_WORDS))
    key = locality_key(localities.word)
    return _Words(localities.word, key, area, tuple(dict.fromkeys((key, DEFAULT_KEY))))


def _list_key(node: Node, path: str, ctx: s.Context, words: _Words, what: str) -> str:
    """The accepted key `node` names its hamlets with (the profile's key when none); a second one is refused."""
    present = [k for k, _ in node.value if isinstance(k, ScalarNode) and k.value in words.accepted] \
        if isinstance(node, MappingNode) else []
    if not present:
        return words.key
    first = present[0]
    for extra in present[1:]:
        if extra.value != first.value:  # the same key twice is the mapping rule's to report
            ctx.fail(extra, _join(path, extra.value), f"đã có {what} ở khóa '{first.value}' (dòng "
                     f"{first.start_mark.line + 1}); chỉ dùng một khóa, '{first.value}' hoặc '{extra.value}'")
    return first.value


def _ignored(node: Node, path: str, ctx: s.Context) -> Any:
    return None  # the other spelling of the list key, already refused by _list_key


def _hamlet_rule(word: str) -> s.Rule:
    return _entry(s.mapping({
        "ten": s.Key(s.text, True, f"tên {word}, đúng như trong vanban.yaml"),
        "tong_so_ho": s.Key(households(1), True, f"tổng số hộ của {word} đầu năm"),
        "ho_ngheo": s.Key(households(), True, "số hộ nghèo đầu năm"),
        "ho_can_ngheo": s.Key(households(), True, "số hộ cận nghèo đầu năm"),
        "chi_tieu_giam_ho_ngheo": s.Key(households()),
        "chi_tieu_giam_ho_can_ngheo": s.Key(households()),
    }, f"một {word} (ten, tong_so_ho, ho_ngheo, ho_can_ngheo)"))


def _figures_rule(words: _Words, key: str) -> s.Rule:
    """The figures file, its hamlets under `key` (the other accepted spelling is tolerated, and refused)."""
    return s.mapping({
        "loai": s.Key(s.choice({DATA_TYPE: DATA_TYPE}, "loại tệp số liệu"), True, DATA_TYPE),
        "nam": s.Key(s.integer(2000, 2100), True, "năm của số liệu, ví dụ 2024"),
        "ghi_chu": s.Key(s.text, default=""),
        "chi_tieu_xa": s.Key(s.mapping({
            "giam_ty_le_ho_ngheo": s.Key(rate_points, True, "số điểm phần trăm giảm tỷ lệ hộ nghèo, ví dụ 1,52"),
            "giam_ty_le_ho_can_ngheo": s.Key(rate_points, True, "số điểm phần trăm giảm tỷ lệ hộ cận nghèo"),
        }, f"chỉ tiêu của {words.area} (giam_ty_le_ho_ngheo, giam_ty_le_ho_can_ngheo)"), True,
            f"chỉ tiêu giảm nghèo của {words.area}"),
        **{other: s.Key(_ignored) for other in words.accepted if other != key},
        key: s.Key(s.sequence(_hamlet_rule(words.word)), True, f"danh sách các {words.word} với số hộ đầu năm"),
    }, f"tệp số liệu giảm nghèo (các khóa loai, nam, chi_tieu_xa, {key})")


def _result_rule(words: _Words) -> s.Rule:
    """One hamlet's year, named under the profile's key or xom (the entry remembers which)."""
    def rule(node: Node, path: str, ctx: s.Context) -> Any:
        key = _list_key(node, path, ctx, words, f"tên {words.word}")
        entry = _entry(_result_fields(words, key))(node, path, ctx)
        return entry if entry is s.INVALID else replace(entry, name_key=key)
    return s.described(rule, lambda: _any_locality(s.json_schema(_result_fields(words, words.key)), words.key, "tên"))


def _result_fields(words: _Words, key: str) -> s.Rule:
    return s.mapping({
        **{other: s.Key(_ignored) for other in words.accepted if other != key},
        key: s.Key(s.text, True, f"tên {words.word}"),
        "thoat_ngheo": s.Key(households(), True, "số hộ thoát nghèo trong năm"),
        "ngheo_moi": s.Key(households(), True, "số hộ nghèo phát sinh mới trong năm"),
        "thoat_can_ngheo": s.Key(households(), True, "số hộ thoát cận nghèo trong năm"),
        "can_ngheo_moi": s.Key(households(), True, "số hộ cận nghèo phát sinh mới trong năm"),
        "ho_ngheo_cuoi_nam": s.Key(households(), meaning="số hộ nghèo cuối năm, nếu muốn đối chiếu"),
        "ho_can_ngheo_cuoi_nam": s.Key(households(), meaning="số hộ cận nghèo cuối năm, nếu muốn đối chiếu"),
        "tong_so_ho_cuoi_nam": s.Key(households(1), meaning="tổng số hộ cuối năm, nếu khác đầu năm"),
    }, f"kết quả của một {words.word} ({key}, thoat_ngheo, ngheo_moi, thoat_can_ngheo, can_ngheo_moi)")


# --- editor help: the rules above with every locality key (the profile decides which one a file uses) ------

def _any_locality(fragment: dict, key: str, what: str) -> dict:
    """`key`'s entry offered under every locality word (xom, thon, to_dan_pho …); exactly one is required."""
    listed = fragment["properties"].pop(key)
    fragment["properties"].update({k: {**listed, "description": f"{what} {w}"} for k, w in LOCALITY_WORDS.items()})
    fragment["required"] = [r for r in fragment["required"] if r != key]
    fragment["oneOf"] = [{"required": [k]} for k in LOCALITY_WORDS]
    return fragment


def _figures_schema() -> dict:
    words = _Words("xóm, thôn, tổ dân phố …", DEFAULT_KEY, "xã", (DEFAULT_KEY,))
    return _any_locality(s.json_schema(_figures_rule(words, DEFAULT_KEY)), DEFAULT_KEY,
                         "danh sách (với số hộ đầu năm) các")


def _results_schema() -> dict:
    words = _Words("xóm, thôn, tổ dân phố …", DEFAULT_KEY, "xã", (DEFAULT_KEY,))
    entry = s.json_schema(_result_rule(words))
    return {"type": "array", "items": entry, "description": "kết quả giảm nghèo cuối năm từng xóm, thôn, tổ dân phố …"}


s.register_schema(f"data:{DATA_TYPE}", _figures_schema)
s.register_schema("key:ket_qua", _results_schema)


# --- the data file -------------------------------------------------------------------------------

def figures_from(node: Node, ctx: s.Context, localities: Localities, path: str = "") -> Figures | None:
    """The data file checked against its rules, the profile's hamlets and itself; None (errors in ctx) when
    anything is wrong. Its hamlets are listed under the profile's key (thon, to_dan_pho …) or xom."""
    before = len(ctx.errors)
    words = _words(localities)
    key = _list_key(node, path, ctx, words, f"danh sách các {words.word}")
    if not localities.word:  # no list in vanban.yaml: the file's own key says which one is missing
        words = replace(words, word=LOCALITY_WORDS[key], key=key)
    raw = _figures_rule(words, key)(node, path, ctx)
    if raw is s.INVALID:
        return None
    list_node, list_path = s.key_of(node, key), _join(path, key)
    entries: tuple[_Entry, ...] = raw[key] if raw[key] is not s.INVALID else ()
    complete = isinstance(list_node, SequenceNode) and len(entries) == len(list_node.value)
    if complete and not entries:
        ctx.fail(list_node, list_path, f"cần ít nhất một {words.word}")
    _check_names(entries, localities.names, list_node, list_path, words, ctx)
    for entry in entries:
        _check_counts(entry, words.word, ctx)
    targets = raw["chi_tieu_xa"]
    if not (complete and entries) or targets is s.INVALID or s.INVALID in targets.values():
        return None
    hamlets = tuple(_hamlet(e.raw) for e in entries)
    targets_node = s.key_of(node, "chi_tieu_xa")
    plans = [_plan(k, hamlets, entries, targets[k.points_key], (targets_node, _join(path, "chi_tieu_xa")), words,
                   ctx) for k in CATEGORIES]
    if len(ctx.errors) > before or None in plans:
        return None
    return Figures(raw["nam"], raw["ghi_chu"], hamlets, plans[0], plans[1], localities)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _hamlet(raw: dict[str, Any]) -> Hamlet:
    return Hamlet(raw["ten"], raw["tong_so_ho"], raw["ho_ngheo"], raw["ho_can_ngheo"],
                  raw["chi_tieu_giam_ho_ngheo"], raw["chi_tieu_giam_ho_can_ngheo"])


def _check_names(entries: tuple[_Entry, ...], known: tuple[str, ...], list_node: Node | None,
                 path: str, words: _Words, ctx: s.Context) -> None:
    """Each hamlet once, and only hamlets the profile knows."""
    word, key = words.word, words.key
    if entries and not known:
        ctx.fail(list_node, path, f"vanban.yaml chưa có danh sách {word} (khóa '{key}'), nên không đối chiếu được "
                 f"tên {word}")
    seen: dict[str, _Entry] = {}
    for e in entries:
        name = e.raw["ten"]
        if name in seen:
            ctx.fail(e.at("ten"), e.field("ten"), f"{word} '{name}' bị lặp lại (đã có ở dòng {seen[name].line})")
        elif known and name not in known:
            ctx.fail(e.at("ten"), e.field("ten"), f"không có {word} '{name}' trong danh sách {word} của vanban.yaml "
                     f"(khóa '{key}')" + s.hint(name, known))
        seen.setdefault(name, e)


def _check_counts(e: _Entry, word: str, ctx: s.Context) -> None:
    """Counts that cannot be: more poor than households, a target above the hamlet's own count."""
    total, poor, near = e.raw["tong_so_ho"], e.raw["ho_ngheo"], e.raw["ho_can_ngheo"]
    for category in CATEGORIES:
        count = e.raw[category.count_key]
        if count > total:
            ctx.fail(e.at(category.count_key), e.field(category.count_key),
                     f"số {category.noun} ({so_nguyen(count)}) lớn hơn tổng số hộ của {word} ({so_nguyen(total)})")
        typed = e.raw[category.target_key]
        if typed is not None and typed > count:
            ctx.fail(e.at(category.target_key), e.field(category.target_key), f"chỉ tiêu giảm {so_nguyen(typed)} "
                     f"{category.noun} lớn hơn số {category.noun} của {word} ({so_nguyen(count)})")
    if poor <= total and near <= total < poor + near:
        ctx.fail(e.at("ho_can_ngheo"), e.field("ho_can_ngheo"),
                 f"số hộ nghèo và hộ cận nghèo ({so_nguyen(poor)} + {so_nguyen(near)} = {so_nguyen(poor + near)}) "
                 f"lớn hơn tổng số hộ của {word} ({so_nguyen(total)})")


def _plan(category: Category, hamlets: tuple[Hamlet, ...], entries: tuple[_Entry, ...], points: Decimal,
          targets_at: tuple[Node, str], words: _Words, ctx: s.Context) -> Target | None:
    """The commune target in households and its split: typed by the clerk for every hamlet, or allocated."""
    (targets_node, targets_path), word, area = targets_at, words.word, words.area
    total = sum(h.households for h in hamlets)
    counts = tuple(getattr(h, category.attr) for h in hamlets)
    needed = commune_target(points, total)
    basis = f"{so_nguyen(needed)} hộ = {ty_le(points)}% × {so_nguyen(total)} hộ, làm tròn lên"
    if needed > sum(counts):
        ctx.fail(s.key_of(targets_node, category.points_key) or targets_node, _join(targets_path, category.points_key),
                 f"chỉ tiêu của {area} ({basis}) lớn hơn tổng số {category.noun} của {area} "
                 f"({so_nguyen(sum(counts))} hộ)")
        return None
    share = allocate(needed, counts)
    typed = [getattr(h, f"typed_{category.attr}") for h in hamlets]
    if all(t is None for t in typed):
        return Target(points, needed, share, False)
    lacking = [i for i, t in enumerate(typed) if t is None]
    if lacking:
        names = ", ".join(hamlets[i].name for i in lacking)
        ctx.fail(entries[lacking[0]].node, entries[lacking[0]].field(category.target_key),
                 f"chỉ tiêu giảm {category.noun} phải gõ cho tất cả các {word} hoặc bỏ trống ở tất cả "
                 f"(để tự chia theo tỷ lệ); các {word} chưa có: {names}")
        return None
    if sum(typed) < needed:
        short = [i for i in range(len(hamlets)) if typed[i] < share[i]]
        listed = ", ".join(f"{hamlets[i].name} (giao {so_nguyen(typed[i])}, theo tỷ lệ {so_nguyen(share[i])}, "
                           f"thiếu {so_nguyen(share[i] - typed[i])})" for i in short)
        ctx.fail(entries[short[0]].at(category.target_key), entries[short[0]].field(category.target_key),
                 f"tổng chỉ tiêu giảm {category.noun} của các {word} ({so_nguyen(sum(typed))} hộ) thấp hơn chỉ "
                 f"tiêu của {area} ({basis}); các {word} thấp hơn phần chia theo tỷ lệ: {listed}")
        return None
    return Target(points, needed, tuple(typed), True)


# --- year-end results ----------------------------------------------------------------------------

def results_from(node: Node, ctx: s.Context, figures: Figures, path: str = "ket_qua") -> Results | None:
    """The `ket_qua` list checked against the figures; None (errors in ctx) when anything is wrong."""
    before = len(ctx.errors)
    words = _words(figures.localities)
    entries = s.sequence(_result_rule(words))(node, path, ctx)
    if entries is s.INVALID:
        return None
    hamlets = {h.name: h for h in figures.hamlets}
    seen: dict[str, _Entry] = {}
    found: dict[str, HamletResult] = {}
    for e in entries:
        name, key = e.raw[e.name_key], e.name_key
        _check_same_key(e, entries[0], words.word, ctx)
        if name in seen:
            ctx.fail(e.at(key), e.field(key), f"{words.word} '{name}' bị lặp lại (đã có ở dòng {seen[name].line})")
            continue
        seen[name] = e
        if name not in hamlets:
            ctx.fail(e.at(key), e.field(key), f"{words.word} '{name}' không có trong số liệu giảm nghèo năm "
                     f"{figures.year} (chưa được giao chỉ tiêu)" + s.hint(name, hamlets))
        elif result := _result(e, hamlets[name], words.word, ctx):
            found[name] = result
    missing = [h.name for h in figures.hamlets if h.name not in seen]
    if missing and isinstance(node, SequenceNode) and len(entries) == len(node.value):
        ctx.fail(node, path, f"thiếu kết quả của {len(missing)} {words.word}: {', '.join(missing)}")
    if len(ctx.errors) > before:
        return None
    return Results(tuple(found[h.name] for h in figures.hamlets), figures.localities.whole)


def _check_same_key(e: _Entry, first: _Entry, word: str, ctx: s.Context) -> None:
    """Every entry names its hamlet with the same key: `thon:` throughout, or `xom:` throughout."""
    if e.name_key != first.name_key:
        ctx.fail(e.at(e.name_key), e.field(e.name_key), f"các dòng trước ghi tên {word} ở khóa '{first.name_key}' "
                 f"(dòng {first.line}); mọi dòng của ket_qua dùng cùng một khóa")


def _result(e: _Entry, hamlet: Hamlet, word: str, ctx: s.Context) -> HamletResult | None:
    """One hamlet's year: nobody leaves who was not there, typed end figures add up."""
    changes = [Change(getattr(hamlet, k.attr), e.raw[k.left_key], e.raw[k.new_key]) for k in CATEGORIES]
    ok = True
    for category, c in zip(CATEGORIES, changes):
        typed = e.raw[category.end_key]
        if c.left > c.start:
            ctx.fail(e.at(category.left_key), e.field(category.left_key), f"số hộ thoát {category.noun.removeprefix('hộ ')} "
                     f"({so_nguyen(c.left)}) lớn hơn số {category.noun} đầu năm của {word} ({so_nguyen(c.start)})")
        elif typed is not None and typed != c.end:
            ctx.fail(e.at(category.end_key), e.field(category.end_key),
                     f"cần {c.end} (= {c.start} − {c.left} + {c.new}), nhưng gặp {typed}")
        else:
            continue
        ok = False
    total = e.raw["tong_so_ho_cuoi_nam"] or hamlet.households
    poor, near = changes[0].end, changes[1].end
    if ok and poor + near > total:
        ctx.fail(e.at("tong_so_ho_cuoi_nam"), e.field("tong_so_ho_cuoi_nam"),
                 f"số hộ nghèo và hộ cận nghèo cuối năm ({so_nguyen(poor)} + {so_nguyen(near)} = "
                 f"{so_nguyen(poor + near)}) lớn hơn tổng số hộ cuối năm của {word} ({so_nguyen(total)})")
        ok = False
    return HamletResult(hamlet.name, hamlet.households, total, *changes) if ok else None
