"""A build after a few plain documents were edited or added reads and renders only those — and prints, writes
and exits exactly as the full build does. Every scenario is run on two identical workspaces: one builds as the
clerk's `vanban build` does (the partial path when it may), the other with the partial path switched off; outputs,
register, printed lines, exit code and the snapshot left behind must be the same, and the next build too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from engine import build as build_module
from engine.pipeline import catalog, load
from tests.conftest import PLAN, PROFILE, Workspace
from tests.test_du_toan import ESTIMATE, TO_TRINH
from tests.test_merge import HOUSEHOLDS, LETTER, git

SNAPSHOT = ".vanban/ban-dung-lan-truoc.json"
DRAFT = PLAN.replace("so: 5\n", "")


def populate(ws: Workspace) -> None:
    """Drafts with and without a number, a document drawing on a data file, a merged series, an issued one."""
    ws.write("vanban.yaml", PROFILE)
    ws.write("plans/2026/ke-hoach.yaml", PLAN)
    ws.write("plans/2026/a.yaml", DRAFT.replace("Nâng cao hiệu quả.", "Văn bản a."))
    ws.write("plans/2026/b.yaml", DRAFT.replace("Nâng cao hiệu quả.", "Văn bản b."))
    ws.write("plans/2026/du-toan.yaml", ESTIMATE)
    ws.write("plans/2026/to-trinh.yaml", TO_TRINH)
    ws.write("plans/2026/giay-bao.yaml", LETTER)
    ws.write("plans/2026/ho-ngheo.csv", HOUSEHOLDS)
    assert ws.run("build").code == 0
    for args in (("init", "-q"), ("add", "-A"), ("-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", "commit",
                                                   "-qm", "Khởi tạo")):
        git(ws.root, *args)
    issued = ws.write("plans/2026/thong-bao.yaml", DRAFT.replace("ke_hoach", "thong_bao"))
    assert ws.run("issue", str(issued), "--date", "2026-03-12").code == 0 and ws.run("build").code == 0


@pytest.fixture
def pair(tmp_path: Path, capsys) -> tuple[Workspace, Workspace]:
    spaces = Workspace(tmp_path / "mot" / "xa", capsys), Workspace(tmp_path / "hai" / "xa", capsys)
    for ws in spaces:
        populate(ws)
    return spaces


@pytest.fixture
def loads(monkeypatch) -> list[bool]:
    """Each workspace load of a build: True when it read only some files (the partial path), False when the full
    build streamed them all."""
    seen: list[bool] = []
    real, streamed = load.load_workspace, catalog.stream

    def watching(root, errors, only=None):
        seen.append(only is not None)
        return real(root, errors, only)

    def streaming(root, errors):
        seen.append(False)
        return streamed(root, errors)

    monkeypatch.setattr(load, "load_workspace", watching)
    monkeypatch.setattr(catalog, "stream", streaming)
    return seen


def outputs(ws: Workspace) -> dict[str, bytes]:
    return {p.relative_to(ws.root).as_posix(): p.read_bytes() for p in sorted((ws.root / "outputs").rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def snapshot_facts(ws: Workspace) -> dict | None:
    """The snapshot a build left, without what names the workspace's own folder."""
    path = ws.root / SNAPSHOT
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    data["dau_vao"].pop("")
    data.pop("ban_dung")  # the manifest's hash: its keys hold the documents' absolute paths
    return data


def same_as_full(pair, loads: list[bool], monkeypatch, edit: Callable[[Workspace], None]) -> str:
    """Apply `edit` to both, build one as the clerk does and one in full; all must match. Says which path ran:
    "full" also when the partial path looked at the changed files and handed over to the full build."""
    partial, full = pair
    for ws in pair:
        edit(ws)
    loads.clear()
    mine = partial.run("build")
    route = "partial" if loads == [True] else "full" if loads[-1:] == [False] else f"mixed {loads}"
    monkeypatch.setattr(build_module, "PARTIAL", False)
    theirs = full.run("build")
    monkeypatch.setattr(build_module, "PARTIAL", True)
    assert (mine.code, mine.out, mine.err) == (theirs.code, theirs.out, theirs.err)
    assert outputs(partial) == outputs(full)
    assert snapshot_facts(partial) == snapshot_facts(full)
    again, again_full = partial.run("build"), full.run("build")
    assert (again.code, again.out, again.err) == (again_full.code, again_full.out, again_full.err)
    assert outputs(partial) == outputs(full)
    return route


