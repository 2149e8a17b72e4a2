"""Text helpers for the checker: normalisation, Vietnamese tone-mark variants, widths, formatting."""

from __future__ import annotations

import difflib
import re
import unicodedata

from engine.docx.model import Paragraph, Run
from engine.nd30.layout import TWIPS_PER_PT
from engine.nd30.metrics import MM_PER_PT, text_width_mm

# Old-style and new-style tone placement ("hoà" / "hòa", "uỷ" / "ủy") compare equal after this.
_TONE_SHIFT = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_SHIFT), re.IGNORECASE)
BLANK_RE = re.compile(r"^[\s.…_]*$")


def clean(text: str) -> str:
    """NFC, no-break spaces as spaces, outer whitespace removed."""
    return unicodedata.normalize("NFC", text).replace("\xa0", " ").strip()


def collapse(text: str) -> str:
    """clean() plus runs of whitespace collapsed to one space."""
    return re.sub(r"\s+", " ", clean(text))


def canon(text: str) -> str:
    """Lower-case, whitespace-collapsed text with tone placement normalised, for comparisons."""
    lowered = collapse(text).lower()
    return _TONE_RE.sub(lambda m: _TONE_SHIFT[m.group(0).lower()], lowered)


def letters(text: str) -> str:
    """Only letters and single spaces of canon(text): punctuation and dashes removed."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]|_|\d", " ", canon(text))).strip()


def similar(text: str, target: str) -> float:
    """Similarity ratio 0..1 of two texts compared letter-wise."""
    return difflib.SequenceMatcher(None, letters(text), letters(target)).ratio()


def is_caps(text: str) -> bool:
    """True when the text has letters and none of them is lower-case."""
    return any(c.isalpha() for c in text) and text == text.upper()


def is_blank(text: str) -> bool:
    """Empty or only dots, ellipses, underscores: a number/date left blank in a draft."""
    return BLANK_RE.match(text) is not None


def excerpt(text: str, limit: int = 90) -> str:
    """A one-line excerpt of at most `limit` characters."""
    one_line = collapse(text.replace("\n", " ").replace("\t", " "))
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def fmt(value: float, digits: int = 1) -> str:
    """A number the Vietnamese way: decimal comma, no useless trailing zeros for integers."""
    rounded = round(value, digits)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.{digits}f}".replace(".", ",")


def sizes_of(paragraph: Paragraph) -> list[float]:
    """Distinct font sizes of the runs that carry text."""
    return sorted({run.size_pt for run in paragraph.text_runs})


def sizes_text(sizes: list[float]) -> str:
    return ", ".join(fmt(size) for size in sizes) + " pt" if sizes else "không xác định"


def all_runs(paragraph: Paragraph, attribute: str) -> bool:
    """True when every text run has the boolean attribute set (False if there is no text)."""
    runs = paragraph.text_runs
    return bool(runs) and all(getattr(run, attribute) for run in runs)


def any_runs(paragraph: Paragraph, attribute: str) -> bool:
    return any(getattr(run, attribute) for run in paragraph.text_runs)


def sizes_within(paragraph: Paragraph, low: float, high: float) -> bool:
    return all(low - 0.01 <= size <= high + 0.01 for size in sizes_of(paragraph))


def run_width_mm(run: Run, text: str) -> float:
    """Width of some text in the run's formatting, with character spacing and scaling."""
    base = text_width_mm(text, run.size_pt, run.bold, run.italic) * run.scale_pct / 100
    return base + len(text) * run.char_spacing_twips / TWIPS_PER_PT * MM_PER_PT


def line_width_mm(paragraph: Paragraph) -> float:
    """Width of the paragraph's text laid out on one line, outer whitespace ignored."""
    runs = [run for run in paragraph.runs if run.display_text]
    full = "".join(run.display_text for run in runs)
    start, end = len(full) - len(full.lstrip()), len(full.rstrip())
    total, position = 0.0, 0
    for run in runs:
        text = run.display_text
        low, high = max(start - position, 0), min(end - position, len(text))
        if high > low:
            total += run_width_mm(run, text[low:high])
        position += len(text)
    return total


def alignment_name(alignment: str) -> str:
    """Vietnamese name of a paragraph alignment."""
    return {"left": "trái", "right": "phải", "both": "đều hai lề", "center": "giữa"}.get(alignment, alignment)
