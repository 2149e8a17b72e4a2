"""Validate stage: turn located YAML nodes into the domain model, collecting every error of the run."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine import schema as s
from engine.errors import EngineError, Location, Notice, stop_on
from engine.nd30.kinds import CO_TEN_LOAI, CONG_VAN, KINDS, QUYET_DINH
from engine.pipeline import attached
from engine.pipeline import body_rules as br
from engine.pipeline import data as dt
from engine.pipeline import merge_rules as mr
from engine.pipeline import relation_rules as rr
from engine.pipeline.merge import expand
from engine.pipeline.catalog import Catalog, of_sources
from engine.pipeline.load import SourceFile, Sources
from engine.workspace import ATTACHED_KEY
from engine.model import (AREA_LEVELS, ARCHIVE, LOCALITY_WORDS, Advisory, Agency, Attachment, Document, Localities,
                          Profile, Signature, Signer)
from engine.nd30.layout import AGENCY_PT, HEAD_LEFT_MM
from engine.nd30.metrics import text_width_mm
from engine.nd30.forms import upper
from engine.pipeline.reform_rules import abolished_addressees, folder_year as _folder_year, refuse_abolished_issuer

ALLOWED_AUTHORITY = {(), ("TM",), ("KT",), ("Q",), ("TL",), ("TUQ",), ("TM", "KT"), ("TM", "Q")}
_COLLECTIVES = ("Ủy ban nhân dân", "Hội đồng nhân dân")


def validate(sources: Sources | Catalog, errors: list[EngineError],
             noticed: set[Path] | None = None) -> tuple[Profile, list[Document]]:
    """The valid documents of the workspace; the errors of the others go to `errors`; the documents whose
    validation gave a notice to `noticed`, when given. A streamed catalog's documents are validated one at a time,
    each node tree dropped once its document is made.

    Without a valid vanban.yaml nothing can be checked further, so the run stops here.
    """
    catalog = sources if isinstance(sources, Catalog) else of_sources(sources)
    profile = _profile(catalog.profile, errors) if catalog.profile else None
    files = dt.read_data_files(catalog.data, profile, errors)
    texts = attached.read_files(catalog.texts, errors)
    originals = rr.Originals(catalog.root)
    documents = []
    for source in catalog.documents:
        before = len(errors)
        documents.append(_document(source, profile, files, texts, originals, errors))
        if noticed is not None and any(isinstance(e, Notice) for e in errors[before:]):
            noticed.add(source.path)
    if profile is None:
        stop_on(errors)
    return profile, [row for d in documents if d is not None for row in expand(d)]


# --- vanban.yaml -----------------------------------------------------------------------------

_SIGNER = s.mapping({
    "ho_ten": s.Key(s.text, True, "họ và tên người ký"),
    "chuc_vu": s.Key(s.text, True, "chức vụ, ví dụ: Chủ tịch"),
    "ky_thay": s.Key(s.text, meaning="chức vụ của thủ trưởng mà người này ký thay, ví dụ: Chủ tịch"),
}, "thông tin người ký (ho_ten, chuc_vu)")

_PROFILE = s.mapping({
    "co_quan": s.Key(s.mapping({
        "ten": s.Key(s.text, True, "tên đầy đủ của cơ quan, ví dụ: Ủy ban nhân dân xã Trung Lương"),
        "dong_tieu_de": s.Key(s.sequence(s.text, allow_single=True)),
        "chu_quan": s.Key(s.sequence(s.text, allow_single=True), default=()),
        "viet_tat": s.Key(s.capitals, True, "chữ viết tắt tên cơ quan, ví dụ: UBND"),
        "tap_the": s.Key(s.text),
        "dia_danh": s.Key(s.text, True, "địa danh ghi ở dòng ngày tháng, ví dụ: Trung Lương"),
    }), True, "tên, chữ viết tắt và địa danh của cơ quan"),
    "don_vi": s.Key(s.dict_of(s.text, "danh sách đơn vị dạng 'VHXH: Công chức Văn hóa - Xã hội'"), default={}),
    "nguoi_ky": s.Key(s.dict_of(_SIGNER, "danh sách người ký dạng 'chu_tich: {ho_ten: …, chuc_vu: …}'"),
                      True, "những người ký văn bản"),
    "thu_truong": s.Key(s.text, meaning="khóa của người đứng đầu trong nguoi_ky, ví dụ: chu_tich"),
    "co_quan_tu_van": s.Key(s.dict_of(s.mapping({
        "ten": s.Key(s.text, True, "tên cơ quan tư vấn, ví dụ: Ban Chỉ đạo giảm nghèo bền vững xã"),
        "viet_tat": s.Key(s.capitals, True, "chữ viết tắt dùng trong ký hiệu, ví dụ: BCĐ"),
        "dong_tieu_de": s.Key(s.sequence(s.text, allow_single=True)),
        "chu_quan": s.Key(s.sequence(s.text, allow_single=True)),
        "tap_the": s.Key(s.text),
        "chuc_vu": s.Key(s.dict_of(s.text, "chức vụ trong cơ quan tư vấn dạng 'chu_tich: Trưởng ban'"), default={}),
    }, "một cơ quan tư vấn (ten, viet_tat, …)"), "các cơ quan tư vấn dạng 'ban_chi_dao: {ten: …, viet_tat: …}'"),
        default={}),
    "so_van_ban": s.Key(s.dict_of(s.sequence(s.choice({k: k for k in KINDS}, "loại văn bản"), allow_single=True),
                                 "các sổ riêng dạng 'ten_so: [quyet_dinh]'"), default={}),
    "kho_chung": s.Key(s.text, meaning="tên remote git của kho chung (sổ dùng chung nhiều máy), ví dụ: origin"),
    "so_ban": s.Key(s.integer(1, 9999), meaning="số bản thường phát hành, ghi vào cột Số lượng bản của sổ"),
    **{key: s.Key(s.sequence(s.text, non_empty=True), meaning=f"các {word} trên địa bàn")
       for key, word in LOCALITY_WORDS.items()},
})


def _profile(source: SourceFile, errors: list[EngineError]) -> Profile | None:
    ctx = s.Context(source.shown)
    raw = _PROFILE(source.root, "", ctx)
    if raw is s.INVALID or ctx.errors:
        errors.extend(ctx.errors)
        return None
    signers_raw: dict[str, dict] = {k: v for k, v in raw["nguoi_ky"].items() if v is not s.INVALID}
    head_key = raw["thu_truong"] or next(iter(signers_raw), "")
    if head_key not in signers_raw:
        node = s.key_of(source.root, "thu_truong") or source.root
        ctx.fail(node, "thu_truong", f"không có người ký '{head_key}' trong nguoi_ky" + s.hint(head_key, signers_raw))
        errors.extend(ctx.errors)
        return None
    head_title = signers_raw[head_key]["chuc_vu"]
    signers = {key: Signer(key, v["ho_ten"], v["chuc_vu"], v["ky_thay"] or head_title, key == head_key)
               for key, v in signers_raw.items()}
    series = {kind: name for name, kinds in raw["so_van_ban"].items() if kinds is not s.INVALID for kind in kinds}
    agency = _agency(raw["co_quan"])
    advisory = {key: _advisory(key, body, agency) for key, body in raw["co_quan_tu_van"].items()}
    _check_header_fits(source, agency, advisory, ctx)
    if ctx.errors:
        errors.extend(ctx.errors)
        return None
    localities = _localities(source, raw, agency, ctx)
    if ctx.errors:
        errors.extend(ctx.errors)
        return None
    return Profile(source.path, agency, dict(raw["don_vi"]), signers, series, advisory, localities,
                   raw["kho_chung"] or "", raw["so_ban"])


def _localities(source: SourceFile, raw: dict, agency: Agency, ctx: s.Context) -> Localities:
    """One list of thôn, xóm, bản, tổ dân phố …: its key says what the commune calls them."""
    given = [key for key in LOCALITY_WORDS if raw[key]]
    for key in given[1:]:
        ctx.fail(s.key_of(source.root, key), key, f"vanban.yaml chỉ có một danh sách địa bàn; đã có '{given[0]}' "
                 f"nên không dùng thêm '{key}'")
    name = agency.name.lower()
    area = next((level for level in AREA_LEVELS if f"nhân dân {level} " in name), "")
    if not given:
        return Localities(area=area)
    return Localities(LOCALITY_WORDS[given[0]], tuple(raw[given[0]]), area)


def _check_header_fits(source: SourceFile, agency: Agency, advisory: dict[str, Advisory], ctx: s.Context) -> None:
    """Each line of ô 2 must stand on one line of its 62 mm column; a wrapped header is a defect."""
    bodies = [("co_quan", agency), *((f"co_quan_tu_van.{k}", a.agency) for k, a in advisory.items())]
    for path, body in bodies:
        for line in (*body.parent_lines, *body.header_lines):
            width = text_width_mm(line, AGENCY_PT, bold=True)
            if width > HEAD_LEFT_MM:
                node = s.key_of(source.root, path.split(".")[0]) or source.root
                shown = f"{width:.1f}".replace(".", ",")
                ctx.fail(node, path, f"dòng '{line}' của tên cơ quan dài {shown} mm, quá {HEAD_LEFT_MM:.0f} mm "
                         "của ô tên cơ quan nên sẽ bị xuống dòng; hãy tự ngắt dòng bằng 'dong_tieu_de: [dòng 1, dòng 2]'")


def _advisory(key: str, raw: dict, agency: Agency) -> Advisory:
    """Under the agency's seal: the agency stands as chủ quản (UBND may be abbreviated), the body below it."""
    parent = raw["chu_quan"] or (re.sub(r"^Ủy ban nhân dân", "UBND", agency.name, flags=re.IGNORECASE),)
    lines = raw["dong_tieu_de"] or (raw["ten"],)
    body = Agency(name=raw["ten"], header_lines=tuple(upper(x) for x in lines),
                  parent_lines=tuple(upper(x) for x in parent), abbreviation=raw["viet_tat"],
                  collective=raw["tap_the"] or raw["ten"], place=agency.place)
    return Advisory(key, body, dict(raw["chuc_vu"]))


