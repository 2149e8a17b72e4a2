"""Poverty-reduction figures (engine.giam_ngheo): every computed cell, every message with its line:col."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
import yaml

from engine import schema as s
from engine.domains.giam_ngheo.model import (
    Figures, Results, allocate, commune_target, decision_rows, plan_values, report_rows, so_nguyen, ty_le,
)
from engine.domains.giam_ngheo.schema import figures_from, results_from
from engine.model import Localities

PATH = "plans/2024/so-lieu.yaml"
HAMLETS = ("Xóm Đồng Xe", "Xóm Nạ Khao", "Xóm Khuôn Tát", "Xóm Nà Mòn", "Xóm Bản Quyên", "Xóm Làng Mới")
VALID = "(các giá trị hợp lệ: Xóm Bản Quyên, Xóm Khuôn Tát, Xóm Làng Mới, Xóm Nà Mòn, Xóm Nạ Khao, Xóm Đồng Xe)"

# The illustrative commune: 789 households, 52 poor, 34 near-poor. Hamlet k starts at line 8 + 4(k − 1).
FIGURES = """\
loai: so_lieu_giam_ngheo
nam: 2024
ghi_chu: Số liệu minh họa, không phải số liệu thật
chi_tieu_xa:
  giam_ty_le_ho_ngheo: 1,52
  giam_ty_le_ho_can_ngheo: 1.01
xom:
  - ten: Xóm Đồng Xe
    tong_so_ho: 212
    ho_ngheo: 14
    ho_can_ngheo: 9
  - ten: Xóm Nạ Khao
    tong_so_ho: 148
    ho_ngheo: 11
    ho_can_ngheo: 7
  - ten: Xóm Khuôn Tát
    tong_so_ho: 126
    ho_ngheo: 9
    ho_can_ngheo: 6
  - ten: Xóm Nà Mòn
    tong_so_ho: 97
    ho_ngheo: 8
    ho_can_ngheo: 5
  - ten: Xóm Bản Quyên
    tong_so_ho: 115
    ho_ngheo: 6
    ho_can_ngheo: 4
  - ten: Xóm Làng Mới
    tong_so_ho: 91
    ho_ngheo: 4
    ho_can_ngheo: 3
"""

RESULTS = """\
ket_qua:
  - xom: Xóm Đồng Xe
    thoat_ngheo: 3
    ngheo_moi: 1
    thoat_can_ngheo: 2
    can_ngheo_moi: 0
    ho_ngheo_cuoi_nam: 12
    ho_can_ngheo_cuoi_nam: 7
    tong_so_ho_cuoi_nam: 215
  - {xom: Xóm Nạ Khao, thoat_ngheo: 4, ngheo_moi: 0, thoat_can_ngheo: 1, can_ngheo_moi: 1}
  - {xom: Xóm Khuôn Tát, thoat_ngheo: 2, ngheo_moi: 0, thoat_can_ngheo: 1, can_ngheo_moi: 0}
  - {xom: Xóm Nà Mòn, thoat_ngheo: 3, ngheo_moi: 0, thoat_can_ngheo: 2, can_ngheo_moi: 1}
  - {xom: Xóm Bản Quyên, thoat_ngheo: 1, ngheo_moi: 0, thoat_can_ngheo: 1, can_ngheo_moi: 0}
  - {xom: Xóm Làng Mới, thoat_ngheo: 1, ngheo_moi: 0, thoat_can_ngheo: 1, can_ngheo_moi: 0}
"""


def commune(known: tuple[str, ...] = HAMLETS) -> Localities:
    """The profile's hamlets: xóm of a xã (none listed when `known` is empty)."""
    return Localities("xóm" if known else "", known, "xã")


def load(text: str, known: tuple[str, ...] = HAMLETS) -> tuple[Figures | None, list[str]]:
    ctx = s.Context(PATH)
    figures = figures_from(yaml.compose(text), ctx, commune(known))
    return figures, [str(e) for e in ctx.errors]


def errors_of(text: str, known: tuple[str, ...] = HAMLETS) -> list[str]:
    figures, errors = load(text, known)
    assert figures is None
    return errors


