"""The register (sổ đăng ký văn bản đi): one plain-text file per year, locked, rewritten atomically."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from contextlib import contextmanager, suppress
from dataclasses import astuple, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

import yaml
from filelock import FileLock

from engine.errors import Location, RegisterError, stop_on
from engine.pipeline.load import plain_text_data
from engine.pipeline.merge_lists import list_file, row_values
from engine.pipeline.sheets import workbook_value
from engine.workspace import REGISTER_FOLDER, STATE, WORKBOOK, linked_files, read_limited
from engine.files import content_hash, write_atomically

FOLDER = REGISTER_FOLDER
HEADER = ("so", "ky_hieu", "ngay", "so_van_ban", "loai", "trich_yeu", "nguoi_ky", "noi_nhan", "luu",
          "so_ban", "ghi_chu", "nguon", "bam_nguon", "tep", "bam_tep")
VOID_MARK = "#huy_so"  # a number taken by mistake: its line stays, this marker line (after the entries) voids it
UNREAD = object()  # source_hash, made_from: the file's meaning is not given, read it
INTRO = ("# Sổ đăng ký văn bản đi — do `vanban issue` ghi; mỗi dòng một văn bản, các cột cách nhau bằng Tab.\n"
         "# Sửa tay thì giữ đúng số cột; `vanban verify` kiểm tra các tệp đã ban hành theo cột bam_tep.\n")


@dataclass(frozen=True)
class Entry:
    """One issued document, as the register records it (NĐ30 Phụ lục IV columns plus our archive)."""

    number: int
    symbol: str          # ký hiệu, e.g. KH-UBND
    date: dt.date
    series: str          # which numbering series (sổ) the number belongs to
    kind: str            # tên loại, e.g. Kế hoạch
    summary: str         # trích yếu
    signer: str          # người ký
    recipients: str      # nơi nhận, joined by '; '
    archive: str         # đơn vị, người nhận bản lưu
    copies: str          # số lượng bản
    note: str            # ghi chú
    source: str          # plans/… relative path
    source_hash: str
    output: str          # outputs/… relative path
    output_hash: str

    @property
    def reference(self) -> str:
        return f"{self.number:02d}/{self.symbol}"

    def line(self) -> str:
        values = [f"{self.number:02d}", *(str(v) for v in astuple(self)[1:])]
        values[2] = self.date.isoformat()
        return "\t".join(values)


@dataclass(frozen=True)
class Void:
    """A number voided (hủy số) with its reason: the document's line and archived file stay, never reused."""

    number: int
    symbol: str
    series: str
    date: dt.date        # the day it was voided
    reason: str          # lý do
    year: int = 0        # the register year of the voided number (the year file the marker stands in)

    @property
    def reference(self) -> str:
        return f"{self.number:02d}/{self.symbol}"

    def line(self) -> str:
        return "\t".join((VOID_MARK, f"{self.number:02d}", self.symbol, self.series, self.date.isoformat(),
                          " ".join(self.reason.split())))


def void_of(line: str, where: Location | None = None, year: int = 0) -> Void | None:
    """The void a marker line records; None for any other line; a marker line that is not well formed is an error."""
    cells = line.split("\t")
    if cells[0] != VOID_MARK:
        return None
    try:
        if len(cells) != 6 or not re.fullmatch(r"\d{2,}", cells[1]) or not cells[5].strip():
            raise ValueError
        return Void(int(cells[1]), cells[2], cells[3], dt.date.fromisoformat(cells[4]), cells[5], year)
    except ValueError:
        raise RegisterError(f"dòng hủy số cần dạng '{VOID_MARK}<Tab>số<Tab>ký hiệu<Tab>sổ<Tab>ngày hủy<Tab>lý do'",
                            where) from None


