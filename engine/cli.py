"""The `vanban` command: a thin, Vietnamese-speaking wrapper over the engine; heavy modules load lazily."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Callable, Sequence

from engine import __version__

# argparse's own words, in Vietnamese (it looks `_` up at call time).
_ARGPARSE_WORDS = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lệnh không có: %(value)r (chọn một trong %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
}
argparse._ = lambda text: _ARGPARSE_WORDS.get(text, text)  # type: ignore[attr-defined]

DESCRIPTION = """\
vanban — soạn văn bản hành chính đúng Nghị định 30/2020/NĐ-CP từ các tệp YAML.

Thư mục làm việc gồm: vanban.yaml (thông tin cơ quan), plans/ (mỗi văn bản một tệp YAML),
templates/docx/ (mẫu, nếu muốn thay mẫu có sẵn) và outputs/ (văn bản DOCX được tạo ra).
"""

EXAMPLES = """\
Ví dụ:
  vanban build                 dựng mọi văn bản trong plans/ vào outputs/
  vanban issue plans/2024/thong-bao-hop-ban-chi-dao.yaml   cấp số, ban hành và lưu vào git
  vanban register --nam 2024  xem sổ văn bản đi năm 2024
  vanban doc-so 1250000        đọc số thành chữ: một triệu hai trăm năm mươi nghìn
  vanban build --help          hướng dẫn của một lệnh
"""


def main(argv: Sequence[str] | None = None) -> int:
    _speak_utf8()
    arguments = _negative_after_dashes(list(sys.argv[1:] if argv is None else argv))
    parser = _parser(starting=arguments[:1] in (["init"], ["new"], ["schema"]))
    args = parser.parse_args(arguments)
    if not hasattr(args, "run"):
        parser.print_help()
        return 0
    from engine.errors import BuildFailed, EngineError, os_reason

    try:
        code = args.run(args)
        sys.stdout.flush()  # a reader that stopped early (`vanban totext … | head`) shows here, not at exit
        return code
    except BrokenPipeError:  # the reader has what it wanted: nothing to tell the clerk
        _quiet_stdout()
        return 1
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        print(f"Không có văn bản nào được ghi: {len(failed.errors)} lỗi.", file=sys.stderr)
        return 1
    except EngineError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:  # the disk, not the program: a read-only folder, a file where a folder should be
        where = f"{error.filename}: " if error.filename else ""
        print(f"{where}không đọc hoặc ghi được ({os_reason(error)})", file=sys.stderr)
        return 1


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit does not complain of the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _speak_utf8() -> None:
    """Vietnamese on any console: a Windows code page (cp1252, cp1258) cannot hold it, so say it in UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _negative_after_dashes(argv: list[str]) -> list[str]:
    """`vanban doc-so -1,5`: argparse takes '-1,5' for an option, so a negative number goes after '--'."""
    if argv[:1] != ["doc-so"] or "--" in argv:
        return argv
    negative = [a for a in argv[1:] if re.fullmatch(r"-[0-9][0-9.,]*", a)]
    return [a for a in argv if a not in negative] + (["--", *negative] if negative else [])