def two_hamlets(first: str, second: str, points: str = "1,52", near_points: str = "1,01") -> str:
    """A small file: hamlet blocks of four or more lines each, after seven fixed lines."""
    return (f"loai: so_lieu_giam_ngheo\nnam: 2024\nchi_tieu_xa:\n  giam_ty_le_ho_ngheo: {points}\n"
            f"  giam_ty_le_ho_can_ngheo: {near_points}\nxom:\n{first}{second}")


def figures() -> Figures:
    result, errors = load(FIGURES)
    assert errors == [] and result is not None
    return result


def results_for(text: str, base: Figures | None = None) -> tuple[Results | None, list[str]]:
    ctx = s.Context("plans/2024/bao-cao.yaml")
    node = s.key_of(yaml.compose(text), "ket_qua")
    found = results_from(node, ctx, base or figures())
    return found, [str(e) for e in ctx.errors]


# --- display forms and pure computations ---------------------------------------------------------

def test_vietnamese_number_forms():
    assert [so_nguyen(n) for n in (0, 7, 789, 1250, 1234567)] == ["0", "7", "789", "1.250", "1.234.567"]
    assert ty_le(Decimal("1.52")) == "1,52"
    assert ty_le(Decimal("1.525")) == "1,53"          # half up, not banker's rounding
    assert ty_le(Decimal("1.535")) == "1,54"
    assert ty_le(Decimal("6")) == "6,00"
    assert ty_le(Decimal("-1.5")) == "-1,50"
    assert ty_le(Decimal("-0.001")) == "0,00"         # never "-0,00"
    assert ty_le(Decimal("1234.5")) == "1.234,50"


def test_commune_target_rounds_up_but_not_an_exact_figure():
    assert commune_target(Decimal("1.52"), 789) == 12   # 11,9928 → 12
    assert commune_target(Decimal("1.01"), 789) == 8    # 7,9689 → 8
    assert commune_target(Decimal("1.25"), 800) == 10   # exactly 10
    assert commune_target(Decimal("0"), 789) == 0


def test_allocation_largest_remainder():
    # quotas 12 × (14, 11, 9, 8, 6, 4) / 52: floors 3, 2, 2, 1, 1, 0; remainders 12, 28, 4, 44, 20, 48 (/52)
    assert allocate(12, (14, 11, 9, 8, 6, 4)) == (3, 3, 2, 2, 1, 1)
    assert allocate(8, (9, 7, 6, 5, 4, 3)) == (2, 2, 1, 1, 1, 1)


def test_allocation_ties_go_to_more_poor_then_list_order():
    assert allocate(5, (3, 5, 2)) == (1, 3, 1)   # remainders ½, ½: the hamlet with 5 poor households
    assert allocate(5, (3, 3, 4)) == (2, 1, 2)   # remainders and counts equal: the first in the list
    assert allocate(1, (2, 2)) == (1, 0)


def test_allocation_caps_and_edges():
    assert allocate(5, (2, 3)) == (2, 3)
    assert allocate(9, (2, 3)) == (2, 3)          # never more than a hamlet has
    assert allocate(0, (2, 3)) == (0, 0)
    assert allocate(3, (0, 0)) == (0, 0)
    assert allocate(2, (0, 5, 0)) == (0, 2, 0)


def test_allocation_always_sums_to_the_target_within_caps():
    rng = random.Random(2024)
    for _ in range(500):
        counts = tuple(rng.randint(0, 30) for _ in range(rng.randint(1, 9)))
        target = rng.randint(0, sum(counts))
        shares = allocate(target, counts)
        assert sum(shares) == target
        assert all(0 <= a <= c for a, c in zip(shares, counts))
        assert allocate(target, counts) == shares


# --- the illustrative commune --------------------------------------------------------------------

def test_commune_targets_in_households():
    f = figures()
    assert (f.year, f.note, f.households) == (2024, "Số liệu minh họa, không phải số liệu thật", 789)
    assert (f.poor_target.points, f.poor_target.households) == (Decimal("1.52"), 12)
    assert (f.near_poor_target.points, f.near_poor_target.households) == (Decimal("1.01"), 8)
    assert f.poor_target.allocation == (3, 3, 2, 2, 1, 1)
    assert f.near_poor_target.allocation == (2, 2, 1, 1, 1, 1)
    assert not f.poor_target.typed and not f.near_poor_target.typed


