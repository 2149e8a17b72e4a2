"""Fixture workspaces: small complete projects in a temporary folder, driven through the CLI."""

from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.cli import main

REPO = Path(__file__).resolve().parent.parent

PROFILE = """\
co_quan:
  ten: Ủy ban nhân dân xã Kim Liên
  viet_tat: UBND
  dia_danh: Kim Liên
don_vi:
  VHXH: Phòng Văn hóa - Xã hội
  VP: Văn phòng HĐND và UBND
nguoi_ky:
  chu_tich: {ho_ten: Nguyễn Văn An, chuc_vu: Chủ tịch}
  pho_chu_tich: {ho_ten: Trần Thị Bình, chuc_vu: Phó Chủ tịch}
"""

PLAN = """\
loai: ke_hoach
so: 5
ngay: 2026-03-10
trich_yeu: Triển khai công tác chuyển đổi số năm 2026
can_cu:
  - Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
mo_dau: "Ủy ban nhân dân xã ban hành Kế hoạch như sau:"
noi_dung:
  - muc: Mục đích, yêu cầu
    noi_dung:
      - Nâng cao hiệu quả.
  - Trên đây là Kế hoạch của Ủy ban nhân dân xã.
noi_nhan:
  - Các phòng chuyên môn thuộc UBND xã
luu: VHXH
ky:
  quyen_han: TM
  nguoi: chu_tich
"""


@pytest.fixture(autouse=True)
def pure_python_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """VANBAN_TEST_PURE_YAML=1 runs the tests as on a PyYAML built without libyaml (tests/test_yaml_paths.py)."""
    if os.environ.get("VANBAN_TEST_PURE_YAML") == "1":
        from engine.pipeline import load
        monkeypatch.setattr(load, "_FastLoader", None)
        monkeypatch.setattr(load, "_FastPlainLoader", None)


@dataclass
class Result:
    code: int
    out: str
    err: str


class Workspace:
    """A temporary workspace: write YAML files into it, run `vanban` in it, open what it built."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture) -> None:
        self.root = root
        self.capsys = capsys

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def run(self, *args: str) -> Result:
        self.capsys.readouterr()
        code = main([*args, "--thu-muc", str(self.root)] if args and args[0] == "build" else list(args))
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def output(self, relative: str) -> Path:
        return self.root / "outputs" / relative

    def snapshot(self) -> dict[str, bytes]:
        """Every file under outputs/, to prove a failed build touched nothing."""
        outputs = self.root / "outputs"
        return {p.relative_to(outputs).as_posix(): p.read_bytes() for p in sorted(outputs.rglob("*")) if p.is_file()}


@pytest.fixture
def workspace(tmp_path: Path, capsys: pytest.CaptureFixture) -> Workspace:
    """A minimal commune workspace with one valid plan at plans/2026/ke-hoach.yaml."""
    ws = Workspace(tmp_path / "xa", capsys)
    ws.write("vanban.yaml", PROFILE)
    ws.write("plans/2026/ke-hoach.yaml", PLAN)
    return ws


@pytest.fixture
def sample(tmp_path: Path, capsys: pytest.CaptureFixture) -> Workspace:
    """A copy of the repository's own sample workspace (the seed's commune), its archive and register included."""
    root = tmp_path / "mau"
    root.mkdir()
    shutil.copy(REPO / "vanban.yaml", root / "vanban.yaml")
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "outputs", root / "outputs", ignore=shutil.ignore_patterns(".*.tmp", ".khoa"))
    return Workspace(root, capsys)
