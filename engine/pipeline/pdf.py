"""PDF beside each DOCX, through LibreOffice in headless mode (Liberation Serif stands in for Times New Roman)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from engine.errors import OutputError

PACKAGE_HINT = ("cần LibreOffice để xuất PDF; trên Debian/Ubuntu hãy cài: "
                "sudo apt-get install libreoffice-writer-nogui fonts-liberation2")
WINDOWS_HINT = ("cần LibreOffice để xuất PDF; hãy tải và cài LibreOffice (libreoffice.org), rồi chạy lại lệnh; "
                "vanban tìm nó trong Program Files")
MAC_HINT = "cần LibreOffice để xuất PDF; hãy cài LibreOffice (libreoffice.org) vào thư mục Applications"
# Where the installers put it when it is not on PATH (Windows never puts it there).
STANDARD_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)


def stale(docx_paths: list[Path]) -> list[Path]:
    """The DOCX files whose PDF is missing or older: a PDF is remade only when its document changed."""
    return [p for p in docx_paths
            if not p.with_suffix(".pdf").exists() or p.with_suffix(".pdf").stat().st_mtime < p.stat().st_mtime]


def office() -> str:
    """The LibreOffice command; asked before anything is written, so a missing one costs nothing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    found = found or next((str(p) for p in STANDARD_PLACES if p.is_file()), None)
    if found is None:
        raise OutputError(install_hint())
    return found


def install_hint(platform: str = sys.platform) -> str:
    """How to get LibreOffice, said for the clerk's own system."""
    if platform.startswith("win"):
        return WINDOWS_HINT
    return MAC_HINT if platform == "darwin" else PACKAGE_HINT


def convert(docx_paths: list[Path]) -> list[Path]:
    """Write `x.pdf` beside each `x.docx`; one LibreOffice run per folder."""
    command = office()
    folders: dict[Path, list[Path]] = {}
    for path in docx_paths:
        folders.setdefault(path.parent, []).append(path)
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as profile:
        for folder, paths in folders.items():
            _run(command, profile, folder, paths)
    missing = [p for p in docx_paths if not p.with_suffix(".pdf").exists()]
    if missing:
        raise OutputError(f"LibreOffice không tạo được PDF cho {', '.join(p.name for p in missing)}")
    return [p.with_suffix(".pdf") for p in docx_paths]


def _run(office: str, profile: str, folder: Path, paths: list[Path]) -> None:
    command = [office, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "pdf",
               "--outdir", str(folder), *(str(p) for p in paths)]
    try:
        subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise OutputError(f"LibreOffice dừng khi xuất PDF ({exc})") from None
