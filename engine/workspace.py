"""The workspace's folders and files: where the profile, the plans and the outputs live."""

from __future__ import annotations

from pathlib import Path

from engine.errors import InputError, Location

PROFILE = "vanban.yaml"
PLANS = "plans"
OUTPUTS = "outputs"    # drafts, the archive of issued documents, and the register
DATA_KEY = "so_lieu"  # a document names the data file it draws on, beside it
ATTACHED_KEY = "kem_theo"  # a quyết định names the texts it issues, inline or as files beside it


def find_workspace(start: Path) -> Path:
    """The nearest folder, from `start` upwards, that holds vanban.yaml."""
    for folder in (start, *start.parents):
        if (folder / PROFILE).is_file():
            return folder
    raise InputError(f"không tìm thấy {PROFILE} ở thư mục này hay thư mục cha nào; "
                     "hãy chạy lệnh trong thư mục làm việc (nơi có vanban.yaml)", Location.of(start))


def document_paths(root: Path) -> list[Path]:
    """plans/**/*.yaml in a stable order; files starting with '_' are notes, not documents."""
    plans = root / PLANS
    found = [*plans.rglob("*.yaml"), *plans.rglob("*.yml")] if plans.is_dir() else []
    return sorted(p for p in found if not p.name.startswith("_"))


def shown_path(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def data_file(document: Path, name: str) -> Path:
    """A file a document names (`so_lieu: <name>`, `kem_theo: <name>`): always beside the document."""
    return document.parent / name


def linked_files(document: Path, value: object) -> list[Path]:
    """The files a document is made from besides itself: its data file and the texts it issues as files.

    `value` is the document's top level as plain Python (a dict), however it was read.
    """
    if not isinstance(value, dict):
        return []
    names: list[str] = []
    for key in (DATA_KEY, ATTACHED_KEY):
        given = value.get(key)
        names += [item for item in (given if isinstance(given, list) else [given]) if isinstance(item, str)]
    return [data_file(document, name) for name in names]
