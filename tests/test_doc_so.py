"""Golden readings of numbers in formal Vietnamese (engine.doc_so)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from engine.nd30.doc_so import doc_so, doc_tien

GOLDEN: list[tuple[object, str]] = [
    # 0–25
    (0, "không"),
    (1, "một"),
    (2, "hai"),
    (3, "ba"),
    (4, "bốn"),
    (5, "năm"),
    (6, "sáu"),
    (7, "bảy"),
    (8, "tám"),
    (9, "chín"),
    (10, "mười"),
    (11, "mười một"),
    (12, "mười hai"),
    (13, "mười ba"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (16, "mười sáu"),
    (17, "mười bảy"),
    (18, "mười tám"),
    (19, "mười chín"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (22, "hai mươi hai"),
    (23, "hai mươi ba"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    # every tens with 1 / 4 / 5 endings
    (30, "ba mươi"),
    (31, "ba mươi mốt"),
    (34, "ba mươi bốn"),
    (35, "ba mươi lăm"),
    (40, "bốn mươi"),
    (41, "bốn mươi mốt"),
    (44, "bốn mươi bốn"),
    (45, "bốn mươi lăm"),
    (50, "năm mươi"),
    (51, "năm mươi mốt"),
    (54, "năm mươi bốn"),
    (55, "năm mươi lăm"),
    (60, "sáu mươi"),
    (61, "sáu mươi mốt"),
    (64, "sáu mươi bốn"),
    (65, "sáu mươi lăm"),
    (70, "bảy mươi"),
    (71, "bảy mươi mốt"),
    (74, "bảy mươi bốn"),
    (75, "bảy mươi lăm"),
    (80, "tám mươi"),
    (81, "tám mươi mốt"),
    (84, "tám mươi bốn"),
    (85, "tám mươi lăm"),
    (90, "chín mươi"),
    (91, "chín mươi mốt"),
    (94, "chín mươi bốn"),
    (95, "chín mươi lăm"),
    (99, "chín mươi chín"),
    # hundreds
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (125, "một trăm hai mươi lăm"),
    (500, "năm trăm"),
    (999, "chín trăm chín mươi chín"),
    # thousands
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1021, "một nghìn không trăm hai mươi mốt"),
    (1100, "một nghìn một trăm"),
    (1250, "một nghìn hai trăm năm mươi"),
    (2024, "hai nghìn không trăm hai mươi bốn"),
    (5555, "năm nghìn năm trăm năm mươi lăm"),
    (10000, "mười nghìn"),
    (10005, "mười nghìn không trăm linh năm"),
    (15000, "mười lăm nghìn"),
    (21000, "hai mươi mốt nghìn"),
    (100000, "một trăm nghìn"),
    (100005, "một trăm nghìn không trăm linh năm"),
    (105000, "một trăm linh năm nghìn"),
    # millions and beyond
    (1000000, "một triệu"),
    (1000001, "một triệu không trăm linh một"),
    (1000010, "một triệu không trăm mười"),
    (1001000, "một triệu không trăm linh một nghìn"),
    (1005000, "một triệu không trăm linh năm nghìn"),
    (2000500, "hai triệu năm trăm"),
    (125000000, "một trăm hai mươi lăm triệu"),
    (105000000, "một trăm linh năm triệu"),
    (1000000000, "một tỷ"),
    (1000000005, "một tỷ không trăm linh năm"),
    (2000001000, "hai tỷ không trăm linh một nghìn"),
    (1000000000000, "một nghìn tỷ"),
    (1000000000000000, "một triệu tỷ"),
    (1000000000000000000, "một tỷ tỷ"),
    (1000005000000000, "một triệu không trăm linh năm tỷ"),
    (
        1234567891234,
        "một nghìn hai trăm ba mươi bốn tỷ năm trăm sáu mươi bảy triệu"
        " tám trăm chín mươi mốt nghìn hai trăm ba mươi bốn",
    ),
    (987654321, "chín trăm tám mươi bảy triệu sáu trăm năm mươi bốn nghìn ba trăm hai mươi mốt"),
    (
        15015015,
        "mười lăm triệu không trăm mười lăm nghìn không trăm mười lăm",
    ),
    # negatives
    (-1, "âm một"),
    (-15, "âm mười lăm"),
    (-2024, "âm hai nghìn không trăm hai mươi bốn"),
    (-1000000, "âm một triệu"),
    # decimals
    (Decimal("3.5"), "ba phẩy năm"),
    (Decimal("1.52"), "một phẩy năm mươi hai"),
    (Decimal("3.05"), "ba phẩy không năm"),
    (Decimal("0.5"), "không phẩy năm"),
    (Decimal("3.50"), "ba phẩy năm"),
    (Decimal("3.00"), "ba"),
    (Decimal("0.005"), "không phẩy không không năm"),
    (Decimal("12.25"), "mười hai phẩy hai mươi lăm"),
    (Decimal("-3.5"), "âm ba phẩy năm"),
    (Decimal("-0.5"), "âm không phẩy năm"),
    (Decimal("-0"), "không"),
    (Decimal("1E+3"), "một nghìn"),
    (Decimal("2024"), "hai nghìn không trăm hai mươi bốn"),
    # strings in Vietnamese form
    ("1.250.000", "một triệu hai trăm năm mươi nghìn"),
    ("1.250", "một nghìn hai trăm năm mươi"),
    ("1250000", "một triệu hai trăm năm mươi nghìn"),
    ("1,52", "một phẩy năm mươi hai"),
    ("3,5", "ba phẩy năm"),
    ("3,05", "ba phẩy không năm"),
    ("0,5", "không phẩy năm"),
    ("3,50", "ba phẩy năm"),
    ("-3,5", "âm ba phẩy năm"),
    ("1.000.000,75", "một triệu phẩy bảy mươi lăm"),
    ("  2024 ", "hai nghìn không trăm hai mươi bốn"),
    ("+15", "mười lăm"),
    ("0", "không"),
]


@pytest.mark.parametrize(("value", "expected"), GOLDEN, ids=[repr(v) for v, _ in GOLDEN])
def test_golden_reading(value: object, expected: str) -> None:
    assert doc_so(value) == expected


def test_golden_table_is_wide() -> None:
    assert len(GOLDEN) >= 60


@pytest.mark.parametrize(
    "value", [0, 7, 15, 2024, 1000001, 10**21 + 5, Decimal("-3.05"), "1.250.000,5"]
)
def test_output_is_single_spaced_nfc_lower_case(value: object) -> None:
    text = doc_so(value)
    assert text == " ".join(text.split())
    assert text == unicodedata.normalize("NFC", text)
    assert text == text.lower()


def test_tens_do_not_use_tu_and_teens_do_not_use_mot() -> None:
    for n in range(20, 100):
        words = doc_so(n).split()
        assert "tư" not in words
    for n in range(11, 20):
        assert "mốt" not in doc_so(n).split()


def test_huge_integer_repeats_ty() -> None:
    assert doc_so(10**27) == "một tỷ tỷ tỷ"
    assert doc_so(10**30) == "một nghìn tỷ tỷ tỷ"
    assert doc_so("1" + "0" * 9000).endswith(" tỷ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (125000000, "Một trăm hai mươi lăm triệu đồng"),
        (1015, "Một nghìn không trăm mười lăm đồng"),
        (0, "Không đồng"),
        ("1.250.000", "Một triệu hai trăm năm mươi nghìn đồng"),
        (-5000, "Âm năm nghìn đồng"),
        (Decimal("2.5"), "Hai phẩy năm đồng"),
    ],
)
def test_doc_tien(value: object, expected: str) -> None:
    assert doc_tien(value) == expected


def test_doc_tien_other_unit() -> None:
    assert doc_tien(1500, "đô la Mỹ") == "Một nghìn năm trăm đô la Mỹ"


def test_doc_tien_rejects_non_string_unit() -> None:
    with pytest.raises(TypeError):
        doc_tien(1, don_vi=5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    ["abc", "", "  ", "3.5", "1.25.000", "1,", ",5", "1,2,3", "--1", "1e3", "12a", "١٢"],
)
def test_invalid_strings_raise_value_error(value: str) -> None:
    with pytest.raises(ValueError, match="không phải là một số"):
        doc_so(value)


def test_error_message_quotes_the_input() -> None:
    with pytest.raises(ValueError) as info:
        doc_so("abc")
    assert str(info.value) == "không phải là một số: 'abc'"


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_non_finite_decimal_raises_value_error(value: Decimal) -> None:
    with pytest.raises(ValueError, match="không phải là một số hữu hạn"):
        doc_so(value)


def test_float_is_refused() -> None:
    with pytest.raises(TypeError, match="float"):
        doc_so(3.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        doc_so(float("nan"))  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [True, False, None, [1], object()])
def test_non_numbers_raise_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="không phải là một số"):
        doc_so(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        doc_tien(value)  # type: ignore[arg-type]


def test_num2words_is_wrong_where_we_are_right() -> None:
    """Documents why num2words is not used: its Vietnamese breaks official conventions."""
    num2words = pytest.importorskip("num2words").num2words
    cases = [(2024, "hai nghìn không trăm hai mươi bốn"), (1015, "một nghìn không trăm mười lăm")]
    for value, ours in cases:
        assert doc_so(value) == ours
        assert num2words(value, lang="vi") != ours
