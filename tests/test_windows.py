"""Where clerks work: Windows behaviours the CI machine cannot show, simulated — a DOCX held open by Word,
a folder that cannot be opened for fsync, LibreOffice installed in Program Files and not on PATH."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine import files
from engine.pipeline import pdf
from tests.conftest import PLAN


def test_a_document_open_in_word_is_named_and_nothing_changes(workspace, monkeypatch):
    workspace.write("plans/2026/thong-bao.yaml", PLAN.replace("loai: ke_hoach", "loai: thong_bao").replace(
        "so: 5\n", ""))
    assert workspace.run("build").code == 0
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("Nâng cao hiệu quả.", "Nâng cao hiệu quả hơn."))
    workspace.write("plans/2026/thong-bao.yaml", PLAN.replace("loai: ke_hoach", "loai: thong_bao").replace(
        "so: 5\n", "").replace("Nâng cao hiệu quả.", "Đổi nội dung."))
    before = workspace.snapshot()
    held = workspace.output("2026/thong-bao.docx")
    real_replace = os.replace

    def word_holds_it(source, target, *args, **kwargs):
        if Path(source) == held or Path(target) == held:  # Windows: a file open in Word cannot be moved
            raise PermissionError(13, "Permission denied", str(held))
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", word_holds_it)
    result = workspace.run("build")
    monkeypatch.setattr(os, "replace", real_replace)
    assert result.code == 1
    assert "không ghi được thong-bao.docx" in result.err and "hãy đóng tệp rồi chạy lại" in result.err
    assert "Traceback" not in result.err
    assert workspace.snapshot() == before  # ke-hoach.docx, moved first, was put back
    assert not [p for p in (workspace.root / "outputs").rglob("*.tmp")]


def test_no_folder_fsync_on_windows(tmp_path, monkeypatch):
    real_open = os.open

    def refuse_folders(path, *args, **kwargs):
        if Path(path).is_dir():
            raise PermissionError(13, "Permission denied")  # what Windows says to os.open on a directory
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files, "on_windows", lambda: True)
    monkeypatch.setattr(os, "open", refuse_folders)
    files.write_atomically(tmp_path / "so.tsv", b"01\n")
    assert (tmp_path / "so.tsv").read_bytes() == b"01\n"


def test_libreoffice_is_found_in_program_files(tmp_path, monkeypatch):
    soffice = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "STANDARD_PLACES", (tmp_path / "nowhere.exe", soffice))
    assert pdf.office() == str(soffice)


def test_without_libreoffice_the_hint_fits_the_system(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "STANDARD_PLACES", ())
    with pytest.raises(Exception) as missing:
        pdf.office()
    assert "LibreOffice" in str(missing.value)
    assert "libreoffice.org" in pdf.install_hint("win32") and "apt-get" not in pdf.install_hint("win32")
    assert "apt-get install" in pdf.install_hint("linux")


def test_vietnamese_output_survives_a_windows_code_page(tmp_path):
    """cp1258 (or cp1252) on a redirected stdout could not print 'một' and crashed; vanban speaks UTF-8."""
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "engine", "doc-so", "1250000"], capture_output=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").strip() == "một triệu hai trăm năm mươi nghìn"
