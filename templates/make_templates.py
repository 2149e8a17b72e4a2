"""Writes the shipped DOCX templates (templates/docx/*.docx) from this one readable source.

Run `python templates/make_templates.py` after changing it; the .docx files are committed so that a
clerk can open and restyle them in Word (tests/test_nd30_consistency.py checks that they are exactly what
this script writes). The Decree's measurements (A4, margins 20/20/30/15 mm, columns, indents) come from
engine/nd30/layout.py and its fixed words (Quốc hiệu, Tiêu ngữ, Nơi nhận:) from engine/nd30/texts.py, the
same values the checker reads; the sizes of NĐ30 PL I §V are in the styles below.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from engine.docx import ooxml  # noqa: E402
from engine.nd30.layout import (AGENCY_PT, BODY_INDENT, HEAD_LEFT, HEAD_RIGHT, KINH_GUI_INDENT,  # noqa: E402
                                MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_H, PAGE_W,
                                PARAGRAPH_GAP_MIN, SIGN_LEFT, SIGN_RIGHT, TIEU_NGU_PT, TWIPS_PER_MM)
from engine.nd30.metrics import text_width_mm  # noqa: E402
from engine.nd30.texts import DECISION_HEADING, KINH_GUI_LABEL, NOI_NHAN_LABEL, QUOC_HIEU, TIEU_NGU  # noqa: E402

OUT = Path(__file__).resolve().parent / "docx"

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


# --- small XML builders ----------------------------------------------------------------------

def run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(style: str, text: str = "", ppr: str = "", raw: str = "") -> str:
    """A paragraph of `style`; `text` may hold a Jinja expression such as {{ trich_yeu }}."""
    content = raw or (run(text) if text else "")
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{content}</w:p>'


def tag(statement: str) -> str:
    """A docxtpl paragraph tag ({%p … %}): the whole paragraph becomes the Jinja statement."""
    return f"<w:p>{run('{%p ' + statement + ' %}')}</w:p>"


def loop(variable: str, items: str, body: str) -> str:
    return tag(f"for {variable} in {items}") + body + tag("endfor")


def when(condition: str, body: str) -> str:
    return tag(f"if {condition}") + body + tag("endif")


def rule(indent: str | int, space_after: int = 0) -> str:
    """A short centred rule: the bottom border of an empty paragraph indented on each side by `indent` twips, or
    by the value compute gives (`le_…`, beside the rule's length `ke_…`), printed as it is."""
    side = str(indent) if isinstance(indent, int) else f"{{{{ {indent} }}}}"
    after = f'<w:spacing w:after="{space_after}"/>' if space_after else ""
    return para("DuongKe", ppr=f'{after}<w:ind w:left="{side}" w:right="{side}"/>')


def table(widths: tuple[int, ...], rows: list[list[str]], top_margin: int = 0) -> str:
    """A borderless layout table (engine.docx.ooxml, the builder the data tables use too); cells hold paragraphs."""
    return ooxml.table(widths, [ooxml.Row(tuple(ooxml.Cell(body) for body in row)) for row in rows],
                       indent=0, margins=ooxml.Margins(top=top_margin, left=0, bottom=0, right=0))


# --- the frame every kind shares -------------------------------------------------------------

def header_block(with_vv: bool = False, attached: bool = False) -> str:
    """Ô 1–4 of PL I: agency and its rule, Quốc hiệu and Tiêu ngữ with theirs, Số (and V/v) and the date.

    A text issued with a quyết định (`attached`) repeats ô 1 and 2 only: its number and date are the decision's.
    """
    tieu_ngu_twips = round(text_width_mm(TIEU_NGU, TIEU_NGU_PT, bold=True) * TWIPS_PER_MM)
    left = (loop("d", "co_quan_chu_quan", para("ChuQuan", "{{ d }}"))
            + loop("d", "co_quan_ten", para("CoQuan", "{{ d }}"))
            + rule("le_co_quan"))
    right = para("QuocHieu", QUOC_HIEU) + para("TieuNgu", TIEU_NGU) + rule((HEAD_RIGHT - tieu_ngu_twips) // 2)
    number_and_date = [para("SoKyHieu", "{{ so_ky_hieu }}") + (para("TrichYeuCongVan", "{{ vv }}") if with_vv else ""),
                       para("NgayThang", "{{ dia_danh_ngay }}")]
    return table((HEAD_LEFT, HEAD_RIGHT), [[left, right]] + ([] if attached else [number_and_date]))


def title_block() -> str:
    """Ô 5a: type name, trích yếu and the rule under them."""
    return (para("TenLoai", "{{ ten_loai }}") + para("TrichYeu", "{{ trich_yeu }}")
            + rule("le_trich_yeu", space_after=240))


def addressee_block() -> str:
    """Ô 9a: `Kính gửi: X` on one line, or a dashed list whose dashes stand under the colon."""
    label_twips = round(text_width_mm(KINH_GUI_LABEL + " ", 14) * TWIPS_PER_MM)
    items = loop("k", "kinh_gui_ds", para(
        "KinhGuiMuc", "{{ k }}", '<w:spacing w:after="{{ 240 if loop.last else 0 }}"/>'
        f'<w:ind w:left="{KINH_GUI_INDENT + label_twips}"/>'))
    single = para("KinhGui", "{{ kinh_gui }}")
    several = para("KinhGui", "{{ kinh_gui }}", '<w:spacing w:after="0"/>'
                   f'<w:ind w:left="{KINH_GUI_INDENT}"/><w:jc w:val="left"/>')
    return when("kinh_gui and not kinh_gui_ds", single) + when("kinh_gui_ds", several + items)


def body_paragraphs(items: str = "doan") -> str:
    """Every body paragraph in the style its level asks for; `Điều N.` as a bold label before the text."""
    label = run("{%r if p.nhan %}") + run("{{ p.nhan }} ", BOLD) + run("{%r endif %}")
    text = f'<w:p><w:pPr><w:pStyle w:val="{{{{ p.kieu }}}}"/></w:pPr>{label}{run("{{ p.chu }}")}</w:p>'
    picture = para("Hinh", "{{ p.hinh }}")
    table = "<w:p>" + run("{{p p.bang }}") + "</w:p>"  # the whole paragraph becomes the table's XML
    return loop("p", items, tag("if p.hinh") + picture + tag("elif p.bang") + table + tag("else") + text
                + tag("endif"))


def bases_block() -> str:
    return loop("c", "can_cu", para("CanCu", "{{ c }}"))


def content_block() -> str:
    """Ô 6: căn cứ, the lead-in, then the body."""
    return bases_block() + when("mo_dau", para("NoiDung", "{{ mo_dau }}")) + body_paragraphs()


def decision_block() -> str:
    """Mẫu 1.2: the issuing authority, căn cứ, `QUYẾT ĐỊNH:`, then the articles."""
    return (para("ThamQuyen", "{{ tham_quyen }}") + bases_block() + para("QuyetDinh", DECISION_HEADING)
            + body_paragraphs())


def signature_block() -> str:
    """Ô 9b beside ô 7: Nơi nhận level with the first line of the signer's block."""
    left = para("NoiNhan", NOI_NHAN_LABEL) + loop("n", "noi_nhan", para("NoiNhanMuc", "{{ n }}"))
    # An advisory body under the agency's seal: the signer's post in the agency under the signature (ô 7b).
    seal = para("ChucVuCoQuan", "{{ ky_chuc_vu_co_quan }}") + para("HoTenSauChucVu", "{{ ky_ho_ten }}")
    right = (loop("q", "ky_quyen_han", para("ChucVu", "{{ q }}")) + when("ky_chuc_vu_co_quan", seal)
             + when("not ky_chuc_vu_co_quan", para("HoTen", "{{ ky_ho_ten }}")))
    return table((SIGN_LEFT, SIGN_RIGHT), [[left, right]], top_margin=240)


def section(landscape: str = "False") -> str:
    """Section properties; `landscape` is a Jinja condition (appendices). Each section numbers its pages from 1."""
    width = f"{{{{ {PAGE_H} if {landscape} else {PAGE_W} }}}}"
    height = f"{{{{ {PAGE_W} if {landscape} else {PAGE_H} }}}}"
    orient = f"{{{{ 'landscape' if {landscape} else 'portrait' }}}}"
    return (f'<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
            f'<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
            f'<w:pgSz w:w="{width}" w:h="{height}" w:orient="{orient}"/>'
            f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
            f'w:left="{MARGIN_LEFT}" w:header="567" w:footer="567" w:gutter="0"/>'
            f'<w:pgNumType w:start="1"/><w:titlePg/></w:sectPr>')


def appendix_block() -> str:
    """Phụ lục: each in its own section, pages numbered on their own (NĐ30 PL I, III.1); landscape when a table
    in it needs the width (`pl.ngang`). A section's properties close it, so each one ends the one before."""
    end_previous = f'<w:p><w:pPr>{section("not loop.first and loop.previtem.ngang")}</w:pPr></w:p>'
    return loop("pl", "phu_luc", end_previous + para("PhuLuc", "{{ pl.nhan }}") + para("PhuLucTieuDe", "{{ pl.tieu_de }}")
                + para("PhuLucKemTheo", "{{ pl.kem_theo }}") + body_paragraphs("pl.doan"))


def attachment_block() -> str:
    """Texts a quyết định issues (Mẫu 1.3), each in a new portrait section numbered on its own: ô 1 and 2 again,
    its type name, trích yếu and `(Ban hành kèm theo …)` line, the rule, then its body."""
    end_previous = f'<w:p><w:pPr>{section()}</w:pPr></w:p>'
    heading = (para("TenLoai", "{{ kt.ten_loai }}") + para("TrichYeu", "{{ kt.trich_yeu }}")
               + para("BanHanhKemTheo", "{{ kt.ban_hanh_kem_theo }}") + rule("kt.le_trich_yeu", space_after=240))
    return loop("kt", "kem_theo", end_previous + header_block(attached=True) + heading + body_paragraphs("kt.doan"))


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W} {R}>'
            f'<w:body>{body}{attachment_block()}{appendix_block()}{section("phu_luc and phu_luc[-1].ngang")}</w:body></w:document>')