def source_hash(path: Path, row: str | None = None, value: object = UNREAD) -> str:
    """What an issued document was made from: its YAML and the files it names, by meaning, not bytes.

    Comments, spacing and Unicode form may change; the content of none of them may. One row of a merged
    document (`row`: its key) is made from its YAML, the other files it names and that row of its list, as read.
    """
    value = meaning(path) if value is UNREAD else value  # `value`: the file's meaning, when the caller has it
    listed = list_file(path, value) if row is not None else None
    parts = [value, *(meaning(linked) for linked in linked_files(path, value) if linked != listed)]
    if row is not None:
        parts.append({"tron": row_values(path, value, row)})
    canonical = json.dumps(parts if len(parts) > 1 else value, sort_keys=True, ensure_ascii=False, default=str)
    return content_hash(canonical.encode("utf-8"))


def span(entries: Sequence[Entry]) -> str:
    """The numbers one issue gave: `01/TB-UBND`, or `01/TB-UBND đến 03/TB-UBND` for a merged series."""
    first, last = entries[0], entries[-1]
    return first.reference if len(entries) == 1 else f"{first.reference} đến {last.reference}"


def split_source(source: str) -> tuple[str, str | None]:
    """A register's `nguon`: the YAML file, and the row's key for one document of a merged series
    (`plans/2024/giay-xac-nhan.yaml#HN-007` → the file and `HN-007`)."""
    if "#" not in source:  # nearly every line: no pattern to run, thousands of times per check
        return source, None
    match = re.fullmatch(r"(.*?\.ya?ml)#(.*)", source, flags=re.IGNORECASE | re.DOTALL)
    return (match.group(1), match.group(2)) if match else (source, None)


def state_folder(root: Path) -> Path:
    """.vanban/ of the workspace, created on first use with a .gitignore that keeps it out of git."""
    folder = root / STATE
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Tệp làm việc của vanban (khóa sổ, lần ban hành đang dở); không lưu vào git.\n*\n",
                          encoding="utf-8")
    return folder


def made_from(path: Path, row: str | None = None, value: object = UNREAD) -> list[Path]:
    """The document and the files it names (so_lieu, kem_theo, its list): what an issue archives and freezes.

    One row of a merged list (`row`) freezes its row only: the list's other rows may change after it is issued.
    """
    value = meaning(path) if value is UNREAD else value
    listed = list_file(path, value) if row is not None else None
    return [path, *(linked for linked in linked_files(path, value) if linked != listed)]


def changed_files(root: Path, source: Path) -> list[Path]:
    """Which of the files a document is made from differ in meaning from the version committed in HEAD;
    all of them when git cannot tell."""
    from engine.registry import git

    files = made_from(source)
    if not git.is_repository(root):
        return files
    changed = [path for path in files if not held_in_head(root, path)]
    return changed or files


def held_in_head(root: Path, path: Path) -> bool:
    """HEAD holds this YAML file (or workbook) with the same meaning (comments, spacing, Unicode form aside); a CSV
    list, with the same bytes."""
    from engine.registry import git

    relative = path.relative_to(root).as_posix()
    if path.suffix.lower() == WORKBOOK:
        held = git.show_bytes(root, "HEAD", relative)
        try:
            return held is not None and workbook_value(path, held) == meaning(path)
        except ValueError:
            return False
    if path.suffix.lower() not in (".yaml", ".yml"):
        return git.is_repository(root) and not git.dirty(root, [path]) and path.exists()
    committed = git.show(root, "HEAD", relative)
    if committed is None:
        return False
    try:
        return plain_text_data(committed) == meaning(path)
    except (yaml.YAMLError, ValueError):
        return False


def meaning(path: Path) -> object:
    """The file as the load stage reads it (dates that are no dates stay text; a workbook by its cells' text, not
    its bytes); an unreadable one, or a CSV list, by its bytes, so that no two different versions hash alike."""
    if path.suffix.lower() not in (".yaml", ".yml", WORKBOOK):
        try:
            return "tep:" + content_hash(path.read_bytes())
        except OSError:
            return "khong-doc-duoc"
    try:
        if path.suffix.lower() == WORKBOOK:
            return workbook_value(path)
        return _yaml_meaning(read_limited(path))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):
        try:
            return "khong-doc-duoc:" + content_hash(path.read_bytes())
        except OSError:
            return "khong-doc-duoc"


