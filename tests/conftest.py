"""Shared fixtures: small raw folders built by the tests themselves, and the real shared raw data."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

import settings  # noqa: E402
from tests.fixtures_japan_trade import write_japan_trade_raw  # noqa: E402
from tests.fixtures_map import write_map_raw  # noqa: E402
from tests.fixtures_witnesses import write_catalogs, write_witness_raw  # noqa: E402

PRIMARY_HEADER = "date,空中,聯合演訓,艦通過,航母活動,與那國,宮古,大禹,對馬,進,出,艦型,備考,pla_aircraft_sorties,plan_vessel_sorties,remark,國家"
SECONDARY_HEADER = "date,year,month,day,year_month,weekday,weekday_zh,pla_aircraft_sorties,china_carrier_present,國家"


def primary_row(date: str, aircraft: str = "", vessels: str = "", remark: str = "True") -> str:
    return f"{date},,,,,,,,,,,,,{aircraft},{vessels},{remark},"


def secondary_row(date: str, aircraft: str = "") -> str:
    return f"{date},,,,,,,{aircraft},,"


def write_raw(root: Path, primary: list[str], secondary: list[str]) -> Path:
    """A raw folder laid out like shared/data/raw with the two MND files (UTF-8 with BOM, as upstream)."""
    folder = root / "pla-data-dashboard"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "JapanandBattleship.csv").write_text(
        "\ufeff" + "\n".join([PRIMARY_HEADER, *primary]) + "\n", encoding="utf-8"
    )
    (folder / "merged_comprehensive_data_M.csv").write_text(
        "\ufeff" + "\n".join([SECONDARY_HEADER, *secondary]) + "\n", encoding="utf-8"
    )
    return root


GOOD_PRIMARY = [
    primary_row("2024/05/20", "10", "5"),
    primary_row("2024/05/21", "0", "3"),  # a real zero
    # 2024/05/22 missing in both files: must stay null
    primary_row("2024/05/23", "49", "19"),
    primary_row("2024/05/24", "", "15"),  # aircraft only in the secondary file
    primary_row("2024/05/25", "62", "27"),
]
GOOD_SECONDARY = [
    secondary_row("2024/5/20", "10"),
    secondary_row("2024/5/20", "10"),  # identical repeat: collapsed and logged
    secondary_row("2024/5/23", "48"),  # disagrees with the primary: primary wins, logged
    secondary_row("2024/5/24", "21"),
    ",,,,NaT,,,,,",  # upstream padding row
]


@pytest.fixture
def good_raw(tmp_path: Path) -> Path:
    root = write_raw(tmp_path / "raw", GOOD_PRIMARY, GOOD_SECONDARY)
    write_map_raw(root)  # navigation warnings, transits, land (tests/fixtures_map.py)
    write_japan_trade_raw(root)  # Japan-side log, PLA Tracker, trade tables (tests/fixtures_japan_trade.py)
    write_witness_raw(root)  # madeye reports, traced maps (tests/fixtures_witnesses.py)
    return root


@pytest.fixture(autouse=True)
def fixture_catalogs(request, tmp_path_factory, monkeypatch):
    """Tests on fixture data get catalogs without the real press reports and corrections (which concern
    real days and would rightly fail on made-up ones); tests on the real raw data keep the real catalogs."""
    if "shared_raw" in request.fixturenames:
        return settings.CATALOG_DIR
    folder = write_catalogs(tmp_path_factory.mktemp("catalog"))
    monkeypatch.setattr(settings, "CATALOG_DIR", folder)
    monkeypatch.setenv("CSI_CATALOG_DIR", str(folder))  # for the command line run as a subprocess
    return folder


@pytest.fixture(scope="session")
def shared_raw() -> Path:
    """The real raw data beside the project. In CI it must be there; elsewhere its tests skip."""
    if not (settings.RAW_DIR / "pla-data-dashboard").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI expects the shared raw data at {settings.RAW_DIR}")
        pytest.skip(f"no shared raw data at {settings.RAW_DIR}")
    return settings.RAW_DIR


@pytest.fixture
def snapshot_copy(tmp_path: Path) -> Path:
    """A private copy of the committed snapshot, so tests can break or rebuild it freely."""
    target = tmp_path / "data" / "snapshot"
    shutil.copytree(settings.SNAPSHOT_DIR, target)
    return target


FRESHNESS_ICON = ":material/history:"  # ui.controls.freshness_banner: the "old data" warning on every page


def url_notices(at) -> list[str]:
    """Warnings a page shows other than the old-data banner (e.g. refused URL parameters)."""
    return [w.value for w in at.warning if w.icon != FRESHNESS_ICON]


def chart_source_lines(at) -> list[str]:
    """The source line painted under each plotly chart an AppTest page drew (every chart carries one)."""
    import json

    lines = []
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec).get("layout", {})
        lines += [a["text"] for a in layout.get("annotations", []) if a.get("name") == "source"]
    return lines


def tab_labels(at) -> list[str]:
    return [tab.label for tab in at.tabs]


def open_section(at, section: str):
    """Open a page's tab by id (ui.controls.sections): only the open tab's contents are drawn."""
    at.session_state["section"] = section
    return at.run()


# Tabs (ui.controls.sections) by id: only the open tab is drawn, so each is opened in turn.
SECTIONS = {
    "activity": ["daily", "month", "year", "yoy", "calendar", "drawn"],
    "events": ["timeline", "exercise", "compared", "cards", "surges", "catalog"],
    "japan": ["straits", "carriers", "joint", "combined"],
    "trade": ["per_year", "per_month", "shares", "yoy", "chips", "security", "by_hand"],
    "sources": ["tables", "dictionary", "quality", "changes", "reconcile"],
    "briefing": ["present", "edit", "pack"],
}
