"""The Decree's document kinds, in one table: name, PL III abbreviation; for those the engine writes, the form.

A kind is a document type of NĐ30 Điều 7 (Kế hoạch, Tờ trình, Công văn, …). DECREE_KINDS lists every one of
them as PL III, mục I does, so that the checker can recognise any of them; KINDS is the subset the generator
writes, each with the form (Mẫu) it is drawn in. A generator kind takes its name and abbreviation from the
Decree table, never from a second spelling.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Kind:
    """A document type of NĐ30 Điều 7, and the form (Mẫu) it is drawn in when the engine writes it."""

    key: str                 # code name, and the YAML value of `loai`: ke_hoach
    name: str                # tên loại in capitals, e.g. KẾ HOẠCH ("" for công văn)
    abbreviation: str        # PL III viết tắt, e.g. KH ("" for công văn); case matters: QyĐ, CTr, TTr
    template: str = ""       # file name under templates/docx/, without .docx; "" = the engine does not write it
    kinh_gui: str = "khong"  # "khong" (none), "tuy_chon" (optional), "bat_buoc" (required)

    @property
    def label(self) -> str:
        """The type in normal case, for messages and the register: Kế hoạch, Công văn."""
        return self.name.capitalize() if self.name else "Công văn"


# NĐ30 PL III, mục I (shared/reference/nd30.md §8), in the Decree's order; công văn has no name nor abbreviation.
DECREE_KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("nghi_quyet", "NGHỊ QUYẾT", "NQ"),
        Kind("quyet_dinh", "QUYẾT ĐỊNH", "QĐ"),
        Kind("chi_thi", "CHỈ THỊ", "CT"),
        Kind("quy_che", "QUY CHẾ", "QC"),
        Kind("quy_dinh", "QUY ĐỊNH", "QyĐ"),
        Kind("thong_cao", "THÔNG CÁO", "TC"),
        Kind("thong_bao", "THÔNG BÁO", "TB"),
        Kind("huong_dan", "HƯỚNG DẪN", "HD"),
        Kind("chuong_trinh", "CHƯƠNG TRÌNH", "CTr"),
        Kind("ke_hoach", "KẾ HOẠCH", "KH"),
        Kind("phuong_an", "PHƯƠNG ÁN", "PA"),
        Kind("de_an", "ĐỀ ÁN", "ĐA"),
        Kind("du_an", "DỰ ÁN", "DA"),
        Kind("bao_cao", "BÁO CÁO", "BC"),
        Kind("bien_ban", "BIÊN BẢN", "BB"),
        Kind("to_trinh", "TỜ TRÌNH", "TTr"),
        Kind("hop_dong", "HỢP ĐỒNG", "HĐ"),
        Kind("cong_dien", "CÔNG ĐIỆN", "CĐ"),
        Kind("ban_ghi_nho", "BẢN GHI NHỚ", "BGN"),
        Kind("ban_thoa_thuan", "BẢN THỎA THUẬN", "BTT"),
        Kind("giay_uy_quyen", "GIẤY ỦY QUYỀN", "GUQ"),
        Kind("giay_moi", "GIẤY MỜI", "GM"),
        Kind("giay_gioi_thieu", "GIẤY GIỚI THIỆU", "GGT"),
        Kind("giay_nghi_phep", "GIẤY NGHỈ PHÉP", "GNP"),
        Kind("phieu_gui", "PHIẾU GỬI", "PG"),
        Kind("phieu_chuyen", "PHIẾU CHUYỂN", "PC"),
        Kind("phieu_bao", "PHIẾU BÁO", "PB"),
        Kind("cong_van", "", ""),
    )
}

# Tên loại → viết tắt, for every kind that has a name (công văn has none).
TYPE_ABBREVIATIONS: dict[str, str] = {k.name: k.abbreviation for k in DECREE_KINDS.values() if k.name}
KINDS_BY_NAME: dict[str, Kind] = {k.name: k for k in DECREE_KINDS.values() if k.name}

# NĐ30 PL III, mục I: the copies (bản sao) have abbreviations of their own, used as "Số: 05/SY-UBND".
COPY_ABBREVIATIONS: dict[str, str] = {"SY": "Bản sao y", "TrS": "Bản trích sao", "SL": "Bản sao lục"}

CO_TEN_LOAI = "van-ban-co-ten-loai"   # NĐ30 Mẫu 1.4: văn bản có tên loại
QUYET_DINH = "quyet-dinh"             # Mẫu 1.2: quyết định (cá biệt) quy định trực tiếp
CONG_VAN = "cong-van"                 # Mẫu 1.5: công văn (no type name; ký hiệu agency–unit)


def _written(key: str, template: str, kinh_gui: str = "khong") -> Kind:
    """A Decree kind the generator writes, in `template`; its name and abbreviation are the Decree table's."""
    return replace(DECREE_KINDS[key], template=template, kinh_gui=kinh_gui)


# The kinds the generator writes. Adding a kind of DECREE_KINDS that has one of these forms is one line here.
KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        _written("ke_hoach", CO_TEN_LOAI),
        _written("thong_bao", CO_TEN_LOAI),
        _written("bao_cao", CO_TEN_LOAI, kinh_gui="tuy_chon"),
        _written("to_trinh", CO_TEN_LOAI, kinh_gui="bat_buoc"),
        _written("chuong_trinh", CO_TEN_LOAI),
        _written("huong_dan", CO_TEN_LOAI),
        _written("phuong_an", CO_TEN_LOAI),
        _written("de_an", CO_TEN_LOAI),
        _written("quy_che", CO_TEN_LOAI),
        _written("quy_dinh", CO_TEN_LOAI),
        _written("quyet_dinh", QUYET_DINH),
        _written("cong_van", CONG_VAN, kinh_gui="bat_buoc"),
    )
}
