"""A rendered document with slots: drawn once with a marker where each row's value goes, then filled per row.

A merged series differs from row to row only in the row's values (and what the Decree derives from them, such
as the length of the rule under the trích yếu). Rendering a document through docxtpl costs about ten times
writing its package; so the series is rendered once with a marker — `\\ue000` index `\\ue001`, private-use
characters no clerk text holds — in place of each value, and every row's document is that render with the
markers replaced by the row's values, escaped as lxml (which wrote the render) escapes text and attributes.

Whether a row's document may be made so is decided by engine.pipeline.merge_fill, value by value; `Slotted.of`
refuses a render whose markers stand anywhere else than the text and attributes of the parts docxtpl and
python-docx write (a chart, for instance), and the series is then rendered row by row.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Iterable, Sequence

from engine.files import content_hash

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
PROPERTY_LIMIT = 255  # python-docx refuses a longer core property (title, subject, keywords …)
OPEN, CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{OPEN}(\\d+){CLOSE}".encode("utf-8"))
_STRAY = re.compile(f"{OPEN}|{CLOSE}".encode("utf-8"))  # one character of a marker (UTF-8: three bytes each)
_FILLABLE = re.compile(r"word/(document|header\d*|footer\d*)\.xml|docProps/core\.xml")
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ATTRIBUTE = {**_TEXT, '"': "&quot;"}
_ESCAPED = re.compile('[&<>"]')


def marker(index: int) -> str:
    """The marker standing for value number `index`."""
    return f"{OPEN}{index}{CLOSE}"


def package(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A DOCX of these parts in this order, with fixed timestamps: the same parts give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            fixed = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    return out.getvalue()


Pieces = tuple  # literal bytes, alternating with slots: (value index, inside an attribute)


@dataclass(frozen=True)
class Slotted:
    """A rendered document's parts in order; each part with markers cut into literal pieces and slots."""

    parts: tuple[tuple[str, "bytes | Pieces"], ...]
    probe: bytes  # the render itself, markers and all
    digest: str   # its content_hash: what the combined file and .vanban/khuon-tron.json know it by

    @classmethod
    def of(cls, data: bytes) -> "Slotted | None":
        """The render cut at its markers, or None when a marker stands where filling cannot reach exactly."""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
        kept: list[tuple[str, bytes | Pieces]] = []
        for name, xml in parts:
            pieces = cut(xml)
            if pieces is None or (len(pieces) > 1 and not _FILLABLE.fullmatch(name)):
                return None
            kept.append((name, xml if len(pieces) == 1 else pieces))
        return cls(tuple(kept), data, content_hash(data))

    def fill(self, values: Sequence[str]) -> bytes:
        """The document of a row whose values are `values` (in the markers' order)."""
        escaped = Escaped(values)
        return package((name, data if isinstance(data, bytes) else escaped.fill(data)) for name, data in self.parts)


class Escaped:
    """A row's values as they stand in XML text and in attributes."""

    def __init__(self, values: Sequence[str]) -> None:
        self.text = [_escape(v, _TEXT) for v in values]
        self.attribute = [_escape(v, _ATTRIBUTE) for v in values]

    def fill(self, pieces: Pieces) -> bytes:
        return b"".join(piece if isinstance(piece, bytes) else (self.attribute if piece[1] else self.text)[piece[0]]
                        for piece in pieces)


def cut(xml: bytes) -> Pieces | None:
    """XML written with markers, as pieces to fill (a part without one is a single piece); None if a marker
    character stands outside a whole marker."""
    pieces: list = []
    start = 0
    for found in _MARKER.finditer(xml):
        literal = xml[start:found.start()]
        if _STRAY.search(literal):
            return None
        pieces += [literal, (int(found.group(1)), xml.rfind(b"<", 0, found.start()) > xml.rfind(b">", 0, found.start()))]
        start = found.end()
    if _STRAY.search(xml[start:]):
        return None
    pieces.append(xml[start:])
    return tuple(pieces)


def _escape(value: str, table: dict[str, str]) -> bytes:
    return _ESCAPED.sub(lambda m: table.get(m.group(), m.group()), value).encode("utf-8")
