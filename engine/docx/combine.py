"""One DOCX holding several finished documents, each starting on a new page with its page numbers from 1.

For printing a merged series (trộn văn bản): each document's body is appended to the first's, its last section
break (with its headers, page size and `w:pgNumType w:start="1"`) kept as the break that closes it. Parts a
later document refers to that the first lacks or holds differently (an image, a header) are copied under new
names. Plain zipfile and lxml on the rendered bytes: the same documents give the same bytes.
"""

from __future__ import annotations

import copy
import io
import itertools
import posixpath
import shutil
import struct
import tempfile
import zipfile
from typing import BinaryIO, Iterator, Sequence

from lxml import etree

from engine.docx.slots import ZIP_EPOCH, Escaped, Slotted, cut

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DOCUMENT, RELS, TYPES = "word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"
CORE = "docProps/core.xml"
_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif", "emf": "image/x-emf"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def combine(documents: list[bytes]) -> bytes:
    """The documents one after another in one file; each starts a new section numbered from page 1."""
    out = io.BytesIO()
    combine_into(iter(documents), out)
    return out.getvalue()


def combine_into(documents: Iterator[bytes], target: BinaryIO) -> None:
    """combine, written to `target` as it goes: one member is held at a time, the combined body is spooled to
    a temporary file, so memory does not grow with the number of documents."""
    first_data = next(documents)
    parts, first = _read(first_data), _Package(first_data)
    root = etree.fromstring(parts[DOCUMENT])
    rels, types = etree.fromstring(parts[RELS]), etree.fromstring(parts[TYPES])
    with tempfile.TemporaryFile() as spool:
        head, tail = _around_body(etree.fromstring(parts[DOCUMENT]))
        spool.write(head)
        stream = _BodyStream(spool, root.nsmap)
        stream.add(root)
        for index, data in enumerate(documents, start=1):
            other = _Package(data)
            other_root = etree.fromstring(other[DOCUMENT])
            renamed = _bring_parts(index, other, parts, first, rels, types)
            for element in other_root.find(_w("body")):
                _renamed(element, renamed)
            stream.add(other_root)
        stream.close()
        spool.write(tail)
        parts[RELS] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        parts[TYPES] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
        large = spool.tell() >= zipfile.ZIP64_LIMIT
        spool.seek(0)
        _write(parts, spool, target, large)


class Cut:
    """A merged series' render (markers and all, engine.docx.slots) as the combined file holds each document
    drawn from it: its body, the section break that closes it, and the parts around — pieces to fill."""

    def __init__(self, slotted: Slotted) -> None:
        self.slotted = slotted
        parts = _read(slotted.probe)
        root = etree.fromstring(parts[DOCUMENT])
        self.namespaces = root.nsmap
        self.around = tuple(cut(piece) for piece in _around_body(etree.fromstring(parts[DOCUMENT])))
        spool = io.BytesIO()
        stream = _BodyStream(spool, root.nsmap)
        stream.add(root)
        self.body = cut(spool.getvalue())
        self.closing = None if stream.pending is None else tuple(cut(piece) for piece in stream.pending)
        self.drawings = stream.drawings
        self.others = {name: data for name, data in parts.items() if name not in (DOCUMENT, CORE)}


def fill_together(cuts: list[Cut]) -> bool:
    """Documents drawn from these renders combine by filling alone: the same parts and namespaces as the first,
    no drawing to number across documents, every marker where filling reaches."""
    first = cuts[0]
    return all(c.drawings == 0 and c.others == first.others and c.namespaces == first.namespaces
               and None not in (*c.around, c.body, *(c.closing or ())) for c in cuts)


def combine_filled(members: Iterator[tuple[Cut, Sequence[str]]], target: BinaryIO) -> None:
    """combine_into for documents each drawn from a render and its row's values (fill_together of their
    renders): every document's body filled straight into the combined body, none parsed; the same bytes."""
    first, values = next(members)
    parts = _read(first.slotted.fill(values))
    for name in (RELS, TYPES):
        parts[name] = etree.tostring(etree.fromstring(parts[name]), xml_declaration=True, encoding="UTF-8",
                                     standalone=True)
    escaped = Escaped(values)
    head, tail = (escaped.fill(piece) for piece in first.around)
    with tempfile.TemporaryFile() as spool:
        spool.write(head)
        pending: tuple[bytes, bytes] | None = None
        for cut_, values in itertools.chain([(first, values)], members):
            escaped = Escaped(values)
            if pending is not None:
                spool.write(pending[0])
            spool.write(escaped.fill(cut_.body))
            pending = None if cut_.closing is None else (escaped.fill(cut_.closing[0]), escaped.fill(cut_.closing[1]))
        if pending is not None:
            spool.write(pending[1])
        spool.write(tail)
        large = spool.tell() >= zipfile.ZIP64_LIMIT
        spool.seek(0)
        _write(parts, spool, target, large)


