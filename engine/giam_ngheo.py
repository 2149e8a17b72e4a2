"""Poverty-reduction figures per hamlet: schema, cross checks, target allocation and the rows the documents print."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from engine import schema as s
from engine.vietnamese import format_integer

KIND = "so_lieu_giam_ngheo"
COMMUNE = "Toàn xã"
MET, NOT_MET = "Đạt", "Không đạt"
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


# --- Vietnamese display forms ------------------------------------------------------------------

def so_nguyen(n: int) -> str:
    """`1.250`: dots group thousands."""
    return format_integer(n)


def ty_le(d: Decimal) -> str:
    """`1,52`: two decimals (half up), decimal comma; never `-0,00`."""
    q = d.quantize(CENT, ROUND_HALF_UP)
    whole, decimals = f"{abs(q):.2f}".split(".")
    return ("-" if q < 0 else "") + format_integer(int(whole)) + "," + decimals


# --- pure computations ---------------------------------------------------------------------------

def rate(households: int, total: int) -> Decimal:
    """Percent of `total`, rounded half up to 2 decimals: the figure the documents publish."""
    if total <= 0:
        return Decimal("0.00")
    return (Decimal(households) * HUNDRED / Decimal(total)).quantize(CENT, ROUND_HALF_UP)


def commune_target(points: Decimal, total: int) -> int:
    """Households to take out of a category: points % of all households, rounded up (1,52 × 789 → 12)."""
    return int((points * total / HUNDRED).to_integral_value(rounding=ROUND_CEILING))


def allocate(target: int, counts: tuple[int, ...]) -> tuple[int, ...]:
    """Largest remainder (Hamilton): whole households proportional to `counts`, capped at each count.

    Ties go to the larger remainder, then the larger count, then the earlier hamlet; the result sums
    to min(target, sum(counts)) exactly.
    """
    total = sum(counts)
    target = min(max(target, 0), total)
    if target == 0:
        return tuple(0 for _ in counts)
    shares = [target * c // total for c in counts]
    remainders = [target * c % total for c in counts]  # numerators over the same denominator
    left = target - sum(shares)
    for i in sorted(range(len(counts)), key=lambda i: (-remainders[i], -counts[i], i)):
        if left == 0:
            break
        if shares[i] < counts[i]:
            shares[i] += 1
            left -= 1
    return tuple(shares)


def end_count(start: int, left: int, new: int) -> int:
    """Households in a category at the end of the year."""
    return start - left + new


def achieved(left: int, new: int, target: int) -> bool:
    """Đạt when the net households taken out (left − new) reach the target in households.

    Households rather than rate points: the target was set in whole households, and comparing rounded
    rates would fail a hamlet that met its target exactly whenever its total households changed.
    """
    return left - new >= target


# --- the domain ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hamlet:
    """One xóm at the start of the year, with the targets the clerk typed (None = allocate)."""

    name: str
    households: int
    poor: int
    near_poor: int
    typed_poor: int | None = None
    typed_near_poor: int | None = None


@dataclass(frozen=True)
class Target:
    """A commune target in one category and its split over the hamlets (in hamlet order)."""

    points: Decimal                # percentage points, as in the plan
    households: int                # commune target in households (rounded up)
    allocation: tuple[int, ...]    # households per hamlet
    typed: bool                    # True when the clerk typed every hamlet's target


@dataclass(frozen=True)
class Figures:
    """The data file: year, note, hamlets and the computed targets per category."""

    year: int
    note: str
    hamlets: tuple[Hamlet, ...]
    poor_target: Target
    near_poor_target: Target

    @property
    def households(self) -> int:
        return sum(h.households for h in self.hamlets)

    @property
    def commune(self) -> Hamlet:
        """`Toàn xã`: the sums over the hamlets."""
        return Hamlet(COMMUNE, self.households, sum(h.poor for h in self.hamlets),
                      sum(h.near_poor for h in self.hamlets))


@dataclass(frozen=True)
class Change:
    """One category in one hamlet over the year: households at the start, that left, that newly entered."""

    start: int
    left: int
    new: int

    @property
    def end(self) -> int:
        return end_count(self.start, self.left, self.new)


@dataclass(frozen=True)
class HamletResult:
    """One xóm over the year."""

    name: str
    households: int
    households_end: int
    poor: Change
    near_poor: Change


@dataclass(frozen=True)
class Results:
    """Year-end results, one per hamlet, in the order of the figures."""

    hamlets: tuple[HamletResult, ...]

    @property
    def commune(self) -> HamletResult:
        """`Toàn xã`: the sums over the hamlets."""
        rs = self.hamlets
        return HamletResult(COMMUNE, sum(r.households for r in rs), sum(r.households_end for r in rs),
                            _sum([r.poor for r in rs]), _sum([r.near_poor for r in rs]))


def _sum(changes: list[Change]) -> Change:
    return Change(sum(c.start for c in changes), sum(c.left for c in changes), sum(c.new for c in changes))


@dataclass(frozen=True)
class _Kind:
    """Poor or near-poor: the dataclass field, the YAML and row keys, and the words of one category."""

    attr: str         # poor / near_poor: the field of Hamlet, HamletResult and (+ _target) Figures
    noun: str
    suffix: str       # ngheo / can_ngheo: ends some row keys
    count_key: str
    rate_col: str
    target_key: str
    points_key: str
    left_key: str
    new_key: str
    end_key: str


POOR = _Kind("poor", "hộ nghèo", "ngheo", "ho_ngheo", "ty_le_ho_ngheo", "chi_tieu_giam_ho_ngheo",
             "giam_ty_le_ho_ngheo", "thoat_ngheo", "ngheo_moi", "ho_ngheo_cuoi_nam")
NEAR_POOR = _Kind("near_poor", "hộ cận nghèo", "can_ngheo", "ho_can_ngheo", "ty_le_can_ngheo",
                  "chi_tieu_giam_ho_can_ngheo", "giam_ty_le_ho_can_ngheo", "thoat_can_ngheo", "can_ngheo_moi",
                  "ho_can_ngheo_cuoi_nam")
KINDS = (POOR, NEAR_POOR)


def _target(figures: Figures, kind: _Kind) -> Target:
    return getattr(figures, f"{kind.attr}_target")


# --- rules ---------------------------------------------------------------------------------------

_WHOLE = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")  # 1.250 = one thousand two hundred fifty households
_POINTS = re.compile(r"([0-9]+)(?:[.,]([0-9]+))?\s*%?")


def _scalar(node: Node) -> str:
    if not isinstance(node, ScalarNode) or s.is_null(node) or node.tag.endswith(":bool"):
        return ""
    return node.value.strip()


def households(minimum: int = 0) -> s.Rule:
    """A count of households: a whole number, `1.250` read as 1250 (a count has no decimals)."""
    def rule(node: Node, path: str, ctx: s.Context) -> Any:
        raw = _scalar(node)
        raw = raw.replace(".", "") if _GROUPED.fullmatch(raw) else raw
        if not _WHOLE.fullmatch(raw):
            return s.expected(node, path, ctx, "số hộ là một số nguyên không âm, ví dụ 14")
        if int(raw) < minimum:
            return ctx.fail(node, path, f"cần số hộ từ {minimum} trở lên, nhưng gặp {int(raw)}")
        return int(raw)
    return rule


def rate_points(node: Node, path: str, ctx: s.Context) -> Any:
    """Percentage points: 1.52, "1,52", "1,52%" or 2, kept exact as a Decimal."""
    match = _POINTS.fullmatch(_scalar(node))
    if not match:
        return s.expected(node, path, ctx, "số điểm phần trăm, ví dụ 1,52")
    value = Decimal(f"{match[1]}.{match[2] or '0'}")
    if value > HUNDRED:
        return ctx.fail(node, path, f"cần số điểm phần trăm từ 0 đến 100, nhưng gặp {node.value}")
    return value


@dataclass(frozen=True)
class _Entry:
    """A list item whose fields all passed their rules, kept with its node for later messages."""

    raw: dict[str, Any]
    node: Node
    path: str

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
    return rule


_HAMLET = _entry(s.mapping({
    "ten": s.Key(s.text, True, "tên xóm, đúng như trong vanban.yaml"),
    "tong_so_ho": s.Key(households(1), True, "tổng số hộ của xóm đầu năm"),
    "ho_ngheo": s.Key(households(), True, "số hộ nghèo đầu năm"),
    "ho_can_ngheo": s.Key(households(), True, "số hộ cận nghèo đầu năm"),
    "chi_tieu_giam_ho_ngheo": s.Key(households()),
    "chi_tieu_giam_ho_can_ngheo": s.Key(households()),
}, "một xóm (ten, tong_so_ho, ho_ngheo, ho_can_ngheo)"))

FIGURES_RULE = s.mapping({
    "loai": s.Key(s.choice({KIND: KIND}, "loại tệp số liệu"), True, KIND),
    "nam": s.Key(s.integer(2000, 2100), True, "năm của số liệu, ví dụ 2024"),
    "ghi_chu": s.Key(s.text, default=""),
    "chi_tieu_xa": s.Key(s.mapping({
        "giam_ty_le_ho_ngheo": s.Key(rate_points, True, "số điểm phần trăm giảm tỷ lệ hộ nghèo, ví dụ 1,52"),
        "giam_ty_le_ho_can_ngheo": s.Key(rate_points, True, "số điểm phần trăm giảm tỷ lệ hộ cận nghèo"),
    }, "chỉ tiêu của xã (giam_ty_le_ho_ngheo, giam_ty_le_ho_can_ngheo)"), True, "chỉ tiêu giảm nghèo của xã"),
    "xom": s.Key(s.sequence(_HAMLET), True, "danh sách các xóm với số hộ đầu năm"),
}, "tệp số liệu giảm nghèo (các khóa loai, nam, chi_tieu_xa, xom)")

RESULTS_RULE = s.sequence(_entry(s.mapping({
    "xom": s.Key(s.text, True, "tên xóm"),
    "thoat_ngheo": s.Key(households(), True, "số hộ thoát nghèo trong năm"),
    "ngheo_moi": s.Key(households(), True, "số hộ nghèo phát sinh mới trong năm"),
    "thoat_can_ngheo": s.Key(households(), True, "số hộ thoát cận nghèo trong năm"),
    "can_ngheo_moi": s.Key(households(), True, "số hộ cận nghèo phát sinh mới trong năm"),
    "ho_ngheo_cuoi_nam": s.Key(households()),
    "ho_can_ngheo_cuoi_nam": s.Key(households()),
    "tong_so_ho_cuoi_nam": s.Key(households(1)),
}, "kết quả của một xóm (xom, thoat_ngheo, ngheo_moi, thoat_can_ngheo, can_ngheo_moi)")))


# --- the data file -------------------------------------------------------------------------------

def figures_from(node: Node, ctx: s.Context, known_hamlets: tuple[str, ...], path: str = "") -> Figures | None:
    """The data file checked against its rules and itself; None (errors in ctx) when anything is wrong."""
    before = len(ctx.errors)
    raw = FIGURES_RULE(node, path, ctx)
    if raw is s.INVALID:
        return None
    xom_node = s.key_of(node, "xom")
    entries: tuple[_Entry, ...] = raw["xom"] if raw["xom"] is not s.INVALID else ()
    complete = isinstance(xom_node, SequenceNode) and len(entries) == len(xom_node.value)
    if complete and not entries:
        ctx.fail(xom_node, _join(path, "xom"), "cần ít nhất một xóm")
    _check_names(entries, known_hamlets, xom_node, _join(path, "xom"), ctx)
    for entry in entries:
        _check_counts(entry, ctx)
    targets = raw["chi_tieu_xa"]
    if not (complete and entries) or targets is s.INVALID or s.INVALID in targets.values():
        return None
    hamlets = tuple(_hamlet(e.raw) for e in entries)
    targets_node = s.key_of(node, "chi_tieu_xa")
    plans = [_plan(k, hamlets, entries, targets[k.points_key], targets_node, _join(path, "chi_tieu_xa"), ctx)
             for k in KINDS]
    if len(ctx.errors) > before or None in plans:
        return None
    return Figures(raw["nam"], raw["ghi_chu"], hamlets, plans[0], plans[1])


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _hamlet(raw: dict[str, Any]) -> Hamlet:
    return Hamlet(raw["ten"], raw["tong_so_ho"], raw["ho_ngheo"], raw["ho_can_ngheo"],
                  raw["chi_tieu_giam_ho_ngheo"], raw["chi_tieu_giam_ho_can_ngheo"])


def _check_names(entries: tuple[_Entry, ...], known: tuple[str, ...], xom_node: Node | None,
                 path: str, ctx: s.Context) -> None:
    """Each hamlet once, and only hamlets the profile knows."""
    if entries and not known:
        ctx.fail(xom_node, path, "vanban.yaml chưa có danh sách xóm (khóa 'xom'), nên không đối chiếu được tên xóm")
    seen: dict[str, _Entry] = {}
    for e in entries:
        name = e.raw["ten"]
        if name in seen:
            ctx.fail(e.at("ten"), e.field("ten"), f"xóm '{name}' bị lặp lại (đã có ở dòng {seen[name].line})")
        elif known and name not in known:
            ctx.fail(e.at("ten"), e.field("ten"),
                     f"không có xóm '{name}' trong danh sách xóm của vanban.yaml (khóa 'xom')" + s.hint(name, known))
        seen.setdefault(name, e)


def _check_counts(e: _Entry, ctx: s.Context) -> None:
    """Counts that cannot be: more poor than households, a target above the hamlet's own count."""
    total, poor, near = e.raw["tong_so_ho"], e.raw["ho_ngheo"], e.raw["ho_can_ngheo"]
    for kind in KINDS:
        count = e.raw[kind.count_key]
        if count > total:
            ctx.fail(e.at(kind.count_key), e.field(kind.count_key),
                     f"số {kind.noun} ({so_nguyen(count)}) lớn hơn tổng số hộ của xóm ({so_nguyen(total)})")
        typed = e.raw[kind.target_key]
        if typed is not None and typed > count:
            ctx.fail(e.at(kind.target_key), e.field(kind.target_key), f"chỉ tiêu giảm {so_nguyen(typed)} "
                     f"{kind.noun} lớn hơn số {kind.noun} của xóm ({so_nguyen(count)})")
    if poor <= total and near <= total < poor + near:
        ctx.fail(e.at("ho_can_ngheo"), e.field("ho_can_ngheo"),
                 f"số hộ nghèo và hộ cận nghèo ({so_nguyen(poor)} + {so_nguyen(near)} = {so_nguyen(poor + near)}) "
                 f"lớn hơn tổng số hộ của xóm ({so_nguyen(total)})")


