"""A full build reads its documents one at a time (each file parsed for its role first, then again when it is
validated): every mistake of every file is still reported, in the order the files and stages give them, and the
documents it validates are those it validated when it held every file at once."""

from __future__ import annotations

from engine.pipeline.catalog import of_sources, stream
from engine.pipeline.load import load_workspace
from engine.pipeline.validate import validate
from tests.conftest import PLAN
from tests.test_attached import DECISION, PROVINCE, QUY_CHE
from tests.test_du_toan import ESTIMATE, TO_TRINH
from tests.test_merge import HOUSEHOLDS, LETTER

DRAFT = PLAN.replace("so: 5\n", "")


def mistakes(workspace) -> None:
    """Mistakes of each kind, in files whose order differs from the stages that find them: a text issued as a
    file (checked before any document) after the decision naming it, a syntax error after documents that fail
    validation, two drafts claiming one number."""
    workspace.write("vanban.yaml", PROVINCE.replace("KT: Phòng Kinh tế", "KT: Phòng Kinh tế\n  VHXH: Văn hóa"))
    workspace.write("plans/2026/a-thieu-nguoi-nhan.yaml", DRAFT.replace("noi_nhan:", "noi_nhann:"))
    workspace.write("plans/2026/b-quyet-dinh.yaml", DECISION.split("kem_theo:")[0] + "kem_theo: z-quy-che.yaml\n")
    workspace.write("plans/2026/c-hong.yaml", "loai: ke_hoach\ntrich_yeu: Thử\n  noi_dung: [a\n")
    workspace.write("plans/2026/d-ngay.yaml", DRAFT.replace("ngay: 2026-03-10", "ngay: 2026-02-30"))
    workspace.write("plans/2026/e-so.yaml", PLAN.replace("Nâng cao hiệu quả.", "Văn bản khác."))
    workspace.write("plans/2026/z-quy-che.yaml", QUY_CHE.replace("trich_yeu: Làm việc của Tổ công tác chuyển đổi số\n",
                                                                  ""))


def test_every_mistake_of_every_file_is_reported_at_once(workspace):
    mistakes(workspace)
    result = workspace.run("build")
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if line.startswith("plans/")]
    assert [line.split(": ")[0] for line in lines] == [
        "plans/2026/a-thieu-nguoi-nhan.yaml:1:1", "plans/2026/a-thieu-nguoi-nhan.yaml:12:1",
        "plans/2026/b-quyet-dinh.yaml:15:11",   # names a text issued as a file that is not valid
        "plans/2026/c-hong.yaml:3:11",          # a syntax error, found while every file is read for its role
        "plans/2026/d-ngay.yaml:2:7",
        "plans/2026/ke-hoach.yaml:2:5",         # its number, claimed by a file read after it
        "plans/2026/z-quy-che.yaml:2:1"], result.err
    assert "lỗi cú pháp YAML" in lines[3] and "đã dùng cho plans/2026/e-so.yaml" in lines[5]
    assert "Không có văn bản nào được ghi: 7 lỗi." in result.err
    assert not (workspace.root / "outputs").exists()


def test_streaming_validates_what_holding_every_file_validates(workspace):
    mistakes(workspace)
    workspace.write("plans/2026/du-toan.yaml", ESTIMATE)
    workspace.write("plans/2026/to-trinh.yaml", TO_TRINH)
    workspace.write("plans/2026/giay-bao.yaml", LETTER)
    workspace.write("plans/2026/ho-ngheo.csv", HOUSEHOLDS)
    held: list = []
    streamed: list = []
    sources = load_workspace(workspace.root, held)
    catalog = stream(workspace.root, streamed)
    assert [str(e) for e in streamed] == [str(e) for e in held]
    assert catalog.lists == of_sources(sources).lists and catalog.links == of_sources(sources).links
    profile, documents = validate(sources, held)
    profile_again, documents_again = validate(catalog, streamed)
    assert [(str(e.location), str(e)) for e in streamed] == [(str(e.location), str(e)) for e in held]
    assert profile_again == profile and [repr(d) for d in documents_again] == [repr(d) for d in documents]
    assert len(documents) > 3
