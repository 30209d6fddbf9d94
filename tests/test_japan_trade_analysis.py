"""Analysis and chart builders for the Japan view and the trade page, on small constructed tables."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import japan, trade
from charts import japan as japan_figs
from charts import trade as trade_figs
from charts.theme import SourceNote, source_text

NOTE = SourceNote(source="Test source", as_of="2026-03-31")


def event(date: str, indicator: str, strait: str = "none", flag=1, country=None, remark=None, ship_type=None) -> dict:
    return {
        "date": pd.Timestamp(date),
        "indicator": indicator,
        "strait": strait,
        "flag": flag,
        "direction": None,
        "ship_type": ship_type,
        "country": country,
        "remark": remark,
        "source_row": 2,
    }


@pytest.fixture
def events() -> pd.DataFrame:
    rows = [
        event("2026-01-03", "strait_transit", "miyako"),
        event("2026-01-03", "strait_transit", "tsushima", flag=0),
        event("2026-01-05", "strait_transit", "miyako"),
        event("2026-01-05", "strait_transit", "tsushima", flag=pd.NA),  # withheld
        event("2026-01-05", "strait_transit", "yonaguni", flag=pd.NA),
        event("2026-01-10", "carrier_activity", ship_type="遼寧"),
        event("2026-01-12", "carrier_activity", remark="空母"),  # 2 days later: same period
        event("2026-01-20", "carrier_activity"),  # 8 days later: a new period
        event("2026-02-01", "joint_drill", country="china_russia", remark="中俄"),
        event("2026-02-02", "air_activity", country="china_russia"),
        event("2026-02-03", "joint_drill", flag=0, country="china"),
    ]
    frame = pd.DataFrame(rows)
    return frame.astype({"flag": "Int64", "direction": "str", "ship_type": "str", "country": "str", "remark": "str"})


def test_strait_months_count_days_and_keep_withheld_apart(events: pd.DataFrame) -> None:
    months = japan.strait_months(events).set_index("strait")
    assert months.loc["miyako", "passage_days"] == 2
    assert months.loc["tsushima", "passage_days"] == 0 and months.loc["tsushima", "withheld_days"] == 1
    assert months.loc["yonaguni", "withheld_days"] == 1
    assert list(months.index) == ["tsushima", "miyako", "yonaguni"]  # north to south


def test_coverage_counts_days_with_any_record(events: pd.DataFrame) -> None:
    cover = japan.coverage(events).set_index("period")["days_recorded"]
    assert cover[pd.Timestamp("2026-01-01")] == 5 and cover[pd.Timestamp("2026-02-01")] == 3


def test_carrier_periods_join_days_up_to_two_apart(events: pd.DataFrame) -> None:
    periods = japan.carrier_periods(events)
    assert periods[["start", "end", "days_reported"]].values.tolist() == [
        [pd.Timestamp("2026-01-10"), pd.Timestamp("2026-01-12"), 2],
        [pd.Timestamp("2026-01-20"), pd.Timestamp("2026-01-20"), 1],
    ]
    assert periods.loc[0, "ship_type"] == "遼寧" and periods.loc[0, "span_days"] == 3


def test_joint_activity_counts_drills_and_both_navies(events: pd.DataFrame) -> None:
    monthly = japan.joint_activity(events).set_index("period")
    february = monthly.loc[pd.Timestamp("2026-02-01")]
    assert february["joint_drill_days"] == 1  # the flag-0 day is not a drill
    assert february["both_navies_days"] == 2
    assert len(japan.joint_days(events)) == 2


def test_event_strip_only_reported_events(events: pd.DataFrame) -> None:
    strip = japan.event_strip(events)
    assert len(strip) == 7  # flag 1 only; 0 and withheld are not drawn
    assert strip["lane"].iloc[0] == "joint_drill"  # a key in the data; the chart says it in words


def test_japan_charts_carry_title_units_and_source(events: pd.DataFrame) -> None:
    daily = pd.DataFrame({"date": pd.date_range("2026-01-01", "2026-02-05", freq="D", unit="ns")})
    daily["aircraft"] = pd.array([i % 9 for i in range(len(daily))], dtype="Int64")
    figures = [
        (japan_figs.strait_passages(japan.strait_months(events), NOTE), "straits around Japan"),
        (japan_figs.carrier_periods(japan.carrier_periods(events), NOTE), "carrier"),
        (japan_figs.joint_activity(japan.joint_activity(events), NOTE), "Joint China–Russia"),
        (japan_figs.combined(daily, japan.event_strip(events), NOTE, taiwan_note=NOTE), "one time axis"),
    ]
    for fig, fragment in figures:
        assert fragment in fig.layout.title.text
        assert source_text(fig).startswith("Source: Test source")
    straits = figures[0][0]
    assert "Withheld (impossible combination)" in [t.name for t in straits.data]
    assert "not ship counts" in straits.layout.title.subtitle.text


# --- trade --------------------------------------------------------------------------------------------


def trade_row(period: str, period_type: str, partner: str, flow: str, value: float, prelim=False, yoy=None) -> dict:
    start = pd.Timestamp(period)
    end = start + (pd.offsets.MonthEnd(0) if period_type == "month" else pd.offsets.YearEnd(0))
    return {
        "period": start,
        "period_end": end,
        "period_type": period_type,
        "partner": partner,
        "partner_name": partner,
        "flow": flow,
        "value_usd_million": value,
        "yoy_pct_published": yoy,
        "preliminary": prelim,
        "source_table": "test",
    }


@pytest.fixture
def partners() -> pd.DataFrame:
    rows = [
        trade_row("2023-01-01", "year", "total", "export", 1000.0),
        trade_row("2023-01-01", "year", "china_hk", "export", 400.0),
        trade_row("2024-01-01", "year", "total", "export", 1200.0),
        trade_row("2024-01-01", "year", "china_hk", "export", 360.0),
        trade_row("2024-01-01", "year", "us", "export", 300.0),
        trade_row("2025-01-01", "year_to_date", "china_hk", "export", 250.0, prelim=True, yoy=12.5),
        trade_row("2025-01-01", "month", "china_hk", "export", 30.0, prelim=True, yoy=-3.0),
    ]
    return pd.DataFrame(rows)


def test_shares_use_the_same_tables_total(partners: pd.DataFrame) -> None:
    shares = trade.shares(partners, "export", "year").set_index(["partner", "period"])["share_pct"]
    assert shares[("china_hk", pd.Timestamp("2023-01-01"))] == 40.0
    assert shares[("china_hk", pd.Timestamp("2024-01-01"))] == 30.0
    assert shares[("us", pd.Timestamp("2024-01-01"))] == 25.0


def test_year_over_year_full_years_computed_months_published(partners: pd.DataFrame) -> None:
    yoy = trade.year_over_year(partners, "export")
    computed = yoy[(yoy["period_type"] == "year") & (yoy["partner"] == "china_hk")]
    assert computed["yoy_pct"].tolist() == [-10.0] and computed["basis"].item() == "computed from annual values"
    assert yoy[yoy["partner"] == "us"].empty  # no 2023 value: no change computed, none invented
    published = yoy[yoy["period_type"] != "year"].set_index("period_type")
    assert published.loc["month", "yoy_pct"] == -3.0 and published.loc["month", "basis"] == "published by MOF"
    assert published.loc["year_to_date", "yoy_pct"] == 12.5


def test_clip_periods_keeps_overlapping_years(partners: pd.DataFrame) -> None:
    clipped = trade.clip_periods(partners, "2024-06-01", "2024-12-31")
    assert set(clipped["period"].dt.year) == {2024}


def test_with_security_sums_daily_counts_over_the_same_period(partners: pd.DataFrame) -> None:
    days = pd.date_range("2024-01-01", "2024-12-31", freq="D", unit="ns")
    daily = pd.DataFrame({"date": days, "aircraft": pd.array([2] * len(days), dtype="Int64")})
    daily.loc[daily.index[:10], "aircraft"] = pd.NA
    merged = trade.with_security(partners, daily, flow="export", partner="china_hk", period_type="year")
    row = merged.set_index("period").loc[pd.Timestamp("2024-01-01")]
    assert row["pla_aircraft"] == 2 * (len(days) - 10) and row["days_reported"] == len(days) - 10
    assert pd.isna(merged.set_index("period").loc[pd.Timestamp("2023-01-01"), "pla_aircraft"])  # no daily data: empty


def test_china_hk_from_country_rows() -> None:
    rows = pd.DataFrame(
        [
            trade_row("2025-07-01", "month", "china", "export", 10.0),
            trade_row("2025-07-01", "month", "hong_kong", "export", 3.0),
            trade_row("2025-08-01", "month", "china", "export", 11.0),  # Hong Kong missing: no sum invented
        ]
    )
    combined = trade.china_hk_from_countries(rows)
    summed = combined[combined["partner"] == "china_hk"]
    assert summed["value_usd_million"].tolist() == [13.0] and summed["period"].tolist() == [pd.Timestamp("2025-07-01")]


def test_trade_charts_mark_preliminary_and_carry_source(partners: pd.DataFrame) -> None:
    values = trade.series(partners, "export", "year")
    fig = trade_figs.partner_values(values, NOTE, flow="export", period_type="year")
    assert "exports to its main partners, per year" in fig.layout.title.text
    assert source_text(fig).replace("<br>", " ") == NOTE.line()
    assert NOTE.line().startswith("Source: Test source · Data to 2026-03-31")
    assert fig.layout.yaxis.title.text == "billion USD per year"
    monthly = trade_figs.partner_values(
        trade.series(partners, "export", "month"), NOTE, flow="export", period_type="month"
    )
    assert monthly.data[0].marker.color == ("white",)  # preliminary: open marker
    shares = trade_figs.partner_shares(trade.shares(partners, "export", "year"), NOTE, flow="export")
    assert "Share of Taiwan's total exports" in shares.layout.title.text
    yoy = trade_figs.year_over_year(trade.year_over_year(partners, "export"), NOTE, flow="export")
    assert "Year-over-year" in yoy.layout.title.text


@pytest.mark.parametrize(
    ("language", "values", "title"),
    [("en", (150.0, 200.0), "billion USD per year"), ("ja", (1500.0, 2000.0), "億米ドル／年")],
)
def test_trade_axes_read_in_the_languages_unit(language: str, values: tuple[float, float], title: str) -> None:
    """200,000 million USD reads "200 bn USD" in English and "2,000 億米ドル" in Japanese; plotly's SI
    "2k" never stands beside a unit that already scales the number."""
    import pandas as pd

    import i18n
    from charts import trade as trade_figs
    from charts.theme import SourceNote

    data = pd.DataFrame(
        {
            "period": pd.to_datetime(["2023-01-01", "2024-01-01"]),
            "period_end": pd.to_datetime(["2023-12-31", "2024-12-31"]),
            "partner": ["china_hk", "china_hk"],
            "value_usd_million": [150000.0, 200000.0],
            "preliminary": [False, False],
        }
    )
    previous = i18n.current()
    i18n.use(language)
    try:
        fig = trade_figs.partner_values(data, SourceNote("MOF", "2024"), flow="export", period_type="year")
    finally:
        i18n.use(previous)
    assert tuple(fig.data[0].y) == values
    assert fig.layout.yaxis.title.text == title
    assert fig.layout.yaxis.tickformat == ",~f"
