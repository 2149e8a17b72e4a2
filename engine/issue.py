"""Issuing (ban hành): next number from the register, the final document archived, recorded, committed."""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from engine.registry import git, history, relations, shared
from engine.registry.hashes import hashes, saved_once
from engine.registry.archive import commit_blocked, commit_issue, prefetch_commit, verify
from engine.registry.pending import clear_intent, leftovers, record_intent
from engine.pipeline import merge
from engine.pipeline.compute import compute, recipient_names
from engine.errors import BuildFailed, EngineError, Location, OutputError, RegisterError, stop_on
from engine.pipeline.load import load_workspace
from engine.workspace import OUTPUTS, PLANS, shown_path
from engine.model import ARCHIVE, Document, Profile
from engine.pipeline.number import Numbering, archived_name, assign, draft_name, issue_date
from engine.registry.register import Entry, Register, content_hash, made_from, source_hash
from engine.pipeline.merge_fill import with_slots
from engine.pipeline.render import TemplateSet, render_all
from engine.pipeline.validate import validate
from engine.nd30.forms import short_date
from engine.files import relative_posix, write_all_atomically
from engine.pipeline.write import stale_drafts
from engine.pipeline.unfinished import unfinished

PRE_REGISTER_NOTE = "vào sổ sau khi đã ban hành trên giấy"


@dataclass(frozen=True)
class Issued:
    entry: Entry
    output: Path
    commit: str | None        # short hash; None when not committed (no git repository, or commit_failed)
    cleaned: list[Path]       # the file an interrupted issue had left half-done (its intent said so), now removed
    drafts: list[Path]        # the draft DOCX/PDF this issue replaced and removed
    commit_failed: str = ""   # git's refusal after the register line was written: issued, archive commit pending
    entries: tuple[Entry, ...] = ()  # every entry written (a merged series: one per document), `entry` the first
    more: tuple[Path, ...] = ()      # a merged series: the outputs after `output`
    pushed_to: str = ""              # kho_chung: the shared repository the commit reached (the number is claimed)


def issue(root: Path, source: Path, requested: dt.date | None, today: dt.date,
          number: int | None = None, one_number: bool | None = None) -> Issued:
    """Issue one document, or a merged series; a failure at any point leaves the register as it was, or complete.

    `number` (with `requested`) records a number given elsewhere (e-office system, on paper).
    A merged series (`tron:`) takes consecutive numbers, one per document not yet issued, all or none; or one
    number for the whole set (`so_cho_bo: mot`, or `one_number`), archived as the combined file.
    Once the register line is written the document is issued: a commit git then refuses is reported in
    `commit_failed`, and the next issue or `vanban verify --sua` commits it.
    With `kho_chung` in vanban.yaml the number is claimed by pushing the commit (registry/shared.py): an issue that
    cannot push is taken back whole, so `commit_failed` is never returned then.
    """
    try:
        documents, profile = _the_documents(root, source)
    except BuildFailed as failed:  # a register broken by hand stops loading: say also how it differs from git
        differs = [e for y in Register(root).years() if (e := _register_differs(root, Register(root), y))]
        if differs:
            raise BuildFailed([*failed.errors, *differs]) from None
        raise
    one = documents[0].merge is not None and (documents[0].merge.one_number if one_number is None else one_number)
    if number is not None:
        if len(documents) > 1 and not one:
            raise RegisterError("số cấp ở nơi khác (--so) chỉ dùng cho một văn bản, hoặc cả bộ văn bản trộn một số "
                                "(--mot-so)", documents[0].location)
        documents = [_given_elsewhere(document, number, requested) for document in documents]
    register = Register(root)
    with register.lock(), git.remembered(), saved_once(root), _cycle_collection(collect=False):
        _pause_for_tests("da-khoa")
        if profile.shared_remote:  # several PCs, one register: the number is claimed by pushing the commit
            issued = shared.claim(root, profile.shared_remote, register,
                                  lambda: _issue_here(root, documents, profile, register, requested, today, one),
                                  _pause_for_tests)
            return replace(issued, pushed_to=profile.shared_remote)
        return _issue_here(root, documents, profile, register, requested, today, one)


