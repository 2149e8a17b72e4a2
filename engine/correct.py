"""Correcting what was issued, as NĐ30 provides: an issued document is never edited, a new one is issued.

`vanban dinh-chinh|sua-doi|thay-the|thu-hoi SỐ` write the draft of the correcting document into plans/<năm>/,
already linked to the original (`van_ban_goc`) and citing it in its trích yếu, căn cứ and articles; the clerk
completes it, builds and issues it as any other draft, and the register records the relation then
(registry/relations.py). `vanban huy-so SỐ --ly-do …` voids a number taken by mistake: its line and archived file
stay, a marker line records the void and the reason, the number is never given again.

Only argparse and pathlib at module level: `vanban --help` lists these commands without loading the engine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

# command → (quan_he, summary, example)
COMMANDS = {
    "dinh-chinh": ("dinh_chinh", "tạo dự thảo văn bản đính chính một văn bản đã ban hành (sai sót khi soạn thảo)",
                   "Ví dụ:\n  vanban dinh-chinh 15/KH-UBND\n  vanban dinh-chinh plans/2024/ke-hoach-giam-ngheo.yaml"),
    "sua-doi": ("sua_doi", "tạo dự thảo văn bản sửa đổi, bổ sung một văn bản đã ban hành",
                "Ví dụ:\n  vanban sua-doi 03/QĐ-UBND\n  vanban sua-doi 15/KH-UBND --loai quyet-dinh"),
    "thay-the": ("thay_the", "tạo dự thảo văn bản thay thế một văn bản đã ban hành (chép nội dung cũ để sửa)",
                 "Ví dụ:\n  vanban thay-the 03/QĐ-UBND\n  vanban thay-the 15/KH-UBND --nam 2024"),
    "thu-hoi": ("thu_hoi", "tạo dự thảo quyết định thu hồi một văn bản đã ban hành",
                "Ví dụ:\n  vanban thu-hoi 15/KH-UBND"),
}
VOID_EXAMPLE = ("Ví dụ:\n  vanban huy-so 07/TB-UBND --ly-do \"Lấy nhầm số, văn bản không phát hành\"\n"
                "Số bị hủy vẫn nằm trong sổ (ghi chú 'Hủy số: <lý do>'), không cấp lại; tệp đã lưu không bị xóa.")


def add_commands(commands: argparse._SubParsersAction, command: Callable, workspace_option: Callable) -> None:
    """The five commands, wired by the CLI's own `command` helper (summary, example, arguments, handler)."""
    for name, (relation, summary, example) in COMMANDS.items():
        command(commands, name, _run_draft(relation), summary, example,
                lambda parser, r=relation: _draft_arguments(parser, r, workspace_option))
    command(commands, "huy-so", cmd_void, "hủy một số đã cấp nhầm: số vẫn ở trong sổ, ghi rõ lý do, không cấp lại",
            VOID_EXAMPLE, lambda parser: _void_arguments(parser, workspace_option))


def _original_argument(parser: argparse.ArgumentParser, workspace_option: Callable) -> None:
    parser.add_argument("goc", metavar="SỐ", help="số, ký hiệu của văn bản đã ban hành (15/KH-UBND) hoặc tệp YAML của nó")
    parser.add_argument("--nam-goc", type=int, metavar="NĂM", help="năm của văn bản gốc, khi số đó có ở sổ nhiều năm")
    workspace_option(parser)


def _draft_arguments(parser: argparse.ArgumentParser, relation: str, workspace_option: Callable) -> None:
    _original_argument(parser, workspace_option)
    parser.add_argument("--loai", metavar="LOẠI", help="loại của văn bản mới, ví dụ quyet-dinh, cong-van, ke-hoach "
                        "(mặc định: theo văn bản gốc và việc cần làm)")
    parser.add_argument("--ten", metavar="TÊN", help="tên tệp mới (mặc định: theo việc và số gốc)")
    parser.add_argument("--nam", type=int, metavar="NĂM", help="năm (thư mục plans/<năm>/; mặc định: năm nay)")


def _void_arguments(parser: argparse.ArgumentParser, workspace_option: Callable) -> None:
    _original_argument(parser, workspace_option)
    parser.add_argument("--ly-do", required=True, metavar="LÝ_DO", help="lý do hủy số (ghi vào sổ)")


