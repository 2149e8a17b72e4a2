"""`van_ban_goc`: the issued document a draft corrects, amends, replaces or withdraws, checked against the register.

```yaml
van_ban_goc: {so: 15/KH-UBND, ngay: 2024-01-09, quan_he: thay_the}
```
The original must stand in the register (issued), once (`ngay` tells two years' 15/KH-UBND apart), and still be in
force: a document replaced, withdrawn or whose number was voided is corrected through what replaced it, or not at
all. `vanban dinh-chinh|sua-doi|thay-the|thu-hoi` write this key; the register records it when the draft is issued.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine import schema as s
from engine.errors import EngineError, Location, Notice
from engine.model import Relation
from engine.nd30.citation import RELATIONS
from engine.nd30.forms import short_date
from engine.pipeline.load import SourceFile
from engine.registry.register import Entry, Register
from engine.registry.relations import Undergone, find, key, undergone

KEY = "van_ban_goc"
ENDING = ("thay_the", "thu_hoi", "huy_so")  # after these the original is no longer in force
_REFERENCE = re.compile(r"\d{1,5}/[^\s/]+(?:/[^\s/]+)?")


def _reference(node: Node, path: str, ctx: s.Context) -> Any:
    value = s.text(node, path, ctx)
    if value is s.INVALID or _REFERENCE.fullmatch(value.strip()):
        return value if value is s.INVALID else value.strip()
    return ctx.fail(node, path, f"cần số, ký hiệu của văn bản gốc dạng 15/KH-UBND, nhưng gặp '{value}'")


RULE = s.mapping({
    "so": s.Key(s.described(_reference, {"type": "string", "pattern": _REFERENCE.pattern,
                                         "description": "số, ký hiệu của văn bản gốc, ví dụ: 15/KH-UBND"}),
                True, "số, ký hiệu của văn bản gốc, ví dụ: 15/KH-UBND"),
    "ngay": s.Key(s.date, meaning="ngày của văn bản gốc (cần khi số đó có ở sổ nhiều năm)"),
    "quan_he": s.Key(s.choice(dict(zip(RELATIONS, RELATIONS)),
                              "quan hệ với văn bản gốc: dinh_chinh, sua_doi, thay_the hoặc thu_hoi"),
                     True, "đính chính (dinh_chinh), sửa đổi, bổ sung (sua_doi), thay thế (thay_the) hoặc thu hồi "
                           "(thu_hoi) văn bản gốc"),
}, "văn bản gốc đã ban hành (so, ngay, quan_he)")


def document_keys() -> dict[str, s.Key]:
    return {KEY: s.Key(RULE, meaning="văn bản đã ban hành mà văn bản này đính chính, sửa đổi, bổ sung, thay thế "
                                     "hoặc thu hồi: {so: 15/KH-UBND, ngay: 2024-01-09, quan_he: thay_the}")}


class Originals:
    """The register, read once per run (and only when some draft names an original)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._read: tuple[list[Entry], dict] | None = None

    def read(self) -> tuple[list[Entry], dict] | None:
        """(entries, what each has undergone); None when the register itself is broken (reported elsewhere)."""
        if self._read is None:
            register = Register(self.root)
            try:
                entries = register.entries()
                self._read = entries, undergone(entries, register.voids())
            except EngineError:
                return None
        return self._read


def relation(source: SourceFile, raw: dict, originals: Originals, ctx: s.Context) -> Relation | None:
    """The relation `van_ban_goc` declares, once the register confirms the original; located errors otherwise."""
    given = raw.get(KEY)
    if not isinstance(given, dict) or any(v is s.INVALID for v in given.values()):
        return None
    node = s.key_of(source.root, KEY)
    where = s.key_of(node, "so") or node
    read = originals.read()
    if read is None:
        return None
    entries, history = read
    found = find(entries, given["so"], given["ngay"])
    if not found:
        others = find(entries, given["so"])
        if others and given["ngay"]:
            ctx.fail(s.key_of(node, "ngay") or node, f"{KEY}.ngay", f"sổ ghi văn bản số {given['so']} ngày "
                     f"{', '.join(short_date(e.date) for e in others)}, không phải ngày {short_date(given['ngay'])}")
        else:
            ctx.fail(where, f"{KEY}.so", f"không có văn bản số {given['so']} trong sổ văn bản đi: chỉ đính chính, "
                     "sửa đổi, thay thế hoặc thu hồi được văn bản đã ban hành (xem sổ bằng 'vanban register')")
        return None
    if len(found) > 1:
        ctx.fail(where, f"{KEY}.so", f"số {given['so']} có ở sổ nhiều năm (ngày "
                 f"{', '.join(short_date(e.date) for e in found)}); hãy ghi thêm 'ngay' của văn bản gốc")
        return None
    original = found[0]
    _check_in_force(source, original, given["quan_he"], history, entries, where, ctx)
    if not _cites(source.root, original.reference):
        mark = node.start_mark
        ctx.errors.append(Notice(f"văn bản này {RELATIONS[given['quan_he']].lower()} văn bản số {original.reference} "
                                 "nhưng không dẫn số đó ở trích yếu, căn cứ hay nội dung; hãy viện dẫn văn bản gốc "
                                 "(NĐ30 PL I, II.6)", Location(source.shown, mark.line + 1, mark.column + 1), KEY))
    return Relation(given["quan_he"], original.reference, original.date)


def _cites(node: Node, reference: str) -> bool:
    """Some text of the document (van_ban_goc aside) names `reference`."""
    if isinstance(node, ScalarNode):
        return reference.lower() in str(node.value).lower()
    if isinstance(node, SequenceNode):
        return any(_cites(item, reference) for item in node.value)
    if isinstance(node, MappingNode):
        return any(_cites(value, reference) for key, value in node.value if getattr(key, "value", "") != KEY)
    return False


def _check_in_force(source: SourceFile, original: Entry, kind: str, history: dict, entries: list[Entry], where: Node,
                    ctx: s.Context) -> None:
    """Not itself, not dated before the original, and the original still in force, for a draft: once issued, what
    happened to the original later (withdrawn by another document) does not make this one wrong."""
    if any(e.source == source.shown for e in entries):
        return
    if original.source == source.shown:
        ctx.fail(where, f"{KEY}.so", f"văn bản số {original.reference} là chính văn bản này; văn bản gốc phải là "
                 "một văn bản khác đã ban hành")
        return
    date = s.key_of(source.root, "ngay")
    if isinstance(raw_date := _date_of(source), dt.date) and raw_date < original.date:
        ctx.fail(date or where, "ngay", f"văn bản {RELATIONS[kind].lower()} không thể đề ngày "
                 f"{short_date(raw_date)}, trước văn bản gốc số {original.reference} ngày {short_date(original.date)}")
    ended: list[Undergone] = [u for u in history.get(key(original), []) if u.kind in ENDING]
    if ended:
        ctx.fail(where, f"{KEY}.so", f"văn bản số {original.reference} ngày {short_date(original.date)} không còn "
                 f"hiệu lực ({ended[0]}); không {RELATIONS[kind].lower()} văn bản đó được nữa"
                 + (": hãy làm với văn bản đã thay thế nó" if ended[0].kind == "thay_the" else ""))


def _date_of(source: SourceFile) -> dt.date | None:
    node = s.key_of(source.root, "ngay")
    if node is None:
        return None
    value = s.date(node, "ngay", s.Context(source.shown))
    return value if isinstance(value, dt.date) else None