@lru_cache(maxsize=64)
def _yaml_meaning(raw: bytes) -> object:
    """A YAML file's meaning (as plain_data reads it), parsed once per content: a merged series issued one
    document per row parses its YAML once, not once per row. Shared: callers only read it."""
    return plain_text_data(raw.decode("utf-8-sig"))


class Register:
    """All the year files of one workspace."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / FOLDER

    def path(self, year: int) -> Path:
        return self.folder / f"{year}.tsv"

    def shown(self, year: int) -> str:
        return (FOLDER / f"{year}.tsv").as_posix()

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One writer at a time, across processes and OS users; released by the OS even if the process is killed.

        The lock file is inside the workspace (.vanban/khoa, ignored by git through .vanban/.gitignore), so every
        process and user working on the same folder meets the same lock whatever its TMPDIR; it is outside
        outputs/, so taking it changes nothing there. filelock works on Windows as on Linux and macOS.
        """
        state = state_folder(self.root)
        with FileLock(str(state / "khoa"), mode=0o666):
            yield

    def years(self) -> list[int]:
        if not self.folder.is_dir():
            return []
        return sorted(int(p.stem) for p in self.folder.glob("*.tsv") if re.fullmatch(r"\d{4}", p.stem))

    def entries(self, year: int | None = None) -> list[Entry]:
        """Every entry (of one year, or all), checked line by line; a bad line is an error, never a guess."""
        years = [year] if year is not None else self.years()
        return [entry for y in years for entry in self._read(y)]

    def by_source(self) -> dict[str, Entry]:
        return {entry.source: entry for entry in self.entries()}

    def voids(self, year: int | None = None) -> list[Void]:
        """The numbers voided (of one year, or all); a marker naming no line of its year is an error."""
        found, errors = [], []
        for each in [year] if year is not None else self.years():
            numbers = {(e.series, e.number) for e in self.entries(each)}
            path = self.path(each)
            text = path.read_bytes().decode("utf-8-sig") if path.exists() else ""
            for at, raw in enumerate(text.splitlines(), start=1):
                try:
                    void = void_of(raw, Location(self.shown(each), at), each)
                except RegisterError as error:
                    errors.append(error)
                    continue
                if void is not None and (void.series, void.number) not in numbers:
                    errors.append(RegisterError(f"dòng hủy số {void.reference} nhưng sổ năm {each} không có số đó",
                                                Location(self.shown(each), at)))
                elif void is not None:
                    found.append(void)
        stop_on(errors)
        return found

    def add_void(self, void: Void, year: int) -> None:
        """Append the marker line to the year file, atomically; every other line stays as it was."""
        self.voids(year)  # a damaged year file is reported, never rewritten
        path = self.path(year)
        text = path.read_bytes().decode("utf-8-sig")
        write_atomically(path, (text.rstrip("\n") + "\n" + void.line() + "\n").encode("utf-8"))

    def add(self, entry: Entry, *more: Entry) -> None:
        """Write the year file with the new lines in their place, atomically: the entries (a merged series issued one
        number per document: all of them, of one date) are there completely or not at all. Every other line, the
        clerk's comments included, stays as it was."""
        year = entry.date.year
        assert all(other.date.year == year for other in more)
        self.entries(year)  # a damaged year file is reported, never rewritten
        path = self.path(year)
        text = path.read_bytes().decode("utf-8-sig") if path.exists() else INTRO + "\t".join(HEADER) + "\n"
        lines = insert_lines(text.splitlines(), [each.line() for each in (entry, *more)])
        write_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))

    def _read(self, year: int) -> list[Entry]:
        """One year's entries; every bad line is reported (all of them), never skipped or guessed."""
        path, shown = self.path(year), self.shown(year)
        try:
            state, read = _state(path), _READ.get(path)  # an issue reads the register many times
        except FileNotFoundError:
            return []
        if read is not None and read[0] == state and time.time_ns() - state[1] > RECENT_NS:
            return list(read[2])  # not written since it was read (a rewrite within the clock's tick is recent)
        data = path.read_bytes()
        if read is not None and read[1] == data:
            _READ[path] = (state, data, read[2])
            return list(read[2])
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RegisterError("sổ không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8",
                                Location(shown)) from None
        seen: dict[tuple[str, int], int] = {}
        entries, errors = [], []
        for number, raw in enumerate(text.splitlines(), start=1):
            cells = raw.split("\t")
            if cells[0] == HEADER[0] or raw.startswith("#") or not raw.strip():
                continue
            try:
                entry = _parse(cells, shown, number, year)
            except RegisterError as error:
                errors.append(error)
                continue
            key = (entry.series, entry.number)
            if key in seen:
                errors.append(RegisterError(f"số {entry.reference} đã có ở dòng {seen[key]}; mỗi số chỉ cấp một lần",
                                            Location(shown, number)))
            seen[key] = number
            entries.append(entry)
        stop_on(errors)
        _READ[path] = (state, data, entries)
        return list(entries)


