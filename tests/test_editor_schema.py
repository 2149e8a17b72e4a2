"""Editor help from the engine's own rules: `vanban schema` writes a JSON Schema that agrees with the engine,
and the files `vanban init` / `vanban new` write point to it; prose lines with ': ' need no quotes."""

from __future__ import annotations

from tests.conftest import PLAN
from tests.docx_view import open_docx, texts


def test_a_prose_line_with_a_colon_is_read_as_the_paragraph_typed(workspace):
    plan = PLAN.replace("      - Nâng cao hiệu quả.",
                        "      - Địa điểm: Hội trường Ủy ban nhân dân xã\n"
                        "      - Thời gian: 8 giờ 00, ngày 15/3/2026\n"
                        "      - Thành phần:")
    workspace.write("plans/2026/ke-hoach.yaml", plan)
    result = workspace.run("build")
    assert result.code == 0, result.err
    shown = texts(open_docx(workspace.output("2026/ke-hoach.docx")))
    assert "Địa điểm: Hội trường Ủy ban nhân dân xã" in shown
    assert "Thời gian: 8 giờ 00, ngày 15/3/2026" in shown
    assert "Thành phần:" in shown


def test_a_misspelt_block_word_is_still_refused_not_printed(workspace):
    plan = PLAN.replace("      - Nâng cao hiệu quả.", "      - bangg: Bảng 1")
    workspace.write("plans/2026/ke-hoach.yaml", plan)
    result = workspace.run("build")
    assert result.code == 1
    assert "plans/2026/ke-hoach.yaml:11:9: noi_dung[1].noi_dung[1]: không có khối 'bangg'" in result.err


def test_a_colon_line_keeps_its_line_and_column():
    import yaml

    from engine import schema as s

    root = yaml.compose("noi_dung:\n  - x\n  - Địa điểm: Hội trường   UBND xã\n")
    line = s.prose_line(root.value[0][1].value[1])
    assert line.value == "Địa điểm: Hội trường   UBND xã"
    assert (line.start_mark.line, line.start_mark.column) == (2, 4)
    assert s.text(line, "", s.Context("a.yaml")) == "Địa điểm: Hội trường UBND xã"
    assert s.prose_line(yaml.compose("muc: Mục tiêu")) is None and s.prose_line(yaml.compose("bangg: x")) is None


# --- the schema ------------------------------------------------------------------------------------

import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import jsonschema  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from engine.cli import main  # noqa: E402
from engine.pipeline.json_schema import FILE, FOLDER, MODELINE, build_schema  # noqa: E402
from engine.scaffold import Context, kinds_offered, skeleton  # noqa: E402
from tests.conftest import PROFILE, REPO  # noqa: E402


