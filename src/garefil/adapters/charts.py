"""A bilan's charts as PNG images (bytes), drawn by matplotlib (imported only to draw one).

The Agg backend draws to files without any display: garefil runs in terminals and CI alike.
"""

from __future__ import annotations

import io


class MatplotlibCharts:
    """Draws the bilan's two charts."""

    def activity(self, activity: dict[str, dict[str, int]], title: str) -> bytes:
        """Stacked bars: notes per month, one colour per référent."""
        return _png(_pyplot(), activity_figure(activity, title))

    def delays(self, delays: tuple[int, ...], title: str) -> bytes:
        """A histogram of the days from appointment to report."""
        pyplot = _pyplot()
        figure, axes = pyplot.subplots(figsize=(8, 4.5))
        axes.hist(list(delays) or [0], bins=max(1, min(20, len(set(delays)) or 1)))
        axes.set_title(title)
        _whole_numbers(axes)
        return _png(pyplot, figure)


def activity_figure(activity: dict[str, dict[str, int]], title: str):
    """The activity chart as a matplotlib figure, its months labelled as given."""
    pyplot = _pyplot()
    months = list(activity)
    people = sorted({who for counts in activity.values() for who in counts})
    figure, axes = pyplot.subplots(figsize=(8, 4.5))
    bottom = [0] * len(months)
    for who in people:
        heights = [activity[m].get(who, 0) for m in months]
        axes.bar(months, heights, bottom=bottom, label=who)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_title(title)
    _whole_numbers(axes)
    if people:
        axes.legend(fontsize="small")
    return figure


def _whole_numbers(axes) -> None:
    """Ticks on whole numbers only on the counting axis: there is no 1.25 note."""
    from matplotlib.ticker import MaxNLocator

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    return pyplot


def _png(pyplot, figure) -> bytes:
    """The figure as PNG bytes (written by the caller, atomically)."""
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    pyplot.close(figure)
    return buffer.getvalue()