# --- styles: every size and style of NĐ30 PL I §V, by name, so a clerk can adjust them in Word ---

def style(style_id: str, name: str, ppr: str = "", rpr: str = "", based: str = "Normal") -> str:
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based}"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


def size(points: float) -> str:
    return f'<w:sz w:val="{int(points * 2)}"/><w:szCs w:val="{int(points * 2)}"/>'


CENTER = '<w:jc w:val="center"/>'
BOLD = "<w:b/><w:bCs/>"
ITALIC = "<w:i/><w:iCs/>"
TIGHT = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
BODY = (f'<w:spacing w:before="0" w:after="{PARAGRAPH_GAP_MIN}" w:line="276" w:lineRule="auto"/>'
        f'<w:ind w:firstLine="{BODY_INDENT}"/><w:jc w:val="both"/>')
FONTS = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/>'


def styles_xml() -> str:
    keep = "<w:keepNext/>"
    rule_border = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>'
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr>{TIGHT}</w:pPr><w:rPr>{FONTS}<w:color w:val="000000"/>{size(14)}</w:rPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>',
        style("ChuQuan", "Cơ quan chủ quản", CENTER, size(AGENCY_PT)),
        style("CoQuan", "Tên cơ quan", CENTER, BOLD + size(AGENCY_PT)),
        style("QuocHieu", "Quốc hiệu", CENTER, BOLD + size(AGENCY_PT)),
        style("TieuNgu", "Tiêu ngữ", CENTER, BOLD + size(TIEU_NGU_PT)),
        style("DuongKe", "Đường kẻ", rule_border
              + '<w:spacing w:before="60" w:after="0" w:line="240" w:lineRule="auto"/>', size(1)),
        style("SoKyHieu", "Số, ký hiệu", '<w:spacing w:before="120" w:after="0"/>' + CENTER, size(13)),
        style("NgayThang", "Địa danh, ngày tháng", '<w:spacing w:before="120" w:after="0"/>' + CENTER,
              ITALIC + size(13)),
        style("TenLoai", "Tên loại văn bản", keep + '<w:spacing w:before="360" w:after="0"/>' + CENTER,
              BOLD + size(14)),
        style("TrichYeu", "Trích yếu", keep + CENTER, BOLD + size(14)),
        style("TrichYeuCongVan", "Trích yếu công văn (V/v)", '<w:spacing w:before="120" w:after="0"/>' + CENTER,
              size(13)),
        style("ThamQuyen", "Thẩm quyền ban hành", keep + '<w:spacing w:before="240" w:after="120"/>' + CENTER,
              BOLD + size(14)),
        style("QuyetDinh", "QUYẾT ĐỊNH:", keep + '<w:spacing w:before="120" w:after="240"/>' + CENTER,
              BOLD + size(14)),
        style("KinhGui", "Kính gửi", '<w:spacing w:before="120" w:after="240"/>' + CENTER, size(14)),
        style("KinhGuiMuc", "Kính gửi - mục", '<w:spacing w:before="0" w:after="0"/>', size(14)),
        style("NoiDung", "Nội dung", '<w:widowControl/>' + BODY, size(14)),
        style("CanCu", "Căn cứ", "", ITALIC, based="NoiDung"),
        style("DoanCuoi", "Đoạn cuối (đi cùng chữ ký)", keep, "", based="NoiDung"),
        style("Muc1", "Mục cấp 1 (I.)", keep, BOLD, based="NoiDung"),
        style("Muc2", "Mục cấp 2 (1.)", keep, BOLD, based="NoiDung"),
        style("Muc3", "Mục cấp 3 (a)", keep, "", based="NoiDung"),
        style("Phan", "Phần, chương, mục (số)", keep + '<w:spacing w:before="120" w:after="120"/>' + CENTER,
              BOLD + size(14)),
        style("PhanTieuDe", "Phần, chương, mục (tên)", keep + '<w:spacing w:before="0" w:after="120"/>' + CENTER,
              BOLD + size(14)),
        style("Dieu", "Điều có tên", keep, BOLD, based="NoiDung"),
        style("NoiNhan", "Nơi nhận", TIGHT, BOLD + ITALIC + size(12)),
        style("NoiNhanMuc", "Nơi nhận - mục", TIGHT, size(11)),
        style("ChucVu", "Quyền hạn, chức vụ người ký", TIGHT + CENTER, BOLD + size(14)),
        style("HoTen", "Họ tên người ký", '<w:spacing w:before="1560" w:after="0"/>' + CENTER, BOLD + size(14)),
        style("ChucVuCoQuan", "Chức vụ trong cơ quan (dưới chữ ký)", '<w:spacing w:before="1560" w:after="0"/>' + CENTER,
              BOLD + size(14)),
        style("HoTenSauChucVu", "Họ tên sau chức vụ trong cơ quan", TIGHT + CENTER, BOLD + size(14)),
        style("SoTrang", "Số trang", CENTER, size(14)),
        style("Hinh", "Hình, biểu đồ", '<w:spacing w:before="120" w:after="120"/>' + CENTER, ""),
        style("PhuLuc", "Phụ lục (số)", CENTER, BOLD + size(14)),
        style("PhuLucTieuDe", "Phụ lục (tên)", CENTER, BOLD + size(14)),
        style("BanHanhKemTheo", "Ban hành kèm theo", keep + '<w:spacing w:before="0" w:after="0"/>' + CENTER,
              ITALIC + size(14)),
        style("PhuLucKemTheo", "Phụ lục (kèm theo)", '<w:spacing w:before="0" w:after="240"/>' + CENTER,
              ITALIC + size(14)),
        style("BangChuThich", "Bảng - tên bảng", keep + '<w:spacing w:before="120" w:after="120"/>'
              f'<w:ind w:firstLine="{BODY_INDENT}"/>', BOLD + size(13)),
        style("BangTieuDe", "Bảng - tiêu đề cột", CENTER, BOLD + size(12)),
        style("BangO", "Bảng - ô số liệu", CENTER, size(12)),
        style("BangOTrai", "Bảng - ô chữ", "", size(12)),
        style("BangTong", "Bảng - dòng tổng", CENTER, BOLD + size(12)),
        style("BangTongTrai", "Bảng - dòng tổng, ô chữ", "", BOLD + size(12)),
        style("BangSau", "Bảng - khoảng sau", '<w:spacing w:before="0" w:after="120"/>', size(6)),
    ]
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr>{FONTS}<w:color w:val="000000"/>{size(14)}'
                '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
                f'<w:pPrDefault><w:pPr>{TIGHT}</w:pPr></w:pPrDefault></w:docDefaults>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>{defaults}'
            + "".join(styles) + "</w:styles>")


