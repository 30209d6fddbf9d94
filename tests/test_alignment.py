"""Report-day alignment (loaders/alignment.py) on small frames the tests build themselves."""

from __future__ import annotations

import pandas as pd

from loaders import alignment as al

DAYS = pd.date_range("2025-03-01", periods=12, freq="D")
REPORTS = [5, 9, 14, 3, 22, 7, 11, 2, 30, 8, 6, 12]  # what MND published, by report day
VESSELS = [6, 7, 8, 5, 9, 6, 7, 5, 10, 6, 7, 8]


def stored(shift_from: int | None = None, shift_to: int | None = None) -> pd.DataFrame:
    """The upstream: report days shift_from..shift_to stored one day early (on the activity day)."""
    aircraft, vessels = list(REPORTS), list(VESSELS)
    if shift_from is not None:
        for i in range(shift_from, shift_to + 1):
            aircraft[i - 1], vessels[i - 1] = REPORTS[i], VESSELS[i]
        aircraft[shift_to], vessels[shift_to] = REPORTS[shift_to], VESSELS[shift_to]  # switching back: repeated
    return pd.DataFrame(
        {
            "date": DAYS,
            "aircraft": pd.array(aircraft, dtype="Int64"),
            "vessels": pd.array(vessels, dtype="Int64"),
            "source_file": "primary.csv",
        }
    )


def witness(days=None, name: str = "madeye", weight: float = 1.0) -> al.Witness:
    days = list(range(len(DAYS))) if days is None else days
    frame = pd.DataFrame(
        {
            "date": DAYS[days],
            "aircraft": pd.array([REPORTS[i] for i in days], dtype="Int64"),
            "vessels": pd.array([VESSELS[i] for i in days], dtype="Int64"),
        }
    )
    return al.Witness(name, name, frame, weight=weight)


def align(primary: pd.DataFrame, witnesses: list[al.Witness]):
    states = al.shift_states(primary, witnesses)
    found = al.runs(states, primary, witnesses)
    out, changes = al.realign(primary, states, found, witnesses)
    return states, found, out, pd.DataFrame(changes, columns=list(al.change(None, "", None, None, "").keys()))


def test_a_shifted_run_is_detected_and_moved_back() -> None:
    primary = stored(shift_from=4, shift_to=8)  # report days 4..8 stored on days 3..7
    states, found, out, changes = align(primary, [witness()])
    assert list(states.to_numpy()) == [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]  # day 8 reads its own (repeated) copy
    assert [(r.start, r.end) for r in found] == [(DAYS[4], DAYS[7])]
    assert list(out["aircraft"]) == REPORTS[:3] + [pd.NA] + REPORTS[4:]  # day 3's own report was overwritten upstream
    assert list(out["vessels"].iloc[4:]) == VESSELS[4:]
    moved = changes[changes["action"] == "realigned"]
    assert set(moved["date"]) == set(DAYS[4:8])
    row = moved[(moved["date"] == DAYS[5]) & (moved["field"] == "aircraft")].iloc[0]
    assert (row["was"], row["now"], row["evidence_source"], row["evidence_value"]) == (
        REPORTS[6],
        REPORTS[5],
        "madeye",
        REPORTS[5],
    )
    assert "madeye: 4/4 days agree when moved, 0/4 as stored" in row["detail"]
    assert set(changes.loc[changes["action"] == "emptied", "date"]) == {DAYS[3]}
    repeat = changes[changes["action"] == "dropped_repeat"]
    assert set(repeat["date"]) == {DAYS[7]} and set(repeat["was"]) == {REPORTS[8], VESSELS[8]}


def test_an_isolated_disagreement_is_not_moved() -> None:
    primary = stored()
    primary.loc[6, "aircraft"] = REPORTS[7]  # one wrong value that happens to equal the next day's report
    states, found, out, changes = align(primary, [witness()])
    assert states.sum() == 0 and found == [] and changes.empty
    assert out["aircraft"].iloc[6] == REPORTS[7]  # kept: it is a dispute, not a shift
    disputes = al.disputes(out, [witness()])
    assert [(d["date"], d["field"], d["value"], d["witness_value"]) for d in disputes] == [
        (DAYS[6], "aircraft", REPORTS[7], REPORTS[6])
    ]


def test_two_shifted_days_are_not_a_run() -> None:
    primary = stored(shift_from=4, shift_to=5)
    states, _, _, _ = align(primary, [witness()])
    assert states.sum() == 0  # a run must be backed by more than SWITCH disagreeing days


def test_a_lower_bound_witness_alone_finds_a_run() -> None:
    """Maps where more aircraft were drawn than the stored day's total testify for the report day."""
    primary = stored(shift_from=2, shift_to=9)
    drawn = pd.DataFrame({"date": DAYS, "aircraft_drawn": pd.array(REPORTS, dtype="Int64")})
    states, found, out, _ = align(primary, [al.Witness("tracks", "tracks", drawn, exact=False)])
    assert len(found) == 1 and found[0].start <= DAYS[4] and found[0].end >= DAYS[8]
    assert list(out["aircraft"].iloc[4:9]) == REPORTS[4:9]


def test_witnesses_only_replace_when_at_least_two_agree() -> None:
    primary = stored()
    primary.loc[6, "aircraft"] = 99
    one = [witness()]
    changes: list[dict] = []
    kept = al.replace_by_witnesses(primary, one, changes)
    assert kept.loc[6, "aircraft"] == 99 and changes == []
    two = [witness(), witness(name="lioneer", weight=0.5)]
    fixed = al.replace_by_witnesses(primary, two, changes)
    assert fixed.loc[6, "aircraft"] == REPORTS[6]
    assert [(c["date"], c["action"], c["was"], c["now"]) for c in changes] == [(DAYS[6], "replaced", 99, REPORTS[6])]
    split = [witness(), al.Witness("lioneer", "l", witness().frame.assign(aircraft=lambda f: f["aircraft"] + 1))]
    assert al.replace_by_witnesses(primary, split, [])["aircraft"].iloc[6] == 99  # witnesses disagree: keep


def test_agreement_counts_before_and_after() -> None:
    primary = stored(shift_from=4, shift_to=8)
    _, _, out, _ = align(primary, [witness()])
    before = {r["field"]: (r["days_agree"], r["days_compared"]) for r in al.agreement(primary, witness())}
    after = {r["field"]: (r["days_agree"], r["days_compared"]) for r in al.agreement(out, witness())}
    assert before["aircraft"][0] < after["aircraft"][0] == 11 and after["aircraft"][1] == 11