def test_decision_rows_every_cell():
    cols = ("stt", "xom", "tong_so_ho", "ho_ngheo", "ty_le_ho_ngheo", "chi_tieu_ho_ngheo", "chi_tieu_ty_le_ngheo",
            "ho_can_ngheo", "ty_le_can_ngheo", "chi_tieu_ho_can_ngheo", "chi_tieu_ty_le_can_ngheo")
    rows = [tuple(row[c] for c in cols) for row in decision_rows(figures())]
    assert rows == [
        ("1", "Xóm Đồng Xe", "212", "14", "6,60", "3", "1,42", "9", "4,25", "2", "0,94"),
        ("2", "Xóm Nạ Khao", "148", "11", "7,43", "3", "2,03", "7", "4,73", "2", "1,35"),
        ("3", "Xóm Khuôn Tát", "126", "9", "7,14", "2", "1,59", "6", "4,76", "1", "0,79"),
        ("4", "Xóm Nà Mòn", "97", "8", "8,25", "2", "2,06", "5", "5,15", "1", "1,03"),
        ("5", "Xóm Bản Quyên", "115", "6", "5,22", "1", "0,87", "4", "3,48", "1", "0,87"),
        ("6", "Xóm Làng Mới", "91", "4", "4,40", "1", "1,10", "3", "3,30", "1", "1,10"),
        ("", "Toàn xã", "789", "52", "6,59", "12", "1,52", "34", "4,31", "8", "1,01"),
    ]
    assert all(set(row) == set(cols) for row in decision_rows(figures()))


def test_plan_values_quote_the_same_figures():
    assert plan_values(figures()) == {
        "nam": "2024", "so_xom": "6", "so_dia_ban": "6", "tong_so_ho": "789",
        "giam_ty_le_ho_ngheo": "1,52%", "chi_tieu_ho_ngheo": "12", "ho_ngheo": "52",
        "ty_le_ho_ngheo": "6,59%", "ty_le_ho_ngheo_muc_tieu": "5,07%",
        "giam_ty_le_ho_can_ngheo": "1,01%", "chi_tieu_ho_can_ngheo": "8", "ho_can_ngheo": "34",
        "ty_le_can_ngheo": "4,31%", "ty_le_can_ngheo_muc_tieu": "3,30%",
    }


@pytest.mark.parametrize("written", ["1.52", "1,52", "'1,52'", "1,52%", "\"1.52 %\""])
def test_rate_points_forms(written):
    f, errors = load(FIGURES.replace("giam_ty_le_ho_ngheo: 1,52", f"giam_ty_le_ho_ngheo: {written}"))
    assert errors == [] and f.poor_target.points == Decimal("1.52")


def test_integer_points_and_grouped_households():
    text = FIGURES.replace("giam_ty_le_ho_ngheo: 1,52", "giam_ty_le_ho_ngheo: 2").replace(
        "tong_so_ho: 212", "tong_so_ho: 1.212")
    f, errors = load(text)
    assert errors == []
    assert f.hamlets[0].households == 1212 and f.households == 1789
    assert f.poor_target.households == 36   # 2 % × 1.789 = 35,78 → 36


# --- targets typed by the clerk ------------------------------------------------------------------

def hamlet(name: str, total: int, poor: int, near: int, *typed: str) -> str:
    extra = "".join(f"    {line}\n" for line in typed)
    return f"  - ten: {name}\n    tong_so_ho: {total}\n    ho_ngheo: {poor}\n    ho_can_ngheo: {near}\n{extra}"


def test_typed_targets_are_kept_when_they_reach_the_commune_target():
    text = two_hamlets(hamlet("Xóm Đồng Xe", 212, 14, 9, "chi_tieu_giam_ho_ngheo: 4"),
                       hamlet("Xóm Nạ Khao", 148, 11, 7, "chi_tieu_giam_ho_ngheo: 2"))
    f, errors = load(text)
    assert errors == []
    assert f.poor_target.households == 6   # 1,52 % × 360 = 5,472 → 6
    assert (f.poor_target.allocation, f.poor_target.typed) == ((4, 2), True)
    assert (f.near_poor_target.allocation, f.near_poor_target.typed) == ((2, 2), False)   # 1,01 % × 360 → 4
    assert decision_rows(f)[2]["chi_tieu_ho_ngheo"] == "6"
    assert decision_rows(f)[0]["chi_tieu_ty_le_ngheo"] == "1,89"