def _agency(raw: dict) -> Agency:
    name = raw["ten"]
    prefix = next((c for c in _COLLECTIVES if name.lower().startswith(c.lower() + " ")), None)
    default_lines = (name[: len(prefix)], name[len(prefix) + 1:]) if prefix else (name,)
    lines = raw["dong_tieu_de"] or default_lines
    return Agency(
        name=name,
        header_lines=tuple(upper(line) for line in lines),
        parent_lines=tuple(upper(line) for line in raw["chu_quan"]),
        abbreviation=raw["viet_tat"],
        collective=raw["tap_the"] or (name[: len(prefix)] if prefix else name),
        place=raw["dia_danh"],
    )


# --- plans/**/*.yaml -------------------------------------------------------------------------

def _authority(node: Node, path: str, ctx: s.Context) -> Any:
    """TM, KT, 'TM. KT.' or [TM, KT]: the prefixes of ô 7a in the order they stand."""
    if isinstance(node, ScalarNode) and not s.is_null(node):
        if re.sub(r"[A-Za-z.,\s]", "", node.value):
            return s.expected(node, path, ctx, "quyền hạn ký: TM, KT, Q, TL, TUQ hoặc 'TM. KT.'")
        words = re.findall(r"[A-Za-z]+", node.value)
    elif isinstance(node, SequenceNode):
        words = [w for child in node.value if isinstance(child, ScalarNode)
                 for w in re.findall(r"[A-Za-z]+", child.value)]
    else:
        return s.expected(node, path, ctx, "quyền hạn ký: TM, KT, Q, TL, TUQ hoặc 'TM. KT.'")
    combo = tuple(w.upper() for w in words)
    if combo not in ALLOWED_AUTHORITY:
        shown = " ".join(f"{w}." for w in combo)
        return ctx.fail(node, path, "cần quyền hạn ký là một trong TM., KT., Q., TL., TUQ., 'TM. KT.' "
                        f"hoặc 'TM. Q.', nhưng gặp '{shown}'")
    return combo


