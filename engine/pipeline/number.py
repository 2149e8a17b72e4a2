"""Number stage: số and ký hiệu for each document (NĐ30 Điều 15), from the register or the clerk, or a draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from engine.errors import EngineError, InputError
from engine.model import Document, Profile
from engine.registry.register import Entry, source_hash
from engine.nd30.forms import document_number

DEFAULT_SERIES = "chung"


@dataclass(frozen=True)
class Numbering:
    """Số and ký hiệu of one document; number None means a draft awaiting the Văn thư."""

    number: int | None
    symbol: str                   # ký hiệu, e.g. KH-UBND
    series: str = DEFAULT_SERIES  # the numbering series (sổ) the number comes from
    issued: Entry | None = None   # the register's entry, once issued

    @property
    def line(self) -> str:
        """`Số: 15/KH-UBND`, or `Số:      /KH-UBND` for a draft."""
        shown = document_number(self.number) if self.number is not None else "     "
        return f"Số: {shown}/{self.symbol}"

    @property
    def reference(self) -> str:
        """`15/KH-UBND` (or `…/KH-UBND` for a draft), for file names and messages."""
        return f"{document_number(self.number)}/{self.symbol}" if self.number is not None else f"…/{self.symbol}"


def symbol(document: Document, profile: Profile) -> str:
    """Typed documents: type + agency (`KH-UBND`); công văn: agency + drafting unit (`UBND-VHXH`), never `CV`."""
    agency = document.agency.abbreviation
    if document.kind.abbreviation:
        return f"{document.kind.abbreviation}-{agency}"
    return "-".join((agency, *document.archive_units[:1]))


def series(document: Document, profile: Profile) -> str:
    """One series for every administrative document unless vanban.yaml splits them by kind or advisory body."""
    return document.series or profile.series.get(document.kind.key, DEFAULT_SERIES)


def draft_name(document: Document, plans: Path) -> Path:
    """outputs/2024/ke-hoach.docx for plans/2024/ke-hoach.yaml."""
    return document.source.relative_to(plans).with_suffix(".docx")


def archived_name(document: Document, numbering: Numbering, plans: Path) -> Path:
    """The issued document's place: the file name carries its number, e.g. 2024/16-KH-UBND-thong-bao.docx."""
    draft = draft_name(document, plans)
    return draft.with_name(f"{document_number(numbering.number or 0)}-{numbering.symbol}-{draft.name}")


def number_documents(profile: Profile, documents: list[Document], issued: dict[str, Entry],
                     errors: list[EngineError]) -> dict[Path, Numbering]:
    """Numbers keyed by source path; (year, series, số) is unique within the agency, register included."""
    numbering: dict[Path, Numbering] = {}
    taken = {(e.date.year, e.series, e.number): e.source for e in issued.values()}
    for document in documents:
        entry = issued.get(document.location.path)
        if entry is not None:
            numbering[document.source] = Numbering(entry.number, entry.symbol, entry.series, entry)
            continue
        numbered = Numbering(document.number, symbol(document, profile), series(document, profile))
        key = (document.year, numbered.series, numbered.number)
        if numbered.number is not None and key in taken:
            errors.append(InputError(f"số {numbered.reference} năm {document.year} đã dùng cho {taken[key]}; "
                                     "số và ký hiệu là duy nhất trong một năm (NĐ30 Điều 15)",
                                     document.where("so"), "so"))
        elif numbered.number is not None:
            taken[key] = document.location.path
        numbering[document.source] = numbered
    return numbering


def check_frozen(documents: list[Document], numbering: dict[Path, Numbering], errors: list[EngineError]) -> None:
    """An issued document's source may not change: it is amended by a new document, not edited."""
    for document in documents:
        entry = numbering[document.source].issued
        if entry is not None and source_hash(document.source) != entry.source_hash:
            errors.append(InputError(
                f"văn bản {entry.reference} ngày {entry.date:%d/%m/%Y} đã ban hành nên nội dung của nó (tệp này và "
                "tệp số liệu so_lieu nó dùng, nếu có) không được sửa; "
                "muốn thay đổi nội dung thì ban hành văn bản sửa đổi, bổ sung (hoặc đính chính bằng công văn "
                "nếu chỉ sai thể thức), rồi khôi phục tệp này (git checkout -- "
                f"{document.location.path}) (NĐ30 Điều 18)", document.location))


def issue_date(document: Document, requested: dt.date | None, today: dt.date) -> dt.date:
    """--date wins, then the date the clerk typed, then today."""
    return requested or document.date or today