_MARK = b"vanban-gop"


def _around_body(root: etree._Element) -> tuple[bytes, bytes]:
    """The first document's XML before and after its body's content (the body emptied)."""
    body = root.find(_w("body"))
    for element in list(body):
        body.remove(element)
    body.append(etree.Comment(_MARK.decode("ascii")))
    text = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8", standalone=True)
    head, tail = text.split(b"<!--" + _MARK + b"-->")
    body.remove(body[0])
    return head, tail


class _BodyStream:
    """Each document's body content, written as it comes: the section break that closes a document is written
    when the next one arrives (a page break then) or at the end (the file's own last section)."""

    def __init__(self, spool: BinaryIO, namespaces: dict) -> None:
        self.spool = spool
        self.namespaces = dict(namespaces)
        self.drawings = 0
        self.pending: tuple[bytes, bytes] | None = None  # the last document's closing: (as a break, as the last)

    def add(self, root: etree._Element) -> None:
        """One document's body (changed in place: page numbers restarted, drawings numbered)."""
        body = root.find(_w("body"))
        content = list(body)
        final = content[-1] if content and content[-1].tag == _w("sectPr") else None
        _restart_numbering(content)
        for drawing in body.iter(f"{{{WP}}}docPr"):
            self.drawings += 1  # each drawing's id unique in the file
            drawing.set("id", str(self.drawings))
        if self.pending is not None:
            self.spool.write(self.pending[0])
        if final is not None:
            body.remove(final)
        self.spool.write(self._inner(root, body))
        self.pending = None if final is None else (
            self._xml(root, [_section_paragraph(copy.deepcopy(final))]), self._xml(root, [final]))

    def close(self) -> None:
        if self.pending is not None:
            self.spool.write(self.pending[1])

    def _inner(self, root: etree._Element, body: etree._Element) -> bytes:
        """The body's content as it reads inside the first document's body: serialized where it stands (moving
        thousands of elements to another tree costs more than writing them), relying on the first document's
        namespace prefixes when this one's are the same, each element declaring its own otherwise."""
        if not root.nsmap.items() <= self.namespaces.items():
            return b"".join(etree.tostring(element, encoding="UTF-8", xml_declaration=False) for element in body)
        return _content_of(etree.tostring(body, encoding="UTF-8", xml_declaration=False))

    def _xml(self, root: etree._Element, elements: list) -> bytes:
        """A few elements (a section break), serialized inside a body of their own."""
        if not root.nsmap.items() <= self.namespaces.items():
            return b"".join(etree.tostring(element, encoding="UTF-8", xml_declaration=False) for element in elements)
        holder = etree.Element(_w("body"), nsmap=root.nsmap)
        holder.extend(elements)
        return _content_of(etree.tostring(holder, encoding="UTF-8", xml_declaration=False))


def _content_of(body: bytes) -> bytes:
    """What stands between <w:body …> and </w:body> ('' for an empty <w:body …/>)."""
    return body[body.index(b">") + 1: -len(b"</w:body>")] if body.endswith(b"</w:body>") else b""