def _plan(kind: _Kind, hamlets: tuple[Hamlet, ...], entries: tuple[_Entry, ...], points: Decimal,
          targets_node: Node, targets_path: str, ctx: s.Context) -> Target | None:
    """The commune target in households and its split: typed by the clerk for every hamlet, or allocated."""
    total = sum(h.households for h in hamlets)
    counts = tuple(getattr(h, kind.attr) for h in hamlets)
    needed = commune_target(points, total)
    basis = f"{so_nguyen(needed)} hộ = {ty_le(points)}% × {so_nguyen(total)} hộ, làm tròn lên"
    if needed > sum(counts):
        ctx.fail(s.key_of(targets_node, kind.points_key) or targets_node, _join(targets_path, kind.points_key),
                 f"chỉ tiêu của xã ({basis}) lớn hơn tổng số {kind.noun} của xã ({so_nguyen(sum(counts))} hộ)")
        return None
    share = allocate(needed, counts)
    typed = [getattr(h, f"typed_{kind.attr}") for h in hamlets]
    if all(t is None for t in typed):
        return Target(points, needed, share, False)
    lacking = [i for i, t in enumerate(typed) if t is None]
    if lacking:
        names = ", ".join(hamlets[i].name for i in lacking)
        ctx.fail(entries[lacking[0]].node, entries[lacking[0]].field(kind.target_key),
                 f"chỉ tiêu giảm {kind.noun} phải gõ cho tất cả các xóm hoặc bỏ trống ở tất cả "
                 f"(để tự chia theo tỷ lệ); các xóm chưa có: {names}")
        return None
    if sum(typed) < needed:
        short = [i for i in range(len(hamlets)) if typed[i] < share[i]]
        listed = ", ".join(f"{hamlets[i].name} (giao {so_nguyen(typed[i])}, theo tỷ lệ {so_nguyen(share[i])}, "
                           f"thiếu {so_nguyen(share[i] - typed[i])})" for i in short)
        ctx.fail(entries[short[0]].at(kind.target_key), entries[short[0]].field(kind.target_key),
                 f"tổng chỉ tiêu giảm {kind.noun} của các xóm ({so_nguyen(sum(typed))} hộ) thấp hơn chỉ tiêu "
                 f"của xã ({basis}); các xóm thấp hơn phần chia theo tỷ lệ: {listed}")
        return None
    return Target(points, needed, tuple(typed), True)


