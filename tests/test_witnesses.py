"""analysis/witnesses.py: the three-way reconciliation (every witness of a report day, agreement per pair)."""

from __future__ import annotations

import pandas as pd
import pytest

import settings
from analysis import witnesses
from loaders.snapshot import read_table


def real(name: str) -> pd.DataFrame:
    return read_table(settings.SNAPSHOT_DIR, name)


@pytest.fixture(scope="module")
def wide() -> dict[str, pd.DataFrame]:
    sources = dict(
        reports=real("mnd_reports"),
        tracker=real("pla_tracker_daily"),
        press=real("press_reports"),
        drawn=real("flight_tracks_daily"),
        disputes=real("air_sea_disputes"),
    )
    daily, changes = real("air_sea_daily"), real("air_sea_changes")
    return {f: witnesses.side_by_side(daily, changes, f, **sources) for f in witnesses.FIELDS}


def test_as_stored_is_rebuilt_from_the_change_log(wide) -> None:
    """Rebuilt upstream values give the refresh's own 'before' agreement (air_sea_agreement) for every witness."""
    before = real("air_sea_agreement").query("stage == 'before'").set_index(["witness", "field"])
    pairs = witnesses.pair_agreement(wide).set_index(["first", "second", "field"])
    for witness in ("madeye", "lioneer", "press"):
        for field in witnesses.FIELDS:
            mine = pairs.loc[("stored", witness, field)]
            theirs = before.loc[(witness, field)]
            assert (mine["days_compared"], mine["days_agree"]) == (theirs["days_compared"], theirs["days_agree"])
    bound = witnesses.bound_agreement(wide["aircraft"]).set_index("second").loc["stored"]
    assert (bound["days_compared"], bound["days_agree"]) == tuple(
        before.loc[("tracks", "aircraft"), ["days_compared", "days_agree"]]
    )


def test_agreement_per_pair_of_exact_witnesses(wide) -> None:
    pairs = witnesses.pair_agreement(wide).set_index(["first", "second", "field"])["days_agree"].to_dict()
    assert pairs[("snapshot", "madeye", "aircraft")] == 316 and pairs[("snapshot", "lioneer", "aircraft")] == 107
    assert pairs[("madeye", "lioneer", "aircraft")] == 106 and pairs[("madeye", "lioneer", "vessels")] == 78
    assert ("snapshot", "drawn", "aircraft") not in pairs  # a lower bound is never an exact pair


def test_each_day_says_why_the_snapshot_holds_its_value(wide) -> None:
    aircraft = wide["aircraft"].set_index("date")
    assert aircraft.loc["2026-01-18", "action"] == "replaced" and "contradicted" in aircraft.loc["2026-01-18", "detail"]
    unchanged = aircraft[aircraft["action"] == witnesses.AS_PUBLISHED]
    assert (unchanged["snapshot"].fillna(-1) == unchanged["stored"].fillna(-1)).all()
    assert aircraft["disputed"].isin(["", "lioneer"]).all() and (aircraft["disputed"] == "lioneer").sum() == 16


def test_small_frames_one_sided_and_empty() -> None:
    day = pd.Timestamp("2026-01-02")
    daily = pd.DataFrame(
        {"date": [day], "aircraft": pd.array([5], "Int64"), "vessels": pd.array([3], "Int64"), "report_url": [None]}
    )
    changes = pd.DataFrame(
        {
            "date": [day],
            "field": ["aircraft"],
            "was": pd.array([7], "Int64"),
            "now": pd.array([5], "Int64"),
            "action": ["corrected"],
            "detail": ["cited"],
        }
    )
    reports = pd.DataFrame(
        {
            "date": [day],
            "aircraft": pd.array([5], "Int64"),
            "vessels": pd.array([3], "Int64"),
            "source_url": ["https://www.mnd.gov.tw/x"],
        }
    )
    tracker = pd.DataFrame({"date": [day], "aircraft": pd.array([pd.NA], "Int64"), "ships": pd.array([4], "Int64")})
    out = witnesses.side_by_side(daily, changes, "aircraft", reports=reports, tracker=tracker, press=None)
    assert out.iloc[0][["snapshot", "stored", "madeye"]].tolist() == [5, 7, 5] and pd.isna(out.iloc[0]["lioneer"])
    assert out.iloc[0]["report_url"] == "https://www.mnd.gov.tw/x"
    vessels = witnesses.side_by_side(daily, changes, "vessels", reports=reports, tracker=tracker, press=None)
    assert vessels.iloc[0]["action"] == witnesses.AS_PUBLISHED and vessels.iloc[0]["lioneer"] == 4
    assert witnesses.pair_agreement({"aircraft": out.iloc[0:0]}).empty
