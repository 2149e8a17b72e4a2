"""The 2025 reform of local government, as it bears on one document: no huyện or thị trấn issues or receives."""

from __future__ import annotations

import re
from pathlib import Path

from yaml.nodes import ScalarNode, SequenceNode

from engine import schema as s
from engine.errors import Location, Notice
from engine.model import Profile
from engine.nd30.forms import short_date
from engine.nd30.reform import REFORM_LAW, after_reform, old_unit
from engine.pipeline.load import SourceFile


def refuse_abolished_issuer(source: SourceFile, raw: dict, profile: Profile, ctx: s.Context) -> None:
    """A huyện or thị trấn issues nothing dated from 1 July 2025: it no longer exists (NĐ30 PL I, II.2)."""
    date = raw["ngay"] if raw["ngay"] is not s.INVALID else None
    if not after_reform(date, folder_year(source.path)):
        return
    agency = profile.agency
    for line in (*agency.parent_lines, *agency.header_lines, agency.place):
        if unit := old_unit(line):
            when = f"ngày {short_date(date)}" if date else "năm " + str(folder_year(source.path))
            ctx.fail(s.key_of(source.root, "ngay") or source.root, "ngay",
                     f"từ 01/7/2025 không còn cấp {unit} ({REFORM_LAW}): văn bản {when} không ban hành được dưới "
                     f"tên '{line}' của vanban.yaml; hãy ghi cơ quan mới (xã, phường, tỉnh) hoặc ngày trước 01/7/2025")
            return


def abolished_addressees(source: SourceFile, raw: dict) -> list[Notice]:
    """After 01/7/2025 a document sent to a huyện or thị trấn: built, with a notice at the line (no such body)."""
    date = raw["ngay"] if raw["ngay"] is not s.INVALID else None
    if not after_reform(date, folder_year(source.path)):
        return []
    notices = []
    for key in ("kinh_gui", "noi_nhan"):
        node = s.key_of(source.root, key)
        items = node.value if isinstance(node, SequenceNode) else [node] if isinstance(node, ScalarNode) else []
        for item in items:
            if isinstance(item, ScalarNode) and (unit := old_unit(str(item.value))):
                mark = item.start_mark
                notices.append(Notice(f"từ 01/7/2025 không còn cấp {unit} ({REFORM_LAW}); '{item.value}' không còn "
                                      "để gửi tới: hãy gửi Ủy ban nhân dân tỉnh, sở, ngành hoặc xã, phường thay thế",
                                      Location(source.shown, mark.line + 1, mark.column + 1), key))
    return notices


def folder_year(path: Path) -> int | None:
    """plans/2024/… gives 2024 for a draft that has no date yet."""
    name = path.parent.name
    return int(name) if re.fullmatch(r"(19|20)\d\d", name) else None