def test_typed_targets_below_the_commune_target_name_the_short_hamlets():
    text = two_hamlets(hamlet("Xóm Đồng Xe", 212, 14, 9, "chi_tieu_giam_ho_ngheo: 1"),
                       hamlet("Xóm Nạ Khao", 148, 11, 7, "chi_tieu_giam_ho_ngheo: 2"))
    assert errors_of(text) == [
        f"{PATH}:11:29: xom[1].chi_tieu_giam_ho_ngheo: tổng chỉ tiêu giảm hộ nghèo của các xóm (3 hộ) thấp hơn "
        "chỉ tiêu của xã (6 hộ = 1,52% × 360 hộ, làm tròn lên); các xóm thấp hơn phần chia theo tỷ lệ: "
        "Xóm Đồng Xe (giao 1, theo tỷ lệ 3, thiếu 2), Xóm Nạ Khao (giao 2, theo tỷ lệ 3, thiếu 1)",
    ]


def test_typed_targets_below_the_commune_target_spare_hamlets_above_their_share():
    text = two_hamlets(hamlet("Xóm Đồng Xe", 212, 14, 9, "chi_tieu_giam_ho_ngheo: 4"),
                       hamlet("Xóm Nạ Khao", 148, 11, 7, "chi_tieu_giam_ho_ngheo: 1"))
    assert errors_of(text) == [
        f"{PATH}:16:29: xom[2].chi_tieu_giam_ho_ngheo: tổng chỉ tiêu giảm hộ nghèo của các xóm (5 hộ) thấp hơn "
        "chỉ tiêu của xã (6 hộ = 1,52% × 360 hộ, làm tròn lên); các xóm thấp hơn phần chia theo tỷ lệ: "
        "Xóm Nạ Khao (giao 1, theo tỷ lệ 3, thiếu 2)",
    ]


def test_typed_targets_for_some_hamlets_only():
    text = two_hamlets(hamlet("Xóm Đồng Xe", 212, 14, 9, "chi_tieu_giam_ho_can_ngheo: 2"),
                       hamlet("Xóm Nạ Khao", 148, 11, 7))
    assert errors_of(text) == [
        f"{PATH}:12:5: xom[2].chi_tieu_giam_ho_can_ngheo: chỉ tiêu giảm hộ cận nghèo phải gõ cho tất cả các xóm "
        "hoặc bỏ trống ở tất cả (để tự chia theo tỷ lệ); các xóm chưa có: Xóm Nạ Khao",
    ]


def test_typed_target_above_the_hamlets_own_count():
    text = two_hamlets(hamlet("Xóm Đồng Xe", 212, 14, 9, "chi_tieu_giam_ho_ngheo: 15"),
                       hamlet("Xóm Nạ Khao", 148, 11, 7, "chi_tieu_giam_ho_ngheo: 2"))
    assert errors_of(text) == [
        f"{PATH}:11:29: xom[1].chi_tieu_giam_ho_ngheo: chỉ tiêu giảm 15 hộ nghèo lớn hơn số hộ nghèo của xóm (14)",
    ]


def test_commune_target_above_all_poor_households():
    text = two_hamlets(hamlet("Xóm Đồng Xe", 212, 1, 9), hamlet("Xóm Nạ Khao", 148, 2, 7), points="1,52")
    assert errors_of(text) == [
        f"{PATH}:4:24: chi_tieu_xa.giam_ty_le_ho_ngheo: chỉ tiêu của xã (6 hộ = 1,52% × 360 hộ, làm tròn lên) "
        "lớn hơn tổng số hộ nghèo của xã (3 hộ)",
    ]


# --- errors in the data file ---------------------------------------------------------------------

def test_negative_and_fractional_counts():
    text = FIGURES.replace("ho_ngheo: 14\n", "ho_ngheo: -3\n").replace("tong_so_ho: 148", "tong_so_ho: 14.5")
    assert errors_of(text) == [
        f"{PATH}:10:15: xom[1].ho_ngheo: cần số hộ là một số nguyên không âm, ví dụ 14, nhưng gặp số -3",
        f"{PATH}:13:17: xom[2].tong_so_ho: cần số hộ là một số nguyên không âm, ví dụ 14, nhưng gặp số 14.5",
    ]


def test_zero_households_in_a_hamlet():
    assert errors_of(FIGURES.replace("tong_so_ho: 91", "tong_so_ho: 0")) == [
        f"{PATH}:29:17: xom[6].tong_so_ho: cần số hộ từ 1 trở lên, nhưng gặp 0",
    ]


