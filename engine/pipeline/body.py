"""Compute stage, body part: the content flattened into the template's paragraphs, numbered as NĐ30 PL I, II.6
says — Phần and Chương in Roman numerals, mục I. / 1. / a) restarting in each Phần, Mục 1 inside a Chương,
Điều numbered through the whole document, khoản 1. and điểm a) restarting in each Điều and khoản."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

from engine.model import Article, BarChart, Bullets, Chapter, Chart, Clause, Node, Part, Section, Table, TableBlock
from engine.nd30.forms import diem_letter, ordinal_word, roman, upper
from engine.nd30.texts import END_MARK
from engine.pipeline import tables

# Paragraph styles of the templates, by heading level: I. / 1. / a) / - / +
LEVEL_STYLES = ("Muc1", "Muc2", "Muc3", "NoiDung", "NoiDung")
BODY_STYLE = "NoiDung"
LAST_STYLE = "DoanCuoi"      # the closing paragraph keeps with the signature block
ARTICLE_STYLE = "NoiDung"    # Điều 1. (bold label) and its text
TITLED_ARTICLE_STYLE = "Dieu"  # Điều 2. Tên điều, all bold
PART_STYLE = "Phan"          # Phần I, Chương I, Mục 1: centred, bold
PART_TITLE_STYLE = "PhanTieuDe"  # their titles: capitals, centred, bold
PICTURE_STYLE = "Hinh"

Draw = Callable[[str], BarChart]  # a chart by name, drawn by the document's domain


@dataclass
class _Count:
    """Numbers that run through the whole document: Chương and Điều."""

    chapters: int = 0
    articles: int = 0


@dataclass(frozen=True)
class _Where:
    level: int = 0               # depth in the phần–mục scheme: 0 → I., 1 → 1., 2 → a), …
    in_chapter: bool = False     # a mục here is `Mục 1`, centred


def paragraphs(body: tuple[Node, ...], draw: Draw, words_for_parts: bool = False,
               end_mark: bool = True) -> list[dict[str, Any]]:
    """The body as template paragraphs; the last text (not a picture or a table) ends with `./.`."""
    flat = list(_flatten(body, _Where(), _Count(), draw, words_for_parts))
    texts = [p for p in flat if p["hinh"] is None and p["bang"] is None]
    if texts and end_mark:
        last = texts[-1]
        last["kieu"] = LAST_STYLE if last["kieu"] == BODY_STYLE else last["kieu"]
        if not last["chu"].endswith(END_MARK):
            last["chu"] = last["chu"].rstrip(" .") + END_MARK
    return flat


def _flatten(nodes: tuple[Node, ...], where: _Where, count: _Count, draw: Draw,
             words: bool) -> Iterator[dict[str, Any]]:
    parts = index = 0  # mục restart at each list: I. in each Phần, 1. in each mục
    for node in nodes:
        if isinstance(node, Part):
            parts += 1
            number = f"thứ {ordinal_word(parts)}" if words else roman(parts)
            yield from _titled(f"Phần {number}", node.title)
            yield from _flatten(node.children, _Where(), count, draw, words)
        elif isinstance(node, Chapter):
            count.chapters += 1
            yield from _titled(f"Chương {roman(count.chapters)}", node.title)
            yield from _flatten(node.children, _Where(where.level, in_chapter=True), count, draw, words)
        elif isinstance(node, Section) and where.in_chapter:
            index += 1
            yield from _titled(f"Mục {index}", node.title)
            yield from _flatten(node.children, _Where(where.level, in_chapter=True), count, draw, words)
        elif isinstance(node, Section):
            style = LEVEL_STYLES[min(where.level, 4)]
            yield paragraph(style, f"{label(where.level, index)} {heading(node.title, where.level)}")
            index += 1
            yield from _flatten(node.children, _Where(where.level + 1), count, draw, words)
        elif isinstance(node, Article):
            yield from _article(node, count, draw, words)
        else:
            yield from _leaf(node, where, count, draw, words)


def _leaf(node: Node, where: _Where, count: _Count, draw: Draw, words: bool) -> Iterator[dict[str, Any]]:
    if isinstance(node, Chart):
        yield {**paragraph(PICTURE_STYLE, ""), "hinh": draw(node.name)}
    elif isinstance(node, (Table, TableBlock)):
        yield {**paragraph(BODY_STYLE, ""), "bang": node if isinstance(node, Table) else tables.draw(node)}
    elif isinstance(node, Bullets):
        yield from (paragraph(BODY_STYLE, f"{node.marker} {item}") for item in node.items)
    elif isinstance(node, Clause):
        yield from _clause(node, "", count, draw, words)
    else:
        yield paragraph(BODY_STYLE, str(node))


def _titled(label_text: str, title: str) -> Iterator[dict[str, Any]]:
    """`Phần I` / `Chương I` / `Mục 1` on its own line, the title in capitals under it, both centred and bold."""
    yield paragraph(PART_STYLE, label_text)
    yield paragraph(PART_TITLE_STYLE, upper(title))


def _article(article: Article, count: _Count, draw: Draw, words: bool) -> Iterator[dict[str, Any]]:
    """`Điều N.` in bold; khoản numbered 1., 2. when there are several, a lone khoản unnumbered."""
    count.articles += 1
    style = TITLED_ARTICLE_STYLE if article.titled else ARTICLE_STYLE
    yield paragraph(style, article.title, f"Điều {count.articles}.")
    clauses = [c for c in article.children if isinstance(c, Clause)]
    numbered = len(clauses) > 1
    for node in article.children:
        if isinstance(node, Clause):
            number = f"{clauses.index(node) + 1}. " if numbered else ""
            yield from _clause(node, number, count, draw, words)
        else:
            yield from _flatten((node,), _Where(1), count, draw, words)


def _clause(clause: Clause, number: str, count: _Count, draw: Draw, words: bool) -> Iterator[dict[str, Any]]:
    yield paragraph(BODY_STYLE, f"{number}{clause.text}")
    yield from (paragraph(BODY_STYLE, f"{diem_letter(i)}) {point}") for i, point in enumerate(clause.points))
    yield from _flatten(clause.children, _Where(3), count, draw, words)


def paragraph(style: str, text: str, label_text: str = "") -> dict[str, Any]:
    """One body paragraph for the template: its style, an optional bold label, its text (or a picture)."""
    return {"kieu": style, "nhan": label_text, "chu": text, "hinh": None, "bang": None}


def label(level: int, index: int) -> str:
    """I. / 1. / a) / - / +, by depth (NĐ30 PL I, II.6; điểm letters in Vietnamese order)."""
    if level == 0:
        return f"{roman(index + 1)}."
    if level == 1:
        return f"{index + 1}."
    if level == 2:
        return f"{diem_letter(index)})"
    return "-" if level == 3 else "+"


def heading(title: str, level: int) -> str:
    """Top-level headings are in capitals (phần–mục scheme); deeper ones as typed."""
    return upper(title) if level == 0 else title


def article_count(body: tuple[Node, ...]) -> int:
    """How many Điều the body holds, at any depth (the last one is `Như Điều N` in Nơi nhận)."""
    total = 0
    for node in body:
        if isinstance(node, Article):
            total += 1
        elif isinstance(node, (Part, Chapter, Section)):
            total += article_count(node.children)
    return total
