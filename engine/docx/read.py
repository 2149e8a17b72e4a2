"""Read a .docx file (zipfile + lxml only) into the neutral model of engine.docx_read_model."""

from __future__ import annotations

import posixpath
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
    "Fonts", "Graphic", "iter_paragraphs", "twips_to_mm",
]

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_PART_BYTES = 200 * 1024 * 1024

# Strict Open XML uses other namespace URIs for the same vocabulary: map them to Transitional.
_STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)


def read_docx(path: Path | str) -> Document:
    """Read a DOCX file; raise CheckInputError with a Vietnamese message when it cannot be read."""
    path = Path(path)
    _refuse_non_zip(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return _Package(archive, path).document()
    except zipfile.BadZipFile as error:
        raise _error(path, "Tệp DOCX bị hỏng hoặc không đầy đủ (không đọc được tệp nén).") from error
    except (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as error:
        raise _error(path, "Tệp DOCX bị hỏng hoặc không đầy đủ (không giải nén được).") from error


def _error(path: Path, message: str) -> CheckInputError:
    return CheckInputError(message, Location.of(path))


def _refuse_non_zip(path: Path) -> None:
    """Distinguish a missing file, an encrypted or legacy Word file and a non-zip before opening."""
    if not path.exists():
        raise _error(path, "Không tìm thấy tệp.")
    if path.is_dir():
        raise _error(path, "Đây là một thư mục, không phải tệp DOCX.")
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


class _Package:
    """The parts of one opened DOCX archive."""

    def __init__(self, archive: zipfile.ZipFile, path: Path) -> None:
        self.archive = archive
        self.path = path
        self.names = set(archive.namelist())

    def document(self) -> Document:
        main = self._main_part()
        root = self._xml(main)
        if root is None or root.tag != W + "document":
            raise _error(self.path, f"Tệp nén không chứa {main} hợp lệ nên không phải tài liệu DOCX.")
        rels = self._relationships(main)
        styles = StyleSheet(self._xml(self._target(rels, "styles")), self._xml(self._target(rels, "theme")),
                            self._xml(self._target(rels, "numbering")))
        reader = BlockReader(styles)
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

    def _xml(self, name: str | None) -> etree._Element | None:
        """Parse one part; None when absent; CheckInputError when it is not well-formed XML."""
        if not name or name not in self.names:
            return None
        info = self.archive.getinfo(name)
        if info.file_size > MAX_PART_BYTES:
            raise _error(self.path, f"Phần {name} trong tệp DOCX quá lớn, không kiểm tra được.")
        data = self.archive.read(name)
        for strict, transitional in _STRICT_NAMESPACES.items():
            data = data.replace(strict, transitional)
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