def text_edit(name: str, old: str, new: str) -> Callable[[Workspace], None]:
    def edit(ws: Workspace) -> None:
        path = ws.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def write(name: str, text: str) -> Callable[[Workspace], None]:
    return lambda ws: ws.write(name, text)


def both(*edits: Callable[[Workspace], None]) -> Callable[[Workspace], None]:
    def edit(ws: Workspace) -> None:
        for one in edits:
            one(ws)
    return edit


def corrupt_snapshot(ws: Workspace) -> None:
    (ws.root / SNAPSHOT).write_text('{"dang": 2, "tep": []}', encoding="utf-8")


def delete(name: str) -> Callable[[Workspace], None]:
    return lambda ws: (ws.root / name).unlink()


PARTIAL_CASES = {
    "text edited": text_edit("plans/2026/a.yaml", "Văn bản a.", "Văn bản a, đã sửa."),
    "a free number given": text_edit("plans/2026/a.yaml", "loai: ke_hoach\n", "loai: ke_hoach\nso: 7\n"),
    "a numbered draft edited": text_edit("plans/2026/ke-hoach.yaml", "Nâng cao hiệu quả.", "Đã sửa."),
    "a comment only": text_edit("plans/2026/a.yaml", "loai: ke_hoach\n", "# ghi chú\nloai: ke_hoach\n"),
    "the document using a data file": text_edit("plans/2026/to-trinh.yaml", "xem xét, quyết định", "xem xét"),
    "a new document": write("plans/2026/c.yaml", DRAFT.replace("Nâng cao hiệu quả.", "Văn bản c.")),
    "a new document using the data file": write("plans/2026/to-trinh-2.yaml", TO_TRINH.replace("so: 3", "so: 4")),
    "two files edited": both(text_edit("plans/2026/a.yaml", "Văn bản a.", "Sửa a."),
                             text_edit("plans/2026/b.yaml", "Văn bản b.", "Sửa b.")),
    "an edit and a new document": both(text_edit("plans/2026/a.yaml", "Văn bản a.", "Sửa a."),
                                       write("plans/2026/d.yaml", DRAFT)),
    "a number moved to a free one": text_edit("plans/2026/ke-hoach.yaml", "so: 5", "so: 6"),
}

