"""Build a Kế hoạch DOCX that follows Decree 30 (python-docx), with switches to inject one defect."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml import parse_xml as _parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from engine.nd30.metrics import text_width_mm

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
CELL_MARGINS_MM = 2 * 108 / 1440 * 25.4  # python-docx's "Normal Table": 108 twips left and right
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

CAN_CU = [
    "Căn cứ Nghị quyết số 140-NQ/ĐU ngày 18/12/2023 của Ban Chấp hành Đảng bộ xã Trung Lương về việc "
    "lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024;",
    "Căn cứ Nghị quyết số 41/NQ-HĐND ngày 26/12/2023 của Hội đồng nhân dân xã Trung Lương về phương "
    "hướng nhiệm vụ phát triển kinh tế - xã hội năm 2024;",
]
BODY = [
    ("Ủy ban nhân dân xã Trung Lương xây dựng Kế hoạch thực hiện Chương trình giảm nghèo bền vững trên "
     "địa bàn xã năm 2024, cụ thể như sau:", False),
    ("I. MỤC TIÊU", True),
    ("1. Mục tiêu chung:", True),
    ("Tiếp tục tập trung huy động nguồn lực, thực hiện đồng bộ, có hiệu quả các dự án, chính sách phát "
     "triển kinh tế - xã hội để hỗ trợ giảm nghèo.", False),
    ("- Giảm tỷ lệ hộ nghèo toàn xã từ 1,52% trở lên;", False),
    ("- Giảm tỷ lệ hộ cận nghèo từ 1,01% trở lên.", False),
    ("Trên đây là Kế hoạch thực hiện Chương trình giảm nghèo bền vững trên địa bàn xã Trung Lương năm "
     "2024. Yêu cầu các tổ chức, đoàn thể, các xóm triển khai thực hiện./.", False),
]
NOI_NHAN = ["- UBND tỉnh (để b/c);", "- Thường trực Đảng ủy, HĐND xã;", "- Các xóm;", "- Lưu: VT, VHXH."]
NOI_NHAN_QD = ["- Như Điều 3;", "- Lưu: VT, VHXH."]
NOI_NHAN_CV = ["- Như trên;", "- Lưu: VT, VP."]
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
# A line drawn with Word's shape tools, as Word 2010+ saves it (DrawingML with a VML fallback).
DRAWN_LINE = """<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"
 locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>230000</wp:posOffset></wp:positionV>
<wp:extent cx="{emu}" cy="0"/><wp:wrapNone/><wp:docPr id="7" name="Straight Connector 7"/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="0"/></a:xfrm>
<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/>
</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>
</w:drawing></mc:Choice><mc:Fallback><w:pict><v:line id="l7" style="position:absolute;z-index:1"
 from="0,18pt" to="{pt}pt,18pt" strokeweight=".5pt"/></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""
VML_LINE = """<w:r {ns}><w:pict><v:line id="l8" style="position:absolute;z-index:1" from="30pt,18pt"
 to="{pt_end}pt,18pt" strokeweight=".5pt"/></w:pict></w:r>"""
TEXT_BOX = """<w:r {ns}><w:pict><v:shape id="tb1" type="#_x0000_t202"
 style="position:absolute;margin-left:0;margin-top:0;width:{pt}pt;height:24pt;z-index:2">
<v:textbox><w:txbxContent><w:p><w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t>DỰ THẢO</w:t></w:r></w:p>
</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"""


def parse_xml(template: str, width: float):
    """Fill a raw XML template with a width (mm) in EMU and points, and parse it."""
    pt = width / 25.4 * 72
    return _parse_xml(template.format(ns=NAMESPACES, emu=round(width * 36000), pt=f"{pt:.1f}",
                                      pt_end=f"{pt + 30:.1f}"))


@dataclass(frozen=True)
class Para:
    """A body paragraph for Spec.body / Spec.attached: its text, weight, alignment and first-line indent."""

    text: str
    bold: bool = False
    align: object = JUSTIFY
    indent: bool = True  # first line indented 1,27 cm, as body paragraphs are
    italic: bool = False
    bold_prefix: str = ""  # a bold run written before the text ("Điều 1. ")