# --- year-end results ----------------------------------------------------------------------------

def results_from(node: Node, ctx: s.Context, figures: Figures, path: str = "ket_qua") -> Results | None:
    """The `ket_qua` list checked against the figures; None (errors in ctx) when anything is wrong."""
    before = len(ctx.errors)
    entries = RESULTS_RULE(node, path, ctx)
    if entries is s.INVALID:
        return None
    hamlets = {h.name: h for h in figures.hamlets}
    seen: dict[str, _Entry] = {}
    found: dict[str, HamletResult] = {}
    for e in entries:
        name = e.raw["xom"]
        if name in seen:
            ctx.fail(e.at("xom"), e.field("xom"), f"xóm '{name}' bị lặp lại (đã có ở dòng {seen[name].line})")
            continue
        seen[name] = e
        if name not in hamlets:
            ctx.fail(e.at("xom"), e.field("xom"), f"xóm '{name}' không có trong số liệu giảm nghèo năm "
                     f"{figures.year} (chưa được giao chỉ tiêu)" + s.hint(name, hamlets))
        elif result := _result(e, hamlets[name], ctx):
            found[name] = result
    missing = [h.name for h in figures.hamlets if h.name not in seen]
    if missing and isinstance(node, SequenceNode) and len(entries) == len(node.value):
        ctx.fail(node, path, f"thiếu kết quả của {len(missing)} xóm: {', '.join(missing)}")
    if len(ctx.errors) > before:
        return None
    return Results(tuple(found[h.name] for h in figures.hamlets))


