"""Load stage: find the workspace, read every YAML file (BOM, NFC) and parse it into located YAML nodes.

What a clerk's file may not do is refused here, located: explicit tags ('!str', '!!binary'), aliases, nesting
deeper than MAX_DEPTH, numbers longer than MAX_DIGITS, files larger than MAX_BYTES or that are not regular
files, and file names with characters a register line cannot hold.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.nodes import Node, ScalarNode
from yaml.resolver import Resolver

from engine import domains
from engine.errors import EngineError, InputError, Location
from engine.nd30.forms import nfc
from engine.pipeline import sheets
from engine.workspace import (MERGE_KEY, PROFILE, data_file, document_paths, linked_files, read_limited,
                              shown_path)

T = TypeVar("T")
MAX_DEPTH = 50       # YAML levels: a Phần > Chương > Điều > khoản > điểm document uses about a dozen
MAX_DIGITS = 300     # Python refuses int() of more than 4,300 digits; no clerk writes a number this long


# PyYAML's own words for the mistakes clerks make most, said in Vietnamese.
_YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token":
        "có ký tự Tab; YAML chỉ chấp nhận dấu cách để thụt lề",
    "mapping values are not allowed here":
        "dấu ':' không được phép ở đây (nếu nội dung có dấu ':', hãy đặt cả dòng trong ngoặc kép \"…\")",
    "could not find expected ':'":
        "thiếu dấu ':' sau tên khóa",
    "did not find expected key":
        "thụt lề không khớp: cần một khóa cùng cột với các khóa phía trên",
    "did not find expected '-' indicator":
        "thụt lề không khớp: cần một mục '- ' cùng cột với các mục phía trên",
    "found unexpected end of stream":
        "tệp kết thúc khi chuỗi trong ngoặc kép chưa được đóng",
    "expected <block end>, but found '-'":
        "mục '- ' thụt lề không khớp với các mục phía trên",
    "but found another document":
        "mỗi tệp chỉ chứa một văn bản (không dùng '---' để tách)",
    "found unknown escape character":
        "trong chuỗi ngoặc kép, dấu '\\' bắt đầu một mã đặc biệt; viết '\\\\' cho một dấu '\\', "
        "hoặc dùng ngoặc đơn '…'",
    "found undefined alias":
        "dấu '*' ở đầu giá trị dùng để tham chiếu; nếu là chữ thường, hãy đặt cả giá trị trong ngoặc kép",
    "expected <block end>, but found '<scalar>'":
        "có chữ sau dấu ngoặc kép đóng; nếu nội dung có dấu ngoặc kép, hãy bao cả giá trị bằng ngoặc đơn '…'",
    "expected <block end>, but found":
        "thụt lề không khớp với các dòng phía trên",
    "found character '@' that cannot start any token":
        "giá trị bắt đầu bằng '@' phải đặt trong ngoặc kép",
    "found character '`' that cannot start any token":
        "giá trị bắt đầu bằng '`' phải đặt trong ngoặc kép",
}


@dataclass(frozen=True)
class SourceFile:
    """One YAML file: where it is (relative to the workspace, for messages) and its node tree."""

    path: Path   # absolute
    shown: str   # as printed in messages: plans/2024/ke-hoach.yaml
    root: Node


@dataclass(frozen=True)
class Sources:
    """Everything the build reads."""

    root: Path
    profile: SourceFile | None
    documents: tuple[SourceFile, ...]


def load_workspace(root: Path, errors: list[EngineError], only: list[Path] | None = None) -> Sources:
    """Parse vanban.yaml and the documents (all of plans/, or `only`); syntax errors go to `errors`."""
    profile, documents, _ = survey(root, only or document_paths(root), errors, lambda source: source)
    if only:
        documents += [parse(root, path, errors) for path in _linked_files(documents, set(only))]
    return Sources(root, profile, tuple(d for d in documents if d is not None))


def survey(root: Path, paths: list[Path], errors: list[EngineError],
           note: Callable[[SourceFile], T]) -> tuple[SourceFile | None, list[T], set[Path]]:
    """The profile; what `note` keeps of each file of `paths` that parses (its tree, or a few facts), in order;
    the lists merged documents name. Syntax errors go to `errors`, but a merged list's are the merge's to report."""
    profile = parse(root, root / PROFILE, errors)
    kept: dict[Path, T] = {}
    lists: set[Path] = set()
    failed: list[tuple[Path, list[EngineError]]] = []
    for path in paths:
        if path.suffix.lower() != sheets.SUFFIX:
            source = parse(root, path, failures := [])
            failed += [(path, failures)] if failures else []
            if source is not None:
                lists |= merge_lists([source])
                kept[path] = note(source)
    for path, failures in failed:
        errors.extend(failures if path not in lists else [])
    for path in paths:  # a workbook a document merges from is its list, no figures file
        if path.suffix.lower() == sheets.SUFFIX and path not in lists and (source := parse(root, path, errors)):
            kept[path] = note(source)
    return profile, [kept[path] for path in paths if path in kept], lists


def merge_lists(documents: list[SourceFile | None]) -> set[Path]:
    """The lists merged documents name (`tron: nguon: ho-ngheo.xlsx`): read by the merge, never as documents."""
    found = set()
    for document in filter(None, documents):
        merge = _value_of(document.root, MERGE_KEY)
        name = _value_of(merge, "nguon") if merge is not None else None
        if isinstance(name, yaml.ScalarNode) and name.value:
            found.add(data_file(document.path, name.value))
    return found


def _value_of(node: Node, key: str) -> Node | None:
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    return next((value for name, value in pairs if isinstance(name, yaml.ScalarNode) and name.value == key), None)


def named_by(document: SourceFile) -> list[Path]:
    """The files one document names (so_lieu, kem_theo, tron.nguon), whether or not they exist."""
    return linked_files(document.path, top_level(document.root))


def _linked_files(documents: list[SourceFile | None], loaded: set[Path]) -> list[Path]:
    """The files (so_lieu, kem_theo) the given documents name, when only those documents are loaded."""
    wanted = []
    for document in filter(None, documents):
        for path in linked_files(document.path, top_level(document.root)):
            if path.is_file() and path not in loaded:
                wanted.append(path)
                loaded.add(path)
    return wanted


def top_level(root: Node) -> dict[str, object]:
    """A document's top-level scalars and lists of scalars, as plain values."""
    def plain(node: Node) -> object:
        if isinstance(node, yaml.SequenceNode):
            return [plain(child) for child in node.value]
        return node.value if isinstance(node, yaml.ScalarNode) else None
    pairs = root.value if isinstance(root, yaml.MappingNode) else []
    return {str(key.value): plain(value) for key, value in pairs}