_READ: dict[Path, tuple[tuple[int, ...], bytes, list[Entry]]] = {}  # year file → its state, bytes and entries
RECENT_NS = 2_000_000_000  # a file modified in the last 2 s is read again next time (same-tick rewrites)


def _state(path: Path) -> tuple[int, ...]:
    """What changes when a file is written: size, modification and change time, inode."""
    found = os.stat(path)
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


_FIELDS = tuple(field.name for field in fields(Entry))


def _entry_of(values: tuple) -> Entry:
    """Entry(*values), without the frozen dataclass's one __setattr__ per field: a register holds thousands of
    lines, and this halves the time of reading them."""
    entry = object.__new__(Entry)
    entry.__dict__.update(zip(_FIELDS, values))
    return entry


def data_key(line: str) -> tuple[str, int] | None:
    """(series, number) of a register line, or None for a comment, the header, a blank or a malformed line."""
    cells = line.split("\t")
    if len(cells) != len(HEADER) or len(cells[0]) < 2 or not cells[0].isdecimal():  # \d{2,}, without a pattern
        return None
    return cells[3], int(cells[0])


def insert_lines(lines: list[str], new: list[str]) -> list[str]:
    """`lines` with each of `new` placed before the first entry line of `lines` that sorts after it (series,
    number), in order among themselves; `lines` is read once, however many are placed."""
    positions = [(i, k) for i, k in ((i, data_key(raw)) for i, raw in enumerate(lines)) if k is not None]
    end = positions[-1][0] + 1 if positions else len(lines)
    placed: dict[int, list[str]] = {}
    for line in sorted(new, key=data_key):
        key = data_key(line)
        assert key is not None
        placed.setdefault(next((i for i, k in positions if k > key), end), []).append(line)
    out: list[str] = []
    for i, raw in enumerate(lines):
        out += [*placed.get(i, []), raw]
    return out + placed.get(len(lines), [])


def _parse(cells: list[str], shown: str, number: int, year: int) -> Entry:
    """One entry line, split at its tabs; thousands of them: a good line costs no pattern and no Location."""
    if len(cells) == len(HEADER) and len(cells[0]) >= 2 and cells[0].isdecimal():  # \d{2,}, without a pattern
        with suppress(ValueError):
            date = dt.date.fromisoformat(cells[2])
            if date.year == year:
                return _entry_of((int(cells[0]), cells[1], date, *cells[3:]))
    where = Location(shown, number)
    if len(cells) != len(HEADER):
        raise RegisterError(f"dòng sổ có {len(cells)} cột, cần {len(HEADER)} cột cách nhau bằng Tab "
                            f"({', '.join(HEADER)})", where)
    if not re.fullmatch(r"\d{2,}", cells[0]):
        raise RegisterError(f"cột 'so' cần một số có ít nhất 2 chữ số, nhưng gặp '{cells[0]}'", where)
    try:
        date = dt.date.fromisoformat(cells[2])
    except ValueError:
        raise RegisterError(f"cột 'ngay' cần một ngày dạng 2024-01-09, nhưng gặp '{cells[2]}'", where) from None
    if date.year != year:
        raise RegisterError(f"ngày {cells[2]} không thuộc sổ năm {year}", where)
    return Entry(int(cells[0]), cells[1], date, *cells[3:])