def test_more_poor_than_households():
    text = FIGURES.replace("tong_so_ho: 97", "tong_so_ho: 7").replace("tong_so_ho: 91", "tong_so_ho: 6")
    assert errors_of(text) == [
        f"{PATH}:22:15: xom[4].ho_ngheo: số hộ nghèo (8) lớn hơn tổng số hộ của xóm (7)",
        f"{PATH}:31:19: xom[6].ho_can_ngheo: số hộ nghèo và hộ cận nghèo (4 + 3 = 7) lớn hơn tổng số hộ của xóm (6)",
    ]


def test_more_near_poor_than_households():
    text = FIGURES.replace("ho_can_ngheo: 5\n", "ho_can_ngheo: 98\n")
    assert errors_of(text) == [
        f"{PATH}:23:19: xom[4].ho_can_ngheo: số hộ cận nghèo (98) lớn hơn tổng số hộ của xóm (97)",
    ]


def test_unknown_hamlet_gets_did_you_mean():
    assert errors_of(FIGURES.replace("ten: Xóm Đồng Xe", "ten: Xóm Dong Xe")) == [
        f"{PATH}:8:10: xom[1].ten: không có xóm 'Xóm Dong Xe' trong danh sách xóm của vanban.yaml (khóa 'xom'); "
        f"có phải ý bạn là 'Xóm Đồng Xe'? {VALID}",
    ]


def test_hamlet_listed_twice():
    assert errors_of(FIGURES.replace("ten: Xóm Làng Mới", "ten: Xóm Nạ Khao")) == [
        f"{PATH}:28:10: xom[6].ten: xóm 'Xóm Nạ Khao' bị lặp lại (đã có ở dòng 12)",
    ]


def test_profile_without_hamlets():
    assert errors_of(FIGURES, known=()) == [
        f"{PATH}:8:3: xom: vanban.yaml chưa có danh sách xóm (khóa 'xom'), nên không đối chiếu được tên xóm",
    ]


def test_wrong_kind_bad_points_and_missing_keys_all_at_once():
    text = (FIGURES.replace("loai: so_lieu_giam_ngheo", "loai: so_lieu_giam_ngeo")
            .replace("giam_ty_le_ho_ngheo: 1,52", "giam_ty_le_ho_ngheo: một phẩy năm")
            .replace("giam_ty_le_ho_can_ngheo: 1.01", "giam_ty_le_ho_can_ngheo: 101")
            .replace("    ho_can_ngheo: 6\n", ""))
    assert errors_of(text) == [
        f"{PATH}:1:7: loai: cần loại tệp số liệu, nhưng gặp 'so_lieu_giam_ngeo'; "
        "có phải ý bạn là 'so_lieu_giam_ngheo'? "
        "(các giá trị hợp lệ: so_lieu_giam_ngheo)",
        f"{PATH}:5:24: chi_tieu_xa.giam_ty_le_ho_ngheo: cần số điểm phần trăm, ví dụ 1,52, "
        "nhưng gặp chuỗi 'một phẩy năm'",
        f"{PATH}:6:28: chi_tieu_xa.giam_ty_le_ho_can_ngheo: cần số điểm phần trăm từ 0 đến 100, nhưng gặp 101",
        f"{PATH}:16:5: xom[3].ho_can_ngheo: thiếu khóa bắt buộc 'ho_can_ngheo' (số hộ cận nghèo đầu năm)",
    ]


def test_empty_hamlet_list():
    text = FIGURES[: FIGURES.index("xom:")] + "xom: []\n"
    assert errors_of(text) == [f"{PATH}:7:6: xom: cần ít nhất một xóm"]


def test_earlier_errors_in_the_context_do_not_invalidate_good_figures():
    ctx = s.Context(PATH)
    ctx.fail(yaml.compose("a: 1"), "khac", "lỗi của phần khác")
    assert figures_from(yaml.compose(FIGURES), ctx, commune()) is not None
    assert len(ctx.errors) == 1


# --- year-end results ----------------------------------------------------------------------------

