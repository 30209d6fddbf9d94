"""The newer measures on the pages: official ships, ADIZ entries and one median-line series on Air & sea activity
(offered only where their sources cover the range), the three-way reconciliation, per-day report links."""

from __future__ import annotations

from datetime import date

from tests.conftest import chart_source_lines, open_section
from tests.test_pages import ok, start, visit

NEW = ("official_ships", "entered_adiz", "crossed_median")


def activity(monkeypatch):
    return visit(start(monkeypatch), "views/activity.py")


def test_new_measures_are_offered_and_drawn(monkeypatch) -> None:
    at = activity(monkeypatch)
    ok(at)
    assert list(at.segmented_control(key="metric").options) == [
        "PLA aircraft",
        "PLA Navy vessels",
        "Official ships (coast guard and other state ships)",
        "ADIZ entries",
        "Median-line crossings",
    ]
    for measure in NEW:
        at.segmented_control(key="metric").set_value(measure).run()
        ok(at)
        assert "Covers 2025-10-01 to 2026-08-22 only" in at.info[0].value
        assert "madeye" in at.info[0].value
        lines = chart_source_lines(at)
        assert lines and all("Taiwan Strait Monitor (madeye)" in line and "2026-08-22" in line for line in lines)
        for section in ("month", "calendar"):
            open_section(at, section)
            ok(at)
            assert at.get("plotly_chart")
        open_section(at, "daily")


def test_crossings_name_their_source_per_day(monkeypatch) -> None:
    at = activity(monkeypatch)
    at.segmented_control(key="metric").set_value("crossed_median").run()
    ok(at)
    note = next(c.value for c in at.caption if "never averaged" in c.value)
    assert "316 days from madeye, 1 from lioneer" in note and "9 days neither reports" in note


def test_measures_outside_their_coverage_are_not_offered(monkeypatch) -> None:
    at = start(monkeypatch)
    at.session_state["date_range"] = (date(2023, 1, 1), date(2023, 12, 31))
    at.session_state["metric"] = "official_ships"  # e.g. from a link: not offered for 2023
    visit(at, "views/activity.py")
    ok(at)
    assert list(at.segmented_control(key="metric").options) == ["PLA aircraft", "PLA Navy vessels"]
    assert at.segmented_control(key="metric").value == "aircraft"
    assert any("Not offered for this date range" in c.value and "ADIZ entries" in c.value for c in at.caption)


def test_new_measures_in_japanese_and_chinese(monkeypatch) -> None:
    for language, label in (("ja", "中間線越え"), ("zh-TW", "逾越海峽中線")):
        at = start(monkeypatch)
        at.session_state["language"] = language
        at.session_state["metric"] = "crossed_median"
        visit(at, "views/activity.py")
        ok(at)
        assert label in at.segmented_control(key="metric").options
        assert "2025-10-01" in at.info[0].value


def test_reconciliation_in_japanese_and_chinese(monkeypatch) -> None:
    for language, metric in (("ja", "スナップショット = madeye"), ("zh-TW", "快照 = madeye")):
        at = start(monkeypatch)
        at.session_state["language"] = language
        at.session_state["section"] = "reconcile"
        visit(at, "views/sources.py")
        ok(at)
        assert {m.label: m.value for m in at.metric}[metric] == "100%"
        assert at.dataframe[0].value["report_url"].notna().sum() == 316  # every madeye day links its MND report


def test_record_days_link_their_mnd_report(monkeypatch) -> None:
    at = start(monkeypatch)
    at.session_state["record_days"] = True
    at.run()
    ok(at)
    aircraft = at.dataframe[0].value.set_index("date")
    assert aircraft.loc["2025-12-30", "aircraft"] == 130
    assert aircraft.loc["2025-12-30", "report_url"].startswith("https://www.mnd.gov.tw/")
    assert aircraft["report_url"].isna().sum() == 8  # record days before Oct 2025: no report address is known


def test_data_behind_the_daily_chart_links_each_report(monkeypatch) -> None:
    at = start(monkeypatch)
    at.session_state["metric"] = "official_ships"
    at.session_state["numbers_daily-official_ships"] = True
    visit(at, "views/activity.py")
    ok(at)
    (table,) = at.dataframe
    frame = table.value
    assert "report_url" in frame and frame["report_url"].notna().sum() == 316
    assert frame["official_ships"].notna().sum() == 316


def test_data_behind_the_crossings_chart_names_each_days_source(monkeypatch) -> None:
    at = start(monkeypatch)
    at.session_state["metric"] = "crossed_median"
    at.session_state["numbers_daily-crossed_median"] = True
    visit(at, "views/activity.py")
    ok(at)
    frame = at.dataframe[0].value.set_index("date")
    assert (
        frame.loc["2026-03-29", "crossed_median_source"] == "lioneer"
        and frame.loc["2026-03-29", "crossed_median"] == 13
    )
    assert (frame["crossed_median_source"] == "madeye").sum() == 316


def test_every_gallery_chart_renders_the_new_measures_with_their_coverage() -> None:
    """Daily, monthly, yearly, year-over-year and calendar charts of each new measure: titled, sourced, dated;
    the year-over-year subtitle no longer speaks of aircraft for a count of ships."""
    import catalog
    import settings
    from deck.tables import FolderTables

    tables = FolderTables(settings.SNAPSHOT_DIR)
    for measure in NEW:
        for chart in ("daily", "monthly", "yearly", "yoy", "calendar"):
            rendered = catalog.render(tables, chart, catalog.Settings(metric=measure))
            layout = rendered.fig.layout
            assert layout.title.text and layout.title.subtitle.text
            sources = [a.text for a in layout.annotations if a.name == "source"]
            assert sources and "madeye" in sources[0] and "2026-08-22" in sources[0]
    yoy = catalog.render(tables, "yoy", catalog.Settings(metric="official_ships")).fig.layout.title.subtitle.text
    assert "aircraft" not in yoy and "since Oct 2025" in yoy
