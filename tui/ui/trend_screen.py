"""The trend screen: one to four queries (or entities) over time, as a line chart in the terminal.

Each line is the stories matching it per 10,000 stories of the period (``r`` switches to raw counts), so
a thin month is not a trough. ←/→ move a cursor over the periods and the line under the chart reads out
that period's figures; ``b`` cycles month / quarter / year; ``ctrl+s`` saves the screen as SVG in the
export folder. The chart is textual-plotext's; the figures come from ``concordance.trends`` on a worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Label
from textual_plotext import PlotextPlot

from tui.concordance.trends import BY, Series, corpus_periods, entity_series, query_series, table
from tui.safe_text import one_line

if TYPE_CHECKING:
    from tui.ui.library import Library


COLOURS = ("cyan", "green", "red", "yellow")  # plotext's names, which Rich knows too


class TrendScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back"),
        Binding("left,h", "move(-1)", "Earlier", show=False),
        Binding("right,l", "move(1)", "Later", show=False),
        Binding("b", "by", "Month/quarter/year"),
        Binding("r", "raw", "Counts / per 10k"),
        Binding("ctrl+s", "save", "Save SVG"),
    ]

    def __init__(self, library: Library, queries: list[str], by: str = "month") -> None:
        super().__init__()
        self.library = library
        self.queries = queries[:4]
        self.by = by
        self.raw = False
        self.rows: list[dict[str, Any]] = []
        self.series: list[Series] = []
        self.at = 0  # the period under the cursor

    def compose(self) -> ComposeResult:
        yield Label("", id="trend-status")
        yield PlotextPlot(id="trend-plot")
        yield Label("", id="trend-readout")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="trend", exit_on_error=False)
    def _load(self) -> None:
        searcher = self.library.searcher
        series = []
        for q in self.queries:
            if q.startswith("entity:"):
                got = entity_series(self.library.entities, q[len("entity:"):], self.by)
                series.append(got if got is not None else Series(f"{q} (not in the entity index yet)", {}, {}))
            else:
                series.append(query_series(searcher, q, self.by))
        rows = table(series, corpus_periods(searcher, self.by), self.by)
        self.app.call_from_thread(self._show, series, rows)

    def _show(self, series: list[Series], rows: list[dict[str, Any]]) -> None:
        self.series, self.rows = series, rows
        self.at = len(rows) - 1 if rows else 0
        self._draw()

    def _key(self, s: Series) -> str:
        return f"{s.label}: stories" if self.raw else f"{s.label}: per 10k"

    def _draw(self) -> None:
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        xs = [float(k) for k in range(len(self.rows))]
        top = 0.0
        for s, colour in zip(self.series, COLOURS, strict=False):
            ys = [float(r[self._key(s)]) for r in self.rows]
            top = max([top, *ys])
            plt.plot(xs, ys, color=colour, marker="braille")  # the legend is the status line, in these colours
        if self.rows:
            step = max(1, len(self.rows) // 8)
            plt.xticks(xs[::step], [str(r["period"]) for r in self.rows][::step])
            plt.ylim(0, top * 1.05 or 1)
            plt.vline(self.at, "white")
        plot.refresh()
        legend = Text.assemble(*[(f"━ {one_line(s.label)}  ", colour) for s, colour in zip(self.series, COLOURS, strict=False)])
        legend.append(f"· {'matching stories' if self.raw else 'stories per 10,000 of the period'} (r) · by {self.by} (b)"
                      " · ←/→ · ctrl+s saves", "dim")
        self.query_one("#trend-status", Label).update(legend)
        self._readout()

    def _readout(self) -> None:
        if not self.rows:
            self.query_one("#trend-readout", Label).update(Text("no dated stories"))
            return
        r = self.rows[self.at]
        parts = [f"{r['period']}: {r['stories in corpus']} stories"]
        parts += [f"{one_line(s.label)} {r[f'{s.label}: stories']} ({r[f'{s.label}: per 10k']}/10k)" for s in self.series]
        self.query_one("#trend-readout", Label).update(Text(" · ".join(parts)))

    def action_move(self, delta: int) -> None:
        if self.rows:
            self.at = max(0, min(len(self.rows) - 1, self.at + delta))
            self._draw()

    def action_by(self) -> None:
        self.by = BY[(BY.index(self.by) + 1) % len(BY)]
        self._load()

    def action_raw(self) -> None:
        self.raw = not self.raw
        self._draw()

    def action_save(self) -> None:
        from tui.paths import export_dir

        try:
            folder = export_dir()
            folder.mkdir(parents=True, exist_ok=True)
            path = self.app.save_screenshot(filename=f"yuelan-trend-{self.by}.svg", path=str(folder))
        except OSError as exc:
            self.notify(f"could not save the chart: {exc}", severity="error", markup=False)
            return
        self.notify(f"saved {path}", markup=False)

    def action_back(self) -> None:
        if self.is_current:
            self.dismiss(None)
