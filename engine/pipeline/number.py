"""Number stage: the one owner of numbering policy (NĐ30 Điều 15) — số and ký hiệu, series, the next number,
date order, numbers typed for documents issued on paper, file names that carry the number, frozen sources.

The register (engine.registry.register) only stores and locks the entries this module reasons about.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from engine.errors import EngineError, InputError, RegisterError
from engine.model import Document, Profile
from engine.registry.register import Entry, Register, changed_files, source_hash
from engine.nd30.forms import document_number, short_date
from engine.nd30.texts import SO_LABEL

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
        return f"{SO_LABEL} {shown}/{self.symbol}"

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
    """outputs/2024/ke-hoach.docx for plans/2024/ke-hoach.yaml; a merged row's document is named by `ten_tep`."""
    if document.row is not None:
        return _folder_of(document.source, plans) / f"{document.row.stem}.docx"
    return document.source.relative_to(plans).with_suffix(".docx")


@lru_cache(maxsize=256)  # a merged series' thousands of rows share their YAML file's folder
def _folder_of(source: Path, plans: Path) -> Path:
    return source.relative_to(plans).parent


def archived_name(document: Document, numbering: Numbering, plans: Path) -> Path:
    """The issued document's place: the file name carries its number, e.g. 2024/16-KH-UBND-thong-bao.docx."""
    draft = draft_name(document, plans)
    parts = draft.parts
    if len(parts) > 1 and re.fullmatch(r"\d{4}", parts[0]) and document.year and parts[0] != str(document.year):
        draft = Path(str(document.year), *parts[1:])  # the year folder follows the issue date, as the register
    return draft.with_name(f"{document_number(numbering.number or 0)}-{numbering.symbol}-{draft.name}")


def number_documents(profile: Profile, documents: list[Document], issued: dict[str, Entry],
                     errors: list[EngineError]) -> dict[str, Numbering]:
    """Numbers keyed by document (Document.key); (year, series, số) is unique within the agency, register included.

    A merged row's document issued with one number for its set finds the set's entry under its file's key.
    """
    numbering: dict[Path, Numbering] = {}
    taken = {(e.date.year, e.series, e.number): e.source for e in issued.values()}
    for document in documents:
        entry = issued.get(document.key) or (issued.get(document.file_key) if document.row else None)
        if entry is not None:
            numbering[document.key] = Numbering(entry.number, entry.symbol, entry.series, entry)
            continue
        numbered = Numbering(document.number, symbol(document, profile), series(document, profile))
        key = (document.year, numbered.series, numbered.number)
        if numbered.number is not None and key in taken and taken[key] != document.file_key:  # a set shares it
            errors.append(InputError(f"số {numbered.reference} năm {document.year} đã dùng cho {taken[key]}; "
                                     "số và ký hiệu là duy nhất trong một năm (NĐ30 Điều 15)",
                                     document.where("so"), "so"))
        elif numbered.number is not None:
            taken[key] = document.file_key
        numbering[document.key] = numbered
    return numbering


def check_frozen(documents: list[Document], numbering: dict[str, Numbering], errors: list[EngineError]) -> None:
    """An issued document's source may not change: it is amended by a new document, not edited.

    A merged row issued on its own is made from its YAML and its row alone: the list's other rows may change.
    """
    reported: set[str] = set()
    for document in documents:
        entry = numbering[document.key].issued
        if entry is not None and entry.source in reported:  # a set issued with one number: said once
            continue
        row = document.row.key if document.row is not None and entry is not None and entry.source == document.key \
            else None
        if entry is not None and row is not None and source_hash(document.source, row) != entry.source_hash:
            listed = document.merge.list_file
            errors.append(InputError(
                f"văn bản {entry.reference} ngày {entry.date:%d/%m/%Y} đã ban hành nên nội dung của nó (tệp này và "
                f"dòng {row} của danh sách {listed}) không được sửa; muốn thay đổi nội dung thì ban hành văn bản sửa "
                f"đổi, bổ sung (hoặc đính chính), rồi trả tệp này và dòng {row} về như khi ban hành ('git diff -- "
                f"{listed}' cho thấy đã sửa gì; thêm dòng mới thì được) (NĐ30 Điều 18)", document.location))
        elif entry is not None and source_hash(document.source, row) != entry.source_hash:
            plans = document.source.parents[len(Path(document.file_key).parts) - 2]
            changed = [f"{plans.name}/{p.relative_to(plans).as_posix()}" for p in
                       changed_files(plans.parent, document.source)]
            errors.append(InputError(
                f"văn bản {entry.reference} ngày {entry.date:%d/%m/%Y} đã ban hành nên nội dung của nó (tệp "
                "này và tệp số liệu so_lieu nó dùng, nếu có) không được sửa; "
                "muốn thay đổi nội dung thì ban hành văn bản sửa đổi, bổ sung (hoặc đính chính bằng công văn "
                "nếu chỉ sai thể thức), rồi khôi phục tệp đã sửa (git checkout -- "
                f"{' '.join(changed)}) (NĐ30 Điều 18)", document.location))
            reported.add(entry.source)