def heading(text: str, **changes) -> Para:
    """A centred bold line without indent (Phần I, its title, Chương II, Mục 1)."""
    return Para(text, **{"bold": True, "align": CENTER, "indent": False, **changes})


@dataclass
class Spec:
    """What to build; the defaults give a conforming document."""

    margin_left_mm: float = 30
    left_cell_mm: float = 62
    right_cell_mm: float = 103
    so_text: str = "Số: 15/KH-UBND"
    date_text: str = "Trung Lương, ngày 09 tháng 01 năm 2024"
    tieu_ngu_text: str = TIEU_NGU
    tieu_ngu_underline: bool = False
    tieu_ngu_rule: bool = True
    noi_nhan_italic: bool = True
    can_cu_italic: bool = True
    odd_font_run: str | None = None  # a font name for one run of the body
    title_pg: bool = True
    kind: str = "ke_hoach"  # or "quyet_dinh", "cong_van"
    agency: tuple[tuple[str, bool], ...] = (("ỦY BAN NHÂN DÂN", True), ("XÃ TRUNG LƯƠNG", True))
    rule_kind: str = "border"  # how the Tiêu ngữ rule is drawn: "border", "drawing" (DrawingML), "vml"
    vv_text: str = "V/v triển khai kê khai giá đất năm 2026"
    vv_bold: bool = False
    track_changes: bool = False  # a deleted and an inserted run in the date line
    text_box: bool = False  # a text box ("DỰ THẢO") anchored in the first body paragraph
    extra_body: tuple[str, ...] = ()  # body paragraphs inserted before the closing one
    agency_rule_ratio: float = 0.4  # rule length / longest name line
    tieu_ngu_rule_mm: float | None = None  # None = as long as the Tiêu ngữ text
    page_number_in_footer: bool = False
    noi_nhan_items: tuple[str, ...] | None = None
    kind_name: str = "KẾ HOẠCH"  # the type name of a document with one (Quy chế: "QUY CHẾ" and "Số: 15/QC-UBND")
    body: tuple[Para, ...] | None = None  # replaces the whole body (extra_body is then ignored); end it with ./.
    attached: tuple[Para, ...] = ()  # paragraphs after the signature (an attached Quy chế, Quy định)


def build(path: Path, spec: Spec = Spec()) -> Path:
    """Write the document to `path` and return it."""
    document = Document()
    _normal_style(document)
    _page(document, spec)
    _header_table(document, spec)
    if spec.kind == "quyet_dinh":
        _decision(document, spec)
    elif spec.kind == "cong_van":
        _letter(document, spec)
    else:
        _headings(document, spec)
        _body(document, spec)
    _signature_table(document, spec)
    for paragraph in spec.attached:
        add_para(document, paragraph)
    _page_number(document, spec)
    document.save(str(path))
    return path


def _normal_style(document) -> None:
    style = document.styles["Normal"]
    style.font.size = Pt(14)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), "Times New Roman")
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0


def _page(document, spec: Spec) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(spec.margin_left_mm), Mm(15)


def add_paragraph(container, text: str = "", size: float = 14, bold: bool = False, italic: bool = False,
                  align=CENTER, first_line=None, after: float | None = None, underline: bool = False,
                  font: str | None = None):
    paragraph = container.add_paragraph() if not _fresh(container) else container.paragraphs[0]
    paragraph.alignment = align
    if first_line is not None:
        paragraph.paragraph_format.first_line_indent = first_line
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
        run.font.underline = underline or None
        if font:
            run.font.name = font
    return paragraph


def _fresh(container) -> bool:
    """A new table cell holds one empty paragraph that should be used first."""
    paragraphs = getattr(container, "paragraphs", [])
    return hasattr(container, "_tc") and len(paragraphs) == 1 and not paragraphs[0].text and \
        paragraphs[0]._p.pPr is None


