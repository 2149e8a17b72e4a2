"""Issuing (ban hành): next number from the register, the final document archived, recorded, committed."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from engine.registry import history, relations, shared
from engine.registry.archive import commit_blocked, commit_issue, verify
from engine.registry.pending import clear_intent, leftovers, record_intent
from engine.pipeline.compute import Job, compute, recipient_names
from engine.errors import BuildFailed, EngineError, Location, OutputError, RegisterError, stop_on
from engine.pipeline.load import load_workspace
from engine.workspace import OUTPUTS, PLANS, shown_path
from engine.model import ARCHIVE, Document, Profile
from engine.pipeline.number import Numbering, archived_name, assign, draft_name, issue_date
from engine.registry.register import Entry, Register, content_hash, made_from, source_hash
from engine.pipeline.render import TemplateSet, render_all
from engine.pipeline.validate import validate
from engine.nd30.forms import short_date
from engine.files import write_atomically
from engine.pipeline.write import stale_drafts

PRE_REGISTER_NOTE = "vào sổ sau khi đã ban hành trên giấy"


@dataclass(frozen=True)
class Issued:
    entry: Entry
    output: Path
    commit: str | None        # short hash; None when not committed (no git repository, or commit_failed)
    cleaned: list[Path]       # the file an interrupted issue had left half-done (its intent said so), now removed
    drafts: list[Path]        # the draft DOCX/PDF this issue replaced and removed
    commit_failed: str = ""   # git's refusal after the register line was written: issued, archive commit pending


def issue(root: Path, source: Path, requested: dt.date | None, today: dt.date,
          number: int | None = None) -> Issued:
    """Issue one document; a failure at any point leaves the register as it was, or complete.

    `number` (with `requested`) records a number given elsewhere (e-office system, on paper).
    Once the register line is written the document is issued: a commit git then refuses is reported in
    `commit_failed`, and the next issue or `vanban verify --sua` commits it.
    With `kho_chung` in vanban.yaml the number is claimed by pushing the commit (registry/shared.py): an issue that
    cannot push is taken back whole, so `commit_failed` is never returned then.
    """
    try:
        document, profile = _the_document(root, source)
    except BuildFailed as failed:  # a register broken by hand stops loading: say also how it differs from git
        differs = [e for y in Register(root).years() if (e := _register_differs(root, Register(root), y))]
        if differs:
            raise BuildFailed([*failed.errors, *differs]) from None
        raise
    if number is not None:
        document = _given_elsewhere(document, number, requested)
    register = Register(root)
    with register.lock():
        _pause_for_tests("da-khoa")
        if profile.shared_remote:  # several PCs, one register: the number is claimed by pushing the commit
            return shared.claim(root, profile.shared_remote, register,
                                lambda: _issue_here(root, document, profile, register, requested, today),
                                _pause_for_tests)
        return _issue_here(root, document, profile, register, requested, today)


def _issue_here(root: Path, document: Document, profile: Profile, register: Register, requested: dt.date | None,
                today: dt.date) -> Issued:
    """Number, write, record and commit, under the register's lock."""
    year = issue_date(document, requested, today) or requested or today  # the register year to check first
    _refuse_register_differs(root, register, year.year)
    _refuse_reissue(document, register)
    cleaned = leftovers(root, register)
    for path in cleaned:
        path.unlink()
    clear_intent(root)
    _refuse_damaged_archive(root, register, year.year)
    given = frozenset((year.year, s, n) for s, n in history.numbers_ever(root, register, year.year))
    numbering, date = assign(document, profile, register, requested, today, given)
    final = replace(document, date=date, number=numbering.number, year=date.year)
    job = compute(final, numbering, archived_name(final, numbering, root / PLANS))
    target = root / OUTPUTS / job.output
    _refuse_blocked_git(root, [target, register.path(date.year), *made_from(document.source)], document)
    (rendered,) = render_all([job], TemplateSet(root))
    data = rendered.data
    _refuse_overwrite(root, target)
    record_intent(root, target, data)
    write_atomically(target, data)
    _pause_for_tests("da-ghi-van-ban")
    entry = _entry(final, numbering, job, data, on_paper=document.number is not None)
    register.add(entry)
    clear_intent(root)
    _pause_for_tests("da-ghi-so")
    draft = root / OUTPUTS / draft_name(document, root / PLANS)
    existing, drafts = _remove_drafts(root, register, draft)
    pdf = [target.with_suffix(".pdf")] if target.with_suffix(".pdf").exists() else []
    archived = [*made_from(document.source), target, *pdf, *drafts]
    try:
        commit = commit_issue(root, register, entry, archived, profile.agency.name,
                              lambda: _pause_for_tests("da-git-add"))
    except (OutputError, OSError) as error:  # git refused, or the disk is full: issued, commit pending
        return Issued(entry, target, None, cleaned, existing, str(error))
    return Issued(entry, target, commit, cleaned, existing)


def _remove_drafts(root: Path, register: Register, draft: Path) -> tuple[list[Path], list[Path]]:
    """The draft DOCX and PDF the issued document replaces: (those removed, those to stage). A file at that place
    which was issued itself (a plan named like a numbered file) is never removed."""
    issued = {root / e.output for e in register.entries()} | {root / o for o in history.issued_outputs(root)}
    protected = issued | {p.with_suffix(".pdf") for p in issued}
    if draft in protected or draft.with_suffix(".pdf") in protected:
        return [], []
    existing = [p for p in (draft, draft.with_suffix(".pdf")) if p.exists()]
    return existing, stale_drafts(draft)


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


def _the_document(root: Path, source: Path) -> tuple[Document, Profile]:
    """The one document to issue, valid; a figures file, a note ('_…') or a file outside plans/ is refused."""
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
    return issued[0], profile


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


def _refuse_reissue(document: Document, register: Register) -> None:
    entry = register.by_source().get(document.location.path)
    if entry is not None:
        raise RegisterError(f"văn bản này đã ban hành: số {entry.reference} ngày {short_date(entry.date)} "
                            f"({entry.output})", document.location)


def _entry(document: Document, numbering: Numbering, job: Job, data: bytes, on_paper: bool) -> Entry:
    """The register line (NĐ30 Phụ lục IV): the addressees themselves stand in Nơi nhận, not "Như trên"."""
    addressed = [*document.recipients_to, *(r for r in recipient_names(document) if r.lower() != "như trên")]
    return Entry(
        number=numbering.number or 0, symbol=numbering.symbol, date=document.date or dt.date.min,
        series=numbering.series, kind=document.kind.label, summary=document.summary,
        signer=document.signature.signer.name, recipients="; ".join(addressed),
        archive=", ".join((ARCHIVE, *document.archive_units)), copies=str(document.copies or ""),
        note=_note(document, on_paper),
        source=document.location.path, source_hash=source_hash(document.source),
        output=(Path(OUTPUTS) / job.output).as_posix(), output_hash=content_hash(data),
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