class _EditorLoader(yaml.SafeLoader):
    """YAML as the editor's language server reads it (YAML 1.2): dates stay text, only true/false are booleans."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in rules if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_EditorLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = build_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _errors(validator, text: str) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(yaml.load(text, Loader=_EditorLoader))]


SAMPLES = [REPO / "vanban.yaml", *sorted((REPO / "plans").rglob("*.yaml"))]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.relative_to(REPO).as_posix() for p in SAMPLES])
def test_every_sample_file_agrees_with_the_schema(validator, path):
    assert _errors(validator, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("kind", [*kinds_offered(), "so-lieu-giam-ngheo", "du-toan"])
def test_every_skeleton_agrees_with_the_schema(validator, kind):
    text = skeleton(kind, Context(localities=("Xóm Đồng Xe", "Xóm Nạ Khao")))
    assert _errors(validator, text) == []


_TABLE = "  - bang: Bảng 1\n    cot: [STT, Tên]\n    dong:\n      - [1, Một]\n"
BAD = {  # each refused by the engine (vanban build) and by the schema
    "khóa lạ": ("plans/2026/ke-hoach.yaml", PLAN.replace("noi_nhan:", "noi_nhann:")),
    "loai sai": ("plans/2026/ke-hoach.yaml", PLAN.replace("loai: ke_hoach", "loai: ke_hoachh")),
    "chuỗi thay cho danh sách": ("plans/2026/ke-hoach.yaml", PLAN.replace(
        "  - Trên đây", _TABLE.replace("[STT, Tên]", "STT") + "  - Trên đây")),
    "thiếu khóa bắt buộc": ("plans/2026/ke-hoach.yaml",
                            PLAN.replace("trich_yeu: Triển khai công tác chuyển đổi số năm 2026\n", "")),
    "khối gõ sai bangg": ("plans/2026/ke-hoach.yaml", PLAN.replace(
        "  - Trên đây", _TABLE.replace("bang:", "bangg:") + "  - Trên đây")),
    "chữ ký là chuỗi": ("plans/2026/ke-hoach.yaml", PLAN.replace("ky:\n  quyen_han: TM\n  nguoi: chu_tich",
                                                                  "ky: chu_tich")),
    "phần trong mục": ("plans/2026/ke-hoach.yaml", PLAN.replace("      - Nâng cao hiệu quả.",
                                                                 "      - phan: Kết quả\n        noi_dung: [Một.]")),
    "ngày sai dạng": ("plans/2026/ke-hoach.yaml", PLAN.replace("ngay: 2026-03-10", "ngay: mười tháng ba")),
    "hồ sơ thiếu người ký": ("vanban.yaml", PROFILE.split("nguoi_ky:")[0]),
    "dự toán thiếu đơn giá": ("plans/2026/du-toan.yaml", "loai: du_toan_kinh_phi\nnam: 2026\nten: Dự toán\nmuc:\n"
                              "  - {noi_dung: Lợn giống, don_vi_tinh: con, so_luong: 4}\n"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_engine_and_the_schema_refuse_the_same_mistakes(workspace, validator, case):
    relative, text = BAD[case]
    workspace.write(relative, text)
    assert workspace.run("build").code == 1
    assert _errors(validator, text) != []


def test_the_schema_takes_what_the_engine_takes(workspace, validator):
    plan = PLAN.replace("      - Nâng cao hiệu quả.", "      - Địa điểm: Hội trường UBND xã\n" + _TABLE.replace(
        "  - ", "      - ", 1).replace("\n    ", "\n        "))
    workspace.write("plans/2026/ke-hoach.yaml", plan)
    assert workspace.run("build").code == 0
    assert _errors(validator, plan) == [] and _errors(validator, PROFILE) == []


def test_the_schema_marks_required_keys_and_explains_them_in_vietnamese():
    defs = build_schema()["$defs"]
    plan = defs["document_co-ten-loai"] if "document_co-ten-loai" in defs else next(
        d for k, d in defs.items() if k.startswith("document_") and "noi_dung" in d["properties"])
    assert {"loai", "trich_yeu", "noi_nhan", "luu", "ky", "noi_dung"} <= set(plan["required"])
    assert plan["properties"]["noi_nhan"]["description"] == "danh sách nơi nhận"
    assert plan["properties"]["ky"]["properties"]["nguoi"]["description"].startswith("khóa người ký trong vanban.yaml")
    assert "co_quan" in defs["profile"]["required"]
    assert "tên cột" in json.dumps(defs["node_top"], ensure_ascii=False)
    assert "#/$defs/body_nested" in json.dumps(defs["node_top"])  # the body is recursive


def test_init_and_new_write_the_editor_line_and_still_build(tmp_path, capsys):
    root = tmp_path / "xa-tam-dao"
    assert main(["init", str(root), "--ten", "Ủy ban nhân dân xã Tam Đảo", "--nguoi-ky", "chu_tich=Lê Văn Hòa,Chủ tịch",
                 "--dia-ban", "thon", "--ten-dia-ban", "Thôn 1", "--nam", "2026"]) == 0
    for kind in ("thong-bao", "quyet-dinh", "so-lieu-giam-ngheo", "du-toan"):
        assert main(["new", kind, "--nam", "2026", "--thu-muc", str(root)]) == 0
    schema = root / FOLDER / FILE
    assert json.loads(schema.read_text(encoding="utf-8"))["$defs"]["profile"]
    assert (root / "vanban.yaml").read_text(encoding="utf-8").startswith(f"{MODELINE}{FOLDER}/{FILE}\n")
    for path in (root / "plans/2026").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"{MODELINE}../../{FOLDER}/{FILE}"
        assert (path.parent / first.removeprefix(MODELINE)).resolve() == schema.resolve()
    capsys.readouterr()
    assert main(["build", "--thu-muc", str(root)]) == 0, capsys.readouterr().err
    assert (root / "outputs/2026/thong-bao.docx").is_file() and (root / "outputs/2026/quyet-dinh.docx").is_file()


def test_vanban_schema_writes_the_file_and_says_where(tmp_path, capsys):
    from argparse import Namespace

    from engine.pipeline.json_schema import cmd_schema

    assert cmd_schema(Namespace(ra=tmp_path / "ra", thu_muc=tmp_path)) == 0
    written = tmp_path / "ra" / FILE
    assert str(written) in capsys.readouterr().out
    assert json.loads(written.read_text(encoding="utf-8")) == json.loads(json.dumps(build_schema()))