def _parser(starting: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vanban", description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"vanban {__version__}",
                        help="in phiên bản rồi thoát")
    commands = parser.add_subparsers(title="các lệnh", metavar="LỆNH")
    _start_commands(commands, starting)
    _command(commands, "build", cmd_build, "dựng mọi văn bản trong plans/ thành DOCX trong outputs/",
             "Ví dụ:\n  vanban build\n  vanban build --pdf\n  vanban build --thu-muc ~/vanban-xa",
             _build_arguments)
    _command(commands, "issue", cmd_issue, "cấp số tiếp theo trong sổ văn bản đi, ban hành và lưu vào git",
             "Ví dụ:\n  vanban issue plans/2024/thong-bao-hop-ban-chi-dao.yaml\n"
             "  vanban issue plans/2024/thong-bao-hop-ban-chi-dao.yaml --ngay 2024-03-15\n"
             "  vanban issue plans/2024/thong-bao-hop-ban-chi-dao.yaml --so 27 --ngay 2024-03-15   (số do hệ thống khác cấp)\n"
             "  vanban issue plans/2024/thong-bao-ho-ngheo.yaml --mot-so   (văn bản trộn: một số cho cả bộ)\n"
             "Mã thoát: 0 đã ban hành (kể cả khi git chưa lưu được: có cảnh báo, lần ban hành sau hoặc\n"
             "'vanban verify --sua' sẽ lưu); 1 chưa ban hành gì.",
             _issue_arguments)
    _command(commands, "verify", cmd_verify, "kiểm tra các văn bản đã ban hành còn đúng như khi vào sổ",
             "Ví dụ:\n  vanban verify\n  vanban verify --sua", _verify_arguments)
    from engine import correct  # argparse only at import: the commands' work loads when they run

    correct.add_commands(commands, _command, _workspace_option)
    _command(commands, "register", cmd_register, "in sổ đăng ký văn bản đi, hoặc xuất ra Excel/Word (Phụ lục IV)",
             "Ví dụ:\n  vanban register\n  vanban register --nam 2024 --xlsx so-van-ban-di-2024.xlsx\n"
             "  vanban register --nam 2024 --docx so-van-ban-di-2024.docx", _register_arguments)
    _command(commands, "check", cmd_check, "kiểm tra tệp DOCX (kể cả tệp soạn tay bằng Word) theo Nghị định 30",
             "Ví dụ:\n  vanban check outputs/2024/*.docx\n  vanban check ~/Downloads/cong-van-soan-tay.docx\n"
             "  vanban check --json van-ban.docx", _check_arguments)
    _command(commands, "totext", cmd_totext, "in chữ của một tệp DOCX (để git diff hiện nội dung thay đổi)",
             "Ví dụ:\n  vanban totext outputs/2024/15-KH-UBND-ke-hoach-giam-ngheo.docx", _totext_arguments)
    _command(commands, "doc-so", cmd_doc_so, "đọc một số (hoặc số tiền) thành chữ",
             "Ví dụ:\n  vanban doc-so 2024        → hai nghìn không trăm hai mươi bốn\n"
             "  vanban doc-so 1,52        → một phẩy năm mươi hai\n"
             "  vanban doc-so --tien 125000000 → Một trăm hai mươi lăm triệu đồng",
             _doc_so_arguments)
    return parser


def _start_commands(commands: argparse._SubParsersAction, starting: bool) -> None:
    """init, new, schema: their module loads only when one of them runs, so `vanban --help` stays instant."""
    summaries = {"init": "tạo thư mục làm việc mới cho một cơ quan (vanban.yaml, plans/, git)",
                 "new": "tạo tệp YAML mẫu (có chú thích) cho một loại văn bản, dựng được ngay",
                 "schema": "ghi JSON Schema cho trình soạn thảo (gợi ý khóa, giải thích, gạch chân lỗi)"}
    if not starting:
        for name, summary in summaries.items():
            commands.add_parser(name, help=summary)
        return
    from engine import scaffold

    _command(commands, "init", scaffold.cmd_init, summaries["init"], scaffold.INIT_EXAMPLES, scaffold.init_arguments)
    _command(commands, "new", scaffold.cmd_new, summaries["new"], scaffold.NEW_EXAMPLES, scaffold.new_arguments)
    from engine.pipeline import json_schema

    _command(commands, "schema", json_schema.cmd_schema, summaries["schema"], json_schema.HELP,
             json_schema.schema_arguments)


def _command(commands: argparse._SubParsersAction, name: str, run: Callable, summary: str, example: str,
             arguments: Callable[[argparse.ArgumentParser], None]) -> None:
    sub = commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".",
                              epilog=example, formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments(sub)
    sub.set_defaults(run=run)


def _workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--thu-muc", "-C", type=Path, default=Path.cwd(), metavar="THƯ_MỤC",
                        help="thư mục làm việc (mặc định: thư mục hiện tại hoặc thư mục cha có vanban.yaml)")


def _date(text: str):
    from engine.nd30.forms import parse_date

    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _issue_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tep", type=Path, metavar="TỆP", help="tệp YAML của văn bản, trong plans/")
    parser.add_argument("--ngay", "--date", dest="date", type=_date, metavar="NGÀY",
                        help="ngày ban hành (mặc định: ngày ghi trong tệp, nếu không có thì hôm nay)")
    parser.add_argument("--so", type=int, metavar="SỐ",
                        help="số đã cấp ở nơi khác (hệ thống điện tử, sổ giấy); cần kèm --ngay")
    parser.add_argument("--mot-so", action="store_true", default=None,
                        help="văn bản trộn (tron): cấp một số cho cả bộ thay vì mỗi văn bản một số")


def _verify_arguments(parser: argparse.ArgumentParser) -> None:
    _workspace_option(parser)
    parser.add_argument("--sua", action="store_true",
                        help="khôi phục sổ từ lịch sử git khi rõ ràng, và lưu vào git các văn bản đã ban hành chưa lưu")


