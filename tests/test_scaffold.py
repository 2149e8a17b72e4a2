"""A clerk's own office from an empty folder: `vanban init`, `vanban new`, `vanban build`, `vanban issue`."""

from __future__ import annotations

import subprocess

import pytest

from engine.check import check_document
from engine.pipeline.unfinished import UNFINISHED
from engine.scaffold import Office, init, new, kinds_offered
from tests.conftest import Workspace
from tests.docx_view import open_docx, texts

OFFICE = Office(name="Ủy ban nhân dân xã Tam Đảo", signers=(("chu_tich", "Lê Văn Hòa", "Chủ tịch"),
                                                               ("pho_chu_tich", "Đỗ Thị Mai", "Phó Chủ tịch")),
                unit=("VHXH", "Công chức Văn hóa - Xã hội"), locality_key="thon",
                localities=("Thôn Đồng Bùa", "Thôn Làng Chanh"), year=2026)


def complete(path):
    """What the clerk does before issuing: every "Ghi … ở đây" of a skeleton or draft replaced by real text."""
    path.write_text(UNFINISHED.sub("Văn phòng xã", path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


@pytest.fixture
def office(tmp_path, capsys) -> Workspace:
    init(tmp_path / "tam-dao", OFFICE)
    return Workspace(tmp_path / "tam-dao", capsys)


@pytest.mark.parametrize("kind", [*kinds_offered()])
def test_every_skeleton_builds_as_it_is_and_passes_the_check(office, kind):
    path = new(office.root, kind, year=2026)
    assert path.read_text(encoding="utf-8").splitlines()[1].startswith("# Bản dự thảo do `vanban new` tạo")
    result = office.run("build")
    assert result.code == 0, result.err
    built = office.output(f"2026/{path.stem}.docx")
    assert check_document(built) == [], [str(v) for v in check_document(built)]
    assert "XÃ TAM ĐẢO" in texts(open_docx(built))


def test_figures_and_estimate_skeletons_build_with_the_documents_that_use_them(office):
    new(office.root, "so-lieu-giam-ngheo", year=2026)
    new(office.root, "du-toan", year=2026)
    assert office.run("build").code == 0
    figures = (office.root / "plans/2026/so-lieu-giam-ngheo.yaml").read_text(encoding="utf-8")
    assert "thon:\n  - {ten: \"Thôn Đồng Bùa\"" in figures


def test_init_writes_the_office_and_refuses_to_overwrite_one(tmp_path, capsys):
    root = tmp_path / "tam-dao"
    init(root, OFFICE)
    profile = (root / "vanban.yaml").read_text(encoding="utf-8")
    assert 'ten: "Ủy ban nhân dân xã Tam Đảo"' in profile and 'dia_danh: "Tam Đảo"' in profile
    assert "thon:" in profile and '  - "Thôn Làng Chanh"' in profile
    assert (root / "plans/2026").is_dir() and (root / ".gitattributes").read_text() == "outputs/**/*.docx diff=vanban\n"
    with pytest.raises(Exception) as refused:
        init(root, OFFICE)
    assert "không ghi đè" in str(refused.value)
    assert (root / "vanban.yaml").read_text(encoding="utf-8") == profile


def test_new_never_overwrites_a_plan(office):
    new(office.root, "thong-bao", year=2026)
    with pytest.raises(Exception) as refused:
        new(office.root, "thong-bao", year=2026)
    assert "tệp đã có" in str(refused.value)


def test_an_office_started_from_nothing_issues_its_own_number_01(office):
    subprocess.run(["git", "init", "-q", str(office.root)], check=True)
    path = complete(new(office.root, "thong-bao", "hop-dan", year=2026))
    done = office.run("issue", str(path), "--date", "2026-03-02")
    assert done.code == 0, done.err
    assert "Đã ban hành số 01/TB-UBND ngày 02/03/2026" in done.out


def test_from_an_empty_folder_with_the_command_line(tmp_path, capsys):
    """The clerk's first morning: init with flags, new, build, issue: number 01 in the office's own register."""
    from engine.cli import main

    root = tmp_path / "xa-tam-dao"
    assert main(["init", str(root), "--ten", "Ủy ban nhân dân xã Tam Đảo", "--nguoi-ky",
                 "chu_tich=Lê Văn Hòa,Chủ tịch", "--don-vi", "VHXH=Công chức Văn hóa - Xã hội",
                 "--dia-ban", "thon", "--ten-dia-ban", "Thôn 1", "--nam", "2026"]) == 0
    assert "Đã tạo thư mục làm việc" in capsys.readouterr().out
    assert main(["new", "thong-bao", "--thu-muc", str(root), "--nam", "2026"]) == 0
    assert main(["build", "--thu-muc", str(root)]) == 0
    assert "  mới        outputs/2026/thong-bao.docx" in capsys.readouterr().out
    complete(root / "plans/2026/thong-bao.yaml")
    assert main(["issue", str(root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-02"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[-2:-1] == ["Đã ban hành số 01/TB-UBND ngày 02/03/2026: outputs/2026/01-TB-UBND-thong-bao.docx"]
    assert said[-1].startswith("Đã lưu vào lịch sử git (commit ")  # and nothing after: no "chưa là kho git"
    assert (root / ".git").is_dir()


def test_init_without_the_agency_name_in_a_script_says_what_is_missing(tmp_path, capsys, monkeypatch):
    from engine.cli import main

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["init", str(tmp_path / "x")]) == 1
    assert "thiếu thông tin: Tên đầy đủ của cơ quan" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_init_saves_the_new_workspace_as_git_s_first_commit_ready_to_share(tmp_path, capsys):
    """Nothing left untracked (vanban.yaml, schema/, .gitignore): the folder can be pushed to a kho chung as it is."""
    from engine.cli import main

    root = tmp_path / "xa-tam-dao"
    assert main(["init", str(root), "--ten", "Ủy ban nhân dân xã Tam Đảo", "--nguoi-ky",
                 "chu_tich=Lê Văn Hòa,Chủ tịch", "--nam", "2026"]) == 0
    assert "Đã lưu thư mục làm việc vào git (commit " in capsys.readouterr().out
    git = ["git", "-C", str(root)]
    assert subprocess.run([*git, "status", "--porcelain", "--untracked-files=all"], capture_output=True,
                          text=True, check=True).stdout == ""
    tracked = subprocess.run([*git, "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    assert {"vanban.yaml", ".gitignore", ".gitattributes", "schema/vanban.schema.json"} <= set(tracked)


def test_a_skeleton_not_yet_completed_is_refused_at_issue_and_takes_no_number(office):
    """The number an issue gives is never given again: a draft still saying "Ghi … ở đây" keeps it."""
    subprocess.run(["git", "init", "-q", str(office.root)], check=True)
    path = new(office.root, "quyet-dinh", year=2026)
    before = office.snapshot()
    refused = office.run("issue", str(path), "--date", "2026-03-02")
    assert refused.code == 1
    lines = refused.err.splitlines()
    assert lines[0] == ("plans/2026/quyet-dinh.yaml:5:20: còn chỗ của tệp mẫu chưa thay bằng nội dung thật: "
                        "«ghi trích yếu của quyết định ở đây»")
    assert any("«Ghi nội dung Điều 1 ở đây»" in line for line in lines)
    assert lines[-1].startswith("Không có văn bản nào được ghi:")
    assert office.snapshot() == before and not (office.root / "outputs/so-van-ban-di/2026.tsv").exists()
    done = office.run("issue", str(complete(path)), "--date", "2026-03-02")
    assert done.code == 0, done.err
    assert "Đã ban hành số 01/QĐ-UBND" in done.out


def test_a_department_s_date_line_names_its_province_not_the_last_word_of_its_name(tmp_path, capsys, monkeypatch):
    """`Sở Tài chính` has no place in its name: "chính, ngày …" was written; the parent's province is used, or asked."""
    from engine.cli import main

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    office = ["--ten", "Sở Tài chính", "--viet-tat", "STC", "--nguoi-ky", "giam_doc=Nguyễn Văn A,Giám đốc"]
    assert main(["init", str(tmp_path / "stc"), *office, "--chu-quan", "UBND tỉnh Nghệ An"]) == 0
    profile = (tmp_path / "stc/vanban.yaml").read_text(encoding="utf-8")
    assert '  dia_danh: "Nghệ An"                 # dòng ngày: Nghệ An, ngày … tháng … năm …' in profile.splitlines()
    capsys.readouterr()
    assert main(["init", str(tmp_path / "khong-ro"), *office]) == 1
    assert "thiếu thông tin: Địa danh ở dòng ngày tháng" in capsys.readouterr().err
    assert not (tmp_path / "khong-ro").exists()
