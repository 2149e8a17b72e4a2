"""The `vanban` command: a thin, Vietnamese-speaking wrapper over the engine; heavy modules load lazily."""

from __future__ import annotations

import argparse
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
  vanban doc-so 1250000        đọc số thành chữ: một triệu hai trăm năm mươi nghìn
  vanban build --help          hướng dẫn của một lệnh
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 0
    from engine.errors import BuildFailed, EngineError

    try:
        return args.run(args)
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        print(f"Không có văn bản nào được ghi: {len(failed.errors)} lỗi.", file=sys.stderr)
        return 1
    except EngineError as error:
        print(error, file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vanban", description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"vanban {__version__}",
                        help="in phiên bản rồi thoát")
    commands = parser.add_subparsers(title="các lệnh", metavar="LỆNH")
    _command(commands, "build", cmd_build, "dựng mọi văn bản trong plans/ thành DOCX trong outputs/",
             "Ví dụ:\n  vanban build\n  vanban build --thu-muc ~/vanban-xa",
             lambda p: _workspace_option(p))
    _command(commands, "doc-so", cmd_doc_so, "đọc một số (hoặc số tiền) thành chữ",
             "Ví dụ:\n  vanban doc-so 2024        → hai nghìn không trăm hai mươi bốn\n"
             "  vanban doc-so 1,52        → một phẩy năm mươi hai\n"
             "  vanban doc-so --tien 125000000 → Một trăm hai mươi lăm triệu đồng",
             _doc_so_arguments)
    return parser


def _command(commands: argparse._SubParsersAction, name: str, run: Callable, summary: str, example: str,
             arguments: Callable[[argparse.ArgumentParser], None]) -> None:
    sub = commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".",
                              epilog=example, formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments(sub)
    sub.set_defaults(run=run)


def _workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--thu-muc", "-C", type=Path, default=Path.cwd(), metavar="THƯ_MỤC",
                        help="thư mục làm việc (mặc định: thư mục hiện tại hoặc thư mục cha có vanban.yaml)")


def _doc_so_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("so", metavar="SỐ", help="số cần đọc, ví dụ 1250000, 1.250.000 hoặc 1,52")
    parser.add_argument("--tien", action="store_true", help="đọc như số tiền: viết hoa chữ đầu, thêm 'đồng'")


def cmd_build(args: argparse.Namespace) -> int:
    from engine.build import build
    from engine.load import find_workspace

    root = find_workspace(args.thu_muc.resolve())
    written = build(root)
    for item in written:
        shown = item.path.relative_to(root).as_posix()
        print(f"  {item.status:<10} {shown}")
    counts = {status: sum(w.status == status for w in written) for status in ("mới", "thay đổi", "không đổi")}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    print(f"Đã dựng {len(written)} văn bản: {summary}.")
    return 0


def cmd_doc_so(args: argparse.Namespace) -> int:
    from engine.doc_so import doc_so, doc_tien

    try:
        print(doc_tien(args.so) if args.tien else doc_so(args.so))
    except (ValueError, TypeError) as exc:
        print(f"vanban doc-so: {exc}", file=sys.stderr)
        return 1
    return 0