def _result(e: _Entry, hamlet: Hamlet, ctx: s.Context) -> HamletResult | None:
    """One hamlet's year: nobody leaves who was not there, typed end figures add up."""
    changes = [Change(getattr(hamlet, k.attr), e.raw[k.left_key], e.raw[k.new_key]) for k in KINDS]
    ok = True
    for kind, c in zip(KINDS, changes):
        typed = e.raw[kind.end_key]
        if c.left > c.start:
            ctx.fail(e.at(kind.left_key), e.field(kind.left_key), f"số hộ thoát {kind.noun.removeprefix('hộ ')} "
                     f"({so_nguyen(c.left)}) lớn hơn số {kind.noun} đầu năm của xóm ({so_nguyen(c.start)})")
        elif typed is not None and typed != c.end:
            ctx.fail(e.at(kind.end_key), e.field(kind.end_key),
                     f"cần {c.end} (= {c.start} − {c.left} + {c.new}), nhưng gặp {typed}")
        else:
            continue
        ok = False
    total = e.raw["tong_so_ho_cuoi_nam"] or hamlet.households
    poor, near = changes[0].end, changes[1].end
    if ok and poor + near > total:
        ctx.fail(e.at("tong_so_ho_cuoi_nam"), e.field("tong_so_ho_cuoi_nam"),
                 f"số hộ nghèo và hộ cận nghèo cuối năm ({so_nguyen(poor)} + {so_nguyen(near)} = "
                 f"{so_nguyen(poor + near)}) lớn hơn tổng số hộ cuối năm của xóm ({so_nguyen(total)})")
        ok = False
    return HamletResult(hamlet.name, hamlet.households, total, *changes) if ok else None


