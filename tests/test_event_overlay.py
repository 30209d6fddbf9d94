"""The catalog-event overlay on time-series charts: neutral ink, short staggered labels that never collide
(with each other or with the definition-break label), headroom above the data, a legend key per kind of mark."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.events import LABEL_ROWS, _label_rows, add_events, event_label
from charts.theme import DATE_PAD, ROLE, mark_break

DAYS = pd.date_range("2022-01-01", "2025-12-31", freq="D")


def chart() -> go.Figure:
    fig = go.Figure(go.Scatter(x=DAYS, y=[10 + (i % 50) for i in range(len(DAYS))]))
    fig.update_layout(height=450, margin=dict(l=70, r=30, t=110, b=95))
    return fig


def events(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", "kind", "name_en", "start"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = frame["start"] + pd.Timedelta(days=2)
    return frame


def labels(fig: go.Figure) -> list:
    return [a for a in fig.layout.annotations if a.name == "event_label"]


def test_close_exercises_stagger_and_a_crowded_one_is_left_to_the_hover() -> None:
    close = [(f"ex{i}", "exercise", f"Exercise number {i}", f"2024-05-{1 + 3 * i:02d}") for i in range(4)]
    fig = add_events(chart(), events(*close))
    shown = labels(fig)
    assert 1 <= len(shown) <= LABEL_ROWS < 4  # four labels a few days apart: at most one per row
    assert len({a.yshift for a in shown}) == len(shown)  # each on its own row
    markers = fig.data[-1]
    assert len(markers.x) == 4 and {c[0] for c in markers.customdata} == {e[2] for e in close}  # all hoverable


def test_rows_never_overlap_and_no_label_overhangs_the_plot() -> None:
    lo, hi = DAYS[0], DAYS[-1]
    starts = [pd.Timestamp("2023-01-01") + pd.Timedelta(days=60 * i) for i in range(18)]  # the last ones near the end
    texts = ["A label of twenty ch"] * len(starts)
    width = (20 * 11 * 0.58 + 8) / 1000
    spans: dict[int, list[tuple[float, float]]] = {}
    for start, (row, anchor) in zip(starts, _label_rows(starts, texts, lo, hi, 1000, [])):
        if row is None:
            continue
        x = (start - lo).total_seconds() / (hi - lo).total_seconds()
        spans.setdefault(row, []).append((x, x + width) if anchor == "left" else (x - width, x))
    assert sum(len(v) for v in spans.values()) >= 8  # two rows of ~7 label widths, filled greedily
    for row in spans.values():
        row.sort()
        assert all(b[0] >= a[1] - 1e-9 for a, b in zip(row, row[1:]))  # no two labels of a row overlap
        assert all(
            x0 >= -DATE_PAD and x1 <= 1 + DATE_PAD for x0, x1 in row
        )  # none runs past the axis (plotly would widen it)


def test_a_label_near_the_last_day_ends_at_its_event() -> None:
    fig = add_events(chart(), events(("late", "exercise", "Justice Mission-2025", "2025-12-20")))
    (label,) = labels(fig)
    assert label.xanchor == "right" and label.visible is not False


def test_labels_avoid_the_definition_break_label() -> None:
    fig = mark_break(chart(), pd.Timestamp("2022-08-05"))
    fig = add_events(fig, events(("drills", "exercise", "Aug 2022 drills", "2022-08-04")))
    (label,) = labels(fig)
    assert label.yshift < -4  # second row: the break's label holds the top row there


def test_neutral_ink_keys_and_headroom() -> None:
    fig = add_events(
        chart(), events(("ex", "exercise", "Drill A", "2023-05-01"), ("pol", "political", "Visit B", "2023-09-01"))
    )
    rect = next(s for s in fig.layout.shapes if s.type == "rect")
    rule = next(s for s in fig.layout.shapes if s.type == "line")
    assert rect.fillcolor == ROLE["event_fill"] and rule.line.color == ROLE["event_ink"] and rule.line.dash == "dash"
    keys = [trace.name for trace in fig.data if trace.hoverinfo == "skip" and trace.x == (None,)]
    assert keys == ["PLA exercise (report days)", "Political or other event"]
    assert fig.layout.yaxis.range[1] > 59  # the data peak at 59: room above it for the label row


@pytest.mark.parametrize("language, expected", [("en", "Aug 2022 drills"), ("ja", "2022年8月演習")])
def test_catalog_short_labels_in_the_reader_language(language: str, expected: str) -> None:
    import i18n

    row = pd.Series(
        {
            "name_en": "PLA joint military operations around Taiwan (August 2022)",
            "name_ja": "台湾周辺での大規模軍事演習",
            "label_en": "Aug 2022 drills",
            "label_ja": "2022年8月演習",
            "label_zh_tw": None,
        }
    )
    previous = i18n.current()
    try:
        i18n.use(language)
        assert event_label(row) == expected
    finally:
        i18n.use(previous)
    assert event_label(pd.Series({"name_en": "A very long exercise name that goes on and on"})).endswith("…")


def test_headroom_counts_stacked_bars_whole() -> None:
    months = pd.date_range("2024-01-01", periods=6, freq="MS")
    fig = go.Figure([go.Bar(x=months, y=[5] * 6), go.Bar(x=months, y=[7] * 6)])
    fig.update_layout(barmode="stack", height=450)
    add_events(fig, events(("ex", "exercise", "Drill A", "2024-03-01")))
    assert fig.layout.yaxis.range[1] > 12  # the stack reaches 12, not the largest single part (7)


def test_labels_are_placed_again_at_the_size_drawn() -> None:
    """Larger type at the same width (presenter mode, a slide) fits fewer labels per row: none overlap."""
    from charts.export import SIZES, for_export

    spaced = [(f"ex{i}", "exercise", f"Exercise {i}-2024A", f"2023-{1 + 2 * i:02d}-01") for i in range(6)]
    fig = add_events(chart(), events(*spaced))
    out = for_export(fig, SIZES["slide"])
    shown = [a for a in out.layout.annotations if a.name == "event_label" and a.visible is not False]
    size = shown[0].font.size
    assert size > 11  # the slide's larger type
    width = out.layout.width - out.layout.margin.l - out.layout.margin.r
    lo, hi = DAYS[0], DAYS[-1]
    by_row: dict[float, list[float]] = {}
    for note in shown:
        x = (pd.Timestamp(note.x) - lo) / (hi - lo) * width
        by_row.setdefault(note.yshift, []).append(x)
    for xs in by_row.values():
        xs.sort()
        assert all(b - a >= len("Exercise 0-2024A") * size * 0.5 for a, b in zip(xs, xs[1:]))
    rows = len(by_row)
    plot_height = out.layout.height - out.layout.margin.t - out.layout.margin.b
    room = (1 - 59 * 1.04 / out.layout.yaxis.range[1]) * plot_height  # px above the data peak (59)
    assert room >= rows * size * 15 / 11  # headroom redone for the rows at the larger type
