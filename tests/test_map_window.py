"""Which zones, warnings and transits count as active in a window (analysis/map_window.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import map_window as calc

T = pd.Timestamp


def test_overlap_is_inclusive_and_handles_reversed_periods() -> None:
    first = pd.Series([T("2024-05-01"), T("2024-05-10"), T("2024-05-20"), T("2024-05-12")])
    last = pd.Series([T("2024-05-09"), T("2024-05-10"), T("2024-05-25"), T("2024-05-08")])  # last row reversed
    assert calc.overlaps(first, last, date(2024, 5, 9), date(2024, 5, 10)).tolist() == [True, True, False, True]


def test_zones_by_announced_days() -> None:
    zones = pd.DataFrame(
        {"active_from": [T("2022-08-04"), T("2025-12-30")], "active_to": [T("2022-08-07"), T("2025-12-30")]}
    )
    assert len(calc.active_zones(zones, date(2022, 8, 7), date(2022, 8, 9))) == 1
    assert len(calc.active_zones(zones, date(2025, 12, 31), date(2026, 1, 5))) == 0


def test_warning_without_period_sits_on_its_publication_day() -> None:
    warnings = pd.DataFrame(
        {
            "publish_date": [T("2026-07-01"), T("2026-07-01")],
            "start": [pd.NaT, T("2026-07-03")],
            "end": [pd.NaT, T("2026-07-05")],
        }
    )
    assert calc.active_warnings(warnings, date(2026, 7, 1), date(2026, 7, 1)).index.tolist() == [0]
    assert calc.active_warnings(warnings, date(2026, 7, 4), date(2026, 7, 4)).index.tolist() == [1]


def test_transits_and_skipped_notices_in_window() -> None:
    transits = pd.DataFrame({"date": [T("2024-10-20"), T("2025-02-02")]})
    assert len(calc.transits_in(transits, date(2024, 10, 20), date(2024, 10, 20))) == 1
    qc = pd.DataFrame(
        {
            "publish_date": [T("2026-07-22")] * 3,
            "action": ["skipped", "kept", "skipped"],
            "check": ["several_areas", "no_period", "duplicate"],
        }
    )
    assert len(calc.skipped_in(qc, date(2026, 7, 1), date(2026, 7, 31))) == 1  # duplicates are not lost notices


def test_shown_table_lists_every_item_in_plain_words() -> None:
    zones = pd.DataFrame(
        {
            "name": ["zone 1"],
            "event_id": ["jm"],
            "active_from": [T("2025-12-30")],
            "active_to": [T("2025-12-30")],
            "source_url": ["https://x.org"],
        }
    )
    warnings = pd.DataFrame(
        {
            "notice": ["GX1/26"],
            "title": ["MILITARY TRAINING—GX1/26"],
            "publish_date": [T("2026-01-02")],
            "start": [pd.NaT],
            "end": [pd.NaT],
            "activity_en": ["military training"],
            "bureau_en": ["Guangxi MSA"],
            "bureau": ["广西海事局"],
            "notes": [""],
            "centroid_lon": [108.9],
            "centroid_lat": [21.3],
            "url": ["https://msa.gov.cn/1"],
        }
    )
    transits = pd.DataFrame(
        {
            "date": [T("2025-12-29")],
            "ship": ["HMCS X"],
            "country": ["Canada"],
            "category": ["foreign_warship_transit"],
            "source_url": [""],
        }
    )
    table = calc.shown_table(zones, warnings, transits, {"jm": "Justice Mission-2025"})
    assert table["layer"].tolist() == ["transit", "exercise zone", "navigation warning"]
    assert table.loc[1, "detail"] == "Justice Mission-2025"
    assert table.loc[2, "from"] == T("2026-01-02") and table.loc[2, "longitude"] == 108.9
    assert list(table.columns) == calc.SHOWN_COLUMNS
