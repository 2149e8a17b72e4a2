"""Number stage: give each document its số and ký hiệu (NĐ30 Điều 15), or mark it as a draft."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.errors import BuildFailed, EngineError, InputError
from engine.model import Document, Profile
from engine.vietnamese import document_number


@dataclass(frozen=True)
class Numbering:
    """Số and ký hiệu of one document; number None means a draft awaiting the Văn thư."""

    number: int | None
    symbol: str  # ký hiệu, e.g. KH-UBND

    @property
    def line(self) -> str:
        """`Số: 15/KH-UBND`, or `Số:      /KH-UBND` for a draft."""
        shown = document_number(self.number) if self.number is not None else "     "
        return f"Số: {shown}/{self.symbol}"

    @property
    def reference(self) -> str:
        """`15/KH-UBND` (or `…/KH-UBND` for a draft), for file names and messages."""
        return self.line.removeprefix("Số: ").strip() if self.number is not None else f"…/{self.symbol}"


def symbol(document: Document, profile: Profile) -> str:
    """Typed documents: type abbreviation + agency (`KH-UBND`); never `CV` for công văn."""
    return f"{document.kind.abbreviation}-{profile.agency.abbreviation}"


def number_documents(profile: Profile, documents: list[Document]) -> dict[Path, Numbering]:
    """Numbers keyed by source path; (year, số, ký hiệu) must be unique within the agency."""
    numbering: dict[Path, Numbering] = {}
    taken: dict[tuple, Document] = {}
    errors: list[EngineError] = []
    for document in documents:
        numbered = Numbering(document.number, symbol(document, profile))
        key = (document.year, numbered.number, numbered.symbol)
        if numbered.number is not None and key in taken:
            first = taken[key].location.path
            errors.append(InputError(f"số {numbered.reference} năm {document.year} đã dùng cho {first}; "
                                     "số và ký hiệu là duy nhất trong một năm (NĐ30 Điều 15)",
                                     document.where("so"), "so"))
        taken[key] = document
        numbering[document.source] = numbered
    if errors:
        raise BuildFailed(errors)
    return numbering
