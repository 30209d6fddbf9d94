"""Put every daily count on the day MND issued the report, using independent witnesses as evidence.

The upstream file stores some long runs of reports on the day before the report (the activity day)
and the rest on the report day. Each witness dates its values by report day: the madeye scrape (it
states each report's window), the lioneer hand transcription, The Reporter's traced maps (the image
date; aircraft drawn are a lower bound of the day's total) and cited press reports.

Method (simple enough to check by hand): every report day d is in one of two states, 0 = stored on
d, 1 = stored on d - 1. A day costs, per witness, the share of fields where the value the state
reads disagrees with the witness (a lower-bound witness: 1 when more aircraft were drawn than the
state's value). Changing state costs SWITCH; a change back to 0 costs less where the upstream
repeated a report on two days, which is what a scraper switching back leaves behind. The cheapest
sequence of states (Viterbi) decides; a run must be backed by more disagreeing days than SWITCH,
so an isolated disagreement never moves anything.

Where two report days claim the same stored cell (the switch to state 1), a witness decides which
report it is; without one the later report keeps it (the scraper wrote it over the earlier one) and
the earlier report day is left empty. A cell no report day claims (the switch back) is dropped: it
is the repeated report. Every moved, filled or dropped value is returned as a change with its
evidence; nothing is averaged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

FIELDS = ("aircraft", "vessels")
SWITCH = 1.5  # a shifted run needs this much more disagreement as stored than as moved
SWITCH_AT_REPEAT = 0.5  # switching back where the upstream repeated a report on two days
NO_VALUE = 0.25  # a witness value against an empty stored cell: weak evidence either way


@dataclass(frozen=True)
class Witness:
    """An independent record dated by MND report day."""

    name: str  # short id, e.g. "madeye"
    source: str  # source line for evidence text
    frame: pd.DataFrame  # date + the FIELDS it knows (exact) or date + aircraft_drawn (lower bound)
    exact: bool = True
    weight: float = 1.0

    def fields(self) -> list[str]:
        return [f for f in FIELDS if f in self.frame.columns] if self.exact else ["aircraft"]


@dataclass(frozen=True)
class Run:
    """Report days whose values the upstream stored one day early."""

    start: pd.Timestamp
    end: pd.Timestamp
    support: dict[str, tuple[int, int, int]]  # witness -> (days compared, agree as moved, agree as stored)

    def label(self) -> str:
        return f"{self.start:%Y-%m-%d} → {self.end:%Y-%m-%d}"

    def evidence(self) -> str:
        parts = [
            f"{name}: {moved}/{days} days agree when moved, {stored}/{days} as stored"
            for name, (days, moved, stored) in self.support.items()
            if days
        ]
        return "; ".join(parts) or "no witness in the run itself (state carried from the witnessed days around it)"


def _values(frame: pd.DataFrame, days: pd.DatetimeIndex) -> dict[str, np.ndarray]:
    indexed = frame.set_index("date")
    return {
        f: indexed[f].reindex(days).astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
        for f in indexed.columns
        if f in (*FIELDS, "aircraft_drawn")
    }


def _day_costs(stored: dict[str, np.ndarray], witnesses: list[Witness], days: pd.DatetimeIndex) -> np.ndarray:
    """costs[i, k]: disagreement of report day i with the witnesses if read from day i - k."""
    n = len(days)
    costs = np.zeros((n, 2))
    for w in witnesses:
        seen = _values(w.frame, days)
        for k in (0, 1):
            for f in w.fields():
                mine = stored[f] if k == 0 else np.concatenate([[np.nan], stored[f][:-1]])
                theirs = seen["aircraft_drawn"] if not w.exact else seen[f]
                known = ~np.isnan(theirs)
                if w.exact:
                    miss = np.where(np.isnan(mine), NO_VALUE, (mine != theirs).astype(float))
                else:
                    miss = np.where(np.isnan(mine), NO_VALUE, (theirs > mine).astype(float))
                costs[:, k] += np.where(known, w.weight * miss / len(w.fields()), 0.0)
    return costs


def _repeats(stored: dict[str, np.ndarray]) -> np.ndarray:
    """repeat[i]: day i stores the same (non-empty) values as day i - 1."""
    same = np.ones(len(stored["aircraft"]), dtype=bool)
    for f in FIELDS:
        values = stored[f]
        prev = np.concatenate([[np.nan], values[:-1]])
        same &= (values == prev) | (np.isnan(values) & np.isnan(prev))
    return same & ~np.isnan(stored["aircraft"])


def shift_states(primary: pd.DataFrame, witnesses: list[Witness]) -> pd.Series:
    """0/1 per calendar day of `primary` (date, aircraft, vessels): the cheapest sequence of states."""
    days = pd.DatetimeIndex(primary["date"])
    stored = _values(primary, days)
    costs = _day_costs(stored, witnesses, days)
    repeat = _repeats(stored)
    n = len(days)
    total = np.zeros((n, 2))
    back = np.zeros((n, 2), dtype=int)
    total[0] = costs[0] + np.array([0.0, SWITCH])
    for i in range(1, n):
        to_zero = SWITCH_AT_REPEAT if repeat[i] else SWITCH
        stay0, from1 = total[i - 1, 0], total[i - 1, 1] + to_zero
        stay1, from0 = total[i - 1, 1], total[i - 1, 0] + SWITCH
        back[i, 0], total[i, 0] = (0, stay0) if stay0 <= from1 else (1, from1)
        back[i, 1], total[i, 1] = (1, stay1) if stay1 < from0 else (0, from0)  # ties: enter a run late, leave early
        total[i] += costs[i]
    states = np.zeros(n, dtype=int)
    states[-1] = int(total[-1, 1] < total[-1, 0])
    for i in range(n - 1, 0, -1):
        states[i - 1] = back[i, states[i]]
    return pd.Series(states, index=days, name="state")


def runs(states: pd.Series, primary: pd.DataFrame, witnesses: list[Witness]) -> list[Run]:
    """Consecutive state-1 days as runs, each with how far every witness supports it."""
    out: list[Run] = []
    flagged = states.to_numpy() == 1
    days = states.index
    stored = primary.set_index("date")
    i = 0
    while i < len(flagged):
        if not flagged[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(flagged) and flagged[j + 1]:
            j += 1
        start, end = days[i], days[j]
        support = {}
        for w in witnesses:
            seen = w.frame.set_index("date")
            inside = seen.loc[(seen.index >= start) & (seen.index <= end)]
            moved = agree_stored = compared = 0
            for day, row in inside.iterrows():
                now, before = stored.reindex([day]).iloc[0], stored.reindex([day - pd.Timedelta(days=1)]).iloc[0]
                # only days where the witness and both candidate cells have values can testify
                if w.exact:
                    fields = [f for f in w.fields() if pd.notna(row[f]) and pd.notna(before[f]) and pd.notna(now[f])]
                    if not fields:
                        continue
                    compared += 1
                    moved += all(before[f] == row[f] for f in fields)
                    agree_stored += all(now[f] == row[f] for f in fields)
                elif pd.notna(row["aircraft_drawn"]) and pd.notna(before["aircraft"]) and pd.notna(now["aircraft"]):
                    compared += 1
                    moved += bool(row["aircraft_drawn"] <= before["aircraft"])
                    agree_stored += bool(row["aircraft_drawn"] <= now["aircraft"])
            support[w.name] = (compared, int(moved), int(agree_stored))
        out.append(Run(start, end, support))
        i = j + 1
    return out


def _witness_value(witnesses: list[Witness], day: pd.Timestamp, field: str) -> tuple[str, object] | None:
    for w in witnesses:
        if not w.exact or field not in w.frame.columns:
            continue
        hit = w.frame.loc[w.frame["date"] == day, field]
        if len(hit) and pd.notna(hit.iloc[0]):
            return w.name, hit.iloc[0]
    return None


def change(
    day, field: str, was, now, action: str, source: str = "", witness_value=None, run: str = "", detail: str = ""
) -> dict:
    return {
        "date": day,
        "field": field,
        "was": was,
        "now": now,
        "action": action,
        "evidence_source": source,
        "evidence_value": witness_value,
        "run": run,
        "detail": detail,
    }


def realign(
    primary: pd.DataFrame, states: pd.Series, found: list[Run], witnesses: list[Witness]
) -> tuple[pd.DataFrame, list[dict]]:
    """Values moved to their report day, and one change record per moved, emptied or dropped value."""
    days = list(primary["date"])
    stored = primary.set_index("date")
    state = states.to_dict()
    run_of: dict[pd.Timestamp, Run] = {}
    for r in found:
        for day in pd.date_range(r.start, r.end, freq="D"):
            run_of[day] = r
    claims: dict[pd.Timestamp, list[pd.Timestamp]] = {}
    for day in days:
        cell = day - pd.Timedelta(days=state[day])
        claims.setdefault(cell, []).append(day)
    out = stored.copy()
    changes: list[dict] = []
    one = pd.Timedelta(days=1)
    for day in days:
        cell = day - pd.Timedelta(days=state[day])
        claimants = claims[cell]
        owner = claimants[-1]
        if len(claimants) > 1:  # two report days read the same stored cell: a witness decides, else the later
            for candidate in claimants:
                hit = _witness_value(witnesses, candidate, "aircraft")
                if hit is not None and cell in stored.index and stored.at[cell, "aircraft"] == hit[1]:
                    owner = candidate
                    break
        run = run_of.get(day) or run_of.get(day + one)
        label, evidence = (run.label(), run.evidence()) if run else ("", "")
        lost = day != owner and len(claimants) > 1
        for f in FIELDS:
            was = stored.at[day, f]
            if lost:
                now = pd.NA
                detail = (
                    f"the upstream stored the report of {owner:%Y-%m-%d} in this day's cell; "
                    f"this day's own report is missing upstream"
                )
            else:
                now = stored.at[cell, f] if cell in stored.index else pd.NA
                detail = (
                    f"stored upstream on {cell:%Y-%m-%d} (the activity day); moved to the report day"
                    if pd.notna(now)
                    else f"the upstream has no value on {cell:%Y-%m-%d}, where this report "
                    f"day's values would be stored: no report upstream"
                )
            if cell == day and day == owner:
                continue
            if pd.isna(was) and pd.isna(now):
                continue
            out.at[day, f] = now
            hit = _witness_value(witnesses, day, f)
            changes.append(
                change(
                    day,
                    f,
                    was,
                    now,
                    "emptied" if lost else "realigned",
                    hit[0] if hit else "",
                    hit[1] if hit else None,
                    label,
                    f"{detail}. {evidence}",
                )
            )
    for cell in days:  # cells no report day reads: the report the upstream repeated when it switched back
        if cell in claims:
            continue
        nxt = cell + one
        for f in FIELDS:
            value = stored.at[cell, f]
            if pd.notna(value):
                repeated = nxt in stored.index and stored.at[nxt, f] == value
                changes.append(
                    change(
                        cell,
                        f,
                        value,
                        out.at[cell, f],
                        "dropped_repeat" if repeated else "dropped",
                        run=run_of[cell - one].label() if cell - one in run_of else "",
                        detail=(
                            "the upstream repeated the report of the next day here when it switched back to report days"
                            if repeated
                            else "stored value matched to no report day"
                        ),
                    )
                )
    return out.reset_index(), changes


def replace_by_witnesses(
    frame: pd.DataFrame, witnesses: list[Witness], changes: list[dict], minimum: int = 2
) -> pd.DataFrame:
    """A value that every exact witness of the day contradicts, where at least `minimum` independent
    witnesses have the day and all give the same other value, is the upstream's slip: take theirs (logged).
    One witness against the primary is a dispute, not a replacement."""
    out = frame.set_index("date")
    exact = [w for w in witnesses if w.exact]
    for f in FIELDS:
        seen = pd.concat(
            {w.name: w.frame.set_index("date")[f] for w in exact if f in w.frame.columns}, axis=1, sort=True
        )
        seen = seen.reindex(out.index)
        counted = seen.notna().sum(axis=1)
        for day in seen.index[counted >= minimum]:
            values = seen.loc[day].dropna()
            mine = out.at[day, f]
            if values.nunique() == 1 and pd.notna(mine) and values.iloc[0] != mine:
                value = values.iloc[0]
                out.at[day, f] = value
                out.at[day, "source_file"] = "witnesses"
                names = " and ".join(values.index)
                changes.append(
                    change(
                        day,
                        f,
                        mine,
                        value,
                        "replaced",
                        names,
                        value,
                        detail=f"{names} all record {int(value)} for this report day; the upstream's "
                        f"{int(mine)} is contradicted by every witness of the day",
                    )
                )
    return out.reset_index()


def agreement(frame: pd.DataFrame, witness: Witness) -> list[dict]:
    """Days a witness and `frame` both have, and how many agree, per field (exact witnesses only)."""
    merged = frame.merge(witness.frame, on="date", how="inner", suffixes=("", "_w"))
    rows = []
    for f in witness.fields():
        both = merged[[f, f"{f}_w"]].dropna()
        rows.append(
            {
                "witness": witness.name,
                "field": f,
                "days_compared": int(len(both)),
                "days_agree": int((both[f] == both[f"{f}_w"]).sum()),
            }
        )
    return rows


def disputes(frame: pd.DataFrame, witnesses: list[Witness]) -> list[dict]:
    """Per day and field, every exact witness that disagrees with the value kept."""
    rows = []
    for w in witnesses:
        if not w.exact:
            continue
        merged = frame.merge(w.frame, on="date", how="inner", suffixes=("", "_w"))
        for f in w.fields():
            differ = merged[merged[f].notna() & merged[f"{f}_w"].notna() & (merged[f] != merged[f"{f}_w"])]
            differ = pd.concat([differ, merged[merged[f].isna() & merged[f"{f}_w"].notna()]])
            for _, row in differ.iterrows():
                rows.append(
                    {
                        "date": row["date"],
                        "field": f,
                        "value": row[f],
                        "witness": w.name,
                        "witness_value": row[f"{f}_w"],
                    }
                )
    return rows
