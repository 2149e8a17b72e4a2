"""Drafts not yet completed: the text a skeleton (`vanban new`) or a correction draft (`vanban dinh-chinh` …) asks
the clerk to replace. An issue refuses a document that still holds one: the number it would take is never given
again."""

from __future__ import annotations

import re
from pathlib import Path

from engine.errors import InputError, Location

# "Ghi trích yếu của thông báo ở đây", "Viết đoạn văn ở đây" (engine/scaffold.py); "tại Ghi vị trí …", "Lý do thu
# hồi: Ghi lý do." (engine/nd30/corrections.py).
UNFINISHED = re.compile(r"\b(?:[Gg]hi|Viết)\b[^\n#]{0,50}?\bở đây\b|\bGhi (?:vị trí|nội dung|lý do|trách nhiệm "
                        r"tổ chức|người đề nghị|cơ quan|các cơ quan, cá nhân chịu trách nhiệm)\b")
_COMMENT = re.compile(r"(?:^|\s)#.*$")


def unfinished(path: Path, shown: str) -> list[InputError]:
    """Each place in a YAML file (comments aside) that still holds a skeleton's "Ghi … ở đây"."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):  # read and reported by the build already
        return []
    return [InputError(f"còn chỗ của tệp mẫu chưa thay bằng nội dung thật: «{found.group(0)}»",
                       Location(shown, number, found.start() + 1))
            for number, line in enumerate(lines, 1) for found in UNFINISHED.finditer(_COMMENT.sub("", line))]