_ISSUERS = {"chu_tich": "chu_tich", "tap_the": "tap_the"}
_PART_NUMBERS = {"la_ma": False, "chu": True}

_COMMON_KEYS = {
    "loai": s.Key(s.choice(KINDS, "loại văn bản"), True, "loại văn bản, ví dụ: ke_hoach"),
    "so": s.Key(s.integer(1, 99999), meaning="số văn bản đã ban hành trên giấy"),
    "ngay": s.Key(s.date),
    "trich_yeu": s.Key(s.text, True, "trích yếu nội dung"),
    "can_cu": s.Key(s.sequence(s.text, allow_single=True), default=()),
    "theo_de_nghi": s.Key(s.text, default=""),
    "noi_nhan": s.Key(s.sequence(s.text, allow_single=True), True, "danh sách nơi nhận"),
    "luu": s.Key(s.sequence(s.text, allow_single=True), True, "đơn vị lưu bản, ví dụ: [VHXH]"),
    "ky": s.Key(s.mapping({
        "quyen_han": s.Key(_authority, default=()),
        "nguoi": s.Key(s.text, True, "khóa người ký trong vanban.yaml, ví dụ: chu_tich"),
    }, "thông tin ký (quyen_han, nguoi)"), True, "ai ký và ký với quyền hạn gì"),
    "co_quan": s.Key(s.text, meaning="cơ quan tư vấn ban hành (khóa trong co_quan_tu_van của vanban.yaml)"),
    "so_ban": s.Key(s.integer(1, 9999), meaning="số bản phát hành, ghi vào cột Số lượng bản của sổ"),
    ATTACHED_KEY: s.Key(lambda node, path, ctx: node, meaning="văn bản ban hành kèm theo"),
    "phu_luc": s.Key(s.sequence(br.appendix, allow_single=True), default=()),
    **dt.document_keys(),
    **mr.document_keys(),
    **rr.document_keys(),
}
_PROSE_KEYS = {
    "kinh_gui": s.Key(s.sequence(s.text, allow_single=True), default=()),
    "mo_dau": s.Key(s.text, default=""),
    "noi_dung": s.Key(br.body(br.TOP, non_empty=True), True, "nội dung văn bản"),
    "so_phan": s.Key(s.choice(_PART_NUMBERS, "cách đánh số phần: la_ma (Phần I) hoặc chu (Phần thứ nhất)"),
                     default=False),
}
# Each form adds its own keys to the common ones.
_DOCUMENT_RULES = {
    CO_TEN_LOAI: s.mapping({**_COMMON_KEYS, **_PROSE_KEYS},
                           "một văn bản (các khóa loai, trich_yeu, noi_dung, …)"),
    CONG_VAN: s.mapping({**_COMMON_KEYS, **_PROSE_KEYS}, "một công văn (các khóa loai, trich_yeu, kinh_gui, …)"),
    QUYET_DINH: s.mapping({
        **_COMMON_KEYS,
        "tham_quyen": s.Key(s.choice(_ISSUERS, "thẩm quyền ban hành: chu_tich hoặc tap_the"), default="chu_tich"),
        "dieu": s.Key(s.sequence(br.article, non_empty=True), True, "các điều của quyết định"),
    }, "một quyết định (các khóa loai, trich_yeu, can_cu, dieu, …)"),
}


