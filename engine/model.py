"""The domain: an agency profile and the documents it issues, as the validator hands them on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from engine.errors import Location
from engine.nd30.kinds import Kind
from engine.nd30.texts import AREA_LEVELS, ARCHIVE_UNIT, LOCALITY_WORDS

__all__ = ["AREA_LEVELS", "LOCALITY_WORDS"]  # re-exported: validate reads them from here


ARCHIVE = ARCHIVE_UNIT  # the Văn thư keeps the archive copy: always the first unit of "- Lưu: VT, …"



@dataclass(frozen=True)
class Signer:
    """A person who signs, typed once in the profile."""

    key: str
    name: str        # họ tên, normal case
    title: str       # chức vụ, e.g. Phó Chủ tịch
    head_title: str  # the head's title they sign for (KT./Q./TL./TUQ.), e.g. Chủ tịch
    is_head: bool = False  # the head of the agency (thu_truong) signs in their own right


@dataclass(frozen=True)
class Agency:
    """The issuing agency (ô 2) and where it sits (ô 4)."""

    name: str                       # full official name
    header_lines: tuple[str, ...]   # how ô 2 splits the name (capitals)
    parent_lines: tuple[str, ...]   # cơ quan chủ quản, if any (capitals)
    abbreviation: str               # e.g. UBND
    collective: str                 # for "TM. ỦY BAN NHÂN DÂN"
    place: str                      # địa danh, e.g. Trung Lương


@dataclass(frozen=True)
class Advisory:
    """An advisory body (Ban chỉ đạo, Hội đồng…) that issues under the agency's seal with its own series."""

    key: str
    agency: Agency                   # its own header lines, the agency as chủ quản, its abbreviation
    titles: dict[str, str]           # signer key → title within the body, e.g. chu_tich → Trưởng ban


@dataclass(frozen=True)
class Localities:
    """The places inside the agency's area, in the order its tables list them: thôn, tổ dân phố, …"""

    word: str = ""                  # xóm, thôn, bản, tổ dân phố … ("" when the profile lists none)
    names: tuple[str, ...] = ()     # Xóm Đồng Xe, Thôn 1, …
    area: str = ""                  # the agency's own level: xã, phường, thị trấn, huyện, tỉnh …

    @property
    def whole(self) -> str:
        """The total row of a table over them: Toàn xã, Toàn phường, Toàn huyện."""
        return f"Toàn {self.area or 'xã'}"

    @property
    def heading(self) -> str:
        """The word at the head of a column or a title: Xóm, Thôn, Tổ dân phố."""
        return self.word[:1].upper() + self.word[1:]


@dataclass(frozen=True)
class Profile:
    """vanban.yaml: everything typed once and reused by every document."""

    path: Path
    agency: Agency
    units: dict[str, str]
    signers: dict[str, Signer]
    series: dict[str, str] = field(default_factory=dict)  # kind key → its own numbering series
    advisory: dict[str, Advisory] = field(default_factory=dict)
    localities: Localities = Localities()  # its hamlets (xóm, thôn, bản …) or quarters (tổ dân phố …)
    shared_remote: str = ""  # kho_chung: the git remote through which several PCs share one register
    copies: int | None = None  # so_ban: copies usually issued, for the register's "Số lượng bản"


@dataclass(frozen=True)
class Section:
    """A mục: a numbered heading (I., 1., a), -, +; inside a Chương, `Mục 1`) and what it contains."""

    title: str
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Part:
    """A Phần (`Phần I` or `Phần thứ nhất`, its title in capitals below); the mục inside restart at I."""

    title: str
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Chapter:
    """A Chương of a quy chế or quy định (`Chương I`, its title below); holds Mục and Điều."""

    title: str
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Clause:
    """A khoản (`1.`, `2.` in its Điều; unnumbered when it is the only one) and its điểm (`a)`, `b)`)."""

    text: str
    points: tuple[str, ...] = ()
    children: tuple["Node", ...] = ()


@dataclass(frozen=True)
class Article:
    """An Điều, numbered through the whole document.

    `titled`: `Điều 2. Trách nhiệm thực hiện` in bold with khoản below; otherwise the Điều is its text
    (`Điều 1.` in bold, the text upright) and `children` continue it.
    """

    title: str
    children: tuple["Node", ...] = ()
    titled: bool = False


