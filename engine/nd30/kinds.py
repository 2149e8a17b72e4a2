"""The document kinds the engine knows: Decree type name, PL III abbreviation, form (template), Kính gửi rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A document type of NĐ30 Điều 7, with the form (Mẫu) it is drawn in."""

    key: str                 # YAML value of `loai`, e.g. ke_hoach
    name: str                # tên loại in capitals, e.g. KẾ HOẠCH ("" for công văn)
    abbreviation: str        # PL III viết tắt, e.g. KH ("" for công văn)
    template: str            # file name under templates/docx/, without .docx
    kinh_gui: str = "khong"  # "khong" (none), "tuy_chon" (optional), "bat_buoc" (required)

    @property
    def label(self) -> str:
        """The type in normal case, for messages and the register: Kế hoạch, Công văn."""
        return self.name.capitalize() if self.name else "Công văn"


CO_TEN_LOAI = "van-ban-co-ten-loai"   # NĐ30 Mẫu 1.4: văn bản có tên loại
QUYET_DINH = "quyet-dinh"             # Mẫu 1.2: quyết định (cá biệt) quy định trực tiếp
CONG_VAN = "cong-van"                 # Mẫu 1.5: công văn (no type name; ký hiệu agency–unit)

# Adding a kind from NĐ30 Điều 7 that has one of these forms is one line here.
KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("ke_hoach", "KẾ HOẠCH", "KH", CO_TEN_LOAI),
        Kind("thong_bao", "THÔNG BÁO", "TB", CO_TEN_LOAI),
        Kind("bao_cao", "BÁO CÁO", "BC", CO_TEN_LOAI, kinh_gui="tuy_chon"),
        Kind("to_trinh", "TỜ TRÌNH", "TTr", CO_TEN_LOAI, kinh_gui="bat_buoc"),
        Kind("chuong_trinh", "CHƯƠNG TRÌNH", "CTr", CO_TEN_LOAI),
        Kind("huong_dan", "HƯỚNG DẪN", "HD", CO_TEN_LOAI),
        Kind("phuong_an", "PHƯƠNG ÁN", "PA", CO_TEN_LOAI),
        Kind("de_an", "ĐỀ ÁN", "ĐA", CO_TEN_LOAI),
        Kind("quy_che", "QUY CHẾ", "QC", CO_TEN_LOAI),
        Kind("quy_dinh", "QUY ĐỊNH", "QyĐ", CO_TEN_LOAI),
        Kind("quyet_dinh", "QUYẾT ĐỊNH", "QĐ", QUYET_DINH),
        Kind("cong_van", "", "", CONG_VAN, kinh_gui="bat_buoc"),
    )
}