def _form_of(root: Node) -> str:
    """The form is read from `loai` first, so each kind is checked against its own keys."""
    node = s.key_of(root, "loai")
    kind = KINDS.get(node.value) if isinstance(node, ScalarNode) else None
    return kind.template if kind else CO_TEN_LOAI


def _document(source: SourceFile, profile: Profile | None, files: dict[str, dt.DataFile],
              texts: dict[str, Attachment], originals: rr.Originals, errors: list[EngineError]) -> Document | None:
    ctx = s.Context(source.shown)
    raw = _DOCUMENT_RULES[_form_of(source.root)](source.root, "", ctx)
    data, attachments, relation, merge = None, (), None, None
    if raw is not s.INVALID and profile is not None:
        _cross_check(source, raw, profile, ctx)
        data, merge = dt.link(source, raw, files, ctx), mr.read(source, raw, ctx)
        attachments = attached.resolve(source, raw[ATTACHED_KEY], texts, ctx)
        relation = rr.relation(source, raw, originals, ctx)
    errors.extend(ctx.errors)
    if any(not isinstance(e, Notice) for e in ctx.errors) or raw is s.INVALID or profile is None:
        return None
    kind = raw["loai"]
    return dt.fill_document(Document(
        source=source.path, location=Location(source.shown), kind=kind,
        summary=raw["trich_yeu"], date=raw["ngay"], number=raw["so"],
        year=raw["ngay"].year if raw["ngay"] else _folder_year(source.path),
        recipients_to=raw.get("kinh_gui", ()), bases=raw["can_cu"], proposer=raw["theo_de_nghi"],
        opening=raw.get("mo_dau", ""), body=raw.get("noi_dung") or raw.get("dieu", ()), recipients=raw["noi_nhan"],
        issuer=raw.get("tham_quyen", ""), data=data, appendices=raw["phu_luc"], part_words=raw.get("so_phan", False),
        copies=raw["so_ban"] or profile.copies,
        attachments=attachments, relation=relation,
        archive_units=tuple(u for u in raw["luu"] if u != ARCHIVE),
        signature=_signature(raw["ky"], profile, raw["co_quan"]),
        agency=profile.advisory[raw["co_quan"]].agency if raw["co_quan"] else profile.agency,
        series=raw["co_quan"] or "",
        places=_places(source), merge=merge,
    ))