@contextmanager
def _cycle_collection(collect: bool) -> Iterator[None]:
    """An issue reads tens of thousands of register lines and cached hashes that all live until it ends: looking
    for reference cycles among them meanwhile only costs time (about a tenth of the issue at 10,000 entries).
    So it is off (`collect` False) but for rendering, whose docxtpl garbage is cyclic (a merged series of 2,000
    rows rendered one by one otherwise held 600 MB)."""
    was = gc.isenabled()
    gc.enable() if collect else gc.disable()
    try:
        yield
    finally:
        gc.enable() if was else gc.disable()


def _issue_here(root: Path, documents: list[Document], profile: Profile, register: Register,
                requested: dt.date | None, today: dt.date, one: bool = False) -> Issued:
    """Number, write, record and commit, under the register's lock."""
    document = documents[0]
    year = issue_date(document, requested, today) or requested or today  # the register year to check first
    history.prefetch(root, register, year.year)
    prefetch_commit(root)
    with suppress(BuildFailed):  # read while git answers; a broken line is reported below, with how git differs
        register.entries()
    hashes(root)  # the archive's hash cache, likewise
    _refuse_register_differs(root, register, year.year)
    done = register.by_source()
    for each in documents:
        _refuse_reissue(each, done)
    cleaned = leftovers(root, register)
    for path in cleaned:
        path.unlink()
    clear_intent(root)
    _refuse_damaged_archive(root, register, year.year)
    given = frozenset((year.year, s, n) for s, n in history.numbers_ever(root, register, year.year))
    if len(documents) > 1 and not one and document.number is not None:
        raise RegisterError("văn bản trộn ghi sẵn số (so) thì chỉ cấp được một số cho cả bộ (so_cho_bo: mot)",
                            document.where("so"))
    first, date = assign(document, profile, register, requested, today, given)
    numbering = [first if one else replace(first, number=first.number + i) for i in range(len(documents))]
    finals = [replace(d, date=date, number=n.number, year=date.year) for d, n in zip(documents, numbering)]
    templates = TemplateSet(root)
    jobs = list(with_slots((compute(final, n, archived_name(final, n, root / PLANS)) for final, n in zip(finals, numbering)),
                           {final.key: n for final, n in zip(finals, numbering)}, templates.shipped))
    with _cycle_collection(collect=True):
        made = render_all(jobs, templates)
    if one and document.row is not None:  # one number for the set: the combined file is what is issued
        head = merge.set_document(finals)
        issued = [(head, first, archived_name(head, first, root / PLANS), merge.combine_rendered(made))]
    else:
        issued = [(r.job.document, n, r.job.output, r.data) for r, n in zip(made, numbering)]
    targets = [root / OUTPUTS / output for _, _, output, _ in issued]
    _refuse_blocked_git(root, [*targets, register.path(date.year), *made_from(document.source)], document)
    for target in targets:
        _refuse_overwrite(root, target)
    record_intent(root, [(target, data) for target, (_, _, _, data) in zip(targets, issued)])
    write_all_atomically([(target, data) for target, (_, _, _, data) in zip(targets, issued)])
    _pause_for_tests("da-ghi-van-ban")
    entries = [_entry(d, n, output, data, on_paper=document.number is not None) for d, n, output, data in issued]
    register.add(*entries)
    clear_intent(root)
    _pause_for_tests("da-ghi-so")
    drafts = [root / OUTPUTS / draft_name(d, root / PLANS) for d in documents]
    if document.row is not None:
        drafts.append(root / OUTPUTS / merge.combined_name(document, root / PLANS))
    existing, removed = _remove_drafts(root, register, drafts)
    pdf = [t.with_suffix(".pdf") for t in targets if t.with_suffix(".pdf").exists()]
    archived = [*made_from(document.source), *targets, *pdf, *removed]
    try:
        commit = commit_issue(root, register, entries, archived, profile.agency.name,
                              lambda: _pause_for_tests("da-git-add"))
    except (OutputError, OSError) as error:  # git refused, or the disk is full: issued, commit pending
        return Issued(entries[0], targets[0], None, cleaned, existing, str(error), tuple(entries), tuple(targets[1:]))
    return Issued(entries[0], targets[0], commit, cleaned, existing, entries=tuple(entries), more=tuple(targets[1:]))


