"""A build with nothing to do reads each file once and says what the last build said; anything it cannot vouch
for — any input, output, the manifest, the engine, the snapshot itself — means the full build, never a wrong skip."""

from __future__ import annotations

import pytest

from engine.pipeline import render as render_module
from engine.pipeline import snapshot
from tests.conftest import PLAN
from tests.test_incremental import rendered  # noqa: F401 — the render stage, observed
from tests.test_merge import HOUSEHOLDS, LETTER, git

SNAPSHOT = ".vanban/ban-dung-lan-truoc.json"


@pytest.fixture
def loaded(monkeypatch) -> list[int]:
    """How many builds loaded the workspace (a full build streams it, a partial one loads its few files)."""
    from engine.pipeline import catalog, load

    count: list[int] = []
    for module, name in ((load, "load_workspace"), (catalog, "stream")):
        def counting(*args, real=getattr(module, name), **kwargs):
            count.append(1)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counting)
    return count


@pytest.fixture
def two_letters(workspace):
    """Two merged series reading one list, and the plan."""
    workspace.write("plans/2026/giay-bao.yaml", LETTER)
    workspace.write("plans/2026/thong-bao.yaml", LETTER.replace("giay-bao-{ma_ho}", "thong-bao-{ma_ho}")
                    .replace("gop: true", "gop: false"))
    workspace.write("plans/2026/ho-ngheo.csv", HOUSEHOLDS)
    assert workspace.run("build").code == 0
    return workspace


def built_again(ws, loaded: list[int], rendered: list[str]) -> tuple:
    loaded.clear()
    rendered.clear()
    result = ws.run("build")
    return result, len(loaded), sorted(rendered)


def test_nothing_changed_reads_nothing_again_and_says_the_same(two_letters, loaded, rendered):
    first = two_letters.run("build")
    result, loads, renders = built_again(two_letters, loaded, rendered)
    assert (loads, renders) == (0, [])
    assert result.code == 0 and result.out == first.out and result.err == first.err
    assert "Đã dựng 8 văn bản: 0 mới, 0 thay đổi, 8 không đổi." in result.out


def test_notices_are_said_again_when_nothing_changed(workspace, loaded, rendered):
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("- Các phòng chuyên môn thuộc UBND xã",
                                                             "- Ủy ban nhân dân huyện Kim Sơn"))
    first = workspace.run("build")
    assert "Lưu ý:" in first.err and "huyện" in first.err
    result, loads, _ = built_again(workspace, loaded, rendered)
    assert loads == 0 and result.err == first.err and result.code == 0


def test_a_list_read_by_two_series_edited_rebuilds_both(two_letters, loaded, rendered):
    two_letters.write("plans/2026/ho-ngheo.csv", HOUSEHOLDS.replace("Lò Văn Páo", "Lò Văn Pảo"))
    result, loads, renders = built_again(two_letters, loaded, rendered)
    assert loads == 1 and result.code == 0
    assert renders == ["2026/giay-bao-HN-01.docx", "2026/thong-bao-HN-01.docx"]
    assert "thay đổi   outputs/2026/giay-bao.docx" in result.out  # the combined file


@pytest.mark.parametrize("change", ["profile", "template", "new file", "deleted file", "note file", "engine"])
def test_any_input_changed_means_a_full_build(two_letters, loaded, rendered, monkeypatch, change):
    root = two_letters.root
    if change == "profile":
        profile = (root / "vanban.yaml").read_text(encoding="utf-8")
        (root / "vanban.yaml").write_text(profile.replace("Nguyễn Văn An", "Nguyễn Văn Ân"), encoding="utf-8")
    elif change == "template":
        shipped = render_module.SHIPPED_TEMPLATES / "van-ban-co-ten-loai.docx"
        two_letters.write("templates/docx/van-ban-co-ten-loai.docx", "")
        (root / "templates/docx/van-ban-co-ten-loai.docx").write_bytes(shipped.read_bytes() + b"\0")
    elif change == "new file":
        two_letters.write("plans/2026/moi.yaml", PLAN.replace("so: 5\n", ""))
    elif change == "deleted file":
        (root / "plans/2026/thong-bao.yaml").unlink()
    elif change == "note file":
        two_letters.write("plans/2026/_ghi-chu.yaml", "chỉ là ghi chú")
    else:
        monkeypatch.setattr(snapshot, "engine_fingerprint", lambda: "phiên bản khác")
    result, loads, renders = built_again(two_letters, loaded, rendered)
    assert loads == 1, change
    if change == "new file":
        assert renders == ["2026/moi.docx"]
    if change == "deleted file":
        assert "Đã dựng 5 văn bản" in result.out  # the three letters left, their combined file, the plan


