"""The Japan view, the trade page (with and without trade data) and the reconciliation section of
Data & sources, each run alone with AppTest (app.py normally sets the date range);
the page runs on its own; here the date range is preset."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

import settings
from loaders import trade_mof_customs
from loaders.snapshot import read_manifest, write_snapshot
from tests.conftest import chart_source_lines, open_section, tab_labels
from tests.test_loader_trade import CUSTOMS_EN

PAGES = Path(__file__).resolve().parents[1] / "views"
TIMEOUT = 60
TRADE_TABLES = ("trade_partner", "trade_hs8542", "trade_mof_customs", "trade_comtrade_mirror")


def page(name: str, start: date = date(2020, 1, 1), end: date = date(2026, 8, 22)) -> AppTest:
    at = AppTest.from_file(str(PAGES / name), default_timeout=TIMEOUT)
    at.session_state["date_range"] = (start, end)
    return at


def run_page(name: str, monkeypatch, snapshot: Path | None = None) -> AppTest:
    if snapshot is not None:
        monkeypatch.setattr(settings, "SNAPSHOT_DIR", snapshot)
    return page(name).run()


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def drop_tables(snapshot: Path, names: tuple[str, ...]) -> None:
    """A snapshot as it would be without some tables (manifest and files)."""
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    for name in names:
        entry = manifest["tables"].pop(name, None)
        if entry:
            (snapshot / entry["file"]).unlink()
    (snapshot / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_japan_view(monkeypatch) -> None:
    at = run_page("japan.py", monkeypatch)
    ok(at)
    assert at.title[0].value == "Japan view"
    assert tab_labels(at) == [
        "Passages by strait and month",
        "Carrier activity periods",
        "Joint China–Russia activity",
        "Taiwan-side counts and Japan-side events on one time axis",
    ]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Strait flags withheld as impossible"] == "14"
    assert "not a day without activity" in at.caption[0].value
    assert any("Japan Ministry of Defense Joint Staff Office" in line for line in chart_source_lines(at))


def test_japan_view_outside_its_coverage_says_so(monkeypatch) -> None:
    at = page("japan.py", end=date(2023, 12, 31)).run()
    ok(at)
    assert "start in January 2024" in at.info[0].value


def test_japan_view_without_the_table(monkeypatch, snapshot_copy: Path) -> None:
    drop_tables(snapshot_copy, ("japan_side_events", "japan_side_qc"))
    at = run_page("japan.py", monkeypatch, snapshot_copy)
    ok(at)
    assert "no Japan-side data" in at.info[0].value


def test_trade_page_with_data(monkeypatch) -> None:
    at = run_page("trade.py", monkeypatch)
    ok(at)
    assert at.title[0].value == "Cross-strait trade"
    assert tab_labels(at) == [
        "Per year",
        "Per month",
        "Share of total",
        "Year over year",
        "Chips: integrated-circuit exports (HS 8542)",
        "Trade and military pressure on one time axis",
        "Files downloaded by hand",
    ]
    assert len(at.get("plotly_chart")) == 1  # only the open tab is drawn
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Exports, Mainland China + Hong Kong, Jan–Aug 2025 (preliminary)"] == "108.7 bn USD"
    # what is missing is said in words
    assert any("Not available here: months before August 2024" in c.value for c in at.caption)
    open_section(at, "by_hand")
    ok(at)
    infos = [i.value for i in at.info]
    assert any("No customs by-country file has been loaded" in i for i in infos)
    assert any("No UN Comtrade file has been loaded" in i for i in infos)
    at.segmented_control(key="trade_flow").set_value("import").run()
    ok(at)
    assert any(m.label.startswith("Imports, United States") for m in at.metric)


def test_trade_page_without_trade_data(monkeypatch, snapshot_copy: Path) -> None:
    drop_tables(snapshot_copy, TRADE_TABLES)
    at = run_page("trade.py", monkeypatch, snapshot_copy)
    ok(at)
    assert at.title[0].value == "Cross-strait trade"
    assert "No trade data is available in this snapshot" in at.info[0].value
    assert not at.tabs and not at.metric  # nothing drawn, nothing invented


def test_trade_page_with_a_hand_downloaded_file(monkeypatch, snapshot_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "customs.csv"
    path.write_text(CUSTOMS_EN, encoding="utf-8")
    keep = list(read_manifest(snapshot_copy)["tables"])
    write_snapshot(trade_mof_customs.build_file(path), snapshot_copy, keep=keep)
    at = run_page("trade.py", monkeypatch, snapshot_copy)
    ok(at)
    open_section(at, "by_hand")
    ok(at)
    infos = [i.value for i in at.info]
    assert not any("No customs by-country file" in i for i in infos)
    assert any("customs" in line.lower() and "Data to 2025-08-31" in line for line in chart_source_lines(at))


def test_sources_page_reconciliation(monkeypatch) -> None:
    """Every witness of a report day side by side, agreement per pair, the disputed days."""
    at = run_page("sources.py", monkeypatch)
    ok(at)
    assert tab_labels(at)[-1] == "Reconciliation: every witness of a report day"
    open_section(at, "reconcile")
    ok(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Snapshot = pla-data-dashboard (as stored)": "49%",
        "Snapshot = madeye": "100%",
        "Snapshot = lioneer": "87%",  # 107 of 123 days after report-day alignment (99 as stored)
        "Snapshot = press reports": "100%",
    }
    assert any("at most the snapshot's count on 565 of 565 days" in c.value for c in at.caption)
    lines = chart_source_lines(at)
    assert lines and all("madeye" in line and "lioneer" in line and "The Reporter" in line for line in lines)
    days = at.dataframe[0].value.set_index("date")
    row = days.loc["2026-01-18"]  # the upstream's 26 is contradicted by madeye and lioneer alike
    assert (row["snapshot"], row["stored"], row["madeye"], row["lioneer"]) == (9, 26, 9, 9)
    assert row["action"] == "replaced" and row["report_url"].startswith("https://www.mnd.gov.tw/")
    assert days.loc["2026-02-02", "action"] == "as published"
    disputed = at.dataframe[-1].value
    assert set(disputed["witness"]) == {"lioneer"}
    assert len(disputed) == 16 + 45  # aircraft + vessel days lioneer still disputes (24 + 52 before alignment)

    at.segmented_control(key="reconcile_field").set_value("vessels").run()
    ok(at)
    assert {m.label: m.value for m in at.metric}["Snapshot = lioneer"] == "63%"  # 78 of 123: its ships include
    assert at.dataframe[0].value["drawn"].isna().all()  # official ships from about 23 Mar 2026


def test_sources_page_without_the_second_source(monkeypatch, snapshot_copy: Path) -> None:
    drop_tables(snapshot_copy, ("pla_tracker_daily",))
    at = open_section(run_page("sources.py", monkeypatch, snapshot_copy), "reconcile")
    ok(at)
    assert "nothing to compare" in at.info[-1].value