def _read(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class _Package:
    """A document's parts, each inflated only when asked for."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.infos = {info.filename: info for info in self.archive.infolist()}

    def __getitem__(self, name: str) -> bytes:
        return self.archive.read(name)

    def __contains__(self, name: str) -> bool:
        return name in self.infos

    def stored(self, name: str) -> tuple[int, bytes]:
        """How the part is compressed and its compressed bytes, as they lie in the file."""
        info = self.infos[name]
        offset = info.header_offset
        name_length, extra_length = struct.unpack("<HH", self.data[offset + 26: offset + 30])
        start = offset + 30 + name_length + extra_length
        return info.compress_type, self.data[start: start + info.compress_size]


def _same_part(name: str, parts: dict[str, bytes], first: "_Package", other: "_Package") -> bool:
    """The later document's part is the first's (both absent, or the same bytes). The same compressed bytes are
    the same part without inflating it: every member of a series comes from one template."""
    if name not in other or name not in parts:
        return name not in other and name not in parts
    if name in first and first.stored(name) == other.stored(name):
        return True
    return parts[name] == other[name]


def _restart_numbering(content: list) -> None:
    """The first section of each document numbers its pages from 1."""
    for element in content:
        section = element if element.tag == _w("sectPr") else element.find(f"{_w('pPr')}/{_w('sectPr')}")
        if section is not None:
            number = section.find(_w("pgNumType"))
            if number is None:
                number = etree.SubElement(section, _w("pgNumType"))
                _place_page_numbers(section, number)
            number.set(_w("start"), "1")
            return


def _place_page_numbers(section: etree._Element, number: etree._Element) -> None:
    """w:pgNumType stands after w:pgMar (and w:pgBorders, w:lnNumType) in a w:sectPr."""
    for name in ("lnNumType", "pgBorders", "pgMar", "pgSz"):
        before = section.find(_w(name))
        if before is not None:
            before.addnext(number)
            return


def _section_paragraph(section: etree._Element) -> etree._Element:
    """The document's closing section break, carried by an empty paragraph; the next document starts a page."""
    paragraph = etree.Element(_w("p"))
    properties = etree.SubElement(paragraph, _w("pPr"))
    kind = section.find(_w("type"))
    if kind is not None:
        section.remove(kind)
    properties.append(section)
    return paragraph


def _bring_parts(index: int, other: "_Package", parts: dict[str, bytes], first: "_Package", rels: etree._Element,
                 types: etree._Element) -> dict[str, str]:
    """Copy what a later document refers to and the first document lacks: old relationship id → new id."""
    mine = {r.get("Id"): r for r in rels}
    renamed: dict[str, str] = {}
    for rel in etree.fromstring(other[RELS]):
        rid, target, mode = rel.get("Id"), rel.get("Target"), rel.get("TargetMode")
        part = posixpath.normpath(posixpath.join("word", target)) if mode != "External" else None
        same = mine.get(rid)
        if same is not None and same.get("Target") == target and same.get("Type") == rel.get("Type") and (
                part is None or _same_part(part, parts, first, other)):
            continue
        new_id = f"rIdGop{index}x{rid}"
        copy = etree.SubElement(rels, f"{{{PR}}}Relationship", dict(rel.attrib))
        copy.set("Id", new_id)
        if part is not None and part in other:
            folder, name = posixpath.split(target)
            new_target = posixpath.join(folder, f"gop{index}-{name}")
            copy.set("Target", new_target)
            new_part = posixpath.normpath(posixpath.join("word", new_target))
            parts[new_part] = other[part]
            _declare(types, other, part, new_part)
        renamed[rid] = new_id
    return renamed


def _declare(types: etree._Element, other: "_Package", part: str, new_part: str) -> None:
    """The copied part's content type, as the document it came from declared it."""
    theirs = etree.fromstring(other[TYPES])
    override = theirs.find(f"{{{CT}}}Override[@PartName='/{part}']")
    if override is not None:
        etree.SubElement(types, f"{{{CT}}}Override", {"PartName": f"/{new_part}",
                                                      "ContentType": override.get("ContentType")})
        return
    extension = new_part.rsplit(".", 1)[-1].lower()
    if types.find(f"{{{CT}}}Default[@Extension='{extension}']") is None:
        declared = theirs.find(f"{{{CT}}}Default[@Extension='{extension}']")
        kind = declared.get("ContentType") if declared is not None else _IMAGE_TYPES.get(extension,
                                                                                         "application/octet-stream")
        etree.SubElement(types, f"{{{CT}}}Default", {"Extension": extension, "ContentType": kind})


def _renamed(element: etree._Element, renamed: dict[str, str]) -> etree._Element:
    """Every r:id, r:embed, r:link pointing to a copied part, pointed to the copy."""
    if renamed:
        for node in element.iter():
            for attribute, value in node.attrib.items():
                if attribute.startswith(f"{{{R}}}") and value in renamed:
                    node.set(attribute, renamed[value])
    return element


def _write(parts: dict[str, bytes], document: BinaryIO, target: BinaryIO, large: bool) -> None:
    """The package, its parts in a stable order, document.xml copied from `document` in pieces."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in [TYPES, *sorted(n for n in {*parts, DOCUMENT} if n != TYPES)]:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name == DOCUMENT:
                with archive.open(info, "w", force_zip64=large) as stream:
                    shutil.copyfileobj(document, stream)
            else:
                archive.writestr(info, parts[name])