def add_rule(container, width_mm: float, cell_text_mm: float) -> None:
    """An empty paragraph whose bottom border, between indents, is `width_mm` long and centred."""
    paragraph = add_paragraph(container, "", align=CENTER)
    side = (cell_text_mm - width_mm) / 2
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(
        borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")


def _two_columns(document, left_mm: float, right_mm: float):
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    for column, width in zip(table.columns, (left_mm, right_mm)):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return table.cell(0, 0), table.cell(0, 1)


def _header_table(document, spec: Spec) -> None:
    left, right = _two_columns(document, spec.left_cell_mm, spec.right_cell_mm)
    for text, bold in spec.agency:
        add_paragraph(left, text, 13, bold=bold)
    name_width = max(text_width_mm(text, 13, bold=True) for text, bold in spec.agency if bold)
    add_rule(left, spec.agency_rule_ratio * name_width, spec.left_cell_mm - CELL_MARGINS_MM)
    add_paragraph(left, spec.so_text, 13)
    if spec.kind == "cong_van":
        add_paragraph(left, spec.vv_text, 12, bold=spec.vv_bold).paragraph_format.space_before = Pt(6)
    add_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    motto = add_paragraph(right, spec.tieu_ngu_text, 14, bold=True, underline=spec.tieu_ngu_underline)
    rule_mm = spec.tieu_ngu_rule_mm or text_width_mm(TIEU_NGU, 14, bold=True)
    if spec.tieu_ngu_rule and spec.rule_kind == "border":
        add_rule(right, rule_mm, spec.right_cell_mm - CELL_MARGINS_MM)
    elif spec.tieu_ngu_rule:
        motto._p.append(parse_xml(DRAWN_LINE if spec.rule_kind == "drawing" else VML_LINE, width=rule_mm))
    date_line = add_paragraph(right, spec.date_text, 13, italic=True)
    if spec.track_changes:
        _track_changes(date_line)


def _headings(document, spec: Spec) -> None:
    add_paragraph(document, "", 14)
    add_paragraph(document, spec.kind_name, 14, bold=True)
    title = "Thực hiện Chương trình giảm nghèo bền vững trên địa bàn xã Trung Lương năm 2024"
    add_paragraph(document, title, 14, bold=True)
    add_rule(document, 55, 165)
    add_paragraph(document, "", 14)
    for text in CAN_CU:
        add_paragraph(document, text, 14, italic=spec.can_cu_italic, align=JUSTIFY, first_line=Twips(720),
                      after=6)


def add_para(document, para: Para):
    """Write a Para (a bold prefix run first when it has one)."""
    paragraph = add_paragraph(document, "", 14, align=para.align, first_line=Twips(720) if para.indent else None,
                              after=6)
    for text, bold in ((para.bold_prefix, True), (para.text, para.bold)):
        if text:
            run = paragraph.add_run(text)
            run.font.size, run.font.bold, run.font.italic = Pt(14), bold, para.italic
    return paragraph


def _body(document, spec: Spec) -> None:
    if spec.body is not None:
        for para in spec.body:
            add_para(document, para)
        return
    body = [*BODY[:-1], *((text, False) for text in spec.extra_body), BODY[-1]]
    for number, (text, bold) in enumerate(body):
        font = spec.odd_font_run if number == 3 else None
        paragraph = add_paragraph(document, text, 14, bold=bold, align=JUSTIFY, first_line=Twips(720), after=6,
                                  font=font)
        if spec.text_box and number == 0:
            paragraph._p.append(parse_xml(TEXT_BOX, width=40))


def _signature_table(document, spec: Spec) -> None:
    left, right = _two_columns(document, 75, 90)
    add_paragraph(left, "Nơi nhận:", 12, bold=True, italic=spec.noi_nhan_italic, align=LEFT)
    items = spec.noi_nhan_items or {"quyet_dinh": NOI_NHAN_QD, "cong_van": NOI_NHAN_CV}.get(spec.kind, NOI_NHAN)
    for item in items:
        add_paragraph(left, item, 11, align=LEFT)
    titles = ["CHỦ TỊCH"] if spec.kind == "quyet_dinh" else ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    for title in titles:
        add_paragraph(right, title, 14, bold=True)
    for _ in range(3):
        add_paragraph(right, "", 14)
    add_paragraph(right, "Nguyễn Văn A", 14, bold=True)


def _page_number(document, spec: Spec) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = spec.title_pg
    section.header.is_linked_to_previous = False
    if spec.title_pg:
        section.first_page_header.is_linked_to_previous = False
    part = section.footer if spec.page_number_in_footer else section.header
    part.is_linked_to_previous = False
    paragraph = part.paragraphs[0]
    paragraph.alignment = CENTER
    _field(paragraph, "PAGE", "2", 14)


def _field(paragraph, instruction: str, result: str, size: float) -> None:
    def run_with(element):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(result).font.size = Pt(size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _track_changes(paragraph) -> None:
    """A deleted run (not shown) and an inserted run (shown) inside the date line."""
    xml = (f'<w:del {NAMESPACES} w:id="91" w:author="A" w:date="2024-01-09T00:00:00Z"><w:r><w:rPr><w:i/>'
           '<w:sz w:val="26"/></w:rPr><w:delText> (bản cũ)</w:delText></w:r></w:del>')
    paragraph._p.append(_parse_xml(xml))
    xml = (f'<w:ins {NAMESPACES} w:id="92" w:author="A" w:date="2024-01-09T00:00:00Z"><w:r><w:rPr><w:i/>'
           '<w:sz w:val="26"/></w:rPr><w:t xml:space="preserve"></w:t></w:r></w:ins>')
    paragraph._p.append(_parse_xml(xml))


def _decision(document, spec: Spec) -> None:
    """Mẫu 1.2: QUYẾT ĐỊNH, trích yếu, rule, authority line, căn cứ, "QUYẾT ĐỊNH:", Điều 1-3."""
    add_paragraph(document, "", 14)
    add_paragraph(document, "QUYẾT ĐỊNH", 14, bold=True)
    add_paragraph(document, "Về việc thành lập Tổ công tác chuyển đổi số xã Trung Lương", 14, bold=True)
    add_rule(document, 45, 165)
    add_paragraph(document, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TRUNG LƯƠNG", 14, bold=True, after=6)
    for text in ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                 "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội."):
        add_paragraph(document, text, 14, italic=True, align=JUSTIFY, first_line=Twips(720), after=6)
    add_paragraph(document, "QUYẾT ĐỊNH:", 14, bold=True, after=6)
    for number, text in ((1, "Thành lập Tổ công tác chuyển đổi số xã Trung Lương."),
                         (2, "Quyết định này có hiệu lực kể từ ngày ký."),
                         (3, "Chánh Văn phòng HĐND và UBND xã chịu trách nhiệm thi hành Quyết định này./.")):
        paragraph = add_paragraph(document, f"Điều {number}. ", 14, bold=True, align=JUSTIFY,
                                  first_line=Twips(720), after=6)
        paragraph.add_run(text).font.size = Pt(14)


def _letter(document, spec: Spec) -> None:
    """Mẫu 1.5: công văn — V/v in the header, Kính gửi with a recipient list, body."""
    add_paragraph(document, "", 14)
    add_paragraph(document, "Kính gửi:", 14, after=0)
    for text in ("- Các phòng chuyên môn thuộc UBND xã;", "- Trưởng các xóm."):
        add_paragraph(document, text, 14, align=LEFT).paragraph_format.left_indent = Mm(60)
    add_paragraph(document, "", 14)
    for text in ("Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh, Ủy ban nhân dân xã đề nghị các đơn vị triển "
                 "khai kê khai giá đất năm 2026.", "Đề nghị các đơn vị nghiêm túc thực hiện./."):
        add_paragraph(document, text, 14, align=JUSTIFY, first_line=Twips(567), after=6)