# --- rows for the templates ----------------------------------------------------------------------

def decision_rows(figures: Figures) -> list[dict[str, str]]:
    """The Decision's table: per hamlet the start figures and the targets, then `Toàn xã` (their sums)."""
    rows = [_decision_row(str(i + 1), h, {k: _target(figures, k).allocation[i] for k in KINDS})
            for i, h in enumerate(figures.hamlets)]
    rows.append(_decision_row("", figures.commune, {k: sum(_target(figures, k).allocation) for k in KINDS}))
    return rows


def _decision_row(stt: str, hamlet: Hamlet, targets: dict[_Kind, int]) -> dict[str, str]:
    total = hamlet.households
    row = {"stt": stt, "xom": hamlet.name, "tong_so_ho": so_nguyen(total)}
    for kind, target in targets.items():
        count = getattr(hamlet, kind.attr)
        row.update({kind.count_key: so_nguyen(count), kind.rate_col: ty_le(rate(count, total)),
                    f"chi_tieu_{kind.count_key}": so_nguyen(target),
                    f"chi_tieu_ty_le_{kind.suffix}": ty_le(rate(target, total))})
    return row


def report_rows(figures: Figures, results: Results) -> list[dict[str, str]]:
    """The report's table: start, movements, end, cut achieved, target and Đạt/Không đạt; then `Toàn xã`.

    The `Toàn xã` row is judged against the commune target of the plan (its households and its points).
    """
    rows = []
    for i, r in enumerate(results.hamlets):
        targets = {k: _target(figures, k).allocation[i] for k in KINDS}
        rows.append(_report_row(str(i + 1), r, {k: (n, rate(n, r.households)) for k, n in targets.items()}))
    commune = {k: (_target(figures, k).households, _target(figures, k).points) for k in KINDS}
    rows.append(_report_row("", results.commune, commune))
    return rows


