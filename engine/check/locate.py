"""Find the Decree's components in a read document by their content (not by position alone)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from engine.check.text import canon, collapse, is_caps, similar
from engine.docx.model import Document, Paragraph, Run, Table, iter_paragraphs
from engine.nd30.kinds import KINDS_BY_NAME, TYPE_ABBREVIATIONS, Kind  # noqa: F401 (re-exported)
from engine.nd30.texts import (
    BASIS_LEAD, DECISION_HEADING, KINH_GUI_LABEL, NOI_NHAN_LABEL, QUOC_HIEU, RESOLUTION_HEADING, TIEU_NGU, VV,
)

# QUOC_HIEU, TIEU_NGU and TYPE_ABBREVIATIONS stay importable from here: they are nd30's objects, not copies.
HEADER_LIMIT = 80  # the header is looked for among the first units only

_KIND_BY_CANON: dict[str, Kind] = {canon(name): kind for name, kind in KINDS_BY_NAME.items()}
_SO_RE = re.compile(r"^Số\s*[:.]|^Số\s+\S*\s*/")
_DATE_RE = re.compile(r"\bngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)
_DECISION_WORDS = "|".join(canon(heading.rstrip(":")) for heading in (DECISION_HEADING, RESOLUTION_HEADING))
DECISION_RE = re.compile(rf"^({_DECISION_WORDS})\s*:?$")  # matched against canon(text)
_VV = canon(VV)
_KINH_GUI = canon(KINH_GUI_LABEL.rstrip(":"))
_NOI_NHAN = canon(NOI_NHAN_LABEL.rstrip(":"))
_BASIS = canon(BASIS_LEAD)
_BASES_STARTS = (_BASIS, "theo đề nghị", "xét đề nghị")  # căn cứ, then the proposer line
PREFIX_RE = re.compile(r"^(T[./]?M|K[./]?T|T[./]?L|T[./]?U[./]?Q|Q)\s*\.?\s+\S", re.IGNORECASE)


@dataclass
class Unit:
    """One visual line of a paragraph (paragraphs are split at manual line breaks)."""

    para: Paragraph
    origin: Paragraph
    block: int  # index of the top-level block that holds it
    pos: int = 0

    @property
    def text(self) -> str:
        return collapse(self.para.display_text)

    @property
    def cell_key(self) -> tuple | None:
        cell = self.para.cell
        return (cell.table_id, cell.row, cell.col) if cell else None

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass
class Layout:
    """The located components; None or empty when a component was not found."""

    document: Document
    units: list[Unit] = field(default_factory=list)
    quoc_hieu: Unit | None = None
    quoc_hieu_broken: bool = False
    tieu_ngu: Unit | None = None
    agency: list[Unit] = field(default_factory=list)
    number: Unit | None = None  # the "Số: …/…" line
    date: Unit | None = None
    vv: Unit | None = None      # a công văn's summary line, "V/v …"
    header_end_block: int = -1
    kind_line: Unit | None = None  # the kind's name in capitals (KẾ HOẠCH); công văn have none
    kind: Kind | None = None       # the kind that line names
    summary: list[Unit] = field(default_factory=list)  # trích yếu, under the kind's name
    recipients_to: list[Paragraph] = field(default_factory=list)  # "Kính gửi:" then its "- …" addressees
    bases: list[Paragraph] = field(default_factory=list)  # căn cứ, and the "Theo đề nghị …" line
    after_bases: Paragraph | None = None
    body: list[Paragraph] = field(default_factory=list)
    body_end_block: int = 0
    recipients: Unit | None = None  # the "Nơi nhận:" label
    recipient_items: list[Unit] = field(default_factory=list)  # its "- …;" lines, "- Lưu: …." last
    signature: list[Unit] = field(default_factory=list)

    def cell_units(self, key: tuple | None) -> list[Unit]:
        return [unit for unit in self.units if key is not None and unit.cell_key == key]

    def following(self, unit: Unit, same_cell: bool = True) -> list[Unit]:
        """Units after `unit` (in the same cell, or at top level when it is not in a table)."""
        return [u for u in self.units[unit.pos + 1:] if not same_cell or u.cell_key == unit.cell_key]

    def top_level(self, start_block: int, end_block: int | None = None) -> list[Paragraph]:
        end = len(self.document.blocks) if end_block is None else end_block
        return [b for b in self.document.blocks[start_block:end] if isinstance(b, Paragraph)]


def split_lines(paragraph: Paragraph) -> list[Paragraph]:
    """Views of a paragraph, one per line ended by a manual line break."""
    if "\n" not in paragraph.text:
        return [paragraph]
    lines: list[list[Run]] = [[]]
    for run in paragraph.runs:
        for number, part in enumerate(run.text.split("\n")):
            if number:
                lines.append([])
            if part:
                lines[-1].append(replace(run, text=part))
    last = len(lines) - 1
    return [
        replace(paragraph, runs=runs, border_top=paragraph.border_top and i == 0,
                border_bottom=paragraph.border_bottom and i == last, graphics=paragraph.graphics if i == 0 else [],
                first_line_indent=paragraph.first_line_indent if i == 0 else 0)
        for i, runs in enumerate(lines)
    ]


def locate(document: Document) -> Layout:
    """Find every component the checker knows about."""
    layout = Layout(document, units=_units(document))
    _find_national_title(layout)
    _find_header_zone(layout)
    _find_headings(layout)
    _find_signature(layout)
    _find_body(layout)
    return layout


def _units(document: Document) -> list[Unit]:
    units: list[Unit] = []
    for block_index, block in enumerate(document.blocks):
        for paragraph in iter_paragraphs([block]):
            for view in split_lines(paragraph):
                units.append(Unit(view, paragraph, block_index, len(units)))
    return units


def _find_national_title(layout: Layout) -> None:
    head = [u for u in layout.units[:HEADER_LIMIT] if not u.empty]
    for unit in head:
        score = similar(unit.text, QUOC_HIEU)
        if score >= 0.8:
            layout.quoc_hieu = _maybe_joined(layout, unit, score)
            break
    start = layout.quoc_hieu.pos + 1 if layout.quoc_hieu else 0
    after = [u for u in layout.units[start:HEADER_LIMIT + start] if not u.empty]
    if after and similar(after[0].text, TIEU_NGU) >= 0.7:
        layout.tieu_ngu = after[0]
        return
    scored = [(similar(u.text, TIEU_NGU), u) for u in head]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    layout.tieu_ngu = best[1] if best[0] >= 0.7 else None


def _maybe_joined(layout: Layout, unit: Unit, score: float) -> Unit:
    """A Quốc hiệu broken over two lines by a manual line break is joined back (and flagged)."""
    nxt = layout.units[unit.pos + 1] if unit.pos + 1 < len(layout.units) else None
    if nxt is None or nxt.origin is not unit.origin:
        return unit
    joined_runs = [*unit.para.runs, Run(text=" "), *nxt.para.runs]
    if similar(unit.text + " " + nxt.text, QUOC_HIEU) <= score:
        return unit
    layout.quoc_hieu_broken = True
    return Unit(replace(unit.para, runs=joined_runs), unit.origin, unit.block, nxt.pos)


def _find_header_zone(layout: Layout) -> None:
    """Số, date and V/v are searched in the header blocks: the block of Quốc hiệu and its neighbours."""
    anchor = layout.quoc_hieu or layout.tieu_ngu
    zone_end = anchor.block if anchor else -1
    blocks = layout.document.blocks
    nxt = _next_non_empty_block(blocks, zone_end)
    while nxt is not None and isinstance(blocks[nxt], Table) and _looks_like_header(layout, nxt):
        zone_end, nxt = nxt, _next_non_empty_block(blocks, nxt)
    if anchor is not None and anchor.cell_key is None:
        zone_end = _paragraph_header_end(layout, zone_end)
    zone = [u for u in layout.units[:HEADER_LIMIT] if u.block <= zone_end and not u.empty]
    if anchor is None:  # no recognisable header: look at the first lines only
        zone = [u for u in layout.units[:15] if not u.empty]
        zone_end = max((u.block for u in zone), default=-1)
    layout.number = next((u for u in zone if _SO_RE.match(u.text)), None)
    layout.date = next((u for u in zone if _DATE_RE.search(u.text) and not canon(u.text).startswith(_BASIS)), None)
    layout.vv = next((u for u in zone if canon(u.text).startswith(_VV)), None)
    layout.header_end_block = zone_end
    layout.agency = _agency_units(layout)


def _paragraph_header_end(layout: Layout, start: int) -> int:
    """Header written as plain paragraphs: extend over the Tiêu ngữ, rules, Số, date and V/v lines."""
    end = start
    for block in range(start + 1, min(start + 10, len(layout.document.blocks))):
        texts = [u.text for u in layout.units if u.block == block and not u.empty]
        header_like = all(_SO_RE.match(t) or _DATE_RE.search(t) or canon(t).startswith(_VV)
                          or similar(t, TIEU_NGU) >= 0.7 for t in texts)
        if not header_like or isinstance(layout.document.blocks[block], Table):
            break
        end = block
    return end


def _next_non_empty_block(blocks: list, index: int) -> int | None:
    for position in range(index + 1, len(blocks)):
        block = blocks[position]
        if isinstance(block, Table) or collapse(block.display_text) or block.graphics:
            return position
    return None


def _looks_like_header(layout: Layout, block: int) -> bool:
    texts = [u.text for u in layout.units if u.block == block]
    return any(_SO_RE.match(t) or _DATE_RE.search(t) for t in texts) and not any(
        canon(t).startswith(_NOI_NHAN) for t in texts)


def _agency_units(layout: Layout) -> list[Unit]:
    key = _agency_cell(layout)
    if key is None:
        return []
    excluded = {id(u) for u in (layout.number, layout.date, layout.vv, layout.quoc_hieu, layout.tieu_ngu) if u}
    units: list[Unit] = []
    for unit in layout.cell_units(key):
        if layout.number is not None and unit.pos >= layout.number.pos and unit.cell_key == layout.number.cell_key:
            break
        if not unit.empty and id(unit) not in excluded and not canon(unit.text).startswith(_VV):
            units.append(unit)
    return units


def _agency_cell(layout: Layout) -> tuple | None:
    number = layout.number
    if number is not None and number.cell_key is not None:
        before = [u for u in layout.cell_units(number.cell_key) if u.pos < number.pos and not u.empty]
        if before:
            return number.cell_key
        table, row, col = number.cell_key
        if row > 0 and layout.cell_units((table, row - 1, col)):
            return (table, row - 1, col)
    anchor = layout.quoc_hieu or layout.tieu_ngu
    if anchor is None or anchor.cell_key is None:
        return None
    table, row, col = anchor.cell_key
    for other in range(0, 8):
        key = (table, row, other)
        if other != col and any(not u.empty for u in layout.cell_units(key)):
            return key
    return None


def _find_headings(layout: Layout) -> None:
    """Kind name, summary, authority line, Kính gửi, căn cứ, "QUYẾT ĐỊNH:" — in that order."""
    items = [p for p in layout.top_level(layout.header_end_block + 1) if collapse(p.display_text)]
    units = {id(u.origin): u for u in layout.units}
    i = 0
    if i < len(items) and canon(items[i].display_text).startswith(_VV):
        layout.vv = layout.vv or units.get(id(items[i]))
        i += 1
    i = _skip_stamps(items, i)
    if i < len(items) and canon(items[i].display_text) in _KIND_BY_CANON:
        layout.kind_line = units.get(id(items[i]))
        layout.kind = _KIND_BY_CANON[canon(items[i].display_text)]
        i = _summary(layout, items, i + 1, units)
    while i < len(items) and _is_authority_line(items[i]):
        i += 1
    i = _opening_blocks(layout, items, i)
    layout.body = items[i:]  # trimmed at the signature by _find_body


def _skip_stamps(items: list[Paragraph], i: int) -> int:
    """Skip up to two short capitalised stamps (HỎA TỐC, KHẨN, DỰ THẢO) placed above the type name."""
    for skip in range(0, 3):
        if i + skip >= len(items):
            break
        if canon(items[i + skip].display_text) in _KIND_BY_CANON:
            return i + skip
        text = collapse(items[i + skip].display_text)
        if not (is_caps(text) and len(text.split()) <= 3):
            break
    return i


def _summary(layout: Layout, items: list[Paragraph], i: int, units: dict) -> int:
    """The trích yếu: up to three centred lines under the kind's name (a giấy giới thiệu has none)."""
    no_summary = layout.kind is not None and layout.kind.key == "giay_gioi_thieu"
    if no_summary or i >= len(items) or _starts(items[i], (_BASIS, _KINH_GUI)):
        return i
    first = items[i]
    layout.summary.append(units[id(first)])
    i += 1
    while i < len(items) and len(layout.summary) < 3 and _continues_summary(layout, first, items[i]):
        layout.summary.append(units[id(items[i])])
        i += 1
    return i


