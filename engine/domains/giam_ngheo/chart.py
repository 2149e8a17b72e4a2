"""The report's chart: the poor-household rate of each hamlet and of the commune, at the start and the end of
the year, as a BarChart that engine.docx draws as a native Word chart."""

from __future__ import annotations

from engine.domains.giam_ngheo.model import Results, rate, ty_le
from engine.model import BarChart, Series

WIDTH_MM, HEIGHT_MM = 150.0, 80.0  # within the 16 cm text width, with the paragraph before it on the page
AXIS_TITLE = "Tỷ lệ hộ nghèo (%)"
SERIES_NAMES = ("Đầu năm", "Cuối năm")


def report_chart(results: Results, title: str, lead: str = "") -> BarChart:
    """Each hamlet and `Toàn xã`: the rates the report's table prints (rounded half up to 2 decimals).

    `lead` is the profile's word for the hamlets (Xóm, Tổ dân phố): a long name breaks after it.
    """
    rows = [*results.hamlets, results.commune]
    starts = tuple(rate(r.poor.start, r.households) for r in rows)
    ends = tuple(rate(r.poor.end, r.households_end) for r in rows)
    series = tuple(Series(name, values, tuple(ty_le(v) for v in values))
                   for name, values in zip(SERIES_NAMES, (starts, ends)))
    names = tuple(wrap(r.name, lead) for r in rows)
    return BarChart(title, names, series, AXIS_TITLE, WIDTH_MM, HEIGHT_MM)


def wrap(label: str, lead: str = "") -> str:
    """`Xóm Khuôn Tát` → two lines after `Xóm`, `Tổ dân phố Hòa Bình` after `Tổ dân phố`: Word and LibreOffice
    would otherwise break a long name wherever it fills the width (`Xóm Đồng` / `Xe`)."""
    if lead and label.lower().startswith(lead.lower() + " "):
        head, rest = label[:len(lead)], label[len(lead) + 1:]
    else:
        head, _, rest = label.partition(" ")
    return f"{head}\n{rest}" if rest and len(label) > 8 else label
