"""A merged series drawn once and filled row by row (engine.pipeline.merge_fill, engine.docx.slots) writes the
very bytes that rendering every row on its own writes: each shipped template, values that XML, Jinja or docxtpl
treat specially, rows the fill must leave to a render of their own, the combined print file, the process pool."""

from __future__ import annotations

import shutil

import pytest

from engine.docx import write as docx_write
from engine.pipeline import merge_fill
from engine.pipeline.manifest import SHIPPED_TEMPLATES
from tests.conftest import PROFILE, Workspace
from tests.docx_view import open_docx, texts
from tests.test_merge import LETTER as MERGED, git, merged, repo  # noqa: F401 (fixtures)

NOTICE = MERGED.replace("ho-ngheo.csv", "ho.csv").replace("giay-bao-", "tb-")

LETTER = """\
loai: cong_van
trich_yeu: "{chu_ho} dự họp rà soát hộ nghèo"
kinh_gui: Hộ ông (bà) {chu_ho}
tron: {nguon: ho.csv, khoa: ma_ho, ten_tep: "cv-{ma_ho}", gop: true}
noi_dung:
  - Ủy ban nhân dân xã mời hộ {chu_ho} ({xom}) dự họp rà soát hộ nghèo năm 2026.
noi_nhan: ["Trưởng {xom}"]
luu: VHXH
ky: {quyen_han: TM, nguoi: chu_tich}
"""

DECISION = """\
loai: quyet_dinh
trich_yeu: Công nhận hộ {chu_ho} thoát nghèo năm 2026
can_cu:
  - Đề nghị của Trưởng {xom}
tron: {nguon: ho.csv, khoa: ma_ho, ten_tep: "qd-{ma_ho}"}
dieu:
  - Công nhận hộ ông (bà) {chu_ho}, {xom} thoát nghèo năm 2026.
  - Quyết định này có hiệu lực kể từ ngày ký.
noi_nhan: ["Hộ {chu_ho}"]
luu: VHXH
ky: {quyen_han: TM, nguoi: chu_tich}
"""

LONG = "Nguyễn Văn " + "Dài " * 80  # a trích yếu past the 255 characters a file's title may hold

HOUSEHOLDS = f"""\
ma_ho,chu_ho,xom
HN-01,Lò Văn Páo,Xóm Đồng Xe
HN-02,"Nguyễn ""Tèo"" & <Tí>",Xóm 'A' > B
HN-03,{{{{ x }}}} {{% if %}} {{# c #}},Xóm 1
HN-04,"Dòng
mới",Xóm có\ttab
HN-05,a_{{_b_}}_c %_ x,Xóm 2
HN-06,{LONG},Xóm 3
HN-07,V/v Hộ đặc biệt,Xóm 4
HN-08,  Khoảng trắng  ,Xóm 5
HN-09,Triệu Thị Mai,Xóm Nạ Khao
"""


def twins(tmp_path, capsys, documents: dict[str, str], rows: str = HOUSEHOLDS) -> tuple[Workspace, Workspace]:
    pair = []
    for name in ("dien", "dung"):
        ws = Workspace(tmp_path / name, capsys)
        ws.write("vanban.yaml", PROFILE)
        for path, text in {**documents, "plans/2026/ho.csv": rows}.items():
            (ws.root / path).parent.mkdir(parents=True, exist_ok=True)
            (ws.root / path).write_text(text, encoding="utf-8")
        pair.append(ws)
    return pair[0], pair[1]


def outputs(ws: Workspace) -> dict[str, bytes]:
    return {p.relative_to(ws.root).as_posix(): p.read_bytes() for p in sorted((ws.root / "outputs").rglob("*.docx"))}


@pytest.fixture
def renders(monkeypatch) -> list[dict]:
    """Every context docxtpl renders in this process."""
    seen: list[dict] = []
    render = docx_write.CompiledTemplate.render

    def counting(self, context, properties):
        seen.append(context)
        return render(self, context, properties)

    monkeypatch.setattr(docx_write.CompiledTemplate, "render", counting)
    return seen


def build_both(filled: Workspace, rendered: Workspace, monkeypatch) -> None:
    assert filled.run("build").code == 0
    monkeypatch.setattr(merge_fill, "FILL", False)
    assert rendered.run("build").code == 0
    monkeypatch.setattr(merge_fill, "FILL", True)


@pytest.mark.parametrize("document", [NOTICE, LETTER, DECISION], ids=["thong_bao", "cong_van", "quyet_dinh"])
def test_every_shipped_template_fills_to_the_bytes_each_render_writes(tmp_path, capsys, monkeypatch, renders,
                                                                       document):
    filled, rendered = twins(tmp_path, capsys, {"plans/2026/tron.yaml": document})
    assert filled.run("build").code == 0
    drawn = len(renders)
    monkeypatch.setattr(merge_fill, "FILL", False)
    assert rendered.run("build").code == 0
    assert len(renders) - drawn == 9  # one render per row without the fill
    assert outputs(filled) == outputs(rendered)
    # One render for the series, and one for each row the fill leaves alone: '{_' (docxtpl's own escape), a
    # title too long for the file's properties, and (công văn) a value that makes the trích yếu start with
    # 'V/v', which the Decree's label replaces. (Line breaks, tabs and outer spaces are gone when the list is read.)
    alone = 3 if document is LETTER else 2
    assert drawn == 1 + alone