def _report_row(stt: str, r: HamletResult, targets: dict[_Kind, tuple[int, Decimal]]) -> dict[str, str]:
    row = {"stt": stt, "xom": r.name, "tong_so_ho": so_nguyen(r.households),
           "tong_so_ho_cuoi_nam": so_nguyen(r.households_end)}
    verdicts = []
    for kind, (target, points) in targets.items():
        c: Change = getattr(r, kind.attr)
        start_rate, end_rate = rate(c.start, r.households), rate(c.end, r.households_end)
        verdicts.append(achieved(c.left, c.new, target))
        row.update({
            kind.count_key: so_nguyen(c.start), kind.rate_col: ty_le(start_rate),
            kind.left_key: so_nguyen(c.left), kind.new_key: so_nguyen(c.new),
            kind.end_key: so_nguyen(c.end), f"{kind.rate_col}_cuoi_nam": ty_le(end_rate),
            f"giam_{kind.count_key}": so_nguyen(c.left - c.new),
            f"giam_ty_le_{kind.suffix}": ty_le(start_rate - end_rate),  # of the published (rounded) rates
            f"chi_tieu_{kind.count_key}": so_nguyen(target), f"chi_tieu_ty_le_{kind.suffix}": ty_le(points),
            f"danh_gia_{kind.suffix}": MET if verdicts[-1] else NOT_MET,
        })
    row["danh_gia"] = MET if all(verdicts) else NOT_MET
    return row


def plan_values(figures: Figures) -> dict[str, str]:
    """The commune figures a plan quotes, in Vietnamese forms; rates carry their `%`."""
    commune = figures.commune
    values = {"nam": str(figures.year), "so_xom": str(len(figures.hamlets)),
              "tong_so_ho": so_nguyen(commune.households)}
    for kind in KINDS:
        target, count = _target(figures, kind), getattr(commune, kind.attr)
        start_rate = rate(count, commune.households)
        values.update({
            kind.points_key: f"{ty_le(target.points)}%", f"chi_tieu_{kind.count_key}": so_nguyen(target.households),
            kind.count_key: so_nguyen(count), kind.rate_col: f"{ty_le(start_rate)}%",
            f"{kind.rate_col}_muc_tieu": f"{ty_le(max(start_rate - target.points, Decimal(0)))}%",
        })
    return values