def _register_arguments(parser: argparse.ArgumentParser) -> None:
    _workspace_option(parser)
    parser.add_argument("--nam", "--year", dest="year", type=int, metavar="NĂM", help="năm của sổ (mặc định: mọi năm)")
    parser.add_argument("--xlsx", type=Path, metavar="TỆP", help="xuất sổ ra tệp Excel")
    parser.add_argument("--docx", type=Path, metavar="TỆP", help="xuất sổ ra tệp Word")
    parser.add_argument("--ghi-de", action="store_true", help="cho phép ghi đè một tệp đã có")


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tep", type=Path, nargs="+", metavar="TỆP", help="một hoặc nhiều tệp DOCX")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON (cho máy đọc)")


def _totext_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tep", type=Path, metavar="TỆP", help="tệp DOCX")


def _build_arguments(parser: argparse.ArgumentParser) -> None:
    _workspace_option(parser)
    parser.add_argument("--pdf", action="store_true", help="xuất thêm tệp PDF cạnh mỗi tệp DOCX (cần LibreOffice)")
    parser.add_argument("--gon", "-q", action="store_true", help="chỉ in dòng tổng kết (và lỗi, lưu ý)")


def _doc_so_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("so", metavar="SỐ", help="số cần đọc, ví dụ 1250000, 1.250.000 hoặc 1,52")
    parser.add_argument("--tien", action="store_true", help="đọc như số tiền: viết hoa chữ đầu, thêm 'đồng'")


def cmd_build(args: argparse.Namespace) -> int:
    from engine.build import build_all
    from engine.workspace import find_workspace

    root = find_workspace(args.thu_muc.resolve())
    built = build_all(root, pdf=args.pdf, progress=None if args.gon or not sys.stderr.isatty() else _progress)
    written = built.written
    for item in written if not args.gon else []:
        shown = item.path.relative_to(root).as_posix()
        print(f"  {item.status:<10} {shown}")
    counts = {status: sum(w.status == status for w in written) for status in ("mới", "thay đổi", "không đổi")}
    issued = sum(w.status == "đã ban hành" for w in written)
    summary = ", ".join(f"{n} {status}" for status, n in counts.items()) + (f", {issued} đã ban hành" if issued else "")
    print(f"Đã dựng {len(written)} văn bản: {summary}.")
    for notice in built.notices:
        print(f"Lưu ý: {notice}", file=sys.stderr)
    for refusal in built.refused:
        print(refusal, file=sys.stderr)
    if built.refused:
        print(f"{len(built.refused)} văn bản đã ban hành bị sửa nguồn nên không dựng lại; các văn bản khác vẫn được "
              "dựng.", file=sys.stderr)
    return 1 if built.refused else 0


def _progress(total: int):
    """At a terminal, a bar with count, rate and time left, shown only for a build that takes over a second."""
    from tqdm import tqdm

    return tqdm(total=total, desc="Đang dựng", unit=" văn bản", file=sys.stderr, delay=1.0, leave=False,
                dynamic_ncols=True)


DRAFTS_LISTED = 4  # more drafts replaced by an issue than this are counted, not listed


