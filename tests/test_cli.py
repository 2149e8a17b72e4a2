"""The command as a clerk meets it: Vietnamese help with examples, the build summary, identical rebuilds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile

from tests.conftest import PLAN, REPO


def vanban(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_help_is_vietnamese_with_examples():
    done = vanban("--help")
    assert done.returncode == 0
    assert "Cách dùng: vanban" in done.stdout and "Ví dụ:" in done.stdout and "vanban build" in done.stdout
    for command in ("build", "issue", "verify", "register", "check", "totext", "doc-so"):
        sub = vanban(command, "--help")
        assert sub.returncode == 0 and "Ví dụ:" in sub.stdout and "Cách dùng:" in sub.stdout


def test_help_does_not_import_the_heavy_modules():
    code = ("import sys\nfrom engine.cli import main\ntry:\n    main(['build', '--help'])\n"
            "except SystemExit:\n    pass\nprint(sorted(m for m in ('docxtpl', 'docx', 'lxml', 'yaml', 'jinja2') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_unknown_command_is_refused_in_vietnamese():
    done = vanban("dung")
    assert done.returncode == 2 and "lệnh không có" in done.stderr


def test_build_prints_a_line_per_document_and_a_summary(workspace):
    workspace.write("plans/2026/ke-hoach-2.yaml", PLAN.replace("so: 5", "so: 6"))
    first = workspace.run("build")
    assert first.code == 0
    assert first.out.splitlines() == [
        "  mới        outputs/2026/ke-hoach-2.docx",
        "  mới        outputs/2026/ke-hoach.docx",
        "Đã dựng 2 văn bản: 2 mới, 0 thay đổi, 0 không đổi.",
    ]
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("Nâng cao hiệu quả.", "Nâng cao hơn nữa."))
    second = workspace.run("build")
    assert second.out.splitlines()[-1] == "Đã dựng 2 văn bản: 0 mới, 1 thay đổi, 1 không đổi."


def test_same_inputs_give_identical_bytes_across_builds_and_folders(workspace, tmp_path):
    assert workspace.run("build").code == 0
    first = workspace.snapshot()
    time.sleep(1.1)  # a different clock second must not change a byte
    shutil.rmtree(workspace.root / "outputs")
    assert workspace.run("build").code == 0
    assert workspace.snapshot() == first
    elsewhere = tmp_path / "khac"
    shutil.copytree(workspace.root / "plans", elsewhere / "plans")
    shutil.copy(workspace.root / "vanban.yaml", elsewhere / "vanban.yaml")
    done = vanban("build", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "outputs/2026/ke-hoach.docx").read_bytes() == first["2026/ke-hoach.docx"]


def test_doc_so_command():
    assert vanban("doc-so", "2024").stdout.strip() == "hai nghìn không trăm hai mươi bốn"
    assert vanban("doc-so", "--tien", "125000000").stdout.strip() == "Một trăm hai mươi lăm triệu đồng"
    bad = vanban("doc-so", "abc")
    assert bad.returncode == 1 and "không phải là một số" in bad.stderr


def test_build_runs_from_a_subfolder_of_the_workspace(workspace):
    (workspace.root / "plans/2026").mkdir(parents=True, exist_ok=True)
    done = vanban("build", cwd=workspace.root / "plans/2026")
    assert done.returncode == 0, done.stderr
    assert (workspace.root / "outputs/2026/ke-hoach.docx").exists()


def test_the_benchmark_gives_bare_docxtpl_the_same_finished_document(tmp_path):
    """The speed comparison lives in tests/benchmark.py, not in a timed test; this keeps it fair: both sides
    render the report with the same text, chart and tables."""
    from engine.docx.write import docx_text
    from engine.pipeline.render import TemplateSet
    from tests.benchmark import bare_once, report_job

    job = report_job()
    templates = TemplateSet(REPO)
    ours, bare = tmp_path / "vanban.docx", tmp_path / "bare.docx"
    ours.write_bytes(templates.get(job.template).render(job.context, job.properties))
    bare.write_bytes(bare_once(templates.get(job.template).path, job.context))
    assert docx_text(bare) == docx_text(ours)
    assert "Toàn xã" in docx_text(ours)  # the tables are drawn, with their total rows
    with zipfile.ZipFile(bare) as package:
        assert "word/charts/chart1.xml" in package.namelist()  # so is the chart


def test_a_file_where_the_outputs_folder_should_be(workspace):
    (workspace.root / "outputs").write_text("không phải thư mục")
    result = workspace.run("build")
    assert result.code == 1 and "(Not a directory)" in result.err and "Traceback" not in result.err


def test_every_command_is_in_the_readme():
    from engine.cli import _parser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = _parser()._subparsers._group_actions[0].choices
    assert set(commands) == {"init", "new", "build", "issue", "verify", "register", "check", "totext", "doc-so", "schema",
                             "dinh-chinh", "sua-doi", "thay-the", "thu-hoi", "huy-so"}
    assert [name for name in commands if f"`vanban {name}" not in readme] == []


def test_a_reader_that_stops_early_sees_no_error_from_vanban(workspace):
    """`vanban totext x.docx | head`: the pipe closes before vanban writes; nothing to tell the clerk."""
    assert workspace.run("build").code == 0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reading = subprocess.Popen([sys.executable, "-m", "engine", "totext", str(workspace.output("2026/ke-hoach.docx"))],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    reading.stdout.close()  # the reader is gone before vanban has written a line
    errors = reading.stderr.read().decode("utf-8")
    reading.wait(timeout=60)
    reading.stderr.close()
    assert errors == ""


def test_a_missing_file_is_named_in_vietnamese_not_in_the_system_s_english(workspace):
    done = workspace.run("issue", str(workspace.root / "plans/2026/khong-co.yaml"))
    assert done.code == 1
    assert "plans/2026/khong-co.yaml: không đọc được tệp (không có tệp hay thư mục này)" in done.err
    assert "No such file" not in done.err


def test_help_examples_name_files_the_sample_workspace_has():
    """A clerk tries the help's examples in the sample workspace: every file they name is there."""
    commands = ["build", "issue", "verify", "register", "check", "totext", "new", "init", "schema", "dinh-chinh",
                "sua-doi", "thay-the", "thu-hoi", "huy-so"]
    named = {m for c in ["", *commands] for m in re.findall(r"\b(?:plans|outputs)/[\w./-]+\.(?:yaml|docx)\b",
                                                          vanban(*filter(None, [c, "--help"])).stdout)}
    assert named and sorted(n for n in named if not (REPO / n).is_file()) == []
