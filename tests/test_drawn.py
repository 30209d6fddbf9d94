"""What MND drew on its daily maps (flight_tracks, traced by The Reporter): aircraft per month by type, the
UAV and fighter shares, balloons per report day; the catalog specs, and their tab on Air & sea activity."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import settings
from analysis import drawn
from catalog import NothingToShow, Settings, render
from charts.map import TRACK_COLORS
from charts.theme import source_text
from deck.tables import FolderTables
from tests.conftest import chart_source_lines, open_section
from tests.test_pages import ok, start, visit


def shape(day: str, kind: str, category: str, aircraft=None, balloons=None, file: str = "a.geojson") -> dict:
    return dict(
        date=pd.Timestamp(day), kind=kind, category=category, aircraft=aircraft, balloons=balloons, source_file=file
    )


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).astype({"aircraft": "Int64", "balloons": "Int64"})


SHAPES = frame(
    [
        shape("2022-08-01", "track", "fighter", 3),
        shape("2022-08-01", "track", "uav", 1),
        shape("2022-08-20", "track", "fighter", None),  # drawn without a number: counted apart
        shape("2022-09-02", "track", "bomber", 2),
        shape("2022-09-03", "area", "other", 10),  # areas: in the totals, not in the shares
        shape("2022-09-03", "balloon", "balloon", None, 2),  # a balloon is not an aircraft
    ]
)


def test_monthly_sums_shares_and_partial_months() -> None:
    months = drawn.monthly_categories(SHAPES, pd.Timestamp("2022-08-01"), pd.Timestamp("2022-09-15"))
    assert list(months["month"]) == [pd.Timestamp("2022-08-01"), pd.Timestamp("2022-09-01")]
    aug, sep = months.iloc[0], months.iloc[1]
    assert (aug["total"], aug["drawn_fighter"], aug["drawn_uav"], aug["without_count"]) == (4, 3, 1, 1)
    assert (aug["uav_share_pct"], aug["fighter_share_pct"]) == (25.0, 75.0)
    assert not aug["partial"] and aug["days_covered"] == 31
    assert (sep["total"], sep["drawn_other"], sep["on_tracks"]) == (12, 10, 2)
    assert (sep["uav_share_pct"], sep["fighter_share_pct"]) == (0.0, 0.0)  # of the 2 aircraft on tracks
    assert sep["partial"] and sep["days_covered"] == 15 and sep["end"] == pd.Timestamp("2022-09-15")


def test_a_month_without_tracks_has_no_share_and_an_empty_span_no_rows() -> None:
    areas = frame([shape("2024-02-10", "area", "other", 7)])
    (row,) = drawn.monthly_categories(areas, pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-29")).itertuples()
    assert row.total == 7 and pd.isna(row.uav_share_pct) and not row.partial
    assert drawn.monthly_categories(areas, pd.Timestamp("2024-03-01"), pd.Timestamp("2024-02-01")).empty


def test_balloons_only_where_the_source_counts_them() -> None:
    shapes = frame(
        [
            shape("2023-11-01", "track", "fighter", 1, file="b.geojson"),  # before the first balloon: not a 0
            shape("2023-12-08", "balloon", "balloon", None, 1, file="b.geojson"),
            shape("2023-12-09", "track", "fighter", 2, file="b.geojson"),  # a map without a balloon: 0
            shape("2023-12-10", "balloon", "balloon", None, 3, file="b.geojson"),
            shape("2023-12-10", "balloon", "balloon", None, 1, file="b.geojson"),
            shape("2024-01-15", "track", "uav", 1, file="b.geojson"),  # the file's last day
            shape("2024-01-20", "balloon", "balloon", None, None, file="c.geojson"),  # drawn without a number
        ]
    )
    assert drawn.balloon_period(shapes) == (pd.Timestamp("2023-12-08"), pd.Timestamp("2024-01-15"))
    days = drawn.balloons_per_day(shapes, pd.Timestamp.min, pd.Timestamp.max)
    assert days.to_dict("list") == {
        "date": [pd.Timestamp(d) for d in ("2023-12-08", "2023-12-09", "2023-12-10", "2024-01-15")],
        "balloons": [1, 0, 4, 0],
    }
    assert drawn.balloons_per_day(shapes, pd.Timestamp("2024-02-01"), pd.Timestamp.max).empty
    assert drawn.balloon_period(SHAPES.assign(balloons=pd.NA).astype({"balloons": "Int64"})) is None


@pytest.fixture(scope="module")
def tables() -> FolderTables:
    return FolderTables(settings.SNAPSHOT_DIR)


def test_aircraft_categories_against_the_snapshot(tables) -> None:
    rendered = render(tables, "aircraft_categories")
    data = rendered.data.set_index("month")
    assert len(data) == 24 and not data["partial"].any()  # 1 Aug 2022 – 31 Jul 2024, every month whole
    aug = data.loc[pd.Timestamp("2022-08-01")]
    assert (aug["total"], aug["drawn_fighter"], aug["fighter_share_pct"]) == (446, 413, 92.6)
    daily = tables.table("flight_tracks_daily")  # the same tracing, summed per report day by its own loader
    assert aug["total"] == daily.loc[daily["date"].dt.to_period("M") == "2022-08", "aircraft_drawn"].sum()
    assert pd.isna(data.loc[pd.Timestamp("2024-02-01"), "uav_share_pct"])  # areas only: no share
    layout = rendered.fig.layout
    assert "PLA aircraft MND drew on its daily maps" in layout.title.text
    assert "1 Aug 2022 – 31 Jul 2024" in layout.title.subtitle.text and "lower bound" in layout.title.subtitle.text
    assert "The Reporter" in source_text(rendered.fig) and "2024-07-31" in source_text(rendered.fig)
    fighters = next(tr for tr in rendered.fig.data if tr.name == "Fighter")
    r, g, b, _ = TRACK_COLORS["fighter"]
    assert fighters.marker.color == f"rgba({r},{g},{b},1.0)"  # the Map's category colour


def test_aircraft_categories_mark_months_cut_by_the_range(tables) -> None:
    data = render(tables, "aircraft_categories", Settings(start=date(2023, 3, 10), end=date(2023, 5, 31))).data
    assert list(data["partial"]) == [True, False, False]
    with pytest.raises(NothingToShow, match="cover 1 Aug 2022 to 31 Jul 2024 only"):
        render(tables, "aircraft_categories", Settings(start=date(2025, 1, 1)))


def test_balloons_against_the_snapshot(tables) -> None:
    rendered = render(tables, "balloons")
    data = rendered.data
    assert (data["date"].min(), data["date"].max()) == (pd.Timestamp("2023-12-08"), pd.Timestamp("2024-01-15"))
    assert (len(data), int(data["balloons"].sum()), int((data["balloons"] == 0).sum())) == (34, 40, 14)
    assert "8 Dec 2023 – 15 Jan 2024 only" in rendered.fig.layout.title.subtitle.text
    assert "The Reporter" in source_text(rendered.fig)
    with pytest.raises(NothingToShow, match="8 Dec 2023 to 15 Jan 2024 only"):
        render(tables, "balloons", Settings(start=date(2022, 8, 1), end=date(2023, 6, 30)))


def test_drawn_tab_on_activity(monkeypatch) -> None:
    at = start(monkeypatch)
    at.session_state["date_range"] = (date(2023, 6, 1), date(2024, 3, 31))
    at = open_section(visit(at, "views/activity.py"), "drawn")
    ok(at)
    assert len(at.get("plotly_chart")) == 2
    lines = chart_source_lines(at)
    assert len(lines) == 2 and all("The Reporter" in line for line in lines)
    assert any("lower bound" in c.value for c in at.caption)


def test_drawn_tab_says_what_it_covers_outside_it(monkeypatch) -> None:
    at = start(monkeypatch)
    at.session_state["date_range"] = (date(2025, 9, 1), date(2026, 8, 22))
    at = open_section(visit(at, "views/activity.py"), "drawn")
    ok(at)
    assert not at.get("plotly_chart")
    assert "cover 1 Aug 2022 to 31 Jul 2024 only" in at.info[0].value


def test_aircraft_categories_are_the_type_catalogues_less_balloons() -> None:
    """The two lists live on either side of a layer rule (charts never reach loaders): they must agree."""
    from analysis.drawn import AIRCRAFT_CATEGORIES
    from loaders.aircraft_types import CATEGORIES

    assert tuple(c for c in CATEGORIES if c != "balloon") == AIRCRAFT_CATEGORIES