@dataclass(frozen=True)
class Bullets:
    """Items the clerk marks with a dash ('-') or a plus ('+')."""

    marker: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    """A chart a domain draws from the document's data, placed where the clerk wrote `bieu_do:`."""

    name: str


@dataclass(frozen=True)
class HeaderCell:
    """A table heading: spans `span` columns, or two header rows when `tall`."""

    text: str
    span: int = 1
    tall: bool = False


@dataclass(frozen=True)
class Table:
    """A computed table, described without OOXML: engine.docx.ooxml draws it."""

    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...]
    caption: str = ""
    left_columns: tuple[int, ...] = (1,)  # columns aligned left (names); the others are centred figures
    total_row: bool = True                # the last row (Toàn xã) in bold
    bold_rows: tuple[int, ...] = ()       # other rows in bold (a group's subtotal)


@dataclass(frozen=True)
class Column:
    """A column of a table the clerk writes (`bang:`): its heading, width and how its cells print."""

    title: str
    width_mm: float | None = None  # None: an equal share of what the given widths leave
    form: str = "chu"              # chu (as typed), so (1.250 / 12,5), tien (1.250.000), ty_le (1,52)
    left: bool = False             # text columns align left; figures are centred


@dataclass(frozen=True)
class ColumnGroup:
    """A heading over several adjacent columns (a merged cell in the first heading row)."""

    title: str
    first: int  # 0-based index of its first column
    span: int


@dataclass(frozen=True)
class TableBlock:
    """A table written in the YAML (`bang:`), anywhere in a body or a phụ lục; compute draws it as a Table."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]        # cells as typed: text, int or Decimal
    groups: tuple[ColumnGroup, ...] = ()
    caption: str = ""
    total_label: str = ""                     # a computed total row, labelled (Tổng cộng)
    total_columns: tuple[int, ...] = ()       # the columns it sums


@dataclass(frozen=True)
class Series:
    """One series of a bar chart: its name in the legend, its values and each value as printed on its bar."""

    name: str
    values: tuple[Decimal, ...]
    labels: tuple[str, ...]  # `1,58`: the documents' own printed form, decimal comma included


@dataclass(frozen=True)
class BarChart:
    """A clustered column chart a domain computes; engine.docx draws it as a native Word chart."""

    title: str
    categories: tuple[str, ...]   # along the horizontal axis, one group of bars each
    series: tuple[Series, ...]
    axis_title: str               # the value axis: `Tỷ lệ hộ nghèo (%)`
    width_mm: float
    height_mm: float

    def __post_init__(self) -> None:
        if any(len(s.values) != len(self.categories) or len(s.labels) != len(self.categories) for s in self.series):
            raise ValueError("every series needs one value and one label per category")


@dataclass(frozen=True)
class Appendix:
    """A phụ lục: its title and content (compute adds its label and `(Kèm theo …)` line); a domain draws
    its tables, a clerk writes any content (paragraphs, tables, lists) under `phu_luc:`."""

    title: str
    body: tuple["Node", ...]


Node = Union[str, Section, Part, Chapter, Article, Clause, Bullets, Chart, Table, TableBlock]


@dataclass(frozen=True)
class DocumentData:
    """The data file a document draws on (`so_lieu:`), as its domain reads it for this document."""

    domain: str  # the domain's name, for the registry (engine.domains.get)
    view: Any    # the domain's own object: its data plus what this document adds (e.g. year-end results)
    values: dict[str, str] = field(default_factory=dict)  # [so_lieu.name] → the printed figure


@dataclass(frozen=True)
class Attachment:
    """A text a quyết định issues (văn bản ban hành kèm theo): its own heading, no number, no signature."""

    kind: Kind                   # ke_hoach, quy_che, quy_dinh …
    summary: str                 # its trích yếu
    body: tuple["Node", ...]
    part_words: bool = False     # `Phần thứ nhất` rather than `Phần I`


@dataclass(frozen=True)
class MergeRow:
    """One row of a merged document's list: its key (unique), its file name and its values by column."""

    key: str
    stem: str                                # the file name without .docx, from `ten_tep`
    values: tuple[tuple[str, str], ...]      # (column, value) in the list's order
    where: Location                          # ho-ngheo.csv!dòng 37