def _signature(raw: dict, profile: Profile, advisory: str | None) -> Signature:
    """The signer from the profile; inside an advisory body, with the title they hold there."""
    signer = profile.signers[raw["nguoi"]]
    if not advisory:
        return Signature(raw["quyen_han"], signer)
    titles = profile.advisory[advisory].titles
    # Under the agency's seal, the post in the agency stands under the signature (NĐ30 PL I, II.7.b).
    post = " ".join(filter(None, (signer.title, profile.agency.abbreviation, profile.localities.area)))
    if signer.key in titles:
        signer = replace(signer, title=titles[signer.key])
    return Signature(raw["quyen_han"], signer, post)


def _places(source: SourceFile) -> tuple[str | int, ...]:
    """Each top-level key with the line and column of its value, flat (Document.places)."""
    if not isinstance(source.root, MappingNode):
        return ()
    found = {sys.intern(str(k.value)): (v.start_mark.line + 1, v.start_mark.column + 1) for k, v in source.root.value}
    return tuple(item for key, (line, column) in found.items() for item in (key, line, column))


def _cross_check(source: SourceFile, raw: dict, profile: Profile, ctx: s.Context) -> None:
    """What only the profile can tell: the signer, the archive units, Kính gửi for this kind."""
    root = source.root
    refuse_abolished_issuer(source, raw, profile, ctx)
    ctx.errors.extend(abolished_addressees(source, raw))
    if raw["loai"] is not s.INVALID and raw[ATTACHED_KEY] is not None and raw["loai"].key not in attached.ISSUERS:
        ctx.fail(s.key_of(root, ATTACHED_KEY), ATTACHED_KEY, f"{raw['loai'].label} không ban hành văn bản kèm theo; "
                 "chỉ quyết định mới có 'kem_theo' (NĐ30 Mẫu 1.3)")
    ky = raw["ky"]
    if ky is not s.INVALID and ky["nguoi"] is not s.INVALID and ky["nguoi"] not in profile.signers:
        node = s.key_of(s.key_of(root, "ky"), "nguoi")
        ctx.fail(node, "ky.nguoi", f"không có người ký '{ky['nguoi']}' trong vanban.yaml (nguoi_ky)"
                 + s.hint(ky["nguoi"], profile.signers))
    body = raw.get("co_quan")
    if body and body is not s.INVALID and body not in profile.advisory:
        ctx.fail(s.key_of(root, "co_quan"), "co_quan", f"không có cơ quan tư vấn '{body}' trong vanban.yaml "
                 "(co_quan_tu_van)" + s.hint(body, profile.advisory))
    _check_authority(root, raw, profile, ctx)
    luu_node = s.key_of(root, "luu")
    for i, unit in enumerate(raw["luu"] if raw["luu"] is not s.INVALID else ()):
        if unit != ARCHIVE and unit not in profile.units:
            node = luu_node.value[i] if isinstance(luu_node, SequenceNode) else luu_node
            ctx.fail(node, f"luu[{i + 1}]", f"không có đơn vị '{unit}' trong vanban.yaml (don_vi)"
                     + s.hint(unit, [ARCHIVE, *profile.units]))
    kind = raw["loai"]
    if kind is not s.INVALID and kind.kinh_gui == "bat_buoc" and not raw.get("kinh_gui"):
        ctx.fail(root, "kinh_gui", f"{kind.label} gửi cấp trên phải có 'kinh_gui' (NĐ30 PL I, II.9)")
    if kind is not s.INVALID and kind.kinh_gui == "khong" and raw.get("kinh_gui"):
        ctx.fail(s.key_of(root, "kinh_gui"), "kinh_gui",
                 f"{kind.label} không có phần 'Kính gửi' (chỉ công văn, tờ trình, báo cáo gửi cấp trên)")


