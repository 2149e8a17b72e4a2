"""`vanban init` and `vanban new`: a new office's workspace, and commented skeletons that build as they are.

Everything written here is what a clerk would otherwise copy from the sample: vanban.yaml for the office,
plans/<năm>/, the git set-up that shows DOCX changes as text, and one skeleton per document kind.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import InputError, Location, OutputError
from engine.nd30.forms import upper
from engine.nd30.kinds import KINDS
from engine.nd30.texts import LOCALITY_WORDS
from engine.workspace import OUTPUTS, PLANS, PROFILE, WORKBOOK

GITIGNORE = "__pycache__/\n.vanban/\noutputs/**/.*.tmp\n~$*.docx\n"
GITATTRIBUTES = "outputs/**/*.docx diff=vanban\n"
TEXTCONV = "vanban totext"


@dataclass(frozen=True)
class Office:
    """What `vanban init` asks: the agency, its place name, who signs, what its hamlets are called."""

    name: str                          # Ủy ban nhân dân xã Kim Liên
    abbreviation: str = "UBND"
    place: str = ""                    # Kim Liên (the date line); default: the name's last words
    parent: str = ""                   # cơ quan chủ quản, if any: UBND TỈNH NGHỆ AN
    signers: tuple[tuple[str, str, str], ...] = ()   # (key, họ tên, chức vụ); the first is the head
    unit: tuple[str, str] = ("VP", "Văn phòng")      # the drafting unit of "- Lưu: VT, VP."
    locality_key: str = ""             # xom, thon, to_dan_pho …
    localities: tuple[str, ...] = ()
    year: int = field(default_factory=lambda: dt.date.today().year)


def init(root: Path, office: Office) -> list[Path]:
    """Write a new workspace into `root` (created if missing); refuse one that already holds a workspace."""
    _refuse_existing(root)
    root.mkdir(parents=True, exist_ok=True)
    written = [_write(root / PROFILE, _with_schema_line(root / PROFILE, root, profile_yaml(office))),
               _write(root / ".gitignore", GITIGNORE), _write(root / ".gitattributes", GITATTRIBUTES),
               _editor_schema(root)]
    for folder in (root / PLANS / str(office.year), root / OUTPUTS / "so-van-ban-di"):
        folder.mkdir(parents=True, exist_ok=True)
        written.append(_write(folder / ".gitkeep", ""))
    return written


def git_init(root: Path) -> bool:
    """`git init` with the DOCX text diff; False when git is not installed."""
    if shutil.which("git") is None:
        return False
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)
    subprocess.run(["git", "-C", str(root), "config", "diff.vanban.textconv", TEXTCONV], check=True,
                   capture_output=True)
    return True


def _refuse_existing(root: Path) -> None:
    found = [name for name in (PROFILE, PLANS, OUTPUTS) if (root / name).exists()]
    if found:
        raise OutputError(f"thư mục này đã có {', '.join(found)}: vanban init không ghi đè một thư mục làm việc; "
                          "hãy chọn một thư mục mới hoặc trống", Location.of(root))


def _editor_schema(root: Path) -> Path:
    """schema/vanban.schema.json, committed with the workspace: VS Code completes and explains every key."""
    from engine.pipeline import json_schema

    return json_schema.write_schema(root / json_schema.FOLDER)


def _with_schema_line(path: Path, root: Path, text: str) -> str:
    """The file's first line points the editor to the workspace's schema (a YAML comment: builds unchanged)."""
    from engine.pipeline import json_schema

    return json_schema.modeline(path, root / json_schema.FOLDER / json_schema.FILE) + text


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def place_of(name: str) -> str:
    """`Ủy ban nhân dân xã Kim Liên` → `Kim Liên`: the words after the level, as the date line writes them."""
    match = re.search(r"(?:xã|phường|thị trấn|đặc khu|tỉnh|thành phố|huyện|quận|thị xã)\s+(.+)$", name,
                      re.IGNORECASE)
    return match.group(1).strip() if match else ""


def profile_yaml(office: Office) -> str:
    """vanban.yaml for the office, with a comment on every line a clerk may need to change."""
    from engine.schema import quoted

    place = office.place or place_of(office.name) or place_of(office.parent) or office.name.split()[-1]
    lines = ["# Hồ sơ cơ quan: gõ một lần, mọi văn bản trong plans/ đều dùng lại.", "",
             "co_quan:", f"  ten: {quoted(office.name)}",
             _noted(f"  viet_tat: {quoted(office.abbreviation)}", f"ký hiệu văn bản: 01/KH-{office.abbreviation}"),
             _noted(f"  dia_danh: {quoted(place)}", f"dòng ngày: {place}, ngày … tháng … năm …")]
    lines.append(f"  chu_quan: {quoted(upper(office.parent))}" if office.parent else
                 _noted("  # chu_quan: UBND TỈNH …", "cơ quan chủ quản, nếu có"))
    lines += ["", _noted("don_vi:", "đơn vị soạn thảo: \"- Lưu: VT, <mã>.\""),
              f"  {office.unit[0]}: {quoted(office.unit[1])}", "", "nguoi_ky:"]
    signers = office.signers or (("chu_tich", "Họ và tên", "Chủ tịch"),)
    for key, name, title in signers:
        lines += [f"  {key}:", f"    ho_ten: {quoted(name)}", f"    chuc_vu: {quoted(title)}"]
    lines += [_noted(f"thu_truong: {signers[0][0]}", "người đứng đầu: ký TM. hoặc ký trực tiếp")]
    if office.locality_key:
        lines += ["", _noted(f"{office.locality_key}:", f"các {LOCALITY_WORDS[office.locality_key]} trên địa bàn, "
                                                        "theo thứ tự in trong bảng")]
        lines += [f"  - {quoted(name)}" for name in office.localities]
    else:
        lines += ["", _noted("# xom: [Xóm 1, Xóm 2]", "hoặc thon:, ban:, ap:, to_dan_pho:, khu_pho: …")]
    return "\n".join(lines) + "\n"


def _noted(line: str, comment: str) -> str:
    """A line of vanban.yaml with its comment in the column the others use."""
    return f"{line:<37} # {comment}"


def signer_flag(text: str) -> tuple[str, str, str]:
    """`chu_tich=Nguyễn Văn An,Chủ tịch` → (key, name, title), for --nguoi-ky."""
    match = re.fullmatch(r"\s*([a-z_][a-z0-9_]*)\s*=\s*([^,]+),\s*(.+)", text)
    if not match:
        raise InputError(f"--nguoi-ky cần dạng khoa=Họ và tên,Chức vụ (ví dụ chu_tich=Nguyễn Văn An,Chủ tịch), "
                         f"nhưng gặp '{text}'")
    return match.group(1), match.group(2).strip(), match.group(3).strip()


def kinds_offered() -> list[str]:
    """`vanban new` accepts every kind the engine writes (ke-hoach, quyet-dinh …)."""
    return [key.replace("_", "-") for key in KINDS]


# --- vanban new ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    """What a skeleton takes from vanban.yaml so that it builds as it is."""

    head: str = "chu_tich"
    unit: str = "VP"
    collective: bool = True          # a Ủy ban, a Hội đồng: the head signs TM.
    localities: tuple[str, ...] = ()
    locality_key: str = "xom"


def context_of(profile: object) -> Context:
    """The head signer, the first drafting unit and the localities of a vanban.yaml read as plain data."""
    if not isinstance(profile, dict):
        return Context()
    signers = profile.get("nguoi_ky") if isinstance(profile.get("nguoi_ky"), dict) else {}
    units = profile.get("don_vi") if isinstance(profile.get("don_vi"), dict) else {}
    agency = profile.get("co_quan") if isinstance(profile.get("co_quan"), dict) else {}
    name = str(agency.get("ten", "")).lower()
    key = next((k for k in LOCALITY_WORDS if isinstance(profile.get(k), list)), "xom")
    return Context(head=str(profile.get("thu_truong") or next(iter(signers), "chu_tich")),
                   unit=str(next(iter(units), "VP")),
                   collective=name.startswith(("ủy ban nhân dân", "hội đồng nhân dân")),
                   localities=tuple(str(n) for n in profile.get(key) or ()), locality_key=key)


FIGURES_KINDS = {"so-lieu": "so_lieu_giam_ngheo", "so-lieu-giam-ngheo": "so_lieu_giam_ngheo",
                 "du-toan": "du_toan_kinh_phi"}  # `vanban new` name → the data file's `loai`


def skeleton(kind: str, ctx: Context) -> str:
    """A commented YAML for one document kind (or a figures file: `so-lieu`, `du-toan`) that builds unchanged."""
    if FIGURES_KINDS.get(kind) == "so_lieu_giam_ngheo":
        return _figures(ctx)
    if kind == "du-toan":
        return _estimate()
    key = kind.replace("-", "_")
    if key not in KINDS:
        known = ", ".join([*kinds_offered(), *FIGURES_KINDS])
        raise InputError(f"không có loại văn bản '{kind}' (các loại: {known})")
    form = KINDS[key].template
    if key == "quyet_dinh":
        return _decision(ctx)
    head = [f"loai: {key}", f"trich_yeu: Ghi trích yếu của {KINDS[key].label.lower()} ở đây"]
    if key == "cong_van":
        head[1] = "trich_yeu: V/v ghi trích yếu của công văn ở đây"
    if KINDS[key].kinh_gui == "bat_buoc":
        head.append("kinh_gui: Ghi cơ quan nhận (ví dụ Ủy ban nhân dân tỉnh …)")
    authority = "TM" if ctx.collective and form != "cong-van" else ""
    return _HEADER + "\n".join(head) + "\n" + _PROSE + _closing(ctx, authority)


_HEADER = ("# Bản dự thảo do `vanban new` tạo: sửa nội dung rồi chạy `vanban build`.\n"
           "# Chưa ghi 'so' và 'ngay': văn thư cấp khi ban hành (`vanban issue <tệp>`).\n")
_PROSE = """\
# can_cu: [Luật …, Nghị quyết số … ngày … của …]   # vanban tự thêm "Căn cứ" và dấu câu
noi_dung:
  - muc: Mục đích, yêu cầu              # → I. MỤC ĐÍCH, YÊU CẦU
    noi_dung:
      - Viết đoạn văn ở đây.
  - muc: Tổ chức thực hiện
    noi_dung:
      - Viết đoạn văn ở đây.