@dataclass(frozen=True)
class MergeSet:
    """`tron:` of a document: one document per row of a list, printed also as one combined file when asked."""

    list_file: str                           # as shown in messages: plans/2024/ho-ngheo.csv
    combined: bool = False                   # gop: one DOCX (and PDF) holding every row's document
    one_number: bool = False                 # so_cho_bo: mot — one number for the whole set when issued
    rows: tuple[MergeRow, ...] = ()          # until expanded into one document per row; () on each row's document
    summary: str = ""                        # the trích yếu as typed, fields unfilled (for a set's register line)
    pattern: "Document | None" = field(default=None, compare=False, repr=False)  # on each row's document: the
    # document as written, every `{field}` unfilled (a merged series is drawn once from it, engine.pipeline.merge_fill)


@dataclass(frozen=True)
class Signature:
    """Ô 7: authority prefixes (TM., KT., …) and the signer."""

    authority: tuple[str, ...]
    signer: Signer
    seal_title: str = ""  # an advisory body under the agency's seal: the signer's post in the agency (PL I, II.7.b)


@dataclass(frozen=True)
class Relation:
    """`van_ban_goc`: the issued document this one corrects, and how (dinh_chinh, sua_doi, thay_the, thu_hoi)."""

    kind: str          # a key of engine.nd30.citation.RELATIONS
    reference: str     # the original's số, ký hiệu: 15/KH-UBND
    date: dt.date      # the original's date, as its register line holds it


@dataclass
class Document:
    """One YAML file under plans/, validated."""

    source: Path
    location: Location
    kind: Kind
    summary: str                    # trích yếu
    date: dt.date | None
    number: int | None              # số, for documents issued outside the register
    year: int | None                # the register year (from the date, or the folder name)
    recipients_to: tuple[str, ...]  # Kính gửi
    bases: tuple[str, ...]          # căn cứ
    proposer: str                   # "Theo đề nghị của …" (last căn cứ line), optional
    opening: str                    # mở đầu
    body: tuple[Node, ...]
    recipients: tuple[str, ...]     # Nơi nhận (without "Lưu")
    archive_units: tuple[str, ...]  # "Lưu: VT, <units>."
    signature: Signature
    agency: Agency | None = None    # the issuing agency: the profile's, or an advisory body's
    series: str = ""                # an advisory body's own numbering series
    issuer: str = ""                # Quyết định: "chu_tich" (the head's power) or "tap_the" (the collective's)
    data: DocumentData | None = None  # the data file it draws on (so_lieu), if any
    appendices: tuple[Union[str, Appendix], ...] = ()  # phụ lục: a domain's by name, or written in the YAML
    part_words: bool = False        # `Phần thứ nhất` rather than `Phần I` (so_phan: chu)
    attachments: tuple[Attachment, ...] = ()  # the texts a quyết định issues (kem_theo), after its signature
    copies: int | None = None       # so_ban: copies issued (the register's "Số lượng bản"), else the profile's
    relation: Relation | None = None  # van_ban_goc: the issued document it corrects, amends, replaces or withdraws
    places: tuple[str | int, ...] = ()  # where each top-level key was written: key, line, column, key, … (flat:
    # a dict of Locations for each of tens of thousands of documents held at once cost more than the rest of it)
    merge: MergeSet | None = None   # tron: the list this document is merged with
    row: MergeRow | None = None     # the row this document was made from (one document per row)

    @property
    def key(self) -> str:
        """What the register calls it: plans/2024/giay-xac-nhan.yaml, or …yaml#HN-007 for one row of a merge."""
        return self.location.path

    @property
    def file_key(self) -> str:
        """The YAML file's own key, for a row's document too (a set issued with one number is recorded so)."""
        return self.location.path.removesuffix(f"#{self.row.key}") if self.row else self.location.path

    def where(self, key: str) -> Location:
        """The line of `key` in the YAML, for errors found after validation."""
        spots = self.places
        at = next((i for i in range(0, len(spots), 3) if spots[i] == key), None)
        return self.location if at is None else Location(self.file_key, int(spots[at + 1]), int(spots[at + 2]))

