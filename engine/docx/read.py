"""Read a .docx file (zipfile + lxml only) into the neutral model of engine.docx_read_model."""

from __future__ import annotations

import os
import posixpath
import stat
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from engine.docx.blocks import BlockReader
from engine.docx.model import (
    Block, CellRef, Document, Fonts, Graphic, HeaderFooter, Paragraph, Run, Section, Table,
    iter_paragraphs, twips_to_mm,
)
from engine.docx.styles import W, StyleSheet, on_off, to_twips, wattr
from engine.errors import CheckInputError, Location

__all__ = [
    "read_docx", "Document", "Section", "HeaderFooter", "Paragraph", "Run", "Table", "Block", "CellRef",
    "Fonts", "Graphic", "iter_paragraphs", "twips_to_mm", "refuse_unsafe_docx",
]

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Bounds against crafted packages (a part that inflates to gigabytes, millions of parts or elements);
# a 300-page document made in Word stays far below each of them.
MAX_FILE_BYTES = 200 * 1024 * 1024      # the .docx on disk
MAX_INFLATED_BYTES = 200 * 1024 * 1024  # every part, inflated (as declared; zipfile stops reading there)
MAX_XML_BYTES = 50 * 1024 * 1024        # the XML parts, inflated: these are parsed
MAX_PARTS = 2000
MAX_TAGS = 2_000_000                    # '<' in the parsed XML: at least one per element, counted before parsing

