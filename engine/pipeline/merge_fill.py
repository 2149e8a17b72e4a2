"""Render stage, merged series: which rows' documents may be made by filling one render (engine.docx.slots).

The series' document is computed once more with a marker in place of each row value (the probe). A row's
document may be made by filling the probe's render when its computed context is the probe's, leaf for leaf:

* a text holding markers is, with the row's values put in, exactly the row's text (so compute treated the value
  as data: no capitals, no cut, no measure);
* any other leaf is the probe's, or differs (a rule's length measured from the trích yếu): then that leaf gets a
  marker of its own, filled with the row's value — or, inside a table or chart, which Python code draws, the
  row's value itself, and only rows agreeing on it share a render.

Only the shipped templates are drawn so: they print each such value as it is (tests/test_merge_fill.py renders
every one both ways and compares the bytes). A workspace's own template is rendered row by row, as is a row
whose value docxtpl would treat specially (a line break, a tab, `{_{`) or whose trích yếu is too long for the
file's properties. A render that cannot be filled (a marker in a chart) is rendered row by row too.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from engine.docx.slots import CLOSE, OPEN, PROPERTY_LIMIT, marker
from engine.pipeline.compute import Job, Slots, compute
from engine.pipeline.data import map_texts
from engine.pipeline.merge_rules import fill

FILL = True  # False: every row rendered on its own (tests compare the two)
_NO = object()  # a leaf the probe cannot stand for
_SPECIAL = re.compile(f"[\t\n\r\x07\x0b\x0c{OPEN}{CLOSE}]|[{{}}%]_|_[{{}}%]")
_MARKERS = re.compile(f"{OPEN}(\\d+){CLOSE}")
_SPECIAL_MARK = re.compile(f"[{OPEN}{CLOSE}]")


def with_slots(jobs: Iterable[Job], numbering: dict, fillable: Callable[[str], bool]) -> Iterator[Job]:
    """The jobs, each row document's that may be filled from its series' probe carrying its Slots."""
    probes: dict[tuple, _Probe | None] = {}
    shapes: dict[tuple, tuple[str, dict, dict]] = {}
    for job in jobs:
        document = job.document
        values = tuple(value for _, value in document.row.values) if document.row is not None else ()
        if not FILL or document.row is None or document.merge.pattern is None or not fillable(job.template) or any(
                _SPECIAL.search(value) for value in values):
            yield job
            continue
        probe_key = (document.file_key, job.template)  # rows numbered apart (an issue) differ in slots only
        if probe_key not in probes:
            probes[probe_key] = _probe(job, numbering[document.key])
        probe = probes[probe_key]
        slots = None if probe is None or any(not values[i] for i in probe.used) else \
            _slots(probe.job, job, values, probe_key, shapes)
        yield job if slots is None else dataclasses.replace(job, slots=slots)


@dataclass(frozen=True)
class _Probe:
    job: Job            # the series' document computed with a marker in place of each value
    used: frozenset[int]  # the values it prints (an empty one may draw less: a caption, a run)


def _probe(job: Job, numbering: Any) -> _Probe | None:
    """The probe of the row's series; None when the document itself (its YAML, vanban.yaml) already holds a
    marker's characters, which filling would take for a marker."""
    if any(_SPECIAL_MARK.search(text) for text in _texts((job.context, job.properties))):
        return None
    document = job.document
    markers = {column: marker(i) for i, (column, _) in enumerate(document.row.values)}
    pattern = map_texts(document.merge.pattern, lambda text: fill(text, markers))
    probe = compute(dataclasses.replace(pattern, location=document.location, merge=document.merge, row=document.row),
                    numbering, job.output)
    used = frozenset(int(i) for text in _texts((probe.context, probe.properties)) for i in _MARKERS.findall(text))
    return _Probe(probe, used)


def _texts(value: Any) -> Iterator[str]:
    """Every text in a context: its dicts, lists, tuples and dataclasses (tables) walked."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _texts(getattr(value, item.name))


def _slots(probe: Job, job: Job, values: tuple[str, ...], probe_key: tuple, shapes: dict) -> Slots | None:
    walk = _Walk(values)
    context = walk.leaf(probe.context, job.context)
    properties = walk.leaf(probe.properties, job.properties)
    if context is _NO or properties is _NO or any(  # python-docx cuts a long property: the probe's, or the row's
            isinstance(v, str) and OPEN in v and max(len(v), len(job.properties[k])) > PROPERTY_LIMIT
            for k, v in properties.items()):
        return None
    key = (*probe_key, tuple(walk.places), repr(walk.kept))
    if key not in shapes:  # one shape text for all its rows: a build holds the slots of every row
        shapes[key] = (repr(key), context, properties)
    shape, context, properties = shapes[key]
    return Slots(shape, job.template, context, properties, (*values, *walk.extra))


class _Walk:
    """The probe's context and the row's, side by side: the context to render once for this row's shape."""

    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values
        self.extra: list[str] = []      # leaves with a marker of their own: the row's values for them
        self.places: list[tuple] = []   # where those leaves stand (their paths)
        self.kept: list[Any] = []       # leaves drawn by Python code that differ: a render for each value

    def leaf(self, probe: Any, real: Any, path: tuple = (), drawn: bool = False) -> Any:
        kind = type(probe)
        if kind is not type(real):
            return _NO
        if probe == real:  # the most of a context: compared at C speed, not walked
            return probe
        if kind is str and OPEN in probe:
            return probe if self._filled(probe) == real else _NO
        if kind is dict:
            return self._each(path, probe.keys(), probe.values(), [real[key] for key in probe], drawn) \
                if probe.keys() == real.keys() else _NO
        if kind is list or kind is tuple:
            items = self._each(path, range(len(probe)), probe, real, drawn) if len(probe) == len(real) else _NO
            return _NO if items is _NO else kind(items.values())
        if dataclasses.is_dataclass(probe):
            names = [f.name for f in dataclasses.fields(probe)]
            kept = self._each(path, names, [getattr(probe, n) for n in names], [getattr(real, n) for n in names], True)
            return _NO if kept is _NO else dataclasses.replace(probe, **kept)
        if isinstance(probe, str) and OPEN in probe:  # a str of another kind (Markup) with markers
            return _NO
        if drawn or kind not in (str, int):
            self.kept.append((path, real))
            return real
        self.places.append(path)
        self.extra.append(str(real))
        return marker(len(self.values) + len(self.extra) - 1)

    def _each(self, path: tuple, keys: Any, probes: Any, reals: Any, drawn: bool) -> Any:
        items = {}
        for key, probe, real in zip(keys, probes, reals):
            item = self.leaf(probe, real, (*path, key), drawn)
            if item is _NO:
                return _NO
            items[key] = item
        return items

    def _filled(self, text: str) -> str:
        return _MARKERS.sub(lambda m: self.values[int(m.group(1))], text)
