"""The Violation record and the catalogue of conformance rules (id → Decree reference, title)."""

from __future__ import annotations

from dataclasses import dataclass

from engine.check.text import excerpt


@dataclass(frozen=True)
class Violation:
    """One failed rule: id, Decree reference, Vietnamese message, and the text concerned."""

    rule: str
    ref: str
    message: str
    text: str = ""

    def __str__(self) -> str:
        where = f" «{self.text}»" if self.text else ""
        return f"[{self.rule}] ({self.ref}) {self.message}{where}"


# rule id → (reference, short Vietnamese title)
RULES: dict[str, tuple[str, str]] = {
    "ND30-KG-1": ("NĐ30 PL I, I.1", "Khổ giấy A4; khổ ngang chỉ cho phần có bảng"),
    "ND30-LE-1": ("NĐ30 PL I, I.3", "Định lề trang"),
    "ND30-FONT-1": ("NĐ30 PL I, I.4", "Phông chữ Times New Roman"),
    "ND30-FONT-2": ("NĐ30 PL I, I.4", "Chữ màu đen"),
    "ND30-FONT-3": ("NĐ30 PL I, I.4", "Bộ mã Unicode dựng sẵn (TCVN 6909:2001)"),
    "ND30-QH-1": ("NĐ30 PL I, II.1", "Quốc hiệu: nội dung, chữ in hoa"),
    "ND30-QH-2": ("NĐ30 PL I, II.1", "Quốc hiệu: cỡ chữ 12-13, đứng, đậm"),
    "ND30-QH-3": ("NĐ30 PL I, II.1", "Quốc hiệu trình bày trên một dòng"),
    "ND30-TN-1": ("NĐ30 PL I, II.1", "Tiêu ngữ: nội dung, gạch nối, viết hoa"),
    "ND30-TN-2": ("NĐ30 PL I, II.1", "Tiêu ngữ: cỡ chữ 13-14, đứng, đậm"),
    "ND30-TN-3": ("NĐ30 PL I, II.1", "Đường kẻ ngang dưới Tiêu ngữ"),
    "ND30-CQ-1": ("NĐ30 PL I, II.2", "Tên cơ quan: in hoa, cỡ 12-13, đậm/không đậm"),
    "ND30-CQ-2": ("NĐ30 PL I, II.2", "Đường kẻ dưới tên cơ quan (1/3-1/2 dòng chữ)"),
    "ND30-SO-1": ("NĐ30 PL I, II.3; PL III", "Số, ký hiệu: cách ghi"),
    "ND30-SO-2": ("NĐ30 PL I, II.3", "Số, ký hiệu: cỡ chữ 13, đứng"),
    "ND30-NG-1": ("NĐ30 PL I, II.4", "Địa danh và thời gian: cách ghi"),
    "ND30-NG-2": ("NĐ30 PL I, II.4", "Địa danh và thời gian: nghiêng, cỡ 13-14"),
    "ND30-TL-1": ("NĐ30 PL I, II.5", "Tên loại văn bản: in hoa, đậm, cỡ 13-14, căn giữa"),
    "ND30-TY-1": ("NĐ30 PL I, II.5", "Trích yếu: chữ thường, đậm, cỡ 13-14, căn giữa"),
    "ND30-TY-2": ("NĐ30 PL I, II.5", "Đường kẻ dưới trích yếu"),
    "ND30-VV-1": ("NĐ30 PL I, II.5", "Trích yếu công văn (V/v)"),
    "ND30-CC-1": ("NĐ30 PL I, II.6", "Căn cứ ban hành: nghiêng, cỡ 13-14"),
    "ND30-CC-2": ("NĐ30 PL I, II.6", "Căn cứ ban hành: dấu chấm phẩy, dấu chấm"),
    "ND30-ND-1": ("NĐ30 PL I, II.6", "Nội dung: căn đều hai lề"),
    "ND30-ND-2": ("NĐ30 PL I, II.6", "Nội dung: lùi đầu dòng 1 cm hoặc 1,27 cm"),
    "ND30-ND-3": ("NĐ30 PL I, II.6", "Nội dung: cỡ chữ 13-14"),
    "ND30-ND-4": ("NĐ30 PL I, II.6", "Nội dung: khoảng cách giữa các đoạn tối thiểu 6 pt"),
    "ND30-ND-5": ("NĐ30 PL I, II.6", "Nội dung: cách dòng từ đơn đến 1,5 dòng"),
    "ND30-ND-6": ("NĐ30 PL III (các mẫu)", "Nội dung kết thúc bằng dấu ./."),
    "ND30-ND-7": ("NĐ30 PL I, II.6", "Đánh số Phần/Chương (La Mã), Mục (Ả Rập), Điều (đậm), điểm (a, b, c, d, đ, …)"),
    "ND30-ND-8": ("NĐ30 PL I, II.6; Phần I, mục V (6a, 6b)",
                  "Phần, Chương, Mục: dòng số thứ tự và tên căn giữa, đậm, tên in hoa; mục I., II. in hoa, đậm"),
    "ND30-ND-9": ("NĐ30 PL I, II.6", "Đánh số liên tục: Phần, Chương, Điều trong cả văn bản; mục, khoản đánh "
                  "lại trong mỗi phần, chương, điều"),
    "ND30-KGI-1": ("NĐ30 PL I, II.9", "Kính gửi"),
    "ND30-PL-1": ("NĐ30 PL I, III.1", "Phụ lục: số La Mã, cỡ 14 đậm; tên in hoa; dòng (Kèm theo …) nghiêng"),
    "ND30-DV-1": ("Luật 72/2025/QH15; NĐ30 PL I, II.2", "Không còn cấp huyện, thị trấn từ 01/7/2025"),
    "ND30-CK-1": ("NĐ30 PL I, II.7; Điều 13", "Quyền hạn, chức vụ người ký"),
    "ND30-CK-2": ("NĐ30 PL I, II.7", "Họ tên người ký"),
    "ND30-NN-1": ("NĐ30 PL I, II.9", "\"Nơi nhận:\" cỡ 12, nghiêng, đậm"),
    "ND30-NN-2": ("NĐ30 PL I, II.9", "Các dòng nơi nhận"),
    "ND30-NN-3": ("NĐ30 PL I, II.9", "Nơi nhận ngang hàng với quyền hạn, chức vụ người ký"),
    "ND30-ST-1": ("NĐ30 PL I, I.7", "Số trang: giữa lề trên, cỡ 13-14, đứng"),
    "ND30-ST-2": ("NĐ30 PL I, I.7", "Không hiển thị số trang ở trang thứ nhất"),
}


def violation(rule: str, message: str, text: str = "") -> Violation:
    """Build a Violation with the reference taken from the catalogue."""
    return Violation(rule, RULES[rule][0], message, excerpt(text))
