"""Corrections in the register, derived from lines as they were written, never by rewriting an issued line.

The correcting document's own line says what it does in Ghi chú ("Thay thế 15/KH-UBND ngày 09/01/2024"); a
voided number has its marker line (register.VOID_MARK). What an original has undergone ("Bị thay thế bởi
03/QĐ-UBND", "Hủy số: <lý do>") is read from those later lines whenever the register is shown, so the lines git
holds stay exactly as they were committed (history.check).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from engine.model import Relation
from engine.nd30.citation import RELATIONS, UNDERGONE, VOIDED
from engine.nd30.forms import short_date
from engine.registry.register import Entry, Void

_BY_WORDS = {words: kind for kind, words in RELATIONS.items()}
_NOTE = re.compile("(" + "|".join(re.escape(w) for w in RELATIONS.values()) +
                   r") (\d{2,}/\S+) ngày (\d\d)/(\d\d)/(\d{4})")
Key = tuple[int, str, int]  # (year, series, number): one line of the register


@dataclass(frozen=True)
class Undergone:
    """What happened to an issued document since: corrected, amended, replaced, withdrawn (by `by`), or voided."""

    kind: str          # a key of RELATIONS, or "huy_so"
    by: str            # the correcting document's số, ký hiệu; the reason for a void

    def __str__(self) -> str:
        return f"{VOIDED}: {self.by}" if self.kind == "huy_so" else f"{UNDERGONE[self.kind]} {self.by}"


def note(relation: Relation) -> str:
    """Ghi chú of the correcting document's line: `Đính chính 15/KH-UBND ngày 09/01/2024`."""
    return f"{RELATIONS[relation.kind]} {relation.reference} ngày {short_date(relation.date)}"


def relation_of(entry: Entry) -> Relation | None:
    """The relation a register line records in its Ghi chú, if any."""
    found = _NOTE.search(entry.note)
    if not found:
        return None
    words, reference, day, month, year = found.groups()
    try:
        return Relation(_BY_WORDS[words], reference, dt.date(int(year), int(month), int(day)))
    except ValueError:
        return None


def key(entry: Entry) -> Key:
    return entry.date.year, entry.series, entry.number


def find(entries: list[Entry], reference: str, date: dt.date | None = None) -> list[Entry]:
    """The register lines of number `reference` (`15/KH-UBND`, `15/kh-ubnd`), on `date` when given."""
    wanted = _normal(reference)
    return [e for e in entries if _normal(e.reference) == wanted and (date is None or e.date == date)]


def undergone(entries: list[Entry], voids: list[Void]) -> dict[Key, list[Undergone]]:
    """For each line that later lines corrected, replaced, withdrew or voided: what, in the order it happened.
    A correcting document whose own number was voided corrects nothing."""
    voided = {(v.year, v.series, v.number): v for v in voids}
    found: dict[Key, list[Undergone]] = {}
    for entry in sorted(entries, key=lambda e: (e.date, e.series, e.number)):
        relation = relation_of(entry)
        if relation is None or key(entry) in voided:
            continue
        for original in find(entries, relation.reference, relation.date):
            found.setdefault(key(original), []).append(Undergone(relation.kind, entry.reference))
    for place, void in voided.items():
        found.setdefault(place, []).append(Undergone("huy_so", void.reason))
    return found


def ghi_chu(entry: Entry, undergone_by_key: dict[Key, list[Undergone]]) -> str:
    """The Ghi chú the register shows: the line's own note, then what happened to the document since."""
    return "; ".join(filter(None, [entry.note, *map(str, undergone_by_key.get(key(entry), []))]))


def _normal(reference: str) -> str:
    number, _, symbol = reference.strip().partition("/")
    return f"{int(number):02d}/{symbol.upper()}" if number.isdigit() else reference.strip().upper()
