"""Incremental builds: only drafts whose inputs changed are rendered again; a doubtful manifest rebuilds all."""

from __future__ import annotations

import pytest

from engine.pipeline import render as render_module
from tests.conftest import PLAN


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The outputs each build rendered, in order (the render stage, observed)."""
    names: list[str] = []
    real = render_module.stage_all

    def counting(jobs, templates, *rest):
        names.extend(job.output.as_posix() for job in jobs)
        return real(jobs, templates, *rest)

    monkeypatch.setattr(render_module, "stage_all", counting)
    return names


@pytest.fixture
def three(workspace):
    for name in ("a", "b"):
        workspace.write(f"plans/2026/{name}.yaml", PLAN.replace("so: 5\n", "").replace(
            "Nâng cao hiệu quả.", f"Văn bản {name}."))
    return workspace


def test_a_second_build_renders_nothing(three, rendered):
    assert three.run("build").code == 0
    assert sorted(rendered) == ["2026/a.docx", "2026/b.docx", "2026/ke-hoach.docx"]
    rendered.clear()
    result = three.run("build")
    assert result.code == 0 and rendered == []
    assert "Đã dựng 3 văn bản: 0 mới, 0 thay đổi, 3 không đổi." in result.out


def test_one_edit_renders_one_document(three, rendered):
    assert three.run("build").code == 0
    rendered.clear()
    three.write("plans/2026/b.yaml", PLAN.replace("so: 5\n", "").replace("Nâng cao hiệu quả.", "Đã sửa."))
    result = three.run("build")
    assert rendered == ["2026/b.docx"]
    assert "thay đổi   outputs/2026/b.docx" in result.out


def test_a_hand_edited_output_is_rendered_again(three, rendered):
    assert three.run("build").code == 0
    original = three.output("2026/a.docx").read_bytes()
    three.output("2026/a.docx").write_bytes(b"sua tay")
    rendered.clear()
    assert three.run("build").code == 0
    assert rendered == ["2026/a.docx"] and three.output("2026/a.docx").read_bytes() == original


@pytest.mark.parametrize("damage", ["{hỏng", '{"dang": 99, "tep": {}}', "[]", ""])
def test_a_damaged_manifest_means_a_full_build(three, rendered, damage):
    assert three.run("build").code == 0
    (three.root / ".vanban/ban-dung.json").write_text(damage, encoding="utf-8")
    rendered.clear()
    assert three.run("build").code == 0
    assert len(rendered) == 3


def test_a_workspace_template_or_the_profile_renders_everything_again(three, rendered):
    assert three.run("build").code == 0
    rendered.clear()
    profile = (three.root / "vanban.yaml").read_text(encoding="utf-8")
    (three.root / "vanban.yaml").write_text(profile.replace("Nguyễn Văn An", "Nguyễn Văn Ân"), encoding="utf-8")
    assert three.run("build").code == 0
    assert len(rendered) == 3


def test_a_failed_build_leaves_the_manifest_alone(three, rendered):
    assert three.run("build").code == 0
    before = (three.root / ".vanban/ban-dung.json").read_bytes()
    three.write("plans/2026/b.yaml", "loai: ke_hoach\n")
    assert three.run("build").code == 1
    assert (three.root / ".vanban/ban-dung.json").read_bytes() == before


def test_the_progress_bar_hears_of_every_rendered_document(three):
    from engine.build import build_all

    told: list[int] = []

    class Recorder:
        def update(self, n: int = 1) -> None:
            told.append(n)

        def close(self) -> None:
            told.append(0)

    totals: list[int] = []

    def factory(total: int) -> Recorder:
        totals.append(total)
        return Recorder()

    build_all(three.root, progress=factory)
    assert totals == [3] and told == [1, 1, 1, 0]
    build_all(three.root, progress=factory)  # nothing changed at all: nothing read again, no bar
    assert totals == [3] and told[-1] == 0
    three.write("plans/2026/c.md", "ghi chú")  # a file the build does not use: read again, nothing to render
    build_all(three.root, progress=factory)
    assert totals == [3, 0] and told[-1] == 0


def test_quiet_prints_only_the_summary(three):
    result = three.run("build", "-q")
    assert result.code == 0
    assert result.out.splitlines() == ["Đã dựng 3 văn bản: 3 mới, 0 thay đổi, 0 không đổi."]