class Refused(yaml.MarkedYAMLError):
    """A construct vanban does not accept in a clerk's file; `problem` says why, in Vietnamese."""


class _Refusals(Composer):
    """A composer that refuses explicit tags, deep nesting and overlong numbers, on any parser's events."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event = self.peek_event()
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise Refused(problem=f"không dùng nhãn YAML ('{_tag_shown(tag)}') trong tệp của vanban; nếu nội dung "
                          "bắt đầu bằng '!', hãy đặt cả giá trị trong ngoặc kép \"…\"", problem_mark=event.start_mark)
        if isinstance(event, yaml.ScalarEvent) and _overlong_number(event.value.strip()):  # quoted too: domains int()
            raise Refused(problem=f"số quá dài ({sum(c.isdigit() for c in event.value)} chữ số, tối đa "
                          f"{MAX_DIGITS})", problem_mark=event.start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise Refused(problem=f"lồng quá sâu (quá {MAX_DEPTH} cấp danh sách và nhóm khóa lồng nhau); hãy viết "
                          "phẳng hơn", problem_mark=event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(_Refusals, yaml.SafeLoader):
    """The pure-Python loader with vanban's refusals: the reference, and the one whose messages are shown."""


try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

if CParser is not None:
    class _FastLoader(_Refusals, CParser, SafeConstructor, Resolver):
        """libyaml's parser (about ten times faster) under the same composer: the same refusals, the same marks
        (a scalar's with the text they point into, as schema's checks read it), plain scalars' style None as
        PyYAML's. A collection node's flow_style and end mark may differ from PyYAML's; nothing reads them."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._source = stream
            self._flow = 0  # open [..] and {..}

        def get_event(self) -> yaml.Event:
            event = CParser.get_event(self)
            if isinstance(event, yaml.ScalarEvent):  # the only marks whose text is read (schema's line checks)
                event.start_mark, event.end_mark = self._mark(event.start_mark), self._mark(event.end_mark)
                if not event.style:
                    event.style = None
                    if self._flow and not event.value and event.implicit[0]:
                        raise _Differs("an empty value inside [..] or {..}: libyaml marks it a column further")
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and event.flow_style:
                self._flow += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)) and self._flow:
                self._flow -= 1
            return event

        def _mark(self, mark: Mark) -> Mark:
            return Mark(mark.name, mark.index, mark.line, mark.column, self._source, mark.index)
else:
    _FastLoader = None


class _Differs(Exception):
    """Where libyaml's reading would not be PyYAML's: read the file again with _Loader."""


def compose(source: str) -> Node | None:
    """The node tree of one document, read by libyaml when present; every error as _Loader raises it.

    libyaml accepts a few things PyYAML refuses (tabs in some places, '?' inside [..] or {..}, '>#'): such a
    file, and any file libyaml or the refusals complain about, is read again by _Loader for its own verdict.
    """
    return _parsed(source, yaml.compose, _FastLoader, _Loader)


def _parsed(source: str, parse: Callable[..., object], fast: type | None, pure: type) -> Any:
    if fast is not None and not _libyaml_differs(source):
        try:
            return parse(source, Loader=fast)
        except Exception:  # noqa: BLE001 — any complaint: read again below, for the pure loader's message and marks
            pass
    return parse(source, Loader=pure)


def _libyaml_differs(source: str) -> bool:
    """What libyaml reads otherwise than PyYAML, found by comparing both on thousands of damaged files."""
    return bool(_LIBYAML_DIFFERS.search(source)) or ("?" in source and ("[" in source or "{" in source))


_LIBYAML_DIFFERS = re.compile(r"[\t\ufeff]|[|>][-+0-9]*#")  # tabs, a BOM inside, '>#' (no space before '#')


def _tag_shown(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _overlong_number(value: str) -> bool:
    return len(value) > MAX_DIGITS and bool(re.fullmatch(r"[-+]?[0-9][0-9.,_ ]*", value)) and \
        sum(c.isdigit() for c in value) > MAX_DIGITS


class _PlainLoader(_Loader):
    """The same refusals, constructing plain values; a date-like or number-like value that is no valid date
    or number (2024-02-30) stays text instead of raising ValueError."""


def _tolerant(construct):
    def rule(loader: SafeConstructor, node: yaml.ScalarNode) -> object:
        try:
            return construct(loader, node)
        except ValueError:
            return loader.construct_scalar(node)
    return rule


_FastPlainLoader = type("_FastPlainLoader", (_FastLoader,), {}) if _FastLoader is not None else None

for _tag, _construct in (("timestamp", SafeConstructor.construct_yaml_timestamp),
                         ("int", SafeConstructor.construct_yaml_int),
                         ("float", SafeConstructor.construct_yaml_float)):
    for _plain in filter(None, (_PlainLoader, _FastPlainLoader)):
        _plain.add_constructor(f"tag:yaml.org,2002:{_tag}", _tolerant(_construct))


def plain_data(path: Path) -> object:
    """A YAML file as plain Python values, read as the load stage reads it (for hashing what was issued).

    Raises OSError (unreadable, too large, not a regular file), UnicodeDecodeError or yaml.YAMLError
    (syntax, or a construct refused above); never ValueError or RecursionError.
    """
    return plain_text_data(read_limited(path).decode("utf-8-sig"))


def plain_text_data(text: str) -> object:
    """plain_data for text already read (a version git holds, for example)."""
    return _parsed(nfc(text), yaml.load, _FastPlainLoader, _PlainLoader)


def _bad_name(shown: str) -> bool:
    """Tab, line breaks (U+2028 too) and other control characters: a register line is tab-separated, one line
    per document, and its reader would refuse the line the issue wrote."""
    return any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in shown)


def _visible(shown: str) -> str:
    return "".join(c.encode("unicode_escape").decode("ascii") if _bad_name(c) else c for c in shown)


def parse(root: Path, path: Path, errors: list[EngineError]) -> SourceFile | None:
    """One file as a located node tree; None, with its errors in `errors`, when it cannot be read."""
    shown = shown_path(root, path)
    if _bad_name(shown):
        errors.append(InputError("tên tệp có ký tự không dùng được (Tab, xuống dòng hoặc ký tự điều khiển); hãy đổi "
                                 "tên tệp", Location(_visible(shown))))
        return None
    if path.suffix.lower() == sheets.SUFFIX:
        return _workbook(path, shown, errors)
    try:
        raw = read_limited(path)
    except OSError as exc:
        errors.append(InputError(f"không đọc được tệp ({exc.strerror or exc})", Location(shown)))
        return None
    try:
        source = nfc(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.append(InputError("tệp không phải mã UTF-8; hãy lưu lại với bảng mã UTF-8", Location(shown, line)))
        return None
    try:
        node = compose(source)
    except Refused as exc:
        mark = exc.problem_mark
        errors.append(InputError(exc.problem, Location(shown, mark.line + 1, mark.column + 1)))
        return None
    except yaml.MarkedYAMLError as exc:
        errors.append(_syntax_error(shown, exc))
        return None
    except yaml.reader.ReaderError as exc:  # a control character pasted from Word, e.g. a soft line break
        line = source[: exc.position].count("\n") + 1
        column = exc.position - (source.rfind("\n", 0, exc.position) + 1) + 1
        errors.append(InputError(f"có ký tự điều khiển không in được (mã U+{exc.character:04X}), thường do dán từ "
                                 "Word; hãy xóa nó", Location(shown, line, column)))
        return None
    if node is None:
        errors.append(InputError("tệp rỗng: cần nội dung YAML", Location(shown, 1, 1)))
        return None
    if (shared := _first_alias(node)) is not None:
        mark = shared.start_mark
        errors.append(InputError("không dùng tham chiếu YAML ('&tên' và '*tên') trong tệp của vanban; hãy viết lại "
                                 "nội dung", Location(shown, mark.line + 1, mark.column + 1)))
        return None
    return SourceFile(path, shown, node)


def _workbook(path: Path, shown: str, errors: list[EngineError]) -> SourceFile | None:
    """A figures file kept as an Excel workbook: the same node tree as its YAML twin, marked with cells."""
    node = sheets.workbook_node(path, shown, errors)
    if node is None:
        return None
    loai = next((v for k, v in node.value if k.value == "loai"), None)
    if not isinstance(loai, ScalarNode) or domains.by_data_type(loai.value) is None:
        types = " hoặc ".join(domains.data_types())
        errors.append(InputError(f"tệp Excel chỉ dùng cho số liệu: cần dòng 'loai' là {types}",
                                 Location.at(shown, (loai or node).start_mark)))
        return None
    return SourceFile(path, shown, node)


def _first_alias(root: Node) -> Node | None:
    """A node reached twice is an alias: refused, since nested aliases can expand without bound."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _syntax_error(shown: str, exc: yaml.MarkedYAMLError) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or ""
    said = next((vi for en, vi in _YAML_PROBLEMS.items() if en in problem), None)
    message = f"lỗi cú pháp YAML: {said}" if said else f"lỗi cú pháp YAML ({problem})"
    location = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
    return InputError(message, location)