def _continues_summary(layout: Layout, first: Paragraph, candidate: Paragraph) -> bool:
    if candidate.alignment != "center" or first.alignment != "center" or is_caps(candidate.display_text):
        return False
    between = layout.document.blocks[_block_index(layout, first) + 1:_block_index(layout, candidate)]
    return not any(isinstance(b, Paragraph) and is_rule_paragraph(b) for b in between) and not is_rule_paragraph(first)


def _block_index(layout: Layout, paragraph: Paragraph) -> int:
    return next(i for i, block in enumerate(layout.document.blocks) if block is paragraph)


def is_rule_paragraph(paragraph: Paragraph) -> bool:
    return paragraph.border_bottom or paragraph.border_top or paragraph.has_graphic_rule


def _is_authority_line(paragraph: Paragraph) -> bool:
    """The centred, capitalised "thẩm quyền ban hành" line of a Quyết định (before the căn cứ)."""
    text = collapse(paragraph.display_text)
    return paragraph.alignment == "center" and is_caps(text) and not DECISION_RE.match(canon(text))


def _opening_blocks(layout: Layout, items: list[Paragraph], i: int) -> int:
    while i < len(items):
        text = canon(items[i].display_text)
        if text.startswith(_KINH_GUI) and not layout.recipients_to:
            end = _recipients_to_end(items, i)
            layout.recipients_to, i = items[i:end], end
        elif text.startswith(_BASES_STARTS) and not layout.bases:
            while i < len(items) and canon(items[i].display_text).startswith(_BASES_STARTS):
                layout.bases.append(items[i])
                i += 1
            layout.after_bases = items[i] if i < len(items) else None
        elif DECISION_RE.match(text) and items[i].alignment == "center":
            i += 1
        else:
            break
    return i


