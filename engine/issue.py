"""Issuing (ban hành): next number from the register, the final document archived, recorded, committed."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from engine.registry.archive import commit_issue, orphans, verify
from engine.pipeline.compute import Job, compute, recipient_names
from engine.errors import EngineError, Location, RegisterError, stop_on
from engine.pipeline.load import load_workspace
from engine.workspace import OUTPUTS, PLANS, shown_path
from engine.model import ARCHIVE, Document, Profile
from engine.pipeline.number import Numbering, archived_name, assign, draft_name
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
    commit: str | None        # short hash; None when the workspace is not a git repository
    cleaned: list[Path]       # numbered files an interrupted issue had left, now removed


def issue(root: Path, source: Path, requested: dt.date | None, today: dt.date) -> Issued:
    """Issue one document; a failure at any point leaves the register as it was, or complete."""
    document, profile = _the_document(root, source)
    register = Register(root)
    with register.lock():
        _pause_for_tests("da-khoa")
        _refuse_reissue(document, register)
        cleaned = orphans(root, register)
        for path in cleaned:
            path.unlink()
        numbering, date = assign(document, profile, register, requested, today)
        _refuse_damaged_archive(root, register, date.year)
        final = replace(document, date=date, number=numbering.number, year=date.year)
        job = compute(final, numbering, archived_name(final, numbering, root / PLANS))
        (rendered,) = render_all([job], TemplateSet(root))
        data = rendered.data
        target = root / OUTPUTS / job.output
        write_atomically(target, data)
        _pause_for_tests("da-ghi-van-ban")
        entry = _entry(final, numbering, job, data, on_paper=document.number is not None)
        register.add(entry)
        _pause_for_tests("da-ghi-so")
        drafts = stale_drafts(root / OUTPUTS / draft_name(document, root / PLANS))
        archived = [*made_from(document.source), target, *drafts]
        commit = commit_issue(root, register, entry, archived, profile.agency.name)
    return Issued(entry, target, commit, cleaned)


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


def _refuse_damaged_archive(root: Path, register: Register, year: int) -> None:
    """A new number goes into a register whose archive is whole; otherwise the clerk repairs it first."""
    problems = verify(root, register, year)
    if problems:
        listed = "; ".join(str(p) for p in problems)
        raise RegisterError(f"sổ năm {year} không khớp với các tệp đã ban hành ({listed}); hãy khôi phục các tệp "
                            "đó (git checkout -- <tệp>) rồi ban hành lại", Location(register.shown(year)))


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
        archive=", ".join((ARCHIVE, *document.archive_units)), copies="",
        note=PRE_REGISTER_NOTE if on_paper else "",
        source=document.location.path, source_hash=source_hash(document.source),
        output=(Path(OUTPUTS) / job.output).as_posix(), output_hash=content_hash(data),
    )


def _pause_for_tests(step: str) -> None:
    """Lets the kill tests stop a real process at a named step; does nothing otherwise."""
    if os.environ.get("VANBAN_TEST_PAUSE") == step:
        Path(os.environ["VANBAN_TEST_PAUSE_FILE"]).write_text(step)
        time.sleep(60)
