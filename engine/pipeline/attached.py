"""Validate stage, attachments: the texts a quyết định issues (văn bản ban hành kèm theo, NĐ30 Mẫu 1.3),
written inline under `kem_theo:` or as files beside it that `kem_theo:` names."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, Iterable

from yaml.nodes import Node, ScalarNode, SequenceNode

from engine import schema as s
from engine.errors import EngineError
from engine.model import Attachment
from engine.nd30.kinds import KINDS
from engine.pipeline import body_rules as br
from engine.pipeline.load import SourceFile
from engine.workspace import ATTACHED_KEY, data_file

# What a quyết định may issue: the kinds that are texts of rules or plans (NĐ30 Mẫu 1.3).
ATTACHABLE = {key: KINDS[key] for key in ("ke_hoach", "quy_che", "quy_dinh", "chuong_trinh", "de_an", "phuong_an",
                                           "huong_dan")}
ISSUERS = {"quyet_dinh"}  # the generator's kinds that may issue texts (Nghị quyết, Chỉ thị when they come)

ATTACHMENT = s.mapping({
    "loai": s.Key(s.choice(ATTACHABLE, "loại văn bản kèm theo"), True, "loại văn bản kèm theo, ví dụ: quy_che"),
    "trich_yeu": s.Key(s.text, True, "trích yếu của văn bản kèm theo"),
    "so_phan": s.Key(s.choice({"la_ma": False, "chu": True}, "cách đánh số phần: la_ma hoặc chu"), default=False),
    "noi_dung": s.Key(br.body(br.TOP, non_empty=True), True, "nội dung văn bản kèm theo"),
}, "một văn bản kèm theo (loai, trich_yeu, noi_dung)")


def named_files(sources: tuple[SourceFile, ...]) -> set[str]:
    """The shown paths of the files some document issues with `kem_theo: <file>`: they are not documents."""
    named: set[str] = set()
    for source in sources:
        node = s.key_of(source.root, ATTACHED_KEY)
        items = node.value if isinstance(node, SequenceNode) else [node] if node is not None else []
        named.update(_shown(source, item.value) for item in items if isinstance(item, ScalarNode) and item.value)
    return named


def read_files(sources: Iterable[SourceFile], errors: list[EngineError]) -> dict[str, Attachment]:
    """Each attachment file, checked as one; keyed by its shown path."""
    found: dict[str, Attachment] = {}
    for source in sources:
        ctx = s.Context(source.shown)
        attachment = _attachment(source.root, "", ctx)
        errors.extend(ctx.errors)
        if attachment is not s.INVALID:
            found[source.shown] = attachment
    return found


def resolve(source: SourceFile, node: Node | None, files: dict[str, Attachment], ctx: s.Context) -> tuple:
    """The document's `kem_theo`: inline texts and files, in the order written."""
    if node is None or s.is_null(node):
        return ()
    items = node.value if isinstance(node, SequenceNode) else [node]
    found = []
    for i, item in enumerate(items, start=1):
        path = f"{ATTACHED_KEY}[{i}]" if isinstance(node, SequenceNode) else ATTACHED_KEY
        if isinstance(item, ScalarNode) and not s.is_null(item):
            shown = _shown(source, item.value)
            if shown not in files:
                ctx.fail(item, path, f"không tìm thấy văn bản kèm theo hợp lệ {shown} (cần các khóa loai, trich_yeu, "
                         "noi_dung)")
                continue
            found.append(files[shown])
        else:
            found.append(_attachment(item, path, ctx))
    return tuple(a for a in found if a is not s.INVALID)


def _attachment(node: Node, path: str, ctx: s.Context) -> Any:
    raw = ATTACHMENT(node, path, ctx)
    if raw is s.INVALID or s.INVALID in raw.values():
        return s.INVALID
    return Attachment(raw["loai"], raw["trich_yeu"], raw["noi_dung"], raw["so_phan"])


def _shown(source: SourceFile, name: str) -> str:
    return data_file(PurePosixPath(source.shown), str(name)).as_posix()
