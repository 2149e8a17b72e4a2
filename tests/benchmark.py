"""Benchmark, not a test: vanban against bare docxtpl given the same finished content, and whole builds.

Run `python -m tests.benchmark [N]` (default 100). Two parts, printed side by side:

1. Render: the sample's report (chart and tables included) N times. Bare docxtpl opens, patches and
   compiles the template for every document and gets the very context vanban renders — charts already
   InlineChart, tables already OOXML — so both draw the same document. The floor is rewriting the
   template's zip, the least any generator must do. Rounds alternate (bare, vanban, floor) and the median
   of each is reported, so neither side profits from a warm cache.
2. Builds: a workspace of N thông báo built cold, again with nothing changed, after one edit and after one
   file added (both the partial build), with wall time and peak memory (of a child process, so each scenario
   starts clean).

`python -m tests.benchmark tron [N]` (default 5,000) builds one merged YAML over an N-row list, its combined print
file included: cold, nothing changed, one row edited.
`python -m tests.benchmark so [N]` (default 10,000) times `vanban issue` into a generated register of N entries, in
the call and as the clerk's whole `python -m engine issue` process, without and with the archive's hash cache.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROUNDS = 5


def report_job():
    """The sample's báo cáo kết quả: text, a chart and two tables."""
    from engine.pipeline.compute import compute
    from engine.pipeline.load import load_workspace
    from engine.pipeline.number import draft_name, number_documents
    from engine.pipeline.validate import validate
    from engine.workspace import PLANS

    errors: list = []
    profile, documents = validate(load_workspace(REPO, errors), errors)
    numbering = number_documents(profile, documents, {}, errors)
    assert not errors, errors
    document = next(d for d in documents if d.source.name == "bao-cao-ket-qua-giam-ngheo.yaml")
    return compute(document, numbering[document.key], draft_name(document, REPO / PLANS))


