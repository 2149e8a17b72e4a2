"""The Decree's fixed words, written once: the generator prints them and the checker compares against them."""

from __future__ import annotations

# Ô 1 (NĐ30 PL I, II.1): Quốc hiệu in capitals; Tiêu ngữ with a spaced hyphen between its three phrases.
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
# The same Quốc hiệu with the old tone placement ("HOÀ"); the checker accepts it as correct.
QUOC_HIEU_OLD_STYLE = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
QUOC_HIEU_VARIANTS = (QUOC_HIEU, QUOC_HIEU_OLD_STYLE)

# Ô 3: "Số:" then the number, "/", the ký hiệu. Ô 5b: the trích yếu of a công văn starts "V/v".
SO_LABEL = "Số:"
VV = "V/v"

# Ô 6: each căn cứ starts "Căn cứ …;"; the proposer's line "Theo đề nghị của …" closes them.
BASIS_LEAD = "Căn cứ"
PROPOSER_LEAD = "Theo đề nghị của"
# Ô 6 of Mẫu 1.2: the line between the căn cứ and the articles (a Nghị quyết writes "QUYẾT NGHỊ:").
DECISION_HEADING = "QUYẾT ĐỊNH:"
RESOLUTION_HEADING = "QUYẾT NGHỊ:"
# The body's last paragraph ends with this mark (every sample of PL III).
END_MARK = "./."

# Ô 9a and ô 9b (NĐ30 PL I, II.9).
KINH_GUI_LABEL = "Kính gửi:"
NOI_NHAN_LABEL = "Nơi nhận:"
AS_ABOVE = "Như trên"      # first Nơi nhận line of a document with Kính gửi: "- Như trên;"
ARCHIVE_LABEL = "Lưu:"     # last Nơi nhận line: "- Lưu: VT, <units>."
ARCHIVE_UNIT = "VT"        # the Văn thư keeps the archive copy: always the first unit after "Lưu:"
ITEM_DASH = "- "           # every Nơi nhận and Kính gửi line starts with a hyphen and a space

# Ô 7a: the authority prefixes of the signer's block (NĐ30 Điều 13).
AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")

# Not the Decree's own words but the ones its headers and tables must use for local places (Luật Tổ chức
# chính quyền địa phương): what vanban.yaml may call the places inside an agency's area, and its own level.
# What a commune calls its hamlets (the vanban.yaml key says it), and a ward or town its quarters.
LOCALITY_WORDS = {"xom": "xóm", "thon": "thôn", "ban": "bản", "ap": "ấp", "buon": "buôn", "lang": "làng",
                  "plei": "plei", "to_dan_pho": "tổ dân phố", "khu_pho": "khu phố", "khom": "khóm", "to": "tổ"}
# The level of a local government, as its name says it: Ủy ban nhân dân <level> <name>.
AREA_LEVELS = ("thị trấn", "đặc khu", "xã", "phường", "thị xã", "thành phố", "quận", "huyện", "tỉnh")