def issue_date(document: Document, requested: dt.date | None, today: dt.date) -> dt.date | None:
    """A number typed for a paper document keeps the date typed with it (None if missing); otherwise --date
    wins, then the date the clerk typed, then today."""
    if document.number is not None:
        return document.date
    return requested or document.date or today


def assign(document: Document, profile: Profile, register: Register, requested: dt.date | None,
           today: dt.date, given: frozenset[tuple[int, str, int]] = frozenset()) -> tuple[Numbering, dt.date]:
    """The next number of the document's series, on a date no earlier than the last one issued.

    `given` holds (year, series, number) found elsewhere (the register's git history): never given again.
    """
    kind_series, kind_symbol = series(document, profile), symbol(document, profile)
    date = issue_date(document, requested, today)
    if date is not None and date > today:
        raise RegisterError(f"không cấp số trước cho ngày {short_date(date)}: số và ngày chỉ được cấp khi văn bản "
                            "đã ký, chậm nhất vào ngày làm việc tiếp theo (NĐ30 Điều 15)", document.location)
    if document.number is not None:
        return _pre_register(document, register, kind_series, kind_symbol, given)
    entries = [e for e in register.entries(date.year) if e.series == kind_series]
    last = latest(entries)
    if last is not None and date < last.date:
        raise RegisterError(
            f"không cấp số được với ngày {short_date(date)}: văn bản {last.reference} đã được cấp số ngày "
            f"{short_date(last.date)}; số văn bản theo thứ tự thời gian ban hành (NĐ30 Điều 15), "
            "hãy ban hành với ngày từ ngày đó trở đi", document.location)
    elsewhere = max((n for y, s, n in given if y == date.year and s == kind_series), default=0)
    return Numbering(max(next_number(entries), elsewhere + 1), kind_symbol, kind_series), date


def _pre_register(document: Document, register: Register, kind_series: str, kind_symbol: str,
                  given: frozenset[tuple[int, str, int]]) -> tuple[Numbering, dt.date]:
    """A document already issued on paper keeps its own number and date; the number must still be free."""
    if document.date is None:
        raise RegisterError("văn bản đã có số (so) thì cần cả ngày ban hành (ngay) để vào sổ",
                            document.where("so"), "ngay")
    entries = [e for e in register.entries(document.date.year) if e.series == kind_series]
    taken = [e for e in entries if e.number == document.number]
    if taken:
        raise RegisterError(f"số {taken[0].reference} năm {document.date.year} đã cấp cho {taken[0].source}",
                            document.where("so"), "so")
    if (document.date.year, kind_series, document.number) in given:
        raise RegisterError(f"số {document.number:02d}/{kind_symbol} năm {document.date.year} đã từng được cấp "
                            "(có trong lịch sử git của sổ); mỗi số chỉ cấp một lần", document.where("so"), "so")
    out_of_order = [e for e in entries if (e.number < document.number) != (e.date <= document.date)
                    and e.date != document.date]
    if out_of_order:
        other = out_of_order[0]
        raise RegisterError(f"số {document.number:02d} ngày {short_date(document.date)} không khớp thứ tự với số "
                            f"{other.reference} ngày {short_date(other.date)} đã có trong sổ: số nhỏ hơn phải có "
                            "ngày không muộn hơn (NĐ30 Điều 15)", document.where("so"), "so")
    return Numbering(document.number, kind_symbol, kind_series), document.date


def next_number(entries: list[Entry]) -> int:
    """Numbers start at 01 on 1 January and run on within a series (NĐ30 Điều 15)."""
    return max((e.number for e in entries), default=0) + 1


def latest(entries: list[Entry]) -> Entry | None:
    """The entry with the latest date in a series: no new number may be dated before it."""
    return max(entries, key=lambda e: (e.date, e.number)) if entries else None

