"""The workspace's folders and files: where the profile, the plans and the outputs live."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from engine.errors import InputError, Location, os_reason

PROFILE = "vanban.yaml"
PLANS = "plans"
OUTPUTS = "outputs"    # drafts, the archive of issued documents, and the register
REGISTER_FOLDER = Path(OUTPUTS) / "so-van-ban-di"  # the register (sổ văn bản đi): one TSV file a year
STATE = ".vanban"  # the workspace's own working files (the lock, an issue's intent, caches): never archived
DATA_KEY = "so_lieu"  # a document names the data file it draws on, beside it
ATTACHED_KEY = "kem_theo"  # a quyết định names the texts it issues, inline or as files beside it
MERGE_KEY = "tron"  # a merged document names its list (`tron: {nguon: ho-ngheo.csv, …}`): one document per row
WORKBOOK = ".xlsx"     # a figures file may be an Excel workbook (engine.pipeline.sheets)
EXCEL_OWNER = "~$"
MAX_BYTES = 10 * 1024 * 1024  # a YAML file of the clerk's; the largest real one is a few hundred KB


def find_workspace(start: Path) -> Path:
    """The nearest folder, from `start` upwards, that holds vanban.yaml."""
    for folder in (start, *start.parents):
        if (folder / PROFILE).is_file():
            return folder
    raise InputError(f"không tìm thấy {PROFILE} ở thư mục này hay thư mục cha nào; "
                     "hãy chạy lệnh trong thư mục làm việc (nơi có vanban.yaml), hoặc tạo thư mục làm việc mới bằng "
                     "'vanban init'", Location.of(start))


def document_paths(root: Path) -> list[Path]:
    """plans/**/*.yaml and the figures kept as workbooks (*.xlsx), in a stable order; files starting with '_'
    are notes, not documents, and '~$…' is the lock file Excel keeps beside a workbook it has open.

    Hidden files and folders ('.#x.yaml', an editor's lock) and dangling symbolic links are skipped; a link
    loop, a FIFO or a device is kept, so that reading it reports it (read_limited).
    """
    plans = root / PLANS
    found = [*plans.rglob(_PATTERNS[0]), *plans.rglob(_PATTERNS[1]), *plans.rglob(_PATTERNS[2])] \
        if plans.is_dir() else []
    return sorted(p for p in found if _listed(plans, p))


_PATTERNS = ("*.yaml", "*.yml", f"*{WORKBOOK}")


def is_document_path(root: Path, path: Path) -> bool:
    """Whether document_paths(root) would list this file under plans/, without walking the folder."""
    plans = root / PLANS
    return plans in path.parents and any(path.match(p) for p in _PATTERNS) and _listed(plans, path)


def _listed(plans: Path, path: Path) -> bool:
    return not path.name.startswith(("_", EXCEL_OWNER)) and not _hidden(path.relative_to(plans)) \
        and not _dangling(path)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _dangling(path: Path) -> bool:
    try:
        os.stat(path)
    except FileNotFoundError:
        return path.is_symlink()
    except OSError:
        return False
    return False


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them; OSError with a Vietnamese strerror otherwise.

    Checked before opening: opening a FIFO waits for a writer, and /dev/zero never ends.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(exc.errno, "liên kết tượng trưng tạo thành vòng lặp", str(path)) from None
        raise OSError(exc.errno, os_reason(exc), str(path)) from None
    if not stat.S_ISREG(mode):
        kind = "thư mục" if stat.S_ISDIR(mode) else "ống FIFO" if stat.S_ISFIFO(mode) else "thiết bị hoặc socket"
        raise OSError(errno.EINVAL, f"không phải tệp thường mà là {kind}", str(path))
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:  # no permission to read, or gone since the stat
        raise OSError(exc.errno, os_reason(exc), str(path)) from None
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"tệp quá lớn (hơn {limit // (1024 * 1024)} MB)", str(path))
    return data


def shown_path(root: Path, path: Path) -> str:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: show the link itself
        resolved = path.parent.resolve() / path.name
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def data_file(document: Path, name: str) -> Path:
    """A file a document names (`so_lieu: <name>`, `kem_theo: <name>`): always beside the document."""
    return document.parent / name


def linked_files(document: Path, value: object) -> list[Path]:
    """The files a document is made from besides itself: its data file, the texts it issues as files, its list.

    `value` is the document's top level as plain Python (a dict), however it was read.
    """
    if not isinstance(value, dict):
        return []
    names: list[str] = []
    for key in (DATA_KEY, ATTACHED_KEY):
        given = value.get(key)
        names += [item for item in (given if isinstance(given, list) else [given]) if isinstance(item, str)]
    merge = value.get(MERGE_KEY)
    if isinstance(merge, dict) and isinstance(merge.get("nguon"), str):
        names.append(merge["nguon"])
    return [data_file(document, name) for name in names]