HEAD_AUTHORITY = {(), ("TM",)}  # the head signs in their own right, or for the collective


def _check_authority(root: Node, raw: dict, profile: Profile, ctx: s.Context) -> None:
    """NĐ30 Điều 13: the head signs TM. (or alone); a deputy signs KT. (TM. KT. for a collective), Q., TL., TUQ."""
    ky = raw["ky"]
    if ky is s.INVALID or ky["nguoi"] not in profile.signers or ky["quyen_han"] is s.INVALID:
        return
    signer, authority = profile.signers[ky["nguoi"]], ky["quyen_han"]
    shown = " ".join(f"{a}." for a in authority) or "(không ghi)"
    node = s.key_of(s.key_of(root, "ky"), "quyen_han") or s.key_of(root, "ky")
    if signer.is_head and authority not in HEAD_AUTHORITY:
        ctx.fail(node, "ky.quyen_han", f"{signer.title} {signer.name} là người đứng đầu nên ký 'TM.' (thay mặt tập "
                 f"thể) hoặc ký trực tiếp, không ký '{shown}' (NĐ30 Điều 13)")
    elif _is_deputy(signer) and any(a in ("TL", "TUQ") for a in authority):
        ctx.fail(node, "ky.quyen_han", f"cấp phó ({signer.title}) ký thay người đứng đầu bằng 'KT.'; 'TL.' và "
                 "'TUQ.' dành cho người đứng đầu đơn vị được giao (NĐ30 Điều 13)")
    elif not signer.is_head and authority in HEAD_AUTHORITY:
        ctx.fail(node, "ky.quyen_han", f"{signer.title} {signer.name} không phải người đứng đầu nên phải ký thay: "
                 f"'KT.' (hoặc 'TM. KT.' khi thay mặt tập thể), không phải '{shown}' (NĐ30 Điều 13)")


def _is_deputy(signer: Signer) -> bool:
    return signer.title.lower() == f"phó {signer.head_title}".lower()
