"""The wording of a document that corrects an issued one, as a Vietnamese commune office writes it.

Đính chính, sửa đổi/bổ sung, thay thế, thu hồi (NĐ30; citations as PL I, II.6 viện dẫn): the kind each is issued
as, its trích yếu, căn cứ and articles or paragraphs citing the original, written as the commented YAML of a
draft the clerk completes (`vanban dinh-chinh|sua-doi|thay-the|thu-hoi`, engine/correct.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from engine.errors import InputError
from engine.nd30.citation import RELATIONS, UNDERGONE, about, cite, cite_briefly, figures_date
from engine.nd30.forms import short_date
from engine.nd30.kinds import CONG_VAN, KINDS, QUYET_DINH
from engine.schema import quoted


@dataclass(frozen=True)
class Original:
    """The issued document to correct: as the register lists it, who issued it, and its YAML as plain data."""

    reference: str        # 15/KH-UBND
    date: dt.date
    label: str            # tên loại as the register wrote it: Kế hoạch, Quyết định, Công văn
    summary: str          # its trích yếu
    recipients: tuple[str, ...]  # its Nơi nhận as the register holds them
    agency: str           # Ủy ban nhân dân xã Kim Liên (or the advisory body that issued it)
    body: str = ""        # the advisory body's key (co_quan), if one issued it
    data: dict = field(default_factory=dict)
    issuer: str = ""      # who a citation names: "Chủ tịch Ủy ban nhân dân xã …" for a Chủ tịch's quyết định

    @property
    def kind(self) -> str:
        return next((k for k, kind in KINDS.items() if kind.label == self.label), "")

    @property
    def named(self) -> str:
        """Later citations: tên loại and số only (NĐ30 PL I, II.6)."""
        return f"{self.label} số {self.reference}"

    def cite(self) -> str:
        return cite(self.label, self.reference, self.date, self.issuer or self.agency, self.summary)

    def briefly(self) -> str:
        return cite_briefly(self.label, self.reference, self.date, self.issuer or self.agency)

    @property
    def attached(self) -> str:
        """The text a quyết định issues with it, as an amendment names it: `Quy định đánh giá …` ("" if none)."""
        texts = self.data.get("kem_theo")  # engine.workspace.ATTACHED_KEY, inlined by engine.correct
        first = texts[0] if isinstance(texts, list) and texts else texts
        if not isinstance(first, dict) or first.get("loai") not in KINDS or not isinstance(first.get("trich_yeu"), str):
            return ""
        return f"{KINDS[first['loai']].label} {about(first['trich_yeu'])[len('về '):]}"


@dataclass(frozen=True)
class Office:
    """What the closing takes from vanban.yaml: the head signer, the first unit, a collective body or not."""

    head: str = "chu_tich"
    unit: str = "VP"
    collective: bool = True


def kind_for(relation: str, original: Original, asked: str | None) -> str:
    """The kind the Decree asks for (NĐ30 Điều 18.3): an error of form or of drafting is corrected (đính chính) by
    a công văn of the issuing agency, whatever the original; a quyết định is amended and replaced by a quyết định,
    another document by one of its own kind; a withdrawal is a quyết định. `--loai` decides otherwise."""
    if asked:
        key = asked.replace("-", "_")
        if key not in KINDS:
            raise InputError(f"không có loại văn bản '{asked}' (các loại: "
                             f"{', '.join(k.replace('_', '-') for k in KINDS)})")
        return key
    if relation == "dinh_chinh":
        return "cong_van"
    if relation == "thu_hoi" or original.kind in ("", "quyet_dinh"):
        return "quyet_dinh"
    return original.kind


def draft(relation: str, original: Original, kind: str, office: Office) -> str:
    """The commented YAML of the correcting document."""
    recorded = f"{RELATIONS[relation]} {original.reference} ngày {short_date(original.date)}"
    head = [f"# {RELATIONS[relation]} {original.named}: bản dự thảo do `vanban {relation.replace('_', '-')}` tạo.",
            "# Hoàn thiện những chỗ \"Ghi …\" rồi chạy `vanban build`; ban hành bằng `vanban issue <tệp>`.",
            f"# Khi ban hành, sổ ghi \"{recorded}\" ở dòng của văn bản này, và văn bản gốc hiện",
            f"# \"{UNDERGONE[relation]} <số văn bản này>\" khi xem sổ (`vanban register`).",
            f"loai: {kind}", "van_ban_goc:                          # văn bản đã ban hành mà văn bản này "
            f"{RELATIONS[relation].lower()}",
            f"  so: {original.reference}", f"  ngay: {original.date.isoformat()}", f"  quan_he: {relation}"]
    if original.body:
        head.append(f"co_quan: {original.body}")
    form = KINDS[kind].template
    if form == QUYET_DINH:
        lines = _decision(relation, original)
    else:
        lines = _prose(relation, original, kind, form)
    return "\n".join([*head, *lines, *_closing(original, kind, office)]) + "\n"


def _items(key: str, values: list[str], indent: str = "") -> list[str]:
    return [f"{indent}{key}:", *(f"{indent}  - {quoted(v)}" for v in values)]


def _laws(original: Original) -> list[str]:
    """The original's own căn cứ when it is a quyết định (the same powers), else the law every commune cites."""
    bases = original.data.get("can_cu") if original.kind == "quyet_dinh" else None
    bases = [bases] if isinstance(bases, str) else bases
    if isinstance(bases, list) and all(isinstance(b, str) for b in bases) and bases:
        return [b for b in bases]
    return ["Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"]