def _remove_drafts(root: Path, register: Register, drafts: list[Path]) -> tuple[list[Path], list[Path]]:
    """The draft DOCX and PDF the issued documents replace: (those removed, those to stage). A file at that place
    which was issued itself (a plan named like a numbered file) is never removed."""
    issued = {os.path.splitext(name)[0] for name in (*(e.output for e in register.entries()),
                                                      *history.issued_outputs(root))}  # issued places, no suffix
    existing, staged = [], []
    for draft in drafts:
        if os.path.splitext(relative_posix(root, draft))[0] in issued:
            continue  # its DOCX or PDF place is an issued file's
        existing += [p for p in (draft, draft.with_suffix(".pdf")) if p.exists()]
        staged += stale_drafts(draft)
    return existing, staged


def _given_elsewhere(document: Document, number: int, date: dt.date | None) -> Document:
    """--so N --ngay D: a number an e-office system or the paper register gave; checked like `so:` in the file."""
    if date is None:
        raise RegisterError("số cấp ở nơi khác (--so) cần cả ngày ban hành (--ngay) để vào sổ", document.location)
    if number < 1:
        raise RegisterError(f"--so cần một số từ 1 trở lên, nhưng gặp {number}", document.location)
    if document.number is not None and document.number != number:
        raise RegisterError(f"tệp đã ghi so: {document.number}, khác --so {number}; hãy sửa một trong hai",
                            document.where("so"))
    return replace(document, number=number, date=date, year=date.year)


def _refuse_blocked_git(root: Path, paths: list[Path], document: Document) -> None:
    """Before a number is given: git must be able to commit what this issue writes."""
    reasons = commit_blocked(root, paths)
    if reasons:
        raise RegisterError("chưa cấp số vì chưa lưu được vào git: " + "; ".join(reasons), document.location)


def _the_documents(root: Path, source: Path) -> tuple[list[Document], Profile]:
    """The document to issue, valid (a merged series: its documents not yet issued); a figures file, a note ('_…')
    or a file outside plans/ is refused."""
    plans = (root / PLANS).resolve()
    if plans not in source.resolve().parents:
        raise RegisterError(f"chỉ ban hành được văn bản nằm trong thư mục {PLANS}/ của thư mục làm việc",
                            Location.of(source))
    if source.name.startswith("_"):
        raise RegisterError("tệp bắt đầu bằng '_' là ghi chú, không phải văn bản để ban hành", Location.of(source))
    errors: list[EngineError] = []
    profile, documents = validate(load_workspace(root, errors, only=[source]), errors)
    stop_on(errors)
    issued = [d for d in documents if d.source == source]
    if not issued:
        raise RegisterError("tệp này là số liệu, không phải văn bản để ban hành", Location(shown_path(root, source)))
    stop_on([e for path in made_from(source) if path.suffix in (".yaml", ".yml")
             for e in unfinished(path, shown_path(root, path))])
    if issued[0].row is None:
        return issued[:1], profile
    done = Register(root).by_source()
    waiting = [d for d in issued if d.key not in done and d.file_key not in done]
    if not waiting:  # every row issued already: said as for one document
        _refuse_reissue(issued[0], done)
    return waiting, profile