"""


def _closing(ctx: Context, authority: str) -> str:
    sign = f"  quyen_han: {authority}\n" if authority else ""
    return (f"noi_nhan:                             # vanban tự thêm \"- \" và \";\"\n  - Ghi nơi nhận ở đây\n"
            f"luu: {ctx.unit}                              # → \"- Lưu: VT, {ctx.unit}.\"\n"
            f"ky:\n{sign}  nguoi: {ctx.head}\n")


def _decision(ctx: Context) -> str:
    return _HEADER + """\
loai: quyet_dinh
trich_yeu: Về việc ghi trích yếu của quyết định ở đây
tham_quyen: chu_tich                   # quyết định của Chủ tịch; tap_the nếu của tập thể Ủy ban
can_cu:
  - Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
theo_de_nghi: Ghi người đề nghị (ví dụ công chức Văn hóa - Xã hội)
dieu:
  - Ghi nội dung Điều 1 ở đây.
  - Quyết định này có hiệu lực kể từ ngày ký.
  - Ghi các cơ quan, cá nhân chịu trách nhiệm thi hành Quyết định này.
""" + _closing(ctx, "")


def _figures(ctx: Context) -> str:
    from engine.schema import quoted

    if not ctx.localities:
        raise InputError("vanban.yaml chưa có danh sách địa bàn (xom:, thon:, to_dan_pho: …) nên chưa tạo được "
                         "tệp số liệu giảm nghèo")
    rows = "".join(f"  - {{ten: {quoted(name)}, tong_so_ho: 100, ho_ngheo: 5, ho_can_ngheo: 3}}\n"
                   for name in ctx.localities)
    return ("# Số liệu giảm nghèo đầu năm (thay số minh họa bằng số liệu rà soát).\n"
            f"loai: so_lieu_giam_ngheo\nnam: {dt.date.today().year}\n"
            "chi_tieu_xa:\n  giam_ty_le_ho_ngheo: 1,00\n  giam_ty_le_ho_can_ngheo: 0,50\n"
            f"{ctx.locality_key}:\n{rows}")


def _workbook(value: dict, data_type: str) -> bytes:
    """The figures skeleton as a workbook, each key explained with the editor schema's own words."""
    from engine import domains
    from engine import schema as s
    from engine.pipeline.sheet_template import meanings_of, template_bytes

    domains.registered()  # each domain registers its data file's schema as it loads
    return template_bytes(value, meanings_of(s.registered_schemas()[f"data:{data_type}"]()))