def _run_draft(relation: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from engine.workspace import find_workspace

        root = find_workspace(args.thu_muc.resolve())
        path, original = write_draft(root, args.goc, relation, args.nam_goc, args.loai, args.ten, args.nam)
        shown = path.relative_to(root).as_posix()
        print(f"Đã tạo {shown}: dự thảo {_verb(relation)} {original}. Hoàn thiện những chỗ 'Ghi …', chạy "
              f"'vanban build' rồi 'vanban issue {shown}'.")
        return 0
    return run


def _verb(relation: str) -> str:
    from engine.nd30.citation import RELATIONS

    return RELATIONS[relation].lower()


def write_draft(root: Path, given: str, relation: str, year_of_original: int | None, kind: str | None,
                name: str | None, year: int | None) -> tuple[Path, str]:
    """plans/<năm>/<tên>.yaml for the correcting document; nothing is written when the original is not found."""
    import datetime as dt
    import re

    from engine import scaffold
    from engine.errors import Location, OutputError
    from engine.nd30.corrections import Office, draft, kind_for
    from engine.workspace import DATA_KEY, PLANS

    entry = locate(root, given, year_of_original)
    _refuse_ended(root, entry, relation)
    profile = _profile(root)
    original = original_of(root, entry, profile)
    ctx = scaffold.context_of(profile)
    text = draft(relation, original, kind_for(relation, original, kind), Office(ctx.head, ctx.unit, ctx.collective))
    stem = re.sub(r"[^\w-]+", "-", name or f"{relation.replace('_', '-')}-{entry.reference}", flags=re.UNICODE)
    folder = root / PLANS / str(year or dt.date.today().year)
    if relation == "thay_the" and DATA_KEY in original.data and year is None:
        folder = (root / entry.source).parent  # its data file is named beside the document: share the folder
    path = folder / f"{stem.strip('-').lower()}.yaml"
    if path.exists():
        raise OutputError("tệp đã có; hãy chọn tên khác (--ten TÊN) hoặc hoàn thiện tệp đó", Location.of(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold._with_schema_line(path, root, text), encoding="utf-8", newline="\n")
    return path, f"{original.named} ngày {_short(entry.date)}"


def _refuse_ended(root: Path, entry: Any, relation: str) -> None:
    """A document replaced, withdrawn or voided is no longer in force: nothing to correct (the build says the same)."""
    from engine.errors import Location, RegisterError
    from engine.pipeline.relation_rules import ENDING
    from engine.registry.register import Register
    from engine.registry.relations import key, undergone

    register = Register(root)
    ended = [u for u in undergone(register.entries(), register.voids()).get(key(entry), []) if u.kind in ENDING]
    if ended:
        raise RegisterError(f"văn bản số {entry.reference} ngày {_short(entry.date)} không còn hiệu lực ({ended[0]}); "
                            f"không {_verb(relation)} văn bản đó được nữa", Location(entry.source))


def _short(date: Any) -> str:
    from engine.nd30.forms import short_date

    return short_date(date)


def _profile(root: Path) -> dict:
    import yaml

    from engine.workspace import PROFILE

    try:
        value = yaml.safe_load((root / PROFILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        value = None
    return value if isinstance(value, dict) else {}


def locate(root: Path, given: str, year: int | None) -> Any:
    """The register line of the original: by its number (`15/KH-UBND`) or by its YAML file; a located Vietnamese
    error when it is not there, not issued, or ambiguous."""
    from engine.errors import Location, RegisterError
    from engine.nd30.forms import short_date
    from engine.registry.register import Register
    from engine.registry.relations import find
    from engine.workspace import shown_path

    register = Register(root)
    entries = register.entries()
    if given.lower().endswith((".yaml", ".yml")):
        path = Path(given) if Path(given).is_absolute() else Path.cwd() / given
        if not path.exists() and (root / given).exists():
            path = root / given
        shown = shown_path(root, path.resolve()) if path.exists() else given
        found = [e for e in entries if e.source == shown]
        if not found:
            why = "chưa ban hành (không có trong sổ văn bản đi)" if path.exists() else "không có tệp này"
            raise RegisterError(f"{why}: chỉ đính chính, sửa đổi, thay thế, thu hồi hoặc hủy số được văn bản đã "
                                "ban hành", Location(shown))
        return found[0]
    if "/" not in given or not given.split("/")[0].strip().isdigit():
        raise RegisterError(f"'{given}' không phải số, ký hiệu văn bản (dạng 15/KH-UBND) hay tệp YAML trong plans/")
    found = [e for e in find(entries, given) if year is None or e.date.year == year]
    if not found:
        raise RegisterError(f"không có văn bản số {given}{f' năm {year}' if year else ''} trong sổ văn bản đi; "
                            "xem sổ bằng 'vanban register'")
    if len(found) > 1:
        raise RegisterError(f"số {given} có ở sổ nhiều năm (ngày {', '.join(short_date(e.date) for e in found)}); "
                            "hãy ghi thêm --nam-goc NĂM")
    return found[0]


def cmd_void(args: argparse.Namespace) -> int:
    from engine.workspace import find_workspace

    from engine.registry.voids import void

    root = find_workspace(args.thu_muc.resolve())
    profile = _profile(root)
    done = void(root, locate(root, args.goc, args.nam_goc), args.ly_do, str(profile.get("kho_chung") or ""),
                str((profile.get("co_quan") or {}).get("ten") or "vanban"))
    print(f"Đã hủy số {done.void.reference}: số vẫn ở trong sổ với ghi chú 'Hủy số: "
          f"{done.void.reason}', không cấp lại; tệp đã lưu giữ nguyên.")
    if done.commit:
        print(f"Đã lưu vào lịch sử git (commit {done.commit}): Hủy số {done.void.reference}")
    elif done.commit_failed:
        print(f"CẢNH BÁO: đã ghi hủy số vào sổ nhưng chưa lưu được vào git ({done.commit_failed}); sửa lỗi git rồi "
              "chạy 'vanban verify --sua'.", file=sys.stderr)
    return 0


def original_of(root: Path, entry: Any, profile: dict) -> Any:
    """The register line as a citable Original, with its YAML as plain data (empty when unreadable)."""
    from engine.nd30.corrections import Original
    from engine.pipeline.load import plain_data
    from engine.pipeline.merge_lists import row_values
    from engine.pipeline.merge_rules import fill_plain
    from engine.registry.register import split_source

    file, row = split_source(entry.source)  # one document of a merged series: its YAML file and its row
    source = root / file
    try:
        data = plain_data(source)
        if row is not None:  # its texts as that row's document printed them
            data = fill_plain(data, row_values(source, data, row) or {})
    except Exception:  # noqa: BLE001 - a source gone or unreadable: the draft is written from the register alone
        data = {}
    bodies = profile.get("co_quan_tu_van") if isinstance(profile.get("co_quan_tu_van"), dict) else {}
    body = entry.series if entry.series in bodies else ""
    agency = (bodies.get(body) or {}).get("ten") if body else (profile.get("co_quan") or {}).get("ten")
    data = _inline_attachments(source, data) if isinstance(data, dict) else {}
    agency = str(agency or "Ghi cơ quan ban hành")
    return Original(entry.reference, entry.date, entry.kind, entry.summary,
                    tuple(r for r in entry.recipients.split("; ") if r), agency, body, data,
                    _issuer(profile, agency, data) if not body else "")


def _issuer(profile: dict, agency: str, data: dict) -> str:
    """A quyết định of the head (tham_quyen chu_tich, the default) is cited as his: "Chủ tịch Ủy ban nhân dân xã
    …", as its authority line reads; the collective's, and any other document, as the agency's."""
    if data.get("loai") != "quyet_dinh" or data.get("tham_quyen", "chu_tich") != "chu_tich":
        return ""
    signers = profile.get("nguoi_ky") if isinstance(profile.get("nguoi_ky"), dict) else {}
    head = signers.get(profile.get("thu_truong") or next(iter(signers), ""))
    title = str(head.get("chuc_vu") or "") if isinstance(head, dict) else ""
    if not title or agency.lower().startswith(title.lower() + " "):
        return ""
    return f"{title} {agency[:1].upper()}{agency[1:]}"


def _inline_attachments(source: Path, data: dict) -> dict:
    """`kem_theo: quy-che.yaml` → the text itself: a replacement issues its own version, while the file stays as
    the original issued it (an issued document's files are frozen)."""
    from engine.pipeline.load import plain_data
    from engine.workspace import ATTACHED_KEY, data_file

    named = data.get(ATTACHED_KEY)
    if not isinstance(named, (str, list)):
        return data
    texts = []
    for item in named if isinstance(named, list) else [named]:
        try:
            texts.append(plain_data(data_file(source, item)) if isinstance(item, str) else item)
        except Exception:  # noqa: BLE001 - unreadable: left as its name, the build will say what is wrong
            texts.append(item)
    return {**data, ATTACHED_KEY: texts if isinstance(named, list) else texts[0]}