def cmd_issue(args: argparse.Namespace) -> int:
    import datetime as dt

    from engine.issue import issue
    from engine.registry.register import span
    from engine.workspace import find_workspace
    from engine.nd30.forms import short_date

    source = args.tep.resolve()
    root = find_workspace(source.parent)
    done = issue(root, source, args.date, dt.date.today(), args.so, args.mot_so)
    for path in done.cleaned:
        print(f"Đã xóa tệp dở dang của một lần ban hành bị gián đoạn: {path.relative_to(root).as_posix()}")
    drafts = [path.relative_to(root).as_posix() for path in done.drafts]
    if len(drafts) > DRAFTS_LISTED:  # a merged series: thousands of lines would hide the numbers given
        folders = ", ".join(sorted({path.rsplit("/", 1)[0] + "/" for path in drafts}))
        print(f"Đã xóa {len(drafts)} bản dự thảo (nay thay bằng văn bản đã ban hành) trong {folders}")
    for path in drafts if len(drafts) <= DRAFTS_LISTED else []:
        print(f"Đã xóa bản dự thảo (nay thay bằng văn bản đã ban hành): {path}")
    entries = done.entries or (done.entry,)
    for each in entries:
        print(f"Đã ban hành số {each.reference} ngày {short_date(each.date)}: {each.output}")
    numbers = span(entries)
    if done.commit:
        print(f"Đã lưu vào lịch sử git (commit {done.commit}): Ban hành {numbers}")
        if done.pushed_to:
            print(f"Đã đẩy lên kho chung '{done.pushed_to}': số đã cấp, máy khác sẽ nhận số tiếp theo.")
    elif done.commit_failed:
        print(f"CẢNH BÁO: văn bản đã ban hành và đã vào sổ, nhưng chưa lưu được vào git ({done.commit_failed}). "
              "Số này đã dùng, đừng ban hành lại. Sửa lỗi git rồi chạy 'vanban verify --sua' (hoặc lần ban hành "
              "sau) để lưu.", file=sys.stderr)
    else:
        print("Thư mục làm việc chưa là kho git nên chưa lưu trữ gì vào lịch sử; "
              "chạy 'git init' để lưu trữ các văn bản ban hành sau này.")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from engine.errors import EngineError
    from engine.registry.archive import keep_pending, verify
    from engine.registry.history import repair, years
    from engine.workspace import find_workspace
    from engine.registry.register import Register

    root = find_workspace(args.thu_muc.resolve())
    register = Register(root)
    if args.sua:
        with register.lock():
            for year in years(root, register):
                for done in repair(root, register, year):
                    print(f"{register.shown(year)}: {done}")
            commit = keep_pending(root, register, "vanban")
            if commit:
                print(f"Đã lưu vào lịch sử git các văn bản đã ban hành chưa lưu (commit {commit}).")
    problems = verify(root, register)
    for problem in problems:
        print(problem, file=sys.stderr)
    try:
        count = len(register.entries())
    except EngineError:
        count = 0
    if problems:
        print(f"Có {len(problems)} vấn đề trong {count} văn bản đã ban hành.", file=sys.stderr)
        if not args.sua:
            print("Chạy 'vanban verify --sua' để khôi phục sổ từ lịch sử git và lưu vào git các văn bản đã ban hành "
                  "chưa lưu; tệp đã bị sửa thì khôi phục bằng 'git checkout -- <tệp>'.", file=sys.stderr)
        return 1
    print(f"Cả {count} văn bản đã ban hành đều đúng như khi vào sổ.")
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    from engine.workspace import find_workspace
    from engine.registry.register import Register
    from engine.registry.relations import undergone
    from engine.registry.views import export_docx, export_xlsx, print_table, refuse_export_target

    root = find_workspace(args.thu_muc.resolve())
    register = Register(root)
    entries, since = register.entries(args.year), undergone(register.entries(), register.voids())
    for target, kind in ((args.xlsx, "xlsx"), (args.docx, "docx")):
        if target:
            refuse_export_target(root, target, kind, args.ghi_de)
    if args.xlsx:
        export_xlsx(entries, args.xlsx, args.year, since)
        print(f"Đã xuất {len(entries)} dòng ra {args.xlsx}")
    if args.docx:
        export_docx(entries, args.docx, args.year, since)
        print(f"Đã xuất {len(entries)} dòng ra {args.docx}")
    if not (args.xlsx or args.docx):
        print_table(entries, since)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from engine.check import check_document
    from engine.errors import CheckInputError

    report: dict[str, object] = {}
    for path in args.tep:
        try:
            report[str(path)] = check_document(path)
        except CheckInputError as error:
            report[str(path)] = str(error)
    if args.json:
        print(json.dumps({p: (r if isinstance(r, str) else [v.__dict__ for v in r]) for p, r in report.items()},
                         ensure_ascii=False, indent=2))
    else:
        _print_check(report)
    return 0 if all(r == [] for r in report.values()) else 1


def _print_check(report: dict[str, object]) -> None:
    for path, result in report.items():
        if isinstance(result, str):
            print(f"{result}", file=sys.stderr)
        elif result:
            for violation in result:
                print(f"{path}: {violation}")
        else:
            print(f"{path}: đúng thể thức Nghị định 30 (không phát hiện lỗi)")
    bad = sum(1 for r in report.values() if r != [])
    print(f"Đã kiểm tra {len(report)} tệp: {len(report) - bad} đạt, {bad} có lỗi hoặc không đọc được.")


def cmd_totext(args: argparse.Namespace) -> int:
    from engine.docx.write import docx_text

    print(docx_text(args.tep))
    return 0


def cmd_doc_so(args: argparse.Namespace) -> int:
    from engine.nd30.doc_so import doc_so, doc_tien

    try:
        print(doc_tien(args.so) if args.tien else doc_so(args.so))
    except (ValueError, TypeError) as exc:
        print(f"vanban doc-so: {exc}", file=sys.stderr)
        return 1
    return 0
