"""One exception hierarchy for every failure the clerk can cause or fix; each carries a location."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file the clerk can open: path, 1-based line and column (0 = unknown).

    In a workbook (.xlsx) `sheet` names the sheet, `line` is the row and `column` the column: it prints the way
    Excel names a cell, `so-lieu.xlsx!xom!C7`.
    """

    path: str
    line: int = 0
    column: int = 0
    sheet: str = ""

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.path}!{_sheet_shown(self.sheet)}" + (f"!{self.cell}" if self.cell else "")
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path

    @property
    def cell(self) -> str:
        """The Excel name of the cell (C7), of the row (7) or of the column (C); "" when neither is known."""
        return f"{_column_letters(self.column) if self.column else ''}{self.line or ''}"

    @classmethod
    def of(cls, path: Path | str, line: int = 0, column: int = 0) -> "Location":
        return cls(str(path), line, column)

    @classmethod
    def at(cls, path: str, mark: object) -> "Location":
        """Where a node starts: a YAML mark (0-based line and column), or a workbook cell's mark (its `sheet`)."""
        return cls(path, mark.line + 1, mark.column + 1, getattr(mark, "sheet", ""))


def _column_letters(column: int) -> str:
    """1 → A, 27 → AA: Excel's name of a column."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _sheet_shown(sheet: str) -> str:
    """A sheet name as Excel writes it in a reference: quoted when it holds a space or punctuation."""
    return sheet if all(c.isalnum() or c == "_" for c in sheet) else "'" + sheet.replace("'", "''") + "'"


class EngineError(Exception):
    """A known failure: printed as a short Vietnamese message, never as a traceback."""

    def __init__(self, message: str, location: Location | None = None, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.field = field

    def __str__(self) -> str:
        parts = [str(self.location)] if self.location else []
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class InputError(EngineError):
    """The clerk's YAML (or a file named on the command line) is wrong."""


class TemplateError(EngineError):
    """A DOCX template cannot be read or rendered."""


class RegisterError(EngineError):
    """The register (sổ văn bản đi) refuses an operation or is inconsistent."""


class OutputError(EngineError):
    """An output cannot be written, or an issued output would be overwritten."""


class CheckInputError(EngineError):
    """A file given to `vanban check` is not a readable DOCX."""


class Notice(EngineError):
    """A finding the clerk should read that does not stop the run: printed as 'Lưu ý: …', exit code unchanged."""


class BuildFailed(EngineError):
    """Several errors were found; all are reported together, then the run aborts once."""

    def __init__(self, errors: list[EngineError]) -> None:
        super().__init__(f"{len(errors)} lỗi")
        self.errors = sorted(errors, key=_sort_key)


def stop_on(errors: list[EngineError]) -> None:
    """The one place a run aborts on input errors: all of them, at once (a Notice never stops it)."""
    failures = [e for e in errors if not isinstance(e, Notice)]
    if failures:
        raise BuildFailed(failures)


def _sort_key(error: EngineError) -> tuple:
    loc = error.location or Location("")
    return (loc.path, loc.sheet, loc.line, loc.column, error.message)


# Why the disk refused, in the clerk's words: the system says it in English (or in Windows' own language).
_OS_REASONS = {
    errno.ENOENT: "không có tệp hay thư mục này",
    errno.EACCES: "không có quyền đọc hoặc ghi",
    errno.EPERM: "không được phép",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho phép đọc",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
}


def os_reason(error: OSError) -> str:
    """The reason an OSError gives, in Vietnamese for the usual ones; vanban's own Vietnamese reason as it is."""
    return _OS_REASONS.get(error.errno or 0) or error.strerror or str(error)
