"""Glossary of the Decree's parts of a document: the ô of NĐ30 PL I, its Vietnamese name, its one code name.

The generator's Document (engine/model.py) and the checker's Layout (engine/check/locate.py) call a part by
the same code name (the checker locates every part; the generator stores those the clerk types);
tests/test_nd30_consistency.py holds both to this table, so one part never gets two names again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """One part of a document as NĐ30 PL I, IV (sơ đồ bố trí) numbers it."""

    box: str         # ô in the layout diagram: "5a"
    vietnamese: str  # what the Decree calls it
    code: str        # its name in the code, in the generator and the checker alike


PARTS: tuple[Part, ...] = (
    Part("1", "Quốc hiệu", "quoc_hieu"),
    Part("1", "Tiêu ngữ", "tieu_ngu"),
    Part("2", "Tên cơ quan, tổ chức ban hành văn bản", "agency"),
    Part("3", "Số, ký hiệu của văn bản", "number"),
    Part("4", "Địa danh và thời gian ban hành văn bản", "date"),
    Part("5a", "Tên loại văn bản", "kind"),
    Part("5a", "Trích yếu nội dung văn bản", "summary"),
    Part("5b", "Trích yếu nội dung công văn (V/v …)", "vv"),
    Part("6", "Căn cứ ban hành văn bản", "bases"),
    Part("6", "Nội dung văn bản", "body"),
    Part("7", "Quyền hạn, chức vụ, họ tên và chữ ký của người có thẩm quyền", "signature"),
    Part("9a", "Kính gửi", "recipients_to"),
    Part("9b", "Nơi nhận", "recipients"),
)

# Parts the Decree fixes word for word (engine/nd30/texts.py), so the generator's Document has no field for them;
# the công văn's "V/v …" line is the generator's `summary` of a công văn.
FIXED_OR_DERIVED = frozenset({"quoc_hieu", "tieu_ngu", "vv"})