REPORT_COLS = ("stt", "xom", "tong_so_ho", "tong_so_ho_cuoi_nam",
               "ho_ngheo", "ty_le_ho_ngheo", "thoat_ngheo", "ngheo_moi", "ho_ngheo_cuoi_nam",
               "ty_le_ho_ngheo_cuoi_nam", "giam_ho_ngheo", "giam_ty_le_ngheo", "chi_tieu_ho_ngheo",
               "chi_tieu_ty_le_ngheo", "danh_gia_ngheo",
               "ho_can_ngheo", "ty_le_can_ngheo", "thoat_can_ngheo", "can_ngheo_moi", "ho_can_ngheo_cuoi_nam",
               "ty_le_can_ngheo_cuoi_nam", "giam_ho_can_ngheo", "giam_ty_le_can_ngheo", "chi_tieu_ho_can_ngheo",
               "chi_tieu_ty_le_can_ngheo", "danh_gia_can_ngheo", "danh_gia")


def test_results_computed_per_hamlet():
    found, errors = results_for(RESULTS)
    assert errors == []
    first = found.hamlets[0]
    assert (first.name, first.households, first.households_end) == ("Xóm Đồng Xe", 212, 215)
    assert (first.poor.start, first.poor.left, first.poor.new, first.poor.end) == (14, 3, 1, 12)
    assert (first.near_poor.start, first.near_poor.left, first.near_poor.new, first.near_poor.end) == (9, 2, 0, 7)
    assert [r.households_end for r in found.hamlets] == [215, 148, 126, 97, 115, 91]   # default: start total
    assert [r.poor.end for r in found.hamlets] == [12, 7, 7, 5, 5, 3]
    assert [r.near_poor.end for r in found.hamlets] == [7, 7, 5, 4, 3, 2]
    commune = found.commune
    assert (commune.name, commune.households, commune.households_end) == ("Toàn xã", 789, 792)
    poor, near = commune.poor, commune.near_poor
    assert (poor.start, poor.left, poor.new, poor.end) == (52, 14, 1, 39)
    assert (near.start, near.left, near.new, near.end) == (34, 8, 2, 28)


def test_results_follow_the_figures_order():
    lines = RESULTS.splitlines(keepends=True)
    reordered = "".join([lines[0], *reversed(lines[9:]), *lines[1:9]])
    found, errors = results_for(reordered)
    assert errors == [] and [r.name for r in found.hamlets] == list(HAMLETS)


def test_report_rows_every_cell():
    found, _ = results_for(RESULTS)
    rows = [tuple(row[c] for c in REPORT_COLS) for row in report_rows(figures(), found)]
    assert rows == [
        ('1', 'Xóm Đồng Xe', '212', '215', '14', '6,60', '3', '1', '12', '5,58', '2', '1,02', '3', '1,42', 'Không đạt', '9', '4,25', '2', '0', '7', '3,26', '2', '0,99', '2', '0,94', 'Đạt', 'Không đạt'),
        ('2', 'Xóm Nạ Khao', '148', '148', '11', '7,43', '4', '0', '7', '4,73', '4', '2,70', '3', '2,03', 'Đạt', '7', '4,73', '1', '1', '7', '4,73', '0', '0,00', '2', '1,35', 'Không đạt', 'Không đạt'),
        ('3', 'Xóm Khuôn Tát', '126', '126', '9', '7,14', '2', '0', '7', '5,56', '2', '1,59', '2', '1,59', 'Đạt', '6', '4,76', '1', '0', '5', '3,97', '1', '0,79', '1', '0,79', 'Đạt', 'Đạt'),
        ('4', 'Xóm Nà Mòn', '97', '97', '8', '8,25', '3', '0', '5', '5,15', '3', '3,09', '2', '2,06', 'Đạt', '5', '5,15', '2', '1', '4', '4,12', '1', '1,03', '1', '1,03', 'Đạt', 'Đạt'),
        ('5', 'Xóm Bản Quyên', '115', '115', '6', '5,22', '1', '0', '5', '4,35', '1', '0,87', '1', '0,87', 'Đạt', '4', '3,48', '1', '0', '3', '2,61', '1', '0,87', '1', '0,87', 'Đạt', 'Đạt'),
        ('6', 'Xóm Làng Mới', '91', '91', '4', '4,40', '1', '0', '3', '3,30', '1', '1,10', '1', '1,10', 'Đạt', '3', '3,30', '1', '0', '2', '2,20', '1', '1,10', '1', '1,10', 'Đạt', 'Đạt'),
        ('', 'Toàn xã', '789', '792', '52', '6,59', '14', '1', '39', '4,92', '13', '1,67', '12', '1,52', 'Đạt', '34', '4,31', '8', '2', '28', '3,54', '6', '0,77', '8', '1,01', 'Không đạt', 'Không đạt'),
    ]
    assert all(set(row) == set(REPORT_COLS) for row in report_rows(figures(), found))


