"""The document kinds the engine knows: Decree type name, PL III abbreviation, template, Kính gửi rule."""

from __future__ import annotations

from engine.model import Kind

# Adding a kind from NĐ30 Điều 7 is one line here and a template in templates/docx/.
KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("ke_hoach", "KẾ HOẠCH", "KH", "van-ban-co-ten-loai"),
        Kind("thong_bao", "THÔNG BÁO", "TB", "van-ban-co-ten-loai"),
        Kind("bao_cao", "BÁO CÁO", "BC", "van-ban-co-ten-loai", kinh_gui="tuy_chon"),
        Kind("to_trinh", "TỜ TRÌNH", "TTr", "van-ban-co-ten-loai", kinh_gui="bat_buoc"),
    )
}