def header_xml(with_page_number: bool) -> str:
    """Page numbers centred in the top margin; the first page's header is empty (NĐ30 PL I, I.5)."""
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>') if with_page_number else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W} {R}>'
            f'<w:p><w:pPr><w:pStyle w:val="SoTrang"/></w:pPr>{field}</w:p></w:hdr>')


# --- the package ------------------------------------------------------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title></dc:title><dc:creator>vanban</dc:creator><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2020-03-05T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2020-03-05T00:00:00Z</dcterms:modified></cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>vanban</Application></Properties>"""


def write_package(path: Path, body: str) -> None:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "word/document.xml": document_xml(body),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": SETTINGS,
        "word/header1.xml": header_xml(True),
        "word/header2.xml": header_xml(False),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"))


TEMPLATES = {
    # Mẫu 1.4 — văn bản có tên loại: kế hoạch, thông báo, báo cáo, tờ trình, …
    "van-ban-co-ten-loai": lambda: header_block() + title_block() + addressee_block() + content_block()
    + signature_block(),
    # Mẫu 1.2 — quyết định (cá biệt) quy định trực tiếp
    "quyet-dinh": lambda: header_block() + title_block() + decision_block() + signature_block(),
    # Mẫu 1.5 — công văn: no type name, `V/v …` under the number, Kính gửi
    "cong-van": lambda: header_block(with_vv=True) + addressee_block() + content_block() + signature_block(),
}


def write_templates(out: Path = OUT) -> list[Path]:
    """Write every template into `out` (tests write into a temporary folder and compare with the committed ones)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in TEMPLATES.items():
        write_package(out / f"{name}.docx", build())
        paths.append(out / f"{name}.docx")
    return paths


def main() -> None:
    for path in write_templates():
        print(path)


if __name__ == "__main__":
    main()
