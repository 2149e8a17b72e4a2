"""Compute stage: everything the Decree fixes — lines, labels, punctuation, rule lengths — for one document."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from engine.model import Bullets, Document, Node, Profile, Section, Signature
from engine.number import Numbering
from engine.tnr_metrics import text_width_mm
from engine.validate import ARCHIVE
from engine.vietnamese import date_line, diem_letter, roman, upper

TWIPS_PER_MM = 1440 / 25.4
TEXT_WIDTH_MM = 165.0   # A4 less the 30 mm left and 15 mm right margins of the templates
RULE_SHARE = 0.4        # short rules: 1/3–1/2 of the line they underline (NĐ30 PL I, II.2 and II.5)
AGENCY_PT = 13
SUMMARY_PT = 14
END_MARK = "./."

# Paragraph styles of the templates, by heading level: I. / 1. / a) / - / +
LEVEL_STYLES = ("Muc1", "Muc2", "Muc3", "NoiDung", "NoiDung")
BODY_STYLE = "NoiDung"
LAST_STYLE = "DoanCuoi"  # the closing paragraph keeps with the signature block


@dataclass(frozen=True)
class Job:
    """What the render stage needs for one document."""

    document: Document
    template: str
    context: dict[str, Any]
    properties: dict[str, Any]
    output: Path  # relative to outputs/


def compute(document: Document, profile: Profile, numbering: Numbering, output: Path) -> Job:
    """The render context for one document; pure, so the build can gather all before writing."""
    context = {
        **header(profile, numbering, document),
        "ten_loai": document.kind.name,
        "trich_yeu": document.summary,
        "ke_trich_yeu": rule_twips(min(text_width_mm(document.summary, SUMMARY_PT, bold=True), TEXT_WIDTH_MM)),
        **addressees(document.recipients_to),
        "can_cu": bases(document),
        "mo_dau": document.opening,
        "doan": list(paragraphs(document.body)),
        "noi_nhan": recipients(document),
        **signature_block(document.signature, profile),
    }
    return Job(document, document.kind.template, context, properties(document, profile, numbering), output)


def header(profile: Profile, numbering: Numbering, document: Document) -> dict[str, Any]:
    """Ô 1–4: agency block with its rule, số/ký hiệu, place and date."""
    agency = profile.agency
    widest = max(text_width_mm(line, AGENCY_PT, bold=True) for line in agency.header_lines)
    return {
        "co_quan_chu_quan": list(agency.parent_lines),
        "co_quan_ten": list(agency.header_lines),
        "ke_co_quan": rule_twips(widest),
        "so_ky_hieu": numbering.line,
        "dia_danh_ngay": date_line(agency.place, document.date, document.year),
    }


def rule_twips(text_mm: float) -> int:
    return round(text_mm * RULE_SHARE * TWIPS_PER_MM)


def addressees(names: tuple[str, ...]) -> dict[str, Any]:
    """Ô 9a: one addressee on the Kính gửi line, several as a dashed list under it."""
    if len(names) == 1:
        return {"kinh_gui": f"Kính gửi: {strip_end(names[0])}", "kinh_gui_ds": []}
    items = [f"- {strip_end(name)};" for name in names]
    if items:
        items[-1] = items[-1][:-1] + "."
    return {"kinh_gui": "Kính gửi:" if names else "", "kinh_gui_ds": items}


def strip_end(text: str) -> str:
    """Text without the punctuation the engine itself puts at the end of a list item."""
    return re.sub(r"^[-–+•]\s*", "", text).rstrip(" ;,.")


def bases(document: Document) -> list[str]:
    """Căn cứ lines: each `Căn cứ …;`; the last ends `.` unless a lead-in sentence continues it."""
    lines = [f"Căn cứ {without_lead(b, 'căn cứ')};" for b in document.bases]
    if document.proposer:
        lines.append(f"Theo đề nghị của {without_lead(document.proposer, 'theo đề nghị của')};")
    if lines and not document.opening:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def without_lead(text: str, lead: str) -> str:
    """The clerk may or may not type the lead words; the engine writes them once."""
    return re.sub(rf"^{lead}\s+", "", strip_end(text), flags=re.IGNORECASE)


def paragraphs(body: tuple[Node, ...]) -> Iterator[dict[str, str]]:
    """The body, flattened with its numbering; the last paragraph ends with `./.`."""
    flat = list(_flatten(body, level=0))
    if flat:
        last = flat[-1]
        last["kieu"] = LAST_STYLE if last["kieu"] == BODY_STYLE else last["kieu"]
        text = last["chu"]
        if not text.endswith(END_MARK):
            last["chu"] = text.rstrip(" .") + END_MARK
    yield from flat


def _flatten(nodes: tuple[Node, ...], level: int) -> Iterator[dict[str, str]]:
    counter = 0
    for node in nodes:
        if isinstance(node, Section):
            yield {"kieu": LEVEL_STYLES[min(level, 4)], "chu": f"{label(level, counter)} {heading(node.title, level)}"}
            counter += 1
            yield from _flatten(node.children, level + 1)
        elif isinstance(node, Bullets):
            yield from ({"kieu": BODY_STYLE, "chu": f"{node.marker} {item}"} for item in node.items)
        else:
            yield {"kieu": BODY_STYLE, "chu": node}


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


def recipients(document: Document) -> list[str]:
    """Ô 9b: `- Như trên;` first when there is Kính gửi, each `- …;`, last `- Lưu: VT, <units>.`"""
    items = [strip_end(r) for r in document.recipients]
    if document.recipients_to and (not items or items[0].lower() != "như trên"):
        items.insert(0, "Như trên")
    units = ", ".join((ARCHIVE, *document.archive_units))
    return [*(f"- {item};" for item in items), f"- Lưu: {units}."]


def signature_block(signature: Signature, profile: Profile) -> dict[str, Any]:
    """Ô 7a/7b: prefixes and titles in capitals, one per line, then the signer's name."""
    signer = signature.signer
    lines: list[str] = []
    for prefix in signature.authority:
        held = profile.agency.collective if prefix == "TM" else signer.head_title
        lines.append(f"{prefix}. {upper(held)}")
    if "Q" not in signature.authority:
        lines.append(upper(signer.title))
    return {"ky_quyen_han": lines, "ky_ho_ten": signer.name}


def properties(document: Document, profile: Profile, numbering: Numbering) -> dict[str, Any]:
    """Core properties from the document itself, never from the clock, so rebuilds are identical."""
    when = document.date or dt.date(document.year or 2000, 1, 1)
    stamp = dt.datetime(when.year, when.month, when.day)
    return {
        "title": document.summary,
        "subject": f"{document.kind.name.capitalize()} {numbering.reference}".strip(),
        "author": profile.agency.name,
        "last_modified_by": profile.agency.name,
        "created": stamp,
        "modified": stamp,
        "revision": 1,
        "language": "vi-VN",
    }