def test_the_filled_documents_say_what_the_clerk_typed(tmp_path, capsys, monkeypatch):
    filled, rendered = twins(tmp_path, capsys, {"plans/2026/tron.yaml": NOTICE})
    build_both(filled, rendered, monkeypatch)
    body = texts(open_docx(filled.output("2026/tb-HN-02.docx")))
    assert "Ủy ban nhân dân xã thông báo hộ ông (bà) Nguyễn \"Tèo\" & <Tí>, Xóm 'A' > B thuộc danh sách hộ nghèo năm 2026." in body
    assert "- Trưởng Xóm 'A' > B;" in body
    assert "Công nhận hộ nghèo năm 2026 đối với hộ {{ x }} {% if %} {# c #}" in texts(
        open_docx(filled.output("2026/tb-HN-03.docx")))
    assert filled.run("check", str(filled.root / "outputs/2026/tb-HN-02.docx")).code == 0


def test_a_workspace_template_is_rendered_row_by_row(tmp_path, capsys, monkeypatch, renders):
    filled, rendered = twins(tmp_path, capsys, {"plans/2026/tron.yaml": NOTICE})
    for ws in (filled, rendered):
        (ws.root / "templates/docx").mkdir(parents=True)
        shutil.copy(SHIPPED_TEMPLATES / "van-ban-co-ten-loai.docx", ws.root / "templates/docx")
    build_both(filled, rendered, monkeypatch)
    assert len(renders) == 18
    assert outputs(filled) == outputs(rendered)


def test_a_large_series_fills_on_every_core_with_the_same_bytes(tmp_path, capsys, monkeypatch):
    rows = "ma_ho,chu_ho,xom\n" + "".join(f"HN-{i:03d},Hộ số {i} & <{i}>,Xóm {i % 7}\n" for i in range(60))
    filled, rendered = twins(tmp_path, capsys, {"plans/2026/tron.yaml": NOTICE, "plans/2026/cv.yaml": LETTER}, rows)
    build_both(filled, rendered, monkeypatch)
    made = outputs(filled)
    assert len(made) == 122 and made == outputs(rendered)


def test_one_edited_row_rebuilds_that_document_and_the_combined_file_alone(tmp_path, capsys, monkeypatch, renders):
    filled, rendered = twins(tmp_path, capsys, {"plans/2026/tron.yaml": NOTICE})
    build_both(filled, rendered, monkeypatch)
    for ws in (filled, rendered):
        rows = (ws.root / "plans/2026/ho.csv").read_text(encoding="utf-8")
        (ws.root / "plans/2026/ho.csv").write_text(rows.replace("Triệu Thị Mai", "Triệu Thị Mai Anh"), encoding="utf-8")
    renders.clear()
    result = filled.run("build")
    changed = [line.split()[-1] for line in result.out.splitlines() if line.startswith("  thay đổi")]
    assert changed == ["outputs/2026/tb-HN-09.docx", "outputs/2026/tron.docx"]
    monkeypatch.setattr(merge_fill, "FILL", False)
    assert rendered.run("build").code == 0
    assert outputs(filled) == outputs(rendered)


@pytest.mark.parametrize("damage", ["rác", "edited", "missing"])
def test_what_the_build_remembers_of_the_rows_is_never_trusted_blindly(tmp_path, capsys, monkeypatch, damage):
    filled, rendered = twins(tmp_path, capsys, {"plans/2026/tron.yaml": NOTICE})
    build_both(filled, rendered, monkeypatch)
    remembered = filled.root / ".vanban/khuon-tron.json"
    text = remembered.read_text(encoding="utf-8")
    assert "Lò Văn Páo" in text
    if damage == "rác":
        remembered.write_text("{không phải json", encoding="utf-8")
    elif damage == "edited":  # a value changed by hand: the checksum no longer covers it
        remembered.write_text(text.replace("Lò Văn Páo", "Lò Văn Pá"), encoding="utf-8")
    else:
        remembered.unlink()
    for ws in (filled, rendered):
        rows = (ws.root / "plans/2026/ho.csv").read_text(encoding="utf-8")
        (ws.root / "plans/2026/ho.csv").write_text(rows.replace("Triệu Thị Mai", "Triệu Thị Mai Anh"), encoding="utf-8")
    build_both(filled, rendered, monkeypatch)
    assert outputs(filled) == outputs(rendered)
    assert "Lò Văn Páo" in remembered.read_text(encoding="utf-8")