def test_exactly_the_target_is_met_and_a_rising_rate_shows_negative():
    text = RESULTS.replace("{xom: Xóm Khuôn Tát, thoat_ngheo: 2, ngheo_moi: 0",
                           "{xom: Xóm Khuôn Tát, thoat_ngheo: 0, ngheo_moi: 2")
    found, errors = results_for(text)
    row = report_rows(figures(), found)[2]
    assert (row["giam_ho_ngheo"], row["giam_ty_le_ngheo"], row["danh_gia_ngheo"]) == ("-2", "-1,59", "Không đạt")
    assert report_rows(figures(), found)[5]["danh_gia_ngheo"] == "Đạt"   # 1 left, target 1


def test_end_figure_that_does_not_add_up():
    found, errors = results_for(RESULTS.replace("ho_ngheo_cuoi_nam: 12", "ho_ngheo_cuoi_nam: 13"))
    assert found is None
    assert errors == ["plans/2024/bao-cao.yaml:7:24: ket_qua[1].ho_ngheo_cuoi_nam: cần 12 (= 14 − 3 + 1), nhưng gặp 13"]


def test_more_leaving_than_there_were():
    text = RESULTS.replace("{xom: Xóm Làng Mới, thoat_ngheo: 1", "{xom: Xóm Làng Mới, thoat_ngheo: 5").replace(
        "thoat_can_ngheo: 2\n", "thoat_can_ngheo: 10\n")
    assert results_for(text)[1] == [
        "plans/2024/bao-cao.yaml:5:22: ket_qua[1].thoat_can_ngheo: số hộ thoát cận nghèo (10) lớn hơn "
        "số hộ cận nghèo đầu năm của xóm (9)",
        "plans/2024/bao-cao.yaml:14:38: ket_qua[6].thoat_ngheo: số hộ thoát nghèo (5) lớn hơn "
        "số hộ nghèo đầu năm của xóm (4)",
    ]


def test_end_counts_above_end_households():
    assert results_for(RESULTS.replace("tong_so_ho_cuoi_nam: 215", "tong_so_ho_cuoi_nam: 18"))[1] == [
        "plans/2024/bao-cao.yaml:9:26: ket_qua[1].tong_so_ho_cuoi_nam: số hộ nghèo và hộ cận nghèo cuối năm "
        "(12 + 7 = 19) lớn hơn tổng số hộ cuối năm của xóm (18)",
    ]


def test_results_for_unknown_twice_and_missing_hamlets():
    text = RESULTS.replace("{xom: Xóm Nà Mòn", "{xom: Xóm Na Mon").replace("{xom: Xóm Làng Mới", "{xom: Xóm Nạ Khao")
    assert results_for(text)[1] == [
        "plans/2024/bao-cao.yaml:12:11: ket_qua[4].xom: xóm 'Xóm Na Mon' không có trong số liệu giảm nghèo năm 2024 "
        f"(chưa được giao chỉ tiêu); có phải ý bạn là 'Xóm Nà Mòn'? {VALID}",
        "plans/2024/bao-cao.yaml:14:11: ket_qua[6].xom: xóm 'Xóm Nạ Khao' bị lặp lại (đã có ở dòng 10)",
        "plans/2024/bao-cao.yaml:2:3: ket_qua: thiếu kết quả của 2 xóm: Xóm Nà Mòn, Xóm Làng Mới",
    ]


def test_results_shape_errors_do_not_also_claim_missing_hamlets():
    text = RESULTS.replace("{xom: Xóm Bản Quyên, thoat_ngheo: 1", "{xom: Xóm Bản Quyên, thoat_ngheo: nhiều")
    assert results_for(text)[1] == [
        "plans/2024/bao-cao.yaml:13:39: ket_qua[5].thoat_ngheo: cần số hộ là một số nguyên không âm, ví dụ 14, "
        "nhưng gặp chuỗi 'nhiều'",
    ]