@pytest.mark.parametrize("damage", ["{hỏng", '{"dang": 99}', "[]", "", '{"dang": 1, "dau_vao": null}', None])
def test_a_damaged_or_missing_snapshot_means_a_full_build(two_letters, loaded, rendered, damage):
    path = two_letters.root / SNAPSHOT
    if damage is None:
        path.unlink()
    else:
        path.write_text(damage, encoding="utf-8")
    result, loads, renders = built_again(two_letters, loaded, rendered)
    assert loads == 1 and renders == [] and result.code == 0
    assert "Đã dựng 8 văn bản: 0 mới, 0 thay đổi, 8 không đổi." in result.out
    result, loads, _ = built_again(two_letters, loaded, rendered)  # and the snapshot is whole again
    assert loads == 0


@pytest.mark.parametrize("how", ["edited", "deleted"])
def test_an_output_edited_or_deleted_by_hand_is_rebuilt(two_letters, loaded, rendered, how):
    target = two_letters.output("2026/thong-bao-HN-02.docx")
    original = target.read_bytes()
    if how == "edited":
        target.write_bytes(b"sua tay")
    else:
        target.unlink()
    _, loads, renders = built_again(two_letters, loaded, rendered)
    assert loads == 1 and renders == ["2026/thong-bao-HN-02.docx"]
    assert target.read_bytes() == original


def test_a_damaged_manifest_means_a_full_build(two_letters, loaded, rendered):
    (two_letters.root / ".vanban/ban-dung.json").write_text("{hỏng", encoding="utf-8")
    _, loads, renders = built_again(two_letters, loaded, rendered)
    assert loads == 1 and len(renders) == 7


def test_a_failed_build_leaves_no_snapshot_behind(two_letters, loaded, rendered):
    good = (two_letters.root / "plans/2026/ke-hoach.yaml").read_text(encoding="utf-8")
    two_letters.write("plans/2026/ke-hoach.yaml", "loai: ke_hoach\n")
    assert two_letters.run("build").code == 1
    assert not (two_letters.root / SNAPSHOT).exists()
    two_letters.write("plans/2026/ke-hoach.yaml", good)  # put back as it was: read in full, all unchanged
    result, loads, renders = built_again(two_letters, loaded, rendered)
    assert loads == 1 and renders == [] and "8 không đổi" in result.out


def test_a_list_outside_the_plans_folder_is_watched_too(workspace, loaded, rendered):
    workspace.write("plans/2026/giay-bao.yaml", LETTER.replace("nguon: ho-ngheo.csv", "nguon: ../../ds/ho-ngheo.csv"))
    workspace.write("ds/ho-ngheo.csv", HOUSEHOLDS)
    first = workspace.run("build")
    if first.code != 0:
        pytest.skip("a list outside the workspace's folders is refused: nothing to watch")
    assert built_again(workspace, loaded, rendered)[1] == 0
    workspace.write("ds/ho-ngheo.csv", HOUSEHOLDS.replace("Lò Văn Páo", "Lò Văn Pảo"))
    _, loads, renders = built_again(workspace, loaded, rendered)
    assert loads == 1 and renders == ["2026/giay-bao-HN-01.docx"]


def test_a_symbolic_link_in_plans_is_never_vouched_for(two_letters, loaded, rendered):
    outside = two_letters.root.parent / "ngoai.yaml"
    outside.write_text(PLAN.replace("so: 5\n", ""), encoding="utf-8")
    try:
        (two_letters.root / "plans/2026/lien-ket.yaml").symlink_to(outside)
    except OSError:
        pytest.skip("symbolic links are not allowed here")
    assert two_letters.run("build").code == 0
    outside.write_text(PLAN.replace("so: 5\n", "").replace("Nâng cao hiệu quả.", "Đã sửa."), encoding="utf-8")
    _, loads, renders = built_again(two_letters, loaded, rendered)
    assert loads == 1 and renders == ["2026/lien-ket.docx"]


@pytest.fixture
def issued(workspace):
    assert workspace.run("build").code == 0
    git(workspace.root, "init", "-q")
    git(workspace.root, "add", "-A")
    git(workspace.root, "-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", "commit", "-qm", "Khởi tạo")
    source = workspace.write("plans/2026/thong-bao.yaml", PLAN.replace("so: 5\n", ""))
    assert workspace.run("issue", str(source), "--date", "2026-03-12").code == 0
    assert workspace.run("build").code == 0
    return workspace


def test_an_issued_source_edited_is_refused_at_every_build(issued, loaded, rendered):
    source = issued.root / "plans/2026/thong-bao.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("Nâng cao hiệu quả.", "Đã sửa."), encoding="utf-8")
    for _ in range(2):
        result, loads, _ = built_again(issued, loaded, rendered)
        assert result.code == 1 and loads == 1 and "đã ban hành nên nội dung của nó" in result.err


def test_the_register_edited_by_hand_means_a_full_build(issued, loaded, rendered):
    assert built_again(issued, loaded, rendered)[1] == 0
    register = issued.root / "outputs/so-van-ban-di/2026.tsv"
    register.write_text(register.read_text(encoding="utf-8").replace("\t", "  ", 1), encoding="utf-8")
    result, loads, _ = built_again(issued, loaded, rendered)
    assert loads == 1