def test_an_issued_series_is_filled_to_the_bytes_each_render_writes(tmp_path, capsys, monkeypatch, renders):
    filled, rendered = twins(tmp_path, capsys, {"plans/2026/tron.yaml": NOTICE})
    build_both(filled, rendered, monkeypatch)
    for ws in (filled, rendered):
        git(ws.root, "init", "-q")
        git(ws.root, "add", "-A")
        git(ws.root, "-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", "commit", "-qm", "Khởi tạo")
    renders.clear()
    done = filled.run("issue", str(filled.root / "plans/2026/tron.yaml"), "--date", "2026-03-12")
    assert done.code == 0, done.err
    assert len(renders) == 1 + 2 + 1  # the series, once; '{_' and the long title alone; and the first row's
    # number is the probe's own, so that row has one slot fewer: a shape of its own
    monkeypatch.setattr(merge_fill, "FILL", False)
    assert rendered.run("issue", str(rendered.root / "plans/2026/tron.yaml"), "--date", "2026-03-12").code == 0
    assert outputs(filled) == outputs(rendered)
    assert [line for line in done.out.splitlines() if line.startswith("Đã xóa")] == [
        "Đã xóa 10 bản dự thảo (nay thay bằng văn bản đã ban hành) trong outputs/2026/"]
    assert sum(line.startswith("Đã ban hành số") for line in done.out.splitlines()) == 9


def test_an_issue_renders_with_cycle_collection_on(repo, monkeypatch):
    """docxtpl leaves cyclic garbage per document: an issue of thousands of rows rendered one by one held gigabytes
    while the issue kept the collector off for its register work."""
    import gc

    from engine import issue as issue_module

    seen: list[bool] = []
    render_all = issue_module.render_all

    def watching(jobs, templates):
        seen.append(gc.isenabled())
        return render_all(jobs, templates)

    monkeypatch.setattr(issue_module, "render_all", watching)
    done = repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"), "--date", "2026-03-12")
    assert done.code == 0, done.err
    assert seen == [True] and gc.isenabled()


NEAR_LIMIT = """\
loai: thong_bao
trich_yeu: "Công nhận hộ nghèo năm 2026 đối với hộ{tail} {{a}} {{b}} {{c}}"
tron: {{nguon: ho.csv, khoa: ma_ho, ten_tep: "tb-{{ma_ho}}", gop: true}}
noi_dung:
  - Ủy ban nhân dân xã thông báo hộ {{a}}.
  - "Ký hiệu riêng \\ue0000\\ue001 của xã"
noi_nhan: ["Trưởng xóm"]
luu: VHXH
ky: {{quyen_han: TM, nguoi: chu_tich}}
"""

EMPTY_IN_ATTACHED = {
    "plans/2026/qc.yaml": """\
loai: quy_che
trich_yeu: Quản lý hộ {chu_ho} {ghi_chu}
noi_dung:
  - chuong: Quy định chung
    noi_dung:
      - dieu: Phạm vi
        khoan: "{ghi_chu}"
  - bang: "{ghi_chu}"
    cot: [STT, Ghi chú]
    dong:
      - [1, "{ghi_chu}"]
""",
    "plans/2026/qd.yaml": """\
loai: quyet_dinh
trich_yeu: Ban hành Quy chế quản lý hộ {chu_ho}
can_cu:
  - Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
tron: {nguon: ho.csv, khoa: ma_ho, ten_tep: "qd-{ma_ho}", gop: true}
dieu:
  - Ban hành kèm theo Quyết định này Quy chế quản lý hộ {chu_ho}.
  - Quyết định này có hiệu lực kể từ ngày ký.
noi_nhan: ["Hộ {chu_ho}"]
luu: VHXH
ky: {quyen_han: TM, nguoi: chu_tich}
kem_theo: [qc.yaml]
"""}


@pytest.mark.parametrize("case", ["near_limit", "empty_in_attached"])
def test_what_a_fill_cannot_see_is_rendered_row_by_row(tmp_path, capsys, monkeypatch, case):
    """Found by review, each once different from rendering the row: a title under the 255 characters of the file's
    properties whose probe (markers are longer than one-letter values) is over them; a marker's characters typed in
    the YAML itself; an empty value (used only in an attached text, so allowed) that the render draws as nothing."""
    if case == "near_limit":
        documents = {"plans/2026/tron.yaml": NEAR_LIMIT.format(tail=" rất dài" * 26)}
        rows = "ma_ho,a,b,c\nHN-01,x,y,z\nHN-02,xy,y,z\nHN-03,Lò Văn Páo,Lò,Mai\n"
    else:
        documents = EMPTY_IN_ATTACHED
        rows = "ma_ho,chu_ho,ghi_chu\nHN-01,Lò Văn Páo,có ghi chú\nHN-02,Triệu Thị Mai,\nHN-03,Hoàng Văn Sình,x\n"
    filled, rendered = twins(tmp_path, capsys, documents, rows)
    build_both(filled, rendered, monkeypatch)
    assert outputs(filled) == outputs(rendered)
