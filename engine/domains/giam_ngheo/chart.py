"""Print-friendly PNG bar charts for reports, byte-identical for identical input (matplotlib, Agg)."""

from __future__ import annotations

import io
from decimal import Decimal

from engine.domains.giam_ngheo.model import Results, rate, ty_le

FONTS = ("Liberation Serif", "DejaVu Serif", "DejaVu Sans")
DPI = 200
SIZE_PX = (1260, 720)  # 16,0 cm × 9,1 cm at 200 dpi
START_COLOUR, END_COLOUR = "0.78", "0.25"  # light and dark grey, black edges: readable in black and white


def poverty_chart(labels: list[str], start_rates: list[Decimal], end_rates: list[Decimal], title: str,
                  lead: str = "") -> bytes:
    """Grouped bars of the poor-household rate per hamlet, start vs end of the year, as PNG bytes.

    A long label breaks after `lead` when it starts with it (`Tổ dân phố` / `5`), else after its first word.
    """
    if not len(labels) == len(start_rates) == len(end_rates):
        raise ValueError("labels, start_rates and end_rates must have the same length")
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with rc_context({"font.family": _font(), "font.size": 9,
                     "axes.unicode_minus": False}):
        figure = Figure(figsize=(SIZE_PX[0] / DPI, SIZE_PX[1] / DPI), dpi=DPI)
        FigureCanvasAgg(figure)
        _draw(figure, [_wrap(label, lead) for label in labels], start_rates, end_rates, title)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _font() -> str:
    """The first installed font of FONTS (all of them render Vietnamese)."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((name for name in FONTS if name in installed), "DejaVu Sans")


def _draw(figure, labels: list[str], starts: list[Decimal], ends: list[Decimal], title: str) -> None:
    axes = figure.add_subplot()
    width = 0.38
    positions = range(len(labels))
    for offset, values, colour, name in ((-width / 2, starts, START_COLOUR, "Đầu năm"),
                                         (width / 2, ends, END_COLOUR, "Cuối năm")):
        bars = axes.bar([p + offset for p in positions], [float(v) for v in values], width,
                        color=colour, edgecolor="black", linewidth=0.6, label=name)
        axes.bar_label(bars, labels=[ty_le(v) for v in values], padding=2, fontsize=7)
    axes.set_xticks(list(positions), labels)
    axes.set_ylabel("Tỷ lệ hộ nghèo (%)")
    axes.set_title(title, fontsize=10, fontweight="bold")
    top = max([float(v) for v in (*starts, *ends)] or [0.0])
    axes.set_ylim(0, top * 1.3 if top > 0 else 1)  # room above the tallest bar for its value and the legend
    axes.yaxis.set_major_formatter(lambda value, _: f"{value:g}".replace(".", ","))
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False, loc="upper center", ncols=2)
    figure.tight_layout()


def _wrap(label: str, lead: str = "") -> str:
    """`Xóm Khuôn Tát` → two lines after `Xóm`, `Tổ dân phố Hòa Bình` after `Tổ dân phố`, so long names do
    not collide."""
    if lead and label.lower().startswith(lead.lower() + " "):
        head, rest = label[:len(lead)], label[len(lead) + 1:]
    else:
        head, _, rest = label.partition(" ")
    return f"{head}\n{rest}" if rest and len(label) > 8 else label


def report_chart(results: Results, title: str, lead: str = "") -> bytes:
    """The report's chart: each hamlet and `Toàn xã`, poor-household rate at the start and end of the year.

    `lead` is the profile's word for the hamlets (Xóm, Tổ dân phố): a long label breaks after it.
    """
    rows = [*results.hamlets, results.commune]
    starts = [rate(r.poor.start, r.households) for r in rows]
    ends = [rate(r.poor.end, r.households_end) for r in rows]
    return poverty_chart([r.name for r in rows], starts, ends, title, lead)