def bare_once(path: Path, context: dict) -> bytes:
    """What a script on docxtpl alone does: open, patch, compile and render the template, every time."""
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from engine.docx.write import _drawable

    template = DocxTemplate(str(path))
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    template.render(_drawable(context, template), jinja_env=env, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def bare_docxtpl(path: Path, context: dict, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        bare_once(path, context)
    return time.perf_counter() - start


def engine_render(job, templates, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        templates.get(job.template).render(job.context, job.properties)
    return time.perf_counter() - start


def zip_floor(path: Path, count: int) -> float:
    """Read every part of the template and write them to a new zip: no generator can do less."""
    start = time.perf_counter()
    for _ in range(count):
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(io.BytesIO(), "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                target.writestr(info, source.read(info.filename))
    return time.perf_counter() - start


def render_part(count: int) -> None:
    from engine.pipeline.render import TemplateSet

    job = report_job()
    templates = TemplateSet(REPO)
    path = templates.get(job.template).path
    times: dict[str, list[float]] = {"docxtpl trần": [], "vanban": [], "sàn (ghi lại zip)": []}
    for _ in range(ROUNDS):
        times["docxtpl trần"].append(bare_docxtpl(path, job.context, count) / count)
        times["vanban"].append(engine_render(job, templates, count) / count)
        times["sàn (ghi lại zip)"].append(zip_floor(path, count) / count)
    ours = statistics.median(times["vanban"])
    print(f"Dựng một văn bản (báo cáo có biểu đồ và bảng), {count} lần × {ROUNDS} lượt, trung vị:")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<18} {median * 1000:7.2f} ms/văn bản  ({median / ours:4.2f} × vanban)")


NOTICE = """\
loai: thong_bao
trich_yeu: Về việc rà soát hộ nghèo số {i}
noi_dung:
  - Ủy ban nhân dân xã thông báo cho hộ số {i} về việc rà soát hộ nghèo năm 2026.
noi_nhan: [Hộ số {i}]
luu: VHXH
ky: {{quyen_han: TM, nguoi: chu_tich}}
"""

MEASURE = textwrap.dedent("""\
    import json, resource, sys, time
    from pathlib import Path
    from engine.build import build
    start = time.perf_counter()
    build(Path(sys.argv[1]))
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux keeps the benchmark's own across exec:
    status = Path("/proc/self/status")  # so the peak of this process alone, where Linux says it
    if status.exists():
        peak = next(int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmHWM")) / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest render worker
    print(json.dumps({"wall": wall, "peak_mib": peak, "worker_mib": workers}))
""")


def build_part(count: int, merged: bool = False) -> None:
    """N separate thông báo, or (merged) one YAML merging an N-row list with its combined print file."""
    from tests.conftest import PROFILE
    from tests.test_merge import LETTER

    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as folder:
        root = Path(folder)
        (root / "vanban.yaml").write_text(PROFILE, encoding="utf-8")
        plans = root / "plans" / "2026"
        plans.mkdir(parents=True)
        if merged:
            (plans / "giay-bao.yaml").write_text(LETTER, encoding="utf-8")
            write_households(plans / "ho-ngheo.csv", count, edited=False)
            print(f"Dựng cả thư mục: một tệp trộn {count} hộ, có tệp gộp để in (gop: true)")
        else:
            for i in range(count):
                (plans / f"tb-{i:05d}.yaml").write_text(NOTICE.format(i=i), encoding="utf-8")
            print(f"Dựng cả thư mục: {count} thông báo")
        for scenario in ("lần đầu", "không đổi gì", *(("sửa một dòng",) if merged else ("sửa một tệp", "thêm một tệp"))):
            if scenario == "sửa một dòng":
                write_households(plans / "ho-ngheo.csv", count, edited=True)
            elif scenario == "sửa một tệp":
                (plans / "tb-00000.yaml").write_text(NOTICE.format(i="đã sửa"), encoding="utf-8")
            elif scenario == "thêm một tệp":
                (plans / "tb-moi.yaml").write_text(NOTICE.format(i="mới"), encoding="utf-8")
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", MEASURE, str(root)], capture_output=True, text=True,
                                  cwd=REPO, check=True)
            whole = time.perf_counter() - started  # with the interpreter's start, as a clerk waits for it
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"  {scenario:<14} {result['wall']:7.2f} s  ({result['wall'] / count * 1000:6.2f} ms/văn bản; cả "
                  f"tiến trình {whole:.2f} s), bộ nhớ đỉnh {result['peak_mib']:.0f} MiB, tiến trình dựng lớn nhất "
                  f"{result['worker_mib']:.0f} MiB")
            if scenario == "lần đầu":
                cold = result["wall"]
        floor_per_core(root, cold, count)
        shutil.rmtree(root / "outputs", ignore_errors=True)


def floor_per_core(root: Path, cold: float, count: int) -> None:
    """The cold build's time per document and core against the zip-rewrite floor of one of its documents."""
    import os

    sample = next((root / "outputs").rglob("*.docx"))
    floor = statistics.median(zip_floor(sample, 100) / 100 for _ in range(ROUNDS))
    cores = os.cpu_count() or 1
    ours = cold * cores / count
    print(f"  sàn (ghi lại zip một văn bản đã dựng) {floor * 1000:.2f} ms/văn bản; vanban lần đầu {ours * 1000:.2f} ms "
          f"mỗi văn bản trên mỗi lõi ({cores} lõi) = {ours / floor:.1f} × sàn")


def write_households(path: Path, count: int, edited: bool) -> None:
    """An illustrative list of `count` households; `edited` changes one row's name, in the middle."""
    rows = [f"HN-{i:05d},{'Hộ đã sửa' if edited and i == count // 2 else f'Chủ hộ số {i}'},Xóm {i % 17 + 1}"
            for i in range(count)]
    path.write_text("ma_ho,chu_ho,xom\n" + "\n".join(rows) + "\n", encoding="utf-8")


def issued_workspace(root: Path, count: int, today: "dt.date") -> None:
    """A workspace whose register holds `count` issued thông báo (1,000 a year, the last year `today`'s, its dates
    spread up to `today` so that a clerk's issue today follows them), its git history as issues make it: one
    'Ban hành' commit per document with its source, its output and the year file. Written with git fast-import,
    not issued one by one (that would take hours at 10,000)."""
    import datetime as dt

    from engine.registry.register import FOLDER, HEADER, INTRO, Entry, content_hash, source_hash
    from tests.conftest import PROFILE

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.name", "Văn thư")
    git("config", "user.email", "vanthu@example.org")
    importer = subprocess.Popen(["git", "-C", str(root), "fast-import", "--quiet"], stdin=subprocess.PIPE)
    assert importer.stdin is not None
    stream = importer.stdin  # written as made: 10,000 versions of growing year files are gigabytes in all

    def commit(message: str, files: dict[str, bytes], at: int) -> None:
        text = message.encode("utf-8")
        stream.write(b"commit refs/heads/master\ncommitter V\xc4\x83n th\xc6\xb0 <vanthu@example.org> "
                     + f"{at} +0700\ndata {len(text)}\n".encode() + text + b"\n")
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
            stream.write(f"M 100644 inline {name}\ndata {len(data)}\n".encode("utf-8") + data + b"\n")
        stream.write(b"\n")

    started = int(time.time()) - 86_400
    commit("Thông tin cơ quan", {"vanban.yaml": PROFILE.encode("utf-8")}, started - count)
    years = (count + 999) // 1000
    lines: dict[int, list[str]] = {}
    for i in range(count):
        year = today.year - years + 1 + i // 1000
        number = i % 1000 + 1
        days = (today - dt.date(year, 1, 1)).days if year == today.year else 360
        source = root / "plans" / str(year) / f"tb-{number:04d}.yaml"
        output = root / "outputs" / str(year) / f"{number:04d}-TB-UBND-tb-{number:04d}.docx"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(NOTICE.format(i=i), encoding="utf-8")
        made = f"văn bản {i}".encode("utf-8") * 100
        entry = Entry(number, "TB-UBND", dt.date(year, 1, 1) + dt.timedelta(days=(number - 1) * days // 1000),
                      "chung", "Thông báo", f"Về việc rà soát hộ nghèo số {i}", "Nguyễn Văn An", f"Hộ số {i}",
                      "VT, VHXH", "", "", source.relative_to(root).as_posix(), source_hash(source),
                      output.relative_to(root).as_posix(), content_hash(made))
        lines.setdefault(year, []).append(entry.line())
        register = INTRO + "\t".join(HEADER) + "\n" + "\n".join(lines[year]) + "\n"
        commit(f"Ban hành {entry.reference}: {entry.summary}",
               {entry.source: source.read_bytes(), entry.output: made,
                (FOLDER / f"{year}.tsv").as_posix(): register.encode("utf-8")}, started - count + i + 1)
    stream.close()
    if importer.wait() != 0:
        raise RuntimeError("git fast-import failed")
    git("reset", "-q")  # the index as a clerk's is: HEAD's files, their state known
    git("update-index", "-q", "--refresh")


ISSUE = textwrap.dedent('''\
    import json, sys, time
    from pathlib import Path
    import datetime as dt
    from engine.issue import issue
    start = time.perf_counter()
    issue(Path(sys.argv[1]), Path(sys.argv[2]), None, dt.date.today())
    print(json.dumps({"wall": time.perf_counter() - start}))
''')
CACHE_STATES = ("chưa có bộ đệm", "có bộ đệm")  # the first issue after the workspace is made, and those after it


def issue_part(count: int, rounds: int = 3) -> None:
    """`vanban issue` into a register of `count` entries: in the call (issue() alone) and as a whole process (the
    clerk's `python -m engine issue …`, start-up and imports included), each without and with the caches of .vanban/
    (file hashes, git's history: deleted before a cold run), `rounds` times interleaved; medians printed."""
    import datetime as dt

    from engine.registry import hashes, logbook
    from engine.registry.register import STATE

    with tempfile.TemporaryDirectory(prefix="vanban-bench-so-") as folder:
        root = Path(folder) / "xa"
        root.mkdir()
        started = time.perf_counter()
        issued_workspace(root, count, dt.date.today())
        print(f"Ban hành vào sổ có {count} văn bản, mỗi văn bản một commit (tạo thư mục mẫu mất "
              f"{time.perf_counter() - started:.0f} s), {rounds} lượt xen kẽ, trung vị:")
        env = _with_bytecode(root)
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        issued = 0
        for _ in range(rounds):
            for state in CACHE_STATES:
                for how in ("trong lệnh gọi", "cả tiến trình"):
                    if state == CACHE_STATES[0]:
                        for cache in (hashes.CACHE, logbook.CACHE):
                            (root / STATE / cache).unlink(missing_ok=True)
                    issued += 1
                    source = root / "plans" / str(dt.date.today().year) / f"moi-{issued}.yaml"
                    source.write_text(NOTICE.format(i=f"mới {issued}"), encoding="utf-8")
                    times.setdefault((state, how), []).append(_issue_once(root, source, how == "cả tiến trình", env))
        print(f"  (máy {os.cpu_count()} nhân, tải trung bình lúc đo {_load()}; CPU: giây xử lý của cả tiến trình và "
              "các lệnh git)")
        for state in CACHE_STATES:
            inside = statistics.median(wall for wall, _ in times[(state, "trong lệnh gọi")])
            whole = times[(state, "cả tiến trình")]
            print(f"  {state:<15} trong lệnh gọi {inside:5.2f} s, cả tiến trình "
                  f"{statistics.median(wall for wall, _ in whole):5.2f} s "
                  f"(CPU {statistics.median(cpu for _, cpu in whole):5.2f} s)")


def _load() -> str:
    try:
        return ", ".join(f"{value:.1f}" for value in os.getloadavg())
    except (AttributeError, OSError):  # Windows
        return "không rõ"


def _with_bytecode(root: Path) -> dict[str, str]:
    """The environment of the timed processes: Python's compiled bytecode kept (in a folder of the benchmark's own,
    not beside the sources) and made before timing, as an installed vanban has it; PYTHONDONTWRITEBYTECODE, set on
    some machines, would otherwise have every run compile the engine again."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(root.parent / "pyc")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-c", "import engine.cli, engine.issue, engine.docx.write"], cwd=REPO, env=env,
                   check=True)
    return env


def _issue_once(root: Path, source: Path, whole: bool, env: dict[str, str]) -> tuple[float, float]:
    """Seconds one issue takes: the CLI as the clerk runs it, timed from outside; or issue() timed inside. With the
    processor seconds of the whole process and its git commands (on a busy machine the wall time waits for others)."""
    import resource

    def spent() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    cpu, started = spent(), time.perf_counter()
    if whole:
        subprocess.run([sys.executable, "-m", "engine", "issue", str(source)], capture_output=True, cwd=REPO,
                       check=True, env=env)
        return time.perf_counter() - started, spent() - cpu
    done = subprocess.run([sys.executable, "-c", ISSUE, str(root), str(source)], capture_output=True, text=True,
                          cwd=REPO, check=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])["wall"], spent() - cpu


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "so":  # python -m tests.benchmark so [10000]
        issue_part(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
        return
    if len(sys.argv) > 1 and sys.argv[1] == "tron":  # python -m tests.benchmark tron [5000]
        build_part(int(sys.argv[2]) if len(sys.argv) > 2 else 5_000, merged=True)
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    render_part(min(max(count // 10, 5), 100))
    build_part(count)


if __name__ == "__main__":
    main()
