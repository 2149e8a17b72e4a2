"""Editor help: one JSON Schema for every YAML file a clerk writes, generated from the engine's own rules.

Each rule of engine.schema carries its JSON-Schema fragment (engine.schema.described); this module only
assembles them: vanban.yaml (no `loai`), a document (its form chosen by `loai`, body blocks as recursive
`$defs`), a text issued with a quyết định (`kem_theo:` file) and each domain's data file (by its `loai`).
VS Code's YAML extension (redhat.vscode-yaml) reads it from the `# yaml-language-server: $schema=…` line.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from engine import domains
from engine import schema as s
from engine.nd30.kinds import KINDS
from engine.pipeline import attached
from engine.pipeline import body_rules as br
from engine.pipeline import validate as v
from engine.workspace import ATTACHED_KEY

FOLDER = "schema"                      # in the workspace, committed with it: the whole team gets the help
FILE = "vanban.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"
MODELINE = "# yaml-language-server: $schema="
_AUTHORITY = {"anyOf": [{"type": "string", "pattern": r"^[A-Za-z.,\s]*$"},
                        {"type": "array", "items": {"type": "string"}}, {"type": "null"}],
              "description": "quyền hạn ký: TM, KT, Q, TL, TUQ hoặc 'TM. KT.' (bỏ trống khi ký trực tiếp)",
              "examples": ["TM", "KT", "TM. KT."]}


def build_schema() -> dict[str, Any]:
    """The schema of vanban.yaml, documents, attachment files and data files, in one JSON object."""
    domains.registered()  # each domain registers its data file's fragment when it loads
    registered = s.registered_schemas()
    data_types = sorted(domains.data_types())
    forms = sorted({kind.template for kind in KINDS.values()})
    defs: dict[str, Any] = {"profile": s.json_schema(v._PROFILE), "attachment": s.json_schema(attached.ATTACHMENT),
                            **br.schema_defs()}
    for form in forms:
        defs[f"document_{form}"] = _document(form, registered)
    for data_type in data_types:
        defs[f"data_{data_type}"] = registered[f"data:{data_type}"]()
    defs["profile"]["description"] = "vanban.yaml: thông tin cơ quan (co_quan, don_vi, nguoi_ky, địa bàn)"
    issued_alone = {"properties": {"loai": {"enum": sorted(attached.ATTACHABLE)}},
                    "not": {"anyOf": [{"required": [k]} for k in ("ky", "noi_nhan", "luu", "so", "ngay")]}}
    by_form = [{"if": {"properties": {"loai": {"enum": sorted(k for k, kind in KINDS.items() if kind.template == f)}}},
                "then": {"$ref": f"#/$defs/document_{f}"}} for f in forms]
    by_data = [{"if": {"properties": {"loai": {"const": t}}}, "then": {"$ref": f"#/$defs/data_{t}"}}
               for t in data_types]
    defs["by_loai"] = {
        "properties": {"loai": {"enum": [*KINDS, *data_types],
                                "description": "loại văn bản (ke_hoach, quyet_dinh, …) hoặc loại tệp số liệu"}},
        "if": issued_alone, "then": {"$ref": "#/$defs/attachment"}, "else": {"allOf": [*by_form, *by_data]}}
    defs["merge_list"] = {"type": "array", "description": "danh sách để trộn văn bản (tron: nguon): mỗi mục một dòng",
                          "items": {"type": "object", "additionalProperties": {"type": ["string", "number"]}}}
    return {"$schema": DRAFT, "title": "vanban",
            "description": "Tệp YAML của vanban: vanban.yaml, văn bản trong plans/, văn bản kèm theo, tệp số liệu, "
                           "danh sách để trộn",
            "if": {"type": "array"}, "then": {"$ref": "#/$defs/merge_list"},
            "else": {"type": "object", "if": {"required": ["loai"]}, "then": {"$ref": "#/$defs/by_loai"},
                     "else": {"$ref": "#/$defs/profile"}}, "$defs": defs}


def _document(form: str, registered: dict) -> dict[str, Any]:
    """One form's keys; those whose rule the engine checks later (kem_theo, ket_qua …) described here."""
    fragment = s.json_schema(v._DOCUMENT_RULES[form])
    keys = fragment["properties"]
    keys[ATTACHED_KEY] = s.nullable({
        "anyOf": [{"type": "string", "description": "tệp văn bản kèm theo, cùng thư mục"},
                  s.json_schema(attached.ATTACHMENT),
                  {"type": "array", "items": {"anyOf": [{"type": "string"}, s.json_schema(attached.ATTACHMENT)]}}],
        "description": "văn bản ban hành kèm theo quyết định: viết ngay ở đây hoặc tên tệp, ví dụ quy-che.yaml"})
    if "ky" in keys:
        keys["ky"]["properties"]["quyen_han"] = _AUTHORITY
    for name in list(keys):
        if f"key:{name}" in registered:
            keys[name] = s.nullable({**registered[f"key:{name}"](), "description": keys[name].get("description", "")})
    return fragment


def write_schema(folder: Path) -> Path:
    """The schema as a file in `folder` (created if missing); the same rules always give the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE
    path.write_text(json.dumps(build_schema(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
                    newline="\n")
    return path


def modeline(yaml_file: Path, schema_file: Path) -> str:
    """`# yaml-language-server: $schema=<path>`: the schema's path relative to the YAML file's folder."""
    relative = os.path.relpath(schema_file, yaml_file.parent)
    return f"{MODELINE}{Path(relative).as_posix()}\n"


HELP = f"""\
Ghi tệp JSON Schema {FOLDER}/{FILE} (một tệp cho mọi tệp YAML: vanban.yaml, văn bản, văn bản kèm
theo, tệp số liệu — nhận ra theo khóa 'loai'), sinh từ chính các quy tắc kiểm tra của vanban.
Trong VS Code (tiện ích YAML của Red Hat), dòng đầu '{MODELINE}…' của tệp YAML trỏ tới tệp này:
gõ khóa được gợi ý, rê chuột xem giải thích tiếng Việt, gõ sai bị gạch chân.
Thư mục schema/ nằm trong thư mục làm việc và nên lưu vào git cùng các tệp YAML, để cả cơ quan dùng chung.

Ví dụ:
  vanban schema
  vanban schema --ra ~/vanban-schema"""


def schema_arguments(parser: Any) -> None:
    parser.add_argument("--ra", type=Path, metavar="THƯ_MỤC",
                        help=f"thư mục ghi tệp (mặc định: {FOLDER}/ trong thư mục làm việc)")
    parser.add_argument("--thu-muc", "-C", type=Path, default=Path.cwd(), metavar="THƯ_MỤC",
                        help="thư mục làm việc (mặc định: thư mục hiện tại hoặc thư mục cha có vanban.yaml)")


def cmd_schema(args: Any) -> int:
    if args.ra is not None:
        folder = args.ra.resolve()
    else:
        from engine.workspace import find_workspace

        folder = find_workspace(args.thu_muc.resolve()) / FOLDER
    path = write_schema(folder)
    print(f"Đã ghi {path}")
    print(f"Dòng đầu mỗi tệp YAML: {MODELINE}<đường dẫn tới {FILE}, tính từ thư mục của tệp YAML>")
    return 0
