"""The register checked against git: what was committed may not vanish, change, repeat or move.

The year file as committed in HEAD, and every line an issue commit ('Ban hành …') added to it, are the record.
The working register may add lines to them (an issue whose commit is still pending), never lose or alter one.
`repair` rebuilds the year file from that record where it is unambiguous.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from engine.errors import BuildFailed
from engine.files import write_atomically
from engine.registry import git as git
from engine.registry import logbook
from engine.registry.register import FOLDER, HEADER, INTRO, VOID_MARK, Register, content_hash, data_key, insert_lines
from engine.workspace import OUTPUTS

# Commits vanban makes: an issue, and verify --sua archiving what an interrupted issue left (see archive.py).
ISSUE_COMMITS = ("--grep=^Ban hành ", "--grep=^Lưu trữ các văn bản đã ban hành")
VOID_COMMITS = "--grep=^Hủy số "  # `vanban huy-so`: one marker line appended to the year file
ISSUE_PREFIXES = tuple(grep.removeprefix("--grep=^") for grep in ISSUE_COMMITS)
VOID_PREFIXES = (VOID_COMMITS.removeprefix("--grep=^"),)
Key = tuple[str, int]
OUTPUTS_QUERY = ("log", *ISSUE_COMMITS, "--format=", "--name-only", "--diff-filter=A", "--", OUTPUTS)  # issued_outputs


def check(root: Path, register: Register, year: int) -> list[str]:
    """What differs between the year's register and git, in Vietnamese; empty when it agrees."""
    if not git.is_repository(root):
        return []
    current = _data(_read(register.path(year)))
    committed = _data(git.show(root, "HEAD", register.shown(year)) or "")
    problems = [f"số {_ref(k)} có {n} dòng trong sổ" for k, n in Counter(map(data_key, current)).items() if n > 1]
    by_key = {data_key(line): line for line in current}
    kept = []
    for line in committed:
        key = data_key(line)
        if key not in by_key:
            problems.append(f"thiếu dòng số {_ref(key)} đã lưu trong git")
        elif by_key[key] != line:
            problems.append(f"dòng số {_ref(key)} khác với bản đã lưu trong git ({_columns(line, by_key[key])})")
        else:
            kept.append(line)
    kept_lines = set(kept)  # a thousand lines a year: looked up in sets, not lists
    order = [line for line in current if line in kept_lines]
    in_order = set(order)
    if order != [line for line in kept if line in in_order] or len(order) != len(in_order):
        problems.append("các dòng không còn theo thứ tự đã lưu trong git")
    committed_keys = {data_key(line) for line in committed}
    for key in issued_lines(root, register, year):
        if key not in by_key and key not in committed_keys:
            problems.append(f"thiếu dòng số {_ref(key)} đã ban hành trong một commit của vanban ('Ban hành …')")
    problems += _void_problems(root, register, year)
    known = _recorded_outputs(register)
    for output in sorted(issued_outputs(root) - known):
        if _year_of(output) == year:
            problems.append(f"tệp {output} đã ban hành (có trong git) nhưng không có dòng nào trong sổ")
    return problems


def _recorded_outputs(register: Register) -> set[str]:
    """The output of every line of every year file: as the register reads them (read once per command), or line by
    line when a line is broken (every line with the columns of an entry names its output)."""
    try:
        return {entry.output for entry in register.entries()}
    except BuildFailed:
        return {out for y in register.years() for out in _outputs(_data(_read(register.path(y))))}


def _void_problems(root: Path, register: Register, year: int) -> list[str]:
    """Void markers git holds are all still there; each marker is well formed and names a number of its year."""
    problems, current = [], set(_voids(_read(register.path(year))))
    for line in [*_voids(git.show(root, "HEAD", register.shown(year)) or ""), *voided_lines(root, register, year)]:
        if line not in current:
            problems.append(f"thiếu dòng hủy số {_void_ref(line)} đã lưu trong git")
            current.add(line)
    try:
        register.voids(year)  # reads the entries first: a broken entry line is the register reader's, said once
    except BuildFailed as failed:  # a marker broken by hand, or naming no number of the year
        problems.extend(f"dòng {e.location.line}: {e.message}" for e in failed.errors
                        if e.location and e.message.startswith("dòng hủy số"))
    return problems