EXECUTION = "Văn phòng, các cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này."
# The wording, to be completed where it says "Ghi …": {named} is "Kế hoạch số 15/KH-UBND", {cited} its first citation
# in full (type, number, date, issuer, trích yếu), {agency} the issuer, {part} "điều" of a quyết định, else "nội dung".
_CHANGE = "Sửa đổi Ghi vị trí (ví dụ: {where}) như sau: “Ghi nội dung mới”."
_ADD = "Bổ sung Ghi vị trí như sau: “Ghi nội dung bổ sung”."
_ARTICLES = {
    "dinh_chinh": ["Đính chính {named} như sau: tại Ghi vị trí (ví dụ: khoản 2 Điều 1) đã ghi: “Ghi nội dung đã "
                   "ghi”, nay sửa lại là: “Ghi nội dung đúng”.",
                   "Quyết định này có hiệu lực kể từ ngày ký. Các nội dung khác của {named} giữ nguyên."],
    "sua_doi": [{"dieu": "Sửa đổi, bổ sung một số {part} của {amended}{named} như sau:",
                 "khoan": [_CHANGE.replace("{where}", "khoản 2 Điều 1"), _ADD]},
                "Quyết định này có hiệu lực kể từ ngày ký. Các nội dung khác của {named} giữ nguyên hiệu lực."],
    "thu_hoi": ["Thu hồi {cited}. Lý do thu hồi: Ghi lý do (ví dụ: ban hành không đúng thẩm quyền).",
                "Quyết định này có hiệu lực kể từ ngày ký; {named} hết hiệu lực kể từ ngày Quyết định này có hiệu lực."],
}
_PARAGRAPHS = {
    "dinh_chinh": ["{Cited} có sai sót trong khâu soạn thảo; {agency} đính chính như sau:",
                   "Tại Ghi vị trí (ví dụ: điểm 2 mục II), đã ghi: “Ghi nội dung đã ghi”; nay sửa lại là: “Ghi nội "
                   "dung đúng”.",
                   "Các nội dung khác của {named} giữ nguyên. {agency} thông báo để các cơ quan, đơn vị biết, thực hiện."],
    "sua_doi": [{"muc": "Nội dung sửa đổi, bổ sung", "noi_dung": [_CHANGE.replace("{where}", "điểm 2 mục II"), _ADD]},
                {"muc": "Tổ chức thực hiện",
                 "noi_dung": ["Các nội dung khác của {named} giữ nguyên. Ghi trách nhiệm tổ chức thực hiện."]}],
    "thu_hoi": ["{agency} thu hồi {cited}. Lý do thu hồi: Ghi lý do.",
                "Các cơ quan, đơn vị đã nhận {named} không thực hiện văn bản đó kể từ ngày nhận được văn bản này."],
}
_SUBJECTS = {"dinh_chinh": "đính chính", "sua_doi": "sửa đổi, bổ sung một số {part} của", "thay_the": "thay thế",
             "thu_hoi": "thu hồi"}