def _refuse_register_differs(root: Path, register: Register, year: int) -> None:
    """A new number goes into a register that reads well and agrees with git (nothing lost, altered, repeated or
    moved); a line broken by hand is named with its line number, and how the register differs from git with it."""
    error = _register_differs(root, register, year)
    try:
        register.entries()
    except BuildFailed as failed:
        raise BuildFailed([*failed.errors, *([error] if error else [])]) from None
    if error:
        raise error


def _register_differs(root: Path, register: Register, year: int) -> RegisterError | None:
    differs = history.check(root, register, year)
    if differs:
        return RegisterError(f"sổ năm {year} không khớp với lịch sử git ({'; '.join(differs)}); không cấp số mới "
                              "cho đến khi sửa: chạy 'vanban verify --sua' để khôi phục sổ từ git (hoặc "
                             f"git checkout -- {register.shown(year)}) rồi ban hành lại",
                             Location(register.shown(year)))
    return None


def _refuse_damaged_archive(root: Path, register: Register, year: int) -> None:
    """A new number goes into a register whose archive is whole; otherwise the clerk repairs it first."""
    problems = verify(root, register, year)
    if problems:
        listed = "; ".join(str(p) for p in problems)
        raise RegisterError(f"sổ năm {year} không khớp với các tệp đã ban hành ({listed}); hãy khôi phục các tệp "
                            "đó (git checkout -- <tệp>) rồi ban hành lại", Location(register.shown(year)))


def _refuse_overwrite(root: Path, target: Path) -> None:
    """An issue writes a new file: whatever already stands at its place (issued or placed by hand) is kept."""
    if target.exists():
        raise RegisterError(f"đã có tệp {shown_path(root, target)} mà sổ không ghi; vanban không ghi đè lên nó. "
                            "Hãy xem tệp đó là gì: nếu là văn bản đã ban hành thì chạy 'vanban verify --sua' để "
                            "khôi phục dòng sổ của nó, nếu không thì đổi tên hoặc chuyển nó đi rồi ban hành lại",
                            Location(shown_path(root, target)))


def _refuse_reissue(document: Document, issued: dict[str, Entry]) -> None:
    """Issued already (`issued`: the register by source): the document, or (a merged row) the set it belongs to,
    issued with one number."""
    entry = issued.get(document.key) or issued.get(document.file_key)
    if entry is not None:
        raise RegisterError(f"văn bản này đã ban hành: số {entry.reference} ngày {short_date(entry.date)} "
                            f"({entry.output})", document.location)


def _entry(document: Document, numbering: Numbering, output: Path, data: bytes, on_paper: bool) -> Entry:
    """The register line (NĐ30 Phụ lục IV): the addressees themselves stand in Nơi nhận, not "Như trên"."""
    addressed = [*document.recipients_to, *(r for r in recipient_names(document) if r.lower() != "như trên")]
    return Entry(
        number=numbering.number or 0, symbol=numbering.symbol, date=document.date or dt.date.min,
        series=numbering.series, kind=document.kind.label, summary=document.summary,
        signer=document.signature.signer.name, recipients="; ".join(addressed),
        archive=", ".join((ARCHIVE, *document.archive_units)), copies=str(document.copies or ""),
        note=_note(document, on_paper),
        source=document.key, source_hash=source_hash(document.source, document.row.key if document.row else None),
        output=(Path(OUTPUTS) / output).as_posix(), output_hash=content_hash(data),
    )


def _note(document: Document, on_paper: bool) -> str:
    """Ghi chú: entered after issuing on paper; what it does to an earlier document ("Thay thế 15/KH-UBND …")."""
    relation = relations.note(document.relation) if document.relation else ""
    return "; ".join(filter(None, (PRE_REGISTER_NOTE if on_paper else "", relation)))


def _pause_for_tests(step: str) -> None:
    """Lets the kill tests stop a real process at a named step; does nothing otherwise."""
    if os.environ.get("VANBAN_TEST_PAUSE") == step:
        Path(os.environ["VANBAN_TEST_PAUSE_FILE"]).write_text(step)
        time.sleep(60)
