"""Compute stage: everything the Decree fixes — lines, labels, punctuation, rule lengths — for one document."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from engine import domains
from engine.model import ARCHIVE, Appendix, Attachment, BarChart, Document
from engine.nd30.forms import date_line, roman, upper
from engine.nd30.kinds import CONG_VAN, QUYET_DINH
from engine.nd30.layout import AGENCY_PT, HEAD_LEFT, TEXT_W, TEXT_WIDTH_MM, TWIPS_PER_MM
from engine.nd30.metrics import text_width_mm
from engine.nd30.texts import (ARCHIVE_LABEL, AS_ABOVE, BASIS_LEAD, ITEM_DASH, KINH_GUI_LABEL, PROPOSER_LEAD,
                               SO_LABEL, VV)
from engine.pipeline import body, tables
from engine.pipeline.number import Numbering

RULE_SHARE = 0.4        # short rules: 1/3–1/2 of the line they underline (NĐ30 PL I, II.2 and II.5)
SUMMARY_PT = 14


@dataclass(frozen=True)
class Slots:
    """A merged row's document as its series' one render with the row's values filled in (merge_fill)."""

    shape: str                   # the same for every row drawn from one render
    template: str
    context: dict[str, Any]      # that render's context: a marker where each value goes
    properties: dict[str, Any]
    values: tuple[str, ...]      # this row's, in the markers' order


@dataclass(frozen=True)
class Job:
    """What the render stage needs for one document."""

    document: Document  # None only as sent to a render worker
    template: str
    context: dict[str, Any]
    properties: dict[str, Any]
    output: Path  # relative to outputs/
    slots: Slots | None = None


class Jobs:
    """The jobs of many documents, each computed only when the render stage reaches it: a build of tens of
    thousands never holds all their contexts at once. Its length is known up front; each pass computes anew,
    through `then` (merge_fill.with_slots), and keeps the slots of the merged rows' jobs (few values each)."""

    def __init__(self, documents: list[Document], numbering: dict[str, Numbering], names: dict[str, Path],
                 then: Callable[[Iterator[Job]], Iterable[Job]] = iter) -> None:
        self.documents, self._numbering, self._names, self._then = documents, numbering, names, then
        self.slots: dict[str, Slots] = {}  # document key → the slots its job was drawn with

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Job]:
        for job in self._then(compute(d, self._numbering[d.key], self._names[d.key]) for d in self.documents):
            if job.slots is not None:
                self.slots[job.document.key] = job.slots
            yield job


def compute(document: Document, numbering: Numbering, output: Path) -> Job:
    """The render context for one document; pure, so the build can gather all before writing."""
    context = {
        **header(numbering, document),
        **title(document),
        **addressees(document.recipients_to),
        "can_cu": bases(document),
        "mo_dau": document.opening,
        "doan": list(paragraphs(document)),
        "noi_nhan": recipients(document),
        **signature_block(document),
    }
    if document.kind.template == QUYET_DINH:
        context["tham_quyen"] = issuing_authority(document)
    context["phu_luc"] = appendices(document, numbering) if document.appendices else []
    context["kem_theo"] = [attachment(document, numbering, text) for text in document.attachments]
    return Job(document, document.kind.template, context, properties(document, numbering), output)


def title(document: Document) -> dict[str, Any]:
    """Ô 5a (type name, trích yếu and its rule) or, for công văn, ô 5b (`V/v …` under the number)."""
    summary = document.summary
    if document.kind.template == CONG_VAN:
        return {"vv": f"{VV} " + re.sub(rf"^{VV}:?\s*", "", summary, flags=re.IGNORECASE)}
    width = min(text_width_mm(summary, SUMMARY_PT, bold=True), TEXT_WIDTH_MM)
    return {"ten_loai": document.kind.name, "trich_yeu": summary, **rule("trich_yeu", width, TEXT_W)}