# Strict Open XML uses other namespace URIs for the same vocabulary: map them to Transitional.
_STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def read_docx(path: Path | str) -> Document:
    """Read a DOCX file; raise CheckInputError with a Vietnamese message when it cannot be read."""
    path = Path(path)
    _refuse_non_zip(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _refuse_oversized(archive, path)
            return _Package(archive, path).document()
    except zipfile.BadZipFile as error:
        raise _error(path, "Tệp DOCX bị hỏng hoặc không đầy đủ (không đọc được tệp nén).") from error
    except (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as error:
        raise _error(path, "Tệp DOCX bị hỏng hoặc không đầy đủ (không giải nén được).") from error


def _error(path: Path, message: str) -> CheckInputError:
    return CheckInputError(message, Location.of(path))


def refuse_unsafe_docx(path: Path | str) -> None:
    """For readers other than read_docx (python-docx in `totext`): CheckInputError if `path` is a folder, a FIFO
    or device, or a zip beyond a bound, XML elements included, so that parsing it cannot exhaust the memory.
    A missing file or one that is no zip is left to the caller, which says so in its own words."""
    path = Path(path)
    if not path.exists():
        return
    _refuse_special(path)
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            _refuse_oversized(archive, path)
            tags = 0
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    tags += _bounded_read(archive, info.filename, path).count(b"<")
                    _refuse_many_tags(tags, path)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError):
        return


def _refuse_oversized(archive: zipfile.ZipFile, path: Path) -> None:
    """Bounds on the package as its directory declares it; zipfile never inflates a part beyond its declared size."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise _error(path, f"Tệp DOCX có quá nhiều phần ({len(infos)}, tối đa {MAX_PARTS}), không kiểm tra được.")
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    if xml > MAX_XML_BYTES or sum(i.file_size for i in infos) > MAX_INFLATED_BYTES:
        raise _error(path, f"Tệp DOCX quá lớn khi giải nén (các phần XML hơn {MAX_XML_BYTES // (1024 * 1024)} MB "
                     f"hoặc cả tệp hơn {MAX_INFLATED_BYTES // (1024 * 1024)} MB), không kiểm tra được.")


def _bounded_read(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    with archive.open(name) as part:
        data = part.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise _error(path, f"Phần {name} trong tệp DOCX quá lớn, không kiểm tra được.")
    return data


def _refuse_many_tags(tags: int, path: Path) -> None:
    if tags > MAX_TAGS:
        raise _error(path, f"Tệp DOCX có quá nhiều phần tử XML (hơn {MAX_TAGS:,}), không kiểm tra được."
                     .replace(",", "."))


def _refuse_special(path: Path) -> None:
    """A folder, a FIFO or a device (opening a FIFO waits for a writer), or a file too large to be a document."""
    status = os.stat(path)
    if stat.S_ISDIR(status.st_mode):
        raise _error(path, "Đây là một thư mục, không phải tệp DOCX.")
    if not stat.S_ISREG(status.st_mode):
        raise _error(path, "Tệp này không phải tệp thường (mà là ống FIFO, thiết bị hoặc socket), không đọc được.")
    if status.st_size > MAX_FILE_BYTES:
        raise _error(path, f"Tệp quá lớn (hơn {MAX_FILE_BYTES // (1024 * 1024)} MB), không kiểm tra được.")


def _refuse_non_zip(path: Path) -> None:
    """Distinguish a missing file, a folder, a FIFO or device, an encrypted or legacy Word file and a non-zip,
    before opening: opening a FIFO waits for a writer."""
    try:
        os.stat(path)
    except OSError:
        raise _error(path, "Không tìm thấy tệp.") from None
    _refuse_special(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            data = head + handle.read(1 << 20) if head == OLE_MAGIC else head
    except OSError as error:
        raise _error(path, "Không đọc được tệp (không có quyền đọc hoặc lỗi ổ đĩa).") from error
    if not head:
        raise _error(path, "Tệp rỗng, không phải tài liệu DOCX.")
    if head == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise _error(path, "Tệp DOCX đã được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu trong Word rồi kiểm tra lại.")
        raise _error(path, "Đây là tệp Word 97-2003 (.doc) hoặc tệp đã mã hóa, không phải .docx; hãy lưu lại dưới dạng .docx.")
    if not head.startswith(b"PK"):
        raise _error(path, "Tệp không phải tài liệu DOCX (không phải tệp nén Office Open XML).")
    if not zipfile.is_zipfile(path):
        raise _error(path, "Tệp DOCX bị hỏng hoặc không đầy đủ (không đọc được tệp nén).")


SHEETS_KEPT = 8  # distinct templates' style parts remembered in one run
_SHEETS: dict[tuple[bytes | None, ...], StyleSheet] = {}


class _Package:
    """The parts of one opened DOCX archive."""

    def __init__(self, archive: zipfile.ZipFile, path: Path) -> None:
        self.archive = archive
        self.path = path
        self.names = set(archive.namelist())
        self.tags = 0  # '<' in the parts parsed so far, against MAX_TAGS

    def document(self) -> Document:
        main = self._main_part()
        root = self._xml(main)
        if root is None or root.tag != W + "document":
            raise _error(self.path, f"Tệp nén không chứa {main} hợp lệ nên không phải tài liệu DOCX.")
        rels = self._relationships(main)
        reader = BlockReader(self._stylesheet(rels))
        body = root.find(W + "body")
        blocks = reader.read_blocks(body) if body is not None else []
        sections = self._sections(body, reader, blocks)
        document = Document(sections=sections, blocks=blocks, path=str(self.path))
        self._attach_headers(document, rels, reader)
        return document

    def _main_part(self) -> str:
        rels = self._xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(PKG_REL + "Relationship"):
                if (rel.get("Type") or "").endswith("/officeDocument"):
                    target = (rel.get("Target") or "").lstrip("/")
                    if target in self.names:
                        return target
        if "word/document.xml" not in self.names:
            raise _error(self.path, "Tệp nén không chứa word/document.xml nên không phải tài liệu DOCX.")
        return "word/document.xml"

    def _stylesheet(self, rels: dict[str, tuple[str, str]]) -> StyleSheet:
        """The styles, theme and numbering parts resolved; documents from one template share identical parts,
        so a check of many files parses them once (a sheet is only read once built)."""
        names = [self._target(rels, kind) for kind in ("styles", "theme", "numbering")]
        parts = tuple(self._bytes(name) for name in names)
        if parts not in _SHEETS:
            if len(_SHEETS) >= SHEETS_KEPT:
                _SHEETS.pop(next(iter(_SHEETS)))
            _SHEETS[parts] = StyleSheet(*(self._parse(n, d) for n, d in zip(names, parts)))
        return _SHEETS[parts]

    def _xml(self, name: str | None) -> etree._Element | None:
        """Parse one part; None when absent; CheckInputError when it is not well-formed XML."""
        return self._parse(name, self._bytes(name))

    def _bytes(self, name: str | None) -> bytes | None:
        """One part's bytes (counted against MAX_TAGS, strict namespaces made transitional); None when absent."""
        if not name or name not in self.names:
            return None
        data = _bounded_read(self.archive, name, self.path)
        self.tags += data.count(b"<")
        _refuse_many_tags(self.tags, self.path)
        for strict, transitional in _STRICT_NAMESPACES.items():
            data = data.replace(strict, transitional)
        return data

    def _parse(self, name: str | None, data: bytes | None) -> etree._Element | None:
        if data is None:
            return None
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as error:
            line = getattr(error, "lineno", 0) or 0
            where = f" (dòng {line})" if line else ""
            raise _error(self.path, f"Tệp DOCX bị hỏng: phần {name} không phải XML hợp lệ{where}.") from error

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type suffix, part name) for one part."""
        folder, name = posixpath.split(part)
        root = self._xml(posixpath.join(folder, "_rels", name + ".rels"))
        result: dict[str, tuple[str, str]] = {}
        if root is None:
            return result
        for rel in root.iter(PKG_REL + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            result[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], full)
        return result

    @staticmethod
    def _target(rels: dict[str, tuple[str, str]], rel_type: str) -> str | None:
        for found_type, target in rels.values():
            if found_type == rel_type:
                return target
        return None

    # ----- sections ---------------------------------------------------------------------------

    def _sections(self, body: etree._Element | None, reader: BlockReader, blocks: list[Block]) -> list[Section]:
        elements = [element for _paragraph, element in reader.section_breaks]
        final = body.find(W + "sectPr") if body is not None else None
        elements.append(final if final is not None else etree.Element(W + "sectPr"))
        sections = [_section(element) for element in elements]
        self._section_refs = elements
        breaks = {id(paragraph) for paragraph, _element in reader.section_breaks}
        index = 0
        for block in blocks:
            _assign_section(block, index)
            if isinstance(block, Paragraph) and id(block) in breaks:
                index = min(index + 1, len(sections) - 1)
        return sections

    def _attach_headers(self, document: Document, rels: dict[str, tuple[str, str]], reader: BlockReader) -> None:
        """Read header/footer parts; a section without a reference of some type inherits the previous one."""
        cache: dict[str, list[Block]] = {}
        previous: Section | None = None
        for section, element in zip(document.sections, self._section_refs):
            for place in ("header", "footer"):
                own = getattr(section, place + "s")
                if previous is not None:
                    own.update(getattr(previous, place + "s"))
                for ref in element.findall(f"{W}{place}Reference"):
                    target = rels.get(ref.get(R + "id") or "", ("", ""))[1]
                    ref_type = wattr(ref, "type") or "default"
                    if target not in cache:
                        root = self._xml(target)
                        cache[target] = reader.read_blocks(root) if root is not None else []
                    own[ref_type] = HeaderFooter(place, ref_type, target, cache[target])
            previous = section


def _assign_section(block: Block, index: int) -> None:
    if isinstance(block, Paragraph):
        block.section_index = index
        return
    block.section_index = index
    for paragraph in iter_paragraphs([block]):
        paragraph.section_index = index


def _section(element: etree._Element) -> Section:
    section = Section()
    size = element.find(W + "pgSz")
    if size is not None:
        section.page_width = to_twips(wattr(size, "w")) or section.page_width
        section.page_height = to_twips(wattr(size, "h")) or section.page_height
        section.orientation = wattr(size, "orient") or (
            "landscape" if section.page_width > section.page_height else "portrait")
    margins = element.find(W + "pgMar")
    if margins is not None:
        for name in ("top", "bottom", "left", "right", "gutter"):
            value = to_twips(wattr(margins, name))
            if value is not None:
                setattr(section, "margin_" + name if name != "gutter" else "gutter", value)
    title = element.find(W + "titlePg")
    section.title_pg = title is not None and on_off(title)
    return section