def repair(root: Path, register: Register, year: int) -> list[str]:
    """Rebuild the year file from git: HEAD's version, lines of issue commits, pending lines whose output matches."""
    path = register.path(year)
    if not git.is_repository(root):
        return ["không phải kho git nên không có lịch sử để khôi phục sổ"]
    committed = git.show(root, "HEAD", register.shown(year))
    lines = (committed or INTRO + "\t".join(HEADER) + "\n").splitlines()
    done: list[str] = []
    present = {data_key(line) for line in _data("\n".join(lines))}
    for key, line in issued_lines(root, register, year).items():
        if key not in present:
            lines, _ = insert_lines(lines, [line]), present.add(key)
            done.append(f"khôi phục dòng số {_ref(key)} từ lịch sử git")
    for line in _data(_read(path)):
        key = data_key(line)
        if key in present or key is None:
            continue
        cells = line.split("\t")
        output = root / cells[HEADER.index("tep")]
        lines, _ = insert_lines(lines, [line]), present.add(key)  # a line git does not know yet is never dropped
        if not output.is_file() or content_hash(output.read_bytes()) != cells[HEADER.index("bam_tep")]:
            done.append(f"giữ dòng số {_ref(key)} (chưa có trong git) nhưng tệp của nó không khớp: hãy kiểm tra")
    kept = _voids(_read(path))
    for line in [*voided_lines(root, register, year), *kept]:  # from git, then those git does not hold yet
        if line not in lines:
            lines.append(line)
            done.append(f"{'giữ' if line in kept else 'khôi phục'} dòng hủy số {_void_ref(line)}")
    text = "\n".join(lines) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8-sig") != text:
        write_atomically(path, text.encode("utf-8"))
        done.append(f"đã ghi lại {register.shown(year)}")
    return done


def years(root: Path, register: Register) -> list[int]:
    """The years with a register file here or in HEAD (a year file deleted by hand is still checked)."""
    found = set(register.years())
    if git.is_repository(root):
        listed = logbook.log(root, ("log", "--format=", "--name-only", "--", FOLDER.as_posix()))
        found |= {int(Path(n).stem) for n in listed.splitlines() if Path(n).suffix == ".tsv" and Path(n).stem.isdigit()}
    return sorted(found)


def issued_lines(root: Path, register: Register, year: int) -> dict[Key, str]:
    """Every line an issue commit added to the year file, the latest version of each number."""
    found: dict[Key, str] = {}
    for message, diff in _changes(root, register, year):
        if _says(message, ISSUE_PREFIXES):
            for raw in diff.splitlines():
                if raw.startswith("+") and not raw.startswith("+++"):
                    key = data_key(raw[1:])
                    if key is not None:
                        found.setdefault(key, raw[1:])
    return found


def voided_lines(root: Path, register: Register, year: int) -> list[str]:
    """Every void marker line a `vanban huy-so` commit added to the year file."""
    return [raw[1:] for message, diff in _changes(root, register, year) if _says(message, VOID_PREFIXES)
            for raw in diff.splitlines() if raw.startswith("+" + VOID_MARK + "\t")]


def numbers_ever(root: Path, register: Register, year: int) -> set[Key]:
    """(series, number) of every line any commit ever wrote in the year file: a number given is never given again."""
    if not git.is_repository(root):
        return set()
    keys = {data_key(raw[1:]) for _, diff in _changes(root, register, year) for raw in diff.splitlines()
            if raw[:1] in "+-" and raw[:3] not in ("+++", "---")}
    return {key for key in keys if key is not None}


def _changes(root: Path, register: Register, year: int) -> list[tuple[str, str]]:
    """(message, diff) of every commit that changed the year file, newest first: one `git log` that the checks
    above share (in `git.remembered`, asked once per command), each picking the commits whose message it wants."""
    out = logbook.log(root, _history_query(register, year))
    parts = out.split("\0")
    return list(zip(parts[1::2], parts[2::2]))


def _history_query(register: Register, year: int) -> tuple[str, ...]:
    return ("log", "--format=%x00%B%x00", "-p", "--unified=0", "--no-color", "--", register.shown(year))


def prefetch(root: Path, register: Register, year: int) -> None:
    """Inside `git.remembered`: ask git now, side by side, what checking the year's register will ask."""
    git.prefetch(root, git.IS_REPOSITORY, ("show", f"HEAD:{register.shown(year)}"))
    logbook.prefetch(root, _history_query(register, year), OUTPUTS_QUERY)


def _says(message: str, prefixes: tuple[str, ...]) -> bool:
    """A line of the message starts with one of `prefixes`: what `git log --grep=^…` selects."""
    return any(line.startswith(prefixes) for line in message.split("\n"))


def issued_outputs(root: Path) -> set[str]:
    """Numbered documents issue commits added under outputs/ (the register itself excluded)."""
    if not git.is_repository(root):
        return set()
    listed = logbook.log(root, OUTPUTS_QUERY)
    register = FOLDER.as_posix()
    return {name for name in listed.splitlines() if name.endswith(".docx") and not name.startswith(register)}


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def _data(text: str) -> list[str]:
    return [line for line in text.splitlines() if data_key(line) is not None]


def _voids(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(VOID_MARK + "\t")]


def _void_ref(line: str) -> str:
    cells = line.split("\t")
    return "/".join(cells[1:3])


def _outputs(lines: list[str]) -> list[str]:
    return [line.split("\t")[HEADER.index("tep")] for line in lines]


def _year_of(output: str) -> int | None:
    parts = output.split("/")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None


def _ref(key: Key | None) -> str:
    return f"{key[1]:02d} (sổ {key[0]})" if key else "?"


def _columns(before: str, after: str) -> str:
    old, new = before.split("\t"), after.split("\t")
    changed = [name for name, a, b in zip(HEADER, old, new) if a != b]
    return "cột " + ", ".join(changed) if changed else "số cột"
