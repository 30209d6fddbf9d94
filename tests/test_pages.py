"""Every page through the router with AppTest: runs without exception and shows its key elements."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

import settings
from tests.conftest import chart_source_lines, open_section, tab_labels

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT = 60


def start(monkeypatch, snapshot: Path | None = None) -> AppTest:
    if snapshot is not None:
        monkeypatch.setattr(settings, "SNAPSHOT_DIR", snapshot)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    return at.run()


def visit(at: AppTest, page: str) -> AppTest:
    return at.switch_page(page).run()


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_overview(monkeypatch) -> None:
    at = start(monkeypatch)
    ok(at)
    assert at.title[0].value == "PLA pressure around Taiwan at a glance"
    labels = [m.label for m in at.metric]
    assert len(labels) == 8
    assert "PLA aircraft, last report (22 Aug 2026)" in labels
    assert "PLA Navy vessels, last 30 days" in labels
    record = next(m for m in at.metric if m.label == "PLA aircraft, record day since 5 Aug 2022")
    assert record.value == "153"
    assert any("Data to 2026-08-22" in line for line in chart_source_lines(at))
    assert any("**22 Aug 2026**" in c.value for c in at.sidebar.caption)


def test_activity_page_sections_and_metric_toggle(monkeypatch) -> None:
    at = visit(start(monkeypatch), "views/activity.py")
    ok(at)
    assert at.title[0].value == "Air & sea activity around Taiwan"
    assert tab_labels(at) == [
        "Day by day",
        "Per month",
        "Per year",
        "Year over year",
        "Calendar",
        "Drawn on MND's maps",
    ]
    assert len(at.get("plotly_chart")) == 1  # only the open tab is drawn
    assert "PLA aircraft ·" in at.caption[0].value
    at.segmented_control(key="metric").set_value("vessels").run()
    ok(at)
    assert at.caption[0].value.startswith("PLA Navy vessels ·")
    open_section(at, "calendar")
    ok(at)
    assert at.selectbox(key="calendar_year").value == 2026
    assert "every day of 2026" in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    assert at.session_state["metric"] == "vessels"  # the measure survives the tab switch


def test_date_range_preset_applies_to_pages(monkeypatch) -> None:
    # AppTest drops sidebar elements from its tree on reruns under st.navigation, so click the
    # preset on the first run's tree, then look at the page it applies to.
    at = start(monkeypatch)
    at.button(key="range_1y").click().run()
    visit(at, "views/activity.py")
    ok(at)
    start_day, end_day = at.session_state["date_range"]
    assert (start_day.isoformat(), end_day.isoformat()) == ("2025-08-22", "2026-08-22")
    assert "22 Aug 2025 – 22 Aug 2026" in at.caption[0].value
    assert "366 of 366 days" not in at.caption[0].value  # coverage is counted, not assumed


def test_sources_page(monkeypatch) -> None:
    at = visit(start(monkeypatch), "views/sources.py")
    ok(at)
    assert at.title[0].value == "Data & sources"
    assert tab_labels(at) == [
        "Tables in the snapshot",
        "Data dictionary",
        "Data quality",
        "Changes to upstream values",
        "Reconciliation: every witness of a report day",
    ]
    tables = at.dataframe[0].value
    assert {"air_sea_daily", "air_sea_qc"} <= set(tables["table"])
    assert tables.loc[tables["table"] == "air_sea_daily", "last day (as of)"].item() == "2026-08-22"
    open_section(at, "quality")
    ok(at)
    assert any("repeated days" in m.value for m in at.markdown)


def test_missing_snapshot_shows_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    at = start(monkeypatch, tmp_path / "nothing")
    assert not at.exception
    assert "python -m loaders refresh" in at.error[0].value


def test_new_snapshot_is_picked_up_without_restart(monkeypatch, snapshot_copy: Path) -> None:
    at = start(monkeypatch, snapshot_copy)
    ok(at)
    manifest = json.loads((snapshot_copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["air_sea_daily"]["last_date"] = "2026-08-21"
    (snapshot_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    at.run()
    ok(at)
    assert any("Data to 2026-08-21" in line for line in chart_source_lines(at))


def test_downloads_and_numbers_are_sent_only_when_opened(monkeypatch) -> None:
    # A page of five charts stays light: each chart's download buttons and data table are sent only
    # once its popover / expander is opened (bench/RESULTS.md, page switch).
    at = open_section(visit(start(monkeypatch), "views/activity.py"), "month")
    ok(at)
    assert len(at.get("plotly_chart")) == 1
    assert not at.get("download_button") and not at.dataframe
    at.session_state["downloads_monthly-aircraft"] = True
    at.session_state["numbers_monthly-aircraft"] = True
    at.run()
    ok(at)
    assert [b.proto.label for b in at.get("download_button")] == ["PNG", "SVG", "PDF", "CSV", "XLSX", "HTML"]
    (table,) = at.dataframe
    assert {"period", "total"} <= set(table.value.columns) and len(table.value) > 12
    assert any(c.value.startswith("Source:") and "Data to 2026-08-22" in c.value for c in at.caption)


def test_figures_are_cached_per_view(monkeypatch) -> None:
    # The second run reuses the built figures; switching language builds new ones in that language.
    at = visit(start(monkeypatch), "views/overview.py")
    ok(at)
    english = at.get("plotly_chart")[0].proto.spec
    at.run()
    assert at.get("plotly_chart")[0].proto.spec == english
    at.session_state["language"] = "ja"
    at.run()
    ok(at)
    assert at.get("plotly_chart")[0].proto.spec != english
    assert chart_source_lines(at)[0].startswith("出典")


def test_each_page_keeps_its_own_open_tab(monkeypatch) -> None:
    at = open_section(visit(start(monkeypatch), "views/activity.py"), "calendar")
    visit(at, "views/trade.py")
    ok(at)
    assert at.session_state["section"] == "per_year"  # not the Activity page's tab
    open_section(at, "shares")
    visit(at, "views/activity.py")
    ok(at)
    assert at.session_state["section"] == "calendar"  # as the user left it
    assert at.selectbox(key="calendar_year").value == 2026
    visit(at, "views/trade.py")
    assert at.session_state["section"] == "shares"