def issuing_authority(document: Document) -> str:
    """Quyết định: the head's title and the agency (`CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …`), or the collective. An agency
    whose name is its head's title (`THỦ TƯỚNG CHÍNH PHỦ`) is not prefixed with the title a second time."""
    agency = upper(document.agency.name)
    if document.issuer == "tap_the":
        return agency
    title = upper(document.signature.signer.head_title)
    return agency if agency.startswith(title + " ") else f"{title} {agency}"


def header(numbering: Numbering, document: Document) -> dict[str, Any]:
    """Ô 1–4: agency block with its rule, số/ký hiệu, place and date."""
    agency = document.agency
    widest = max(text_width_mm(line, AGENCY_PT, bold=True) for line in agency.header_lines)
    return {
        "co_quan_chu_quan": list(agency.parent_lines),
        "co_quan_ten": list(agency.header_lines),
        **rule("co_quan", widest, HEAD_LEFT),
        "so_ky_hieu": numbering.line,
        "dia_danh_ngay": date_line(agency.place, document.date, document.year),
    }


def rule_twips(text_mm: float) -> int:
    return round(text_mm * RULE_SHARE * TWIPS_PER_MM)


def rule(name: str, text_mm: float, line_twips: int) -> dict[str, int]:
    """The short rule under a line `text_mm` wide: its length (`ke_…`) and the indent on each side that centres
    it in a column `line_twips` wide (`le_…`), so that templates print both as they are."""
    length = rule_twips(text_mm)
    return {f"ke_{name}": length, f"le_{name}": (line_twips - length) // 2}


def addressees(names: tuple[str, ...]) -> dict[str, Any]:
    """Ô 9a: one addressee on the Kính gửi line, several as a dashed list under it."""
    if len(names) == 1:
        return {"kinh_gui": f"{KINH_GUI_LABEL} {strip_end(names[0])}", "kinh_gui_ds": []}
    items = [f"- {strip_end(name)};" for name in names]
    if items:
        items[-1] = items[-1][:-1] + "."
    return {"kinh_gui": KINH_GUI_LABEL if names else "", "kinh_gui_ds": items}


def strip_end(text: str) -> str:
    """Text without the punctuation the engine itself puts at the end of a list item."""
    return re.sub(r"^[-–+•]\s*", "", text).rstrip(" ;,.")


def bases(document: Document) -> list[str]:
    """Căn cứ lines: each `Căn cứ …;`; the last ends `.` unless a lead-in sentence continues it."""
    lines = [f"{BASIS_LEAD} {without_lead(b, BASIS_LEAD)};" for b in document.bases]
    if document.proposer:
        lines.append(f"{PROPOSER_LEAD} {without_lead(document.proposer, PROPOSER_LEAD)};")
    if lines:  # NĐ30 PL I, II.6.a: the last căn cứ ends with '.', even when a lead-in sentence follows
        lines[-1] = lines[-1][:-1] + "."
    return lines


def without_lead(text: str, lead: str) -> str:
    """The clerk may or may not type the lead words; the engine writes them once."""
    return re.sub(rf"^{lead}\s+", "", strip_end(text), flags=re.IGNORECASE)


def paragraphs(document: Document) -> list[dict[str, Any]]:
    """The body, flattened with its numbering (engine.pipeline.body); the last paragraph ends with `./.`."""
    return body.paragraphs(document.body, lambda name: chart(document, name), document.part_words)


def recipients(document: Document) -> list[str]:
    """Ô 9b: each `- …;`, the last `- Lưu: VT, <units>.`"""
    units = ", ".join((ARCHIVE, *document.archive_units))
    return [*(f"{ITEM_DASH}{item};" for item in recipient_names(document)), f"{ITEM_DASH}{ARCHIVE_LABEL} {units}."]


def recipient_names(document: Document) -> list[str]:
    """The recipients as named, `Như trên` (Kính gửi) or `Như Điều N` (quyết định) first."""
    items = [strip_end(r) for r in document.recipients]
    first = _implied_recipient(document)
    if first:
        typed = [item for item in items if _two_words(item) == _two_words(first)]
        items = [*(typed[:1] or [first]), *(item for item in items if item not in typed)]
    return items


def _two_words(text: str) -> list[str]:
    return text.lower().split()[:2]


def _implied_recipient(document: Document) -> str:
    if document.kind.template == QUYET_DINH and document.body:
        return f"Như Điều {body.article_count(document.body)}"
    return AS_ABOVE if document.recipients_to else ""


def appendices(document: Document, numbering: Numbering) -> list[dict[str, Any]]:
    """Each phụ lục: `Phụ lục` (`Phụ lục I`, `II` … when several), title in capitals, `(Kèm theo …)`, content;
    landscape (`ngang`) only when a table in it is wider than a portrait page."""
    several = len(document.appendices) > 1
    drawn = [a if isinstance(a, Appendix) else _domain(document).appendices[a](document.data.view)
             for a in document.appendices]
    contexts = []
    for i, appendix in enumerate(drawn):
        content = body.paragraphs(appendix.body, lambda name: chart(document, name), end_mark=False)
        contexts.append({"nhan": f"Phụ lục {roman(i + 1)}" if several else "Phụ lục", "tieu_de": upper(appendix.title),
                         "kem_theo": attached_to(document, numbering), "doan": content,
                         "ngang": any(p["bang"] is not None and tables.is_wide(p["bang"]) for p in content)})
    return contexts


def attachment(document: Document, numbering: Numbering, text: Attachment) -> dict[str, Any]:
    """A text the quyết định issues: its type name, trích yếu and rule, `(Ban hành kèm theo …)`, its body."""
    width = min(text_width_mm(text.summary, SUMMARY_PT, bold=True), TEXT_WIDTH_MM)
    return {"ten_loai": text.kind.name, "trich_yeu": text.summary, **rule("trich_yeu", width, TEXT_W),
            "ban_hanh_kem_theo": attached_to(document, numbering, "Ban hành kèm theo"),
            "doan": body.paragraphs(text.body, lambda name: chart(document, name), text.part_words)}


def attached_to(document: Document, numbering: Numbering, lead: str = "Kèm theo") -> str:
    """`(Kèm theo Quyết định số 17/QĐ-UBND ngày 20 tháng 01 năm 2024 của Chủ tịch Ủy ban nhân dân xã …)`."""
    number = numbering.line.removeprefix(f"{SO_LABEL} ")
    when = date_line("", document.date, document.year).removeprefix(", ")
    issuer = document.agency.name  # an agency's name keeps its capital inside a sentence (NĐ30 PL II)
    if document.issuer == "chu_tich":
        issuer = f"{document.signature.signer.head_title} {issuer}"
    return f"({lead} {document.kind.label} số {number} {when} của {issuer})"


def chart(document: Document, name: str) -> BarChart:
    """A chart the document's domain draws from its data, where the clerk wrote `bieu_do:`."""
    return _domain(document).charts[name](document.data.view)


def _domain(document: Document) -> domains.Domain:
    return domains.get(document.data.domain)


def signature_block(document: Document) -> dict[str, Any]:
    """Ô 7a/7b: prefixes and titles in capitals, one per line, then the signer's name."""
    signature = document.signature
    signer = signature.signer
    lines: list[str] = []
    for prefix in signature.authority:
        held = document.agency.collective if prefix == "TM" else signer.head_title
        lines.append(f"{prefix}. {upper(held)}")
    if "Q" not in signature.authority:
        lines.append(upper(signer.title))
    return {"ky_quyen_han": lines, "ky_ho_ten": signer.name, "ky_chuc_vu_co_quan": upper(signature.seal_title)}


def properties(document: Document, numbering: Numbering) -> dict[str, Any]:
    """Core properties from the document itself, never from the clock, so rebuilds are identical."""
    when = document.date or dt.date(document.year or 2000, 1, 1)
    stamp = dt.datetime(when.year, when.month, when.day)
    return {
        "title": document.summary,
        "subject": f"{document.kind.label} {numbering.reference}".strip(),
        "author": document.agency.name,
        "last_modified_by": document.agency.name,
        "created": stamp,
        "modified": stamp,
        "revision": 1,
        "language": "vi-VN",
    }
