"""Render stage, merged series: what each row's document was filled from, remembered for the combined file.

The combined print file of a series is made by filling the series' renders (engine.docx.combine.combine_filled);
which render and which values a row takes is learnt by computing the row (engine.pipeline.merge_fill), a few
seconds for thousands of rows. After one row of the list is edited the others are what they were, so
`.vanban/khuon-tron.json` remembers, by each row document's key (manifest.document_key: everything the document
is made from), the render it was filled from (by the hash of its bytes, kept beside) and its values. A file that
is missing, damaged, edited or not ours is ignored as a whole (a checksum covers it): the rows are computed again.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from engine.files import content_hash
from engine.registry.hashes import write_cache
from engine.workspace import STATE

FILE = "khuon-tron.json"
FORMAT = 1


class Molds:
    """Row document key → (render hash, values); render hash → the render's bytes."""

    def __init__(self, root: Path) -> None:
        self.path = root / STATE / FILE
        self.root = root
        self.renders: dict[str, bytes] = {}
        self.rows: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.added = False
        self._read()

    def get(self, key: str) -> tuple[str, bytes, tuple[str, ...]] | None:
        """The render (its hash, its bytes) and the values of the row document whose key is `key`, as a build
        recorded them."""
        found = self.rows.get(key)
        return None if found is None else (found[0], self.renders[found[0]], found[1])

    def put(self, key: str, digest: str, render: bytes, values: tuple[str, ...]) -> None:
        if self.rows.get(key) != (digest, values):
            self.rows[key] = (digest, values)
            self.renders.setdefault(digest, render)
            self.added = True

    def save(self, live: set[str]) -> None:
        """Written when something was learnt, keeping only rows whose key a document of this build has."""
        if not self.added:
            return
        rows = {key: [digest, list(values)] for key, (digest, values) in sorted(self.rows.items()) if key in live}
        used = sorted({digest for digest, _ in rows.values()})
        body = {"khuon": {d: base64.b64encode(self.renders[d]).decode("ascii") for d in used}, "dong": rows}
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        write_cache(self.root, FILE, {"dang": FORMAT, "kiem": content_hash(text.encode("utf-8")), "noi_dung": body})

    def _read(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            body = raw["noi_dung"]
            text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            if raw.get("dang") != FORMAT or raw.get("kiem") != content_hash(text.encode("utf-8")):
                return
            renders = {d: base64.b64decode(data) for d, data in body["khuon"].items()}
            if any(content_hash(data) != d for d, data in renders.items()):
                return
            rows = {key: (digest, tuple(values)) for key, (digest, values) in body["dong"].items()
                    if digest in renders and all(isinstance(v, str) for v in values)}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return
        self.renders, self.rows = renders, rows