def _worded(value: Any, original: Original) -> Any:
    """The wording with the original put in: texts filled, lists and mappings walked."""
    if isinstance(value, list):
        return [_worded(v, original) for v in value]
    if isinstance(value, dict):
        return {k: _worded(v, original) for k, v in value.items()}
    cited = original.cite()
    return value.format(named=original.named, cited=cited, Cited=cited[:1].upper() + cited[1:],
                        agency=original.agency, part="điều" if original.kind == "quyet_dinh" else "nội dung",
                        amended=_amended("sua_doi", original))


def _dumped(data: dict) -> list[str]:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110).splitlines()


def _decision(relation: str, original: Original) -> list[str]:
    power = original.data.get("tham_quyen") if original.kind == "quyet_dinh" else None
    lines = [f"tham_quyen: {power if power in ('chu_tich', 'tap_the') else 'chu_tich'}"
             "                 # chu_tich hoặc tap_the: như văn bản gốc"]
    if relation == "thay_the":
        return [f"trich_yeu: {quoted(original.summary)}", *lines, *_replacing_decision(original)]
    subject = _worded(_SUBJECTS[relation], original) + " " + _amended(relation, original) + original.briefly()
    trich_yeu = subject[:1].upper() + subject[1:] if relation == "sua_doi" else f"Về việc {subject}"
    bases = _laws(original) + ([original.cite()] if relation in ("dinh_chinh", "sua_doi") else [])
    return [*lines, f"trich_yeu: {quoted(trich_yeu)}", *_items("can_cu", bases),
            "theo_de_nghi: Ghi người đề nghị (ví dụ công chức Văn phòng - Thống kê)",
            *_dumped({"dieu": [*_worded(_ARTICLES[relation], original), EXECUTION]})]


def _amended(relation: str, original: Original) -> str:
    """An amendment of a quyết định that issued a quy định, quy chế …: what it amends is that text, 'ban hành kèm
    theo' the decision (`… một số điều của Quy định … ban hành kèm theo Quyết định số …`)."""
    return f"{original.attached} ban hành kèm theo " if relation == "sua_doi" and original.attached else ""


def _replacing_decision(original: Original) -> list[str]:
    """The original's content, to edit, with the article saying what it replaces."""
    data = original.data
    articles = data.get("dieu") if isinstance(data.get("dieu"), list) else []
    replaces = f"Quyết định này có hiệu lực kể từ ngày ký và thay thế {original.cite()}."
    effect = next((i for i, a in enumerate(articles) if isinstance(a, str) and "hiệu lực" in a), None)
    if effect is not None:
        articles = [*articles[:effect], replaces, *articles[effect + 1:]]
    else:
        articles = [*(articles[:-1] or ["Ghi nội dung Điều 1 ở đây."]), replaces, *(articles[-1:] or [EXECUTION])]
    kept = {k: v for k, v in data.items() if k in ("can_cu", "theo_de_nghi", "so_lieu", "kem_theo", "phu_luc")}
    kept["can_cu"] = _laws(original)
    kept["dieu"] = articles
    return [*_copied_note(original),
            *_dumped(kept)]


def _copied_note(original: Original) -> list[str]:
    note = ["# Nội dung chép từ văn bản gốc: sửa thành nội dung mới (giữ câu, điều về việc thay thế)."]
    if "so_lieu" in original.data:
        note.append("# so_lieu dùng chung tệp số liệu với văn bản gốc: muốn đổi số liệu thì chép ra tệp mới và ghi tên "
                    "tệp đó, đừng sửa tệp văn bản gốc đã dùng.")
    return note