FULL_CASES = {
    "a number another draft holds": text_edit("plans/2026/a.yaml", "loai: ke_hoach\n", "loai: ke_hoach\nso: 5\n"),
    "a number the data document holds": write("plans/2026/c.yaml", DRAFT.replace("loai: ke_hoach\n",
                                                                                 "loai: ke_hoach\nso: 3\n")),
    "two new documents with one number": both(write("plans/2026/c.yaml", PLAN), write("plans/2026/d.yaml", PLAN)),
    "the issued number": text_edit("plans/2026/a.yaml", "loai: ke_hoach\n", "loai: ke_hoach\nso: 1\n"),
    "an output another writes (.yml)": write("plans/2026/a.yml", DRAFT),
    "an output a merged row writes": write("plans/2026/giay-bao-HN-01.yaml", DRAFT),
    "an invalid document": text_edit("plans/2026/a.yaml", "trich_yeu:", "trich_yu:"),
    "a syntax error": text_edit("plans/2026/a.yaml", "luu: VHXH", "luu: [VHXH"),
    "an unknown signer": text_edit("plans/2026/b.yaml", "nguoi: chu_tich", "nguoi: chu_tch"),
    "an issued source edited": text_edit("plans/2026/thong-bao.yaml", "Nâng cao hiệu quả.", "Đã sửa."),
    "the data file edited": text_edit("plans/2026/du-toan.yaml", "so_luong: 25", "so_luong: 26"),
    "the merge edited": text_edit("plans/2026/giay-bao.yaml", "thuộc danh sách", "nằm trong danh sách"),
    "the list edited": text_edit("plans/2026/ho-ngheo.csv", "Lò Văn Páo", "Lò Văn Pào"),
    "a new document issuing b.yaml": write("plans/2026/qd.yaml", "loai: quyet_dinh\ntrich_yeu: Ban hành\n"
                                           "dieu: [Ban hành kèm theo.]\nnoi_nhan: [X]\nluu: VHXH\n"
                                           "ky: {quyen_han: TM, nguoi: chu_tich}\nkem_theo: b.yaml\n"),
    "a document turned into a data file": write("plans/2026/a.yaml", ESTIMATE),
    "a notice appears": text_edit("plans/2026/a.yaml", "- Các phòng chuyên môn thuộc UBND xã",
                                  "- Ủy ban nhân dân huyện Nam Đàn"),
    "a file deleted": delete("plans/2026/b.yaml"),
    "the profile edited": text_edit("vanban.yaml", "Phòng Văn hóa - Xã hội", "Phòng Văn hóa và Xã hội"),
    "an edit and a corrupt snapshot": both(text_edit("plans/2026/a.yaml", "Văn bản a.", "Sửa a."),
                                           corrupt_snapshot),
    "an edit and a deletion": both(text_edit("plans/2026/a.yaml", "Văn bản a.", "Sửa a."),
                                   delete("plans/2026/b.yaml")),
    "a new document in a new year folder": write("plans/2025/c.yaml", DRAFT.replace("2026-03-10", "2025-03-10")),
    "an edit and a hand-edited output": both(text_edit("plans/2026/a.yaml", "Văn bản a.", "Sửa a."),
                                             lambda ws: ws.output("2026/b.docx").write_bytes(b"sua tay")),
    "a note added": write("plans/2026/_ghi-chu.yaml", "ghi: chú"),
    "a valid edit and an invalid one": both(text_edit("plans/2026/a.yaml", "Văn bản a.", "Sửa a."),
                                            text_edit("plans/2026/b.yaml", "trich_yeu:", "trich_yu:")),
}


@pytest.mark.parametrize("case", PARTIAL_CASES)
def test_partial_build_equals_the_full_build(pair, loads, monkeypatch, case):
    assert same_as_full(pair, loads, monkeypatch, PARTIAL_CASES[case]) == "partial"


@pytest.mark.parametrize("case", FULL_CASES)
def test_what_the_partial_path_cannot_vouch_for_is_built_in_full(pair, loads, monkeypatch, case):
    assert same_as_full(pair, loads, monkeypatch, FULL_CASES[case]) == "full"


def test_a_run_of_edits_stays_equal_to_full_builds(pair, loads, monkeypatch):
    """Each partial build leaves a snapshot the next one relies on: a sequence must stay equal too."""
    steps = [text_edit("plans/2026/a.yaml", "Văn bản a.", "Sửa 1."),
             text_edit("plans/2026/a.yaml", "loai: ke_hoach\n", "loai: ke_hoach\nso: 8\n"),
             write("plans/2026/c.yaml", DRAFT),
             text_edit("plans/2026/b.yaml", "loai: ke_hoach\n", "loai: ke_hoach\nso: 8\n"),  # a's number: full
             text_edit("plans/2026/b.yaml", "so: 8", "so: 9"),  # a failed build left no snapshot: full
             text_edit("plans/2026/a.yaml", "so: 8", "so: 9"),  # b has 9 now: refused
             text_edit("plans/2026/a.yaml", "so: 9", "so: 10"),
             text_edit("plans/2026/a.yaml", "Sửa 1.", "Sửa 2."),
             text_edit("plans/2026/c.yaml", "- Các phòng chuyên môn thuộc UBND xã", "- UBND huyện Nam Đàn"),
             text_edit("plans/2026/c.yaml", "Nâng cao hiệu quả.", "Sửa c."),  # its notice must be said again
             text_edit("plans/2026/c.yaml", "- UBND huyện Nam Đàn", "- UBND xã Kim Liên"),  # and then no more
             text_edit("plans/2026/c.yaml", "Sửa c.", "Sửa c lần nữa.")]
    routes = [same_as_full(pair, loads, monkeypatch, step) for step in steps]
    assert routes == ["partial", "partial", "partial", "full", "full", "full", "full", "partial",
                      "full", "full", "full", "partial"]