def _recipients_to_end(items: list[Paragraph], i: int) -> int:
    """Past "Kính gửi: X", or past the "- …" lines under a bare "Kính gửi:"."""
    rest = collapse(items[i].display_text).split(":", 1)[-1].strip()
    i += 1
    if rest:
        return i
    while i < len(items) and (collapse(items[i].display_text).startswith("-") or items[i].list_label):
        i += 1
        if collapse(items[i - 1].display_text).endswith("."):
            break
    return i


def _starts(paragraph: Paragraph, prefixes: tuple[str, ...]) -> bool:
    return canon(paragraph.display_text).startswith(prefixes)


def _find_signature(layout: Layout) -> None:
    after = [u for u in layout.units if u.block > layout.header_end_block and not u.empty]
    layout.recipients = next((u for u in after if canon(u.text).startswith(_NOI_NHAN)), None)
    first_prefix = next((u for u in after if PREFIX_RE.match(u.text) and u.para.alignment != "both"), None)
    if layout.recipients is not None:
        layout.recipient_items = _recipient_items(layout, layout.recipients)
        key = _signature_cell(layout, layout.recipients)
        layout.signature = [u for u in layout.cell_units(key) if not u.empty] if key else []
    if not layout.signature and first_prefix is not None:
        if first_prefix.cell_key is not None:
            layout.signature = [u for u in layout.cell_units(first_prefix.cell_key) if not u.empty]
        else:
            layout.signature = [u for u in layout.following(first_prefix) if not u.empty][:5]
            layout.signature.insert(0, first_prefix)
    ends = [u.block for u in (layout.recipients, *layout.signature[:1]) if u is not None]
    layout.body_end_block = min(ends) if ends else len(layout.document.blocks)


def _recipient_items(layout: Layout, label: Unit) -> list[Unit]:
    items = [u for u in layout.following(label) if not u.empty]
    if label.cell_key is None:
        items = [u for u in items if u.para.cell is None]
        stop = next((n for n, u in enumerate(items) if not (u.text.startswith(("-", "–")) or u.para.list_label)), None)
        items = items[:stop]
    return items


def _signature_cell(layout: Layout, label: Unit) -> tuple | None:
    if label.cell_key is None:
        return None
    table, row, col = label.cell_key
    candidates = [(table, row, c) for c in range(col + 1, col + 8)] + [(table, row, c) for c in range(0, col)]
    candidates += [(table, r, c) for r in range(0, row + 3) for c in range(0, 8) if r != row]
    for key in candidates:
        units = [u for u in layout.cell_units(key) if not u.empty]
        if units and (PREFIX_RE.match(units[0].text) or is_caps(units[0].text)):
            return key
    return None


def _find_body(layout: Layout) -> None:
    body_ids = {id(p) for p in layout.top_level(layout.header_end_block + 1, layout.body_end_block)}
    layout.body = [p for p in layout.body if id(p) in body_ids]