def _prose(relation: str, original: Original, kind: str, form: str) -> list[str]:
    """A công văn or a document of its own kind (kế hoạch, thông báo …)."""
    named, cited, label = original.named, original.cite(), KINDS[kind].label
    if relation == "thay_the":
        kept = {k: v for k, v in original.data.items() if k in ("can_cu", "mo_dau", "noi_dung", "so_lieu", "phu_luc",
                                                                "so_phan")}
        body = kept.get("noi_dung") if isinstance(kept.get("noi_dung"), list) else ["Ghi nội dung ở đây."]
        closing = body[-1:] if len(body) > 1 and isinstance(body[-1], str) else []  # "Trên đây là …" stays last
        kept["noi_dung"] = [*body[:len(body) - len(closing)], f"{label} này thay thế {cited}.", *closing]
        lines = [f"trich_yeu: {quoted(original.summary)}", *_addressees(original, kind),
                 *_copied_note(original),
                 *_dumped(kept)]
        return lines
    # a công văn's V/v stands in a narrow column under the agency's own name: the agency is not repeated there
    named_briefly = f"{named} ngày {figures_date(original.date)}" if form == CONG_VAN else original.briefly()
    subject = f"{_worded(_SUBJECTS[relation], original)} {named_briefly}"
    trich_yeu = f"V/v {subject}" if form == CONG_VAN else subject[:1].upper() + subject[1:]
    bases = [*_items("can_cu", [cited])] if relation == "sua_doi" else []
    return [f"trich_yeu: {quoted(trich_yeu)}", *_addressees(original, kind), *bases,
            *_dumped({"noi_dung": _worded(_PARAGRAPHS[relation], original)})]


def _recipients(original: Original) -> list[str]:
    listed = original.data.get("noi_nhan")
    listed = [listed] if isinstance(listed, str) else listed if isinstance(listed, list) else []
    given = [str(r) for r in listed if isinstance(r, str) and r.lower() not in ("như trên",)
             and not r.lower().startswith("như điều")]
    return given or [r for r in original.recipients if r] or ["Ghi nơi nhận ở đây"]


def _addressed(original: Original, kind: str) -> list[str]:
    """Whom a correction needing Kính gửi addresses: the original's addressees, else its recipients."""
    if KINDS[kind].kinh_gui != "bat_buoc":
        return []
    given = original.data.get("kinh_gui")
    given = [given] if isinstance(given, str) else given if isinstance(given, list) else []
    return [str(g) for g in given] or _recipients(original)


def _addressees(original: Original, kind: str) -> list[str]:
    addressed = _addressed(original, kind)
    return _items("kinh_gui", addressed) if addressed else []


def _closing(original: Original, kind: str, ctx: Office) -> list[str]:
    """Nơi nhận: as the original's (the same people must learn of the correction); the original's signer."""
    decision = KINDS[kind].template == QUYET_DINH
    recipients = (["Như Điều 3"] if decision else ["Như trên"] if KINDS[kind].kinh_gui == "bat_buoc" else [])
    addressed = set(_addressed(original, kind))  # "Như trên" already names them
    recipients += [r for r in _recipients(original) if r not in addressed]
    units = original.data.get("luu")
    unit = units if isinstance(units, str) else units[0] if isinstance(units, list) and units else ctx.unit
    signed = original.data.get("ky") if isinstance(original.data.get("ky"), dict) else {}
    signer = str(signed.get("nguoi") or ctx.head)
    power = original.data.get("tham_quyen") if original.kind == "quyet_dinh" else "chu_tich"
    if signer != ctx.head:
        authority = "KT" if decision and power != "tap_the" or not ctx.collective else "TM. KT."
    else:
        authority = "TM" if ctx.collective and not (decision and power != "tap_the") and kind != "cong_van" else ""
    sign = [f"  quyen_han: {authority}"] if authority else []
    return [*_items("noi_nhan", recipients), f"luu: {unit}", "ky:", *sign, f"  nguoi: {signer}"]

