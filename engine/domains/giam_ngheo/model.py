"""Poverty-reduction figures per hamlet: the model, target allocation, results and the rows the documents print.

A hamlet is whatever the profile calls its localities (xóm, thôn, bản, tổ dân phố …): the figures carry the
profile's Localities, so every printed word and total row (Toàn xã, Toàn phường) follows vanban.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from engine.model import LOCALITY_WORDS, Localities
from engine.nd30.forms import format_integer

DATA_TYPE = "so_lieu_giam_ngheo"
TARGETS, RESULTS = "chi_tieu_giam_ngheo", "ket_qua_giam_ngheo"  # the phụ lục a document may attach
DEFAULT_KEY = "xom"          # the list key every workspace may use, whatever its localities are called
MET, NOT_MET = "Đạt", "Không đạt"  # a table cell starts with a capital; running text quotes them lower-case
COUNT_ALIAS = "so_dia_ban"   # [so_lieu.so_dia_ban]: how many localities, whatever they are called
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


def locality_key(word: str) -> str:
    """The vanban.yaml key of a locality word: thôn → thon, tổ dân phố → to_dan_pho (xom when unknown)."""
    return next((key for key, known in LOCALITY_WORDS.items() if known == word), DEFAULT_KEY)


# --- pure computations ---------------------------------------------------------------------------

def exact_rate(households: int, total: int) -> Decimal:
    """Percent of `total`, unrounded."""
    return Decimal(households) * HUNDRED / Decimal(total) if total > 0 else Decimal(0)


def rate(households: int, total: int) -> Decimal:
    """Percent of `total`, rounded half up to 2 decimals: the figure the documents publish."""
    return exact_rate(households, total).quantize(CENT, ROUND_HALF_UP)


def rate_cut(start: int, total_start: int, end: int, total_end: int) -> Decimal:
    """Points the rate fell over the year, from the exact rates, rounded once (as the target is)."""
    return (exact_rate(start, total_start) - exact_rate(end, total_end)).quantize(CENT, ROUND_HALF_UP)


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


def achieved(cut: Decimal, target_points: Decimal) -> bool:
    """Đạt when the rate fell by at least the target, both as published (two decimals).

    The target is a rate (NQ/KH: "giảm tỷ lệ hộ nghèo … điểm %"), so the verdict compares the very
    figures the table prints; with an unchanged number of households this equals comparing households.
    """
    return cut >= target_points


# --- the domain ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hamlet:
    """One locality (xóm, thôn, tổ dân phố …) at the start of the year, with the targets the clerk typed
    (None = allocate)."""

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
    """The data file: year, note, hamlets and the computed targets per category, and what the profile calls
    the hamlets (the word of titles, column headers and messages; the total row's Toàn xã / Toàn phường)."""

    year: int
    note: str
    hamlets: tuple[Hamlet, ...]
    poor_target: Target
    near_poor_target: Target
    localities: Localities

    @property
    def households(self) -> int:
        return sum(h.households for h in self.hamlets)

    @property
    def commune(self) -> Hamlet:
        """`Toàn xã` (`Toàn phường` …): the sums over the hamlets."""
        return Hamlet(self.localities.whole, self.households, sum(h.poor for h in self.hamlets),
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
    """One locality over the year."""

    name: str
    households: int
    households_end: int
    poor: Change
    near_poor: Change


@dataclass(frozen=True)
class Results:
    """Year-end results, one per hamlet, in the order of the figures; `whole` names their total row."""

    hamlets: tuple[HamletResult, ...]
    whole: str

    @property
    def commune(self) -> HamletResult:
        """`Toàn xã` (`Toàn phường` …): the sums over the hamlets."""
        rs = self.hamlets
        return HamletResult(self.whole, sum(r.households for r in rs), sum(r.households_end for r in rs),
                            _sum([r.poor for r in rs]), _sum([r.near_poor for r in rs]))


def _sum(changes: list[Change]) -> Change:
    return Change(sum(c.start for c in changes), sum(c.left for c in changes), sum(c.new for c in changes))


@dataclass(frozen=True)
class Category:
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


POOR = Category("poor", "hộ nghèo", "ngheo", "ho_ngheo", "ty_le_ho_ngheo", "chi_tieu_giam_ho_ngheo",
             "giam_ty_le_ho_ngheo", "thoat_ngheo", "ngheo_moi", "ho_ngheo_cuoi_nam")
NEAR_POOR = Category("near_poor", "hộ cận nghèo", "can_ngheo", "ho_can_ngheo", "ty_le_can_ngheo",
                  "chi_tieu_giam_ho_can_ngheo", "giam_ty_le_ho_can_ngheo", "thoat_can_ngheo", "can_ngheo_moi",
                  "ho_can_ngheo_cuoi_nam")
CATEGORIES = (POOR, NEAR_POOR)


def _target(figures: Figures, category: Category) -> Target:
    return getattr(figures, f"{category.attr}_target")


# --- rows for the templates ----------------------------------------------------------------------

def decision_rows(figures: Figures) -> list[dict[str, str]]:
    """The Decision's table: per hamlet the start figures and the targets, then `Toàn xã` (their sums)."""
    rows = [_decision_row(str(i + 1), h, {k: _target(figures, k).allocation[i] for k in CATEGORIES})
            for i, h in enumerate(figures.hamlets)]
    rows.append(_decision_row("", figures.commune, {k: sum(_target(figures, k).allocation) for k in CATEGORIES}))
    return rows


def _decision_row(stt: str, hamlet: Hamlet, targets: dict[Category, int]) -> dict[str, str]:
    total = hamlet.households
    row = {"stt": stt, "xom": hamlet.name, "tong_so_ho": so_nguyen(total)}
    for category, target in targets.items():
        count = getattr(hamlet, category.attr)
        row.update({category.count_key: so_nguyen(count), category.rate_col: ty_le(rate(count, total)),
                    f"chi_tieu_{category.count_key}": so_nguyen(target),
                    f"chi_tieu_ty_le_{category.suffix}": ty_le(rate(target, total))})
    return row


def report_rows(figures: Figures, results: Results) -> list[dict[str, str]]:
    """The report's table: start, movements, end, cut achieved, target and Đạt/Không đạt; then `Toàn xã`.

    The `Toàn xã` row is judged against the commune target of the plan (its households and its points).
    """
    rows = []
    for i, r in enumerate(results.hamlets):
        targets = {k: _target(figures, k).allocation[i] for k in CATEGORIES}
        rows.append(_report_row(str(i + 1), r, {k: (n, rate(n, r.households)) for k, n in targets.items()}))
    commune = {k: (_target(figures, k).households, _target(figures, k).points) for k in CATEGORIES}
    rows.append(_report_row("", results.commune, commune))
    return rows


def _report_row(stt: str, r: HamletResult, targets: dict[Category, tuple[int, Decimal]]) -> dict[str, str]:
    row = {"stt": stt, "xom": r.name, "tong_so_ho": so_nguyen(r.households),
           "tong_so_ho_cuoi_nam": so_nguyen(r.households_end)}
    verdicts = []
    for category, (target, points) in targets.items():
        c: Change = getattr(r, category.attr)
        start_rate, end_rate = rate(c.start, r.households), rate(c.end, r.households_end)
        cut = rate_cut(c.start, r.households, c.end, r.households_end)
        verdicts.append(achieved(cut, points.quantize(CENT, ROUND_HALF_UP)))
        row.update({
            category.count_key: so_nguyen(c.start), category.rate_col: ty_le(start_rate),
            category.left_key: so_nguyen(c.left), category.new_key: so_nguyen(c.new),
            category.end_key: so_nguyen(c.end), f"{category.rate_col}_cuoi_nam": ty_le(end_rate),
            f"giam_{category.count_key}": so_nguyen(c.left - c.new),
            f"giam_ty_le_{category.suffix}": ty_le(cut),
            f"chi_tieu_{category.count_key}": so_nguyen(target), f"chi_tieu_ty_le_{category.suffix}": ty_le(points),
            f"danh_gia_{category.suffix}": MET if verdicts[-1] else NOT_MET,
        })
    row["danh_gia"] = MET if all(verdicts) else NOT_MET
    return row


def plan_values(figures: Figures) -> dict[str, str]:
    """The commune figures a plan quotes, in Vietnamese forms; rates carry their `%`."""
    commune = figures.commune
    count = str(len(figures.hamlets))  # so_xom as ever, so_dia_ban, and so_thon / so_to_dan_pho … by the profile
    values = {"nam": str(figures.year), "so_xom": count, COUNT_ALIAS: count,
              f"so_{locality_key(figures.localities.word)}": count, "tong_so_ho": so_nguyen(commune.households)}
    for category in CATEGORIES:
        target, count = _target(figures, category), getattr(commune, category.attr)
        start_rate = rate(count, commune.households)
        values.update({
            category.points_key: f"{ty_le(target.points)}%", f"chi_tieu_{category.count_key}": so_nguyen(target.households),
            category.count_key: so_nguyen(count), category.rate_col: f"{ty_le(start_rate)}%",
            f"{category.rate_col}_muc_tieu": f"{ty_le(max(start_rate - target.points, Decimal(0)))}%",
        })
    return values


def figure_values(figures: Figures, results: Results | None = None) -> dict[str, str]:
    """What a clerk's text may quote as [so_lieu.name]: the plan's figures and, in a report, the year's results.

    Result names are those of the `Toàn xã` row (ho_ngheo_cuoi_nam, thoat_ngheo, giam_ty_le_ngheo,
    danh_gia_ngheo, …); every rate carries its `%`, and a verdict is lower-case ("đánh giá: không đạt"),
    as running text quotes it mid-sentence (NĐ30 PL II); the tables keep "Đạt" / "Không đạt".
    """
    values = plan_values(figures)
    if results is not None:
        commune = report_rows(figures, results)[-1]
        for key, value in commune.items():
            if key not in values and key not in ("stt", "xom"):
                values[key] = _quoted(key, value)
    return values


def _quoted(key: str, value: str) -> str:
    """A table cell as running text quotes it: rates with `%`, verdicts in lower case."""
    if key.startswith("danh_gia"):
        return value.lower()
    return f"{value}%" if "ty_le" in key else value