def _estimate() -> str:
    return ("# Dự toán kinh phí: thành tiền, cộng nhóm, tổng cộng và số tiền bằng chữ do vanban tính.\n"
            f"loai: du_toan_kinh_phi\nnam: {dt.date.today().year}\n"
            "ten: Dự toán kinh phí ghi tên ở đây\nmuc:\n"
            "  - {noi_dung: Ghi nội dung chi, don_vi_tinh: lần, so_luong: 1, don_gia: 1.000.000}\n")


def new(root: Path, kind: str, name: str | None = None, year: int | None = None, xlsx: bool = False) -> Path:
    """plans/<năm>/<tên>.yaml (or .xlsx for a figures file): a skeleton of `kind` for this office; an existing
    file is never overwritten."""
    import yaml

    if xlsx and kind not in FIGURES_KINDS:
        raise InputError(f"--xlsx chỉ dùng cho tệp số liệu ({', '.join(FIGURES_KINDS)}), không dùng cho '{kind}'")
    try:
        profile = yaml.safe_load((root / PROFILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        profile = None
    text = skeleton(kind, context_of(profile))
    stem = re.sub(r"[^\w-]+", "-", name or kind, flags=re.UNICODE).strip("-").lower() or kind
    path = root / PLANS / str(year or dt.date.today().year) / f"{stem}{WORKBOOK if xlsx else '.yaml'}"
    if path.exists():
        raise OutputError("tệp đã có; hãy chọn tên khác (vanban new LOẠI TÊN)", Location.of(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    if xlsx:
        path.write_bytes(_workbook(yaml.safe_load(text), FIGURES_KINDS[kind]))
        return path
    from engine.pipeline import json_schema

    if not (root / json_schema.FOLDER / json_schema.FILE).exists():
        _editor_schema(root)
    return _write(path, _with_schema_line(path, root, text))


# --- the commands --------------------------------------------------------------------------------

INIT_EXAMPLES = """\
Ví dụ:
  vanban init xa-tam-dao --ten "Ủy ban nhân dân xã Tam Đảo" --nguoi-ky "chu_tich=Lê Văn Hòa,Chủ tịch" \\
      --nguoi-ky "pho_chu_tich=Đỗ Thị Mai,Phó Chủ tịch" --dia-ban thon --ten-dia-ban "Thôn Đồng Bùa" \\
      --ten-dia-ban "Thôn Làng Chanh"
  vanban init sotc --ten "Sở Tài chính" --viet-tat STC --dia-danh "Nghệ An" --chu-quan "UBND tỉnh Nghệ An" \\
      --nguoi-ky "giam_doc=Nguyễn Văn A,Giám đốc" --don-vi "KHTC=Phòng Kế hoạch - Tài chính"
Thiếu --ten, --nguoi-ky (hay --dia-danh, khi cả tên và --chu-quan đều không có địa danh) thì lệnh hỏi (khi chạy trong
cửa sổ lệnh)."""
NEW_EXAMPLES = """\
Ví dụ:
  vanban new thong-bao                 → plans/<năm nay>/thong-bao.yaml
  vanban new ke-hoach ke-hoach-chuyen-doi-so
  vanban new quyet-dinh --nam 2026
  vanban new so-lieu-giam-ngheo        tệp số liệu giảm nghèo (theo địa bàn trong vanban.yaml)
  vanban new du-toan                   tệp dự toán kinh phí
  vanban new so-lieu --xlsx            tệp số liệu giảm nghèo dạng Excel (plans/<năm nay>/so-lieu.xlsx)
Các loại: """ + ", ".join([*kinds_offered(), *FIGURES_KINDS])


def init_arguments(parser: Any) -> None:
    parser.add_argument("thu_muc", nargs="?", type=Path, default=Path("."), metavar="THƯ_MỤC",
                        help="thư mục làm việc mới (mặc định: thư mục hiện tại)")
    parser.add_argument("--ten", metavar="TÊN", help="tên đầy đủ của cơ quan, ví dụ: Ủy ban nhân dân xã Tam Đảo")
    parser.add_argument("--viet-tat", default="UBND", metavar="CHỮ", help="chữ viết tắt trong ký hiệu (mặc định UBND)")
    parser.add_argument("--dia-danh", metavar="TÊN",
                        help="địa danh ở dòng ngày tháng (mặc định: lấy từ tên cơ quan hoặc cơ quan chủ quản)")
    parser.add_argument("--chu-quan", default="", metavar="TÊN", help="cơ quan chủ quản, nếu có")
    parser.add_argument("--nguoi-ky", action="append", default=[], metavar="KHÓA=HỌ TÊN,CHỨC VỤ",
                        help="người ký; người đầu tiên là người đứng đầu (ghi nhiều lần)")
    parser.add_argument("--don-vi", default="VP=Văn phòng", metavar="MÃ=TÊN", help="đơn vị soạn thảo (Lưu: VT, MÃ)")
    parser.add_argument("--dia-ban", choices=sorted(LOCALITY_WORDS), metavar="TỪ",
                        help="tên gọi địa bàn: " + ", ".join(sorted(LOCALITY_WORDS)))
    parser.add_argument("--ten-dia-ban", action="append", default=[], metavar="TÊN", help="một địa bàn (ghi nhiều lần)")
    parser.add_argument("--nam", type=int, metavar="NĂM", help="năm của thư mục plans/ đầu tiên (mặc định: năm nay)")


def new_arguments(parser: Any) -> None:
    parser.add_argument("loai", metavar="LOẠI", help="loại văn bản, ví dụ thong-bao, ke-hoach, quyet-dinh")
    parser.add_argument("ten", nargs="?", metavar="TÊN", help="tên tệp (mặc định: tên loại)")
    parser.add_argument("--nam", type=int, metavar="NĂM", help="năm (thư mục plans/<năm>/; mặc định: năm nay)")
    parser.add_argument("--thu-muc", "-C", type=Path, default=Path.cwd(), metavar="THƯ_MỤC",
                        help="thư mục làm việc (mặc định: thư mục hiện tại hoặc thư mục cha có vanban.yaml)")
    parser.add_argument("--xlsx", action="store_true",
                        help="tệp số liệu dạng Excel (.xlsx) thay cho YAML: so-lieu, so-lieu-giam-ngheo, du-toan")


def cmd_init(args: Any) -> int:
    name = args.ten or _ask("Tên đầy đủ của cơ quan (ví dụ: Ủy ban nhân dân xã Tam Đảo): ")
    office = Office(
        name=name, abbreviation=args.viet_tat, parent=args.chu_quan,
        place=args.dia_danh or place_of(name) or place_of(args.chu_quan) or _ask(
            "Địa danh ở dòng ngày tháng, khi tên cơ quan không có (ví dụ: Nghệ An): "),
        signers=tuple(signer_flag(s) for s in args.nguoi_ky) or (signer_flag(_ask(
            "Người đứng đầu, dạng khoa=Họ và tên,Chức vụ (ví dụ chu_tich=Lê Văn Hòa,Chủ tịch): ")),),
        unit=_unit_flag(args.don_vi), locality_key=args.dia_ban or "", localities=tuple(args.ten_dia_ban),
        year=args.nam or dt.date.today().year)
    root = args.thu_muc.resolve()
    written = init(root, office)
    print(f"Đã tạo thư mục làm việc {root}: vanban.yaml, plans/{office.year}/, outputs/so-van-ban-di/.")
    if git_init(root):
        print("Đã khởi tạo kho git: mỗi lần ban hành sẽ được lưu vào lịch sử.")
        _first_commit(root, written, office.name)
    else:
        print("Máy chưa có git: văn bản vẫn dựng được, nhưng cần cài git để lưu trữ các lần ban hành.")
    print(f"Tiếp theo: cd {root.name} && vanban new thong-bao && vanban build")
    return 0


def _first_commit(root: Path, written: list[Path], agency: str) -> None:
    """The new workspace as git's first commit, so that it can be pushed to a shared repository (kho_chung)."""
    from engine.registry.git import commit

    try:
        print(f"Đã lưu thư mục làm việc vào git (commit {commit(root, written, 'Tạo thư mục làm việc', agency)}).")
    except OutputError as refused:
        print(f"Chưa lưu được thư mục làm việc vào git ({refused}); văn bản vẫn dựng và ban hành được.")


def cmd_new(args: Any) -> int:
    from engine.workspace import find_workspace

    root = find_workspace(args.thu_muc.resolve())
    path = new(root, args.loai, args.ten, args.nam, args.xlsx)
    print(f"Đã tạo {path.relative_to(root).as_posix()}: sửa nội dung rồi chạy 'vanban build'.")
    return 0


def _ask(question: str) -> str:
    """Ask at a terminal; a script without the flag gets a clear error instead of a hang."""
    import sys

    if not sys.stdin.isatty():
        raise InputError(f"thiếu thông tin: {question.strip().rstrip(':')} (hãy ghi bằng tham số, xem vanban init --help)")
    answer = input(question).strip()
    if not answer:
        raise InputError("không được để trống")
    return answer


def _unit_flag(text: str) -> tuple[str, str]:
    code, _, name = text.partition("=")
    if not code.strip() or not name.strip():
        raise InputError(f"--don-vi cần dạng MÃ=Tên đơn vị (ví dụ VP=Văn phòng), nhưng gặp '{text}'")
    return code.strip(), name.strip()
