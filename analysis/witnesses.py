"""Every witness of a report day side by side, and how often each pair agrees (the three-way reconciliation).

Witnesses of one MND report day, all kept apart and never averaged:

    stored    pla-data-dashboard as stored upstream, before the refresh changed anything (rebuilt from
              air_sea_changes: the first change of a day and field holds the upstream value in `was`)
    madeye    the madeye scrape (mnd_reports)
    lioneer   the lioneer hand transcription (pla_tracker_daily; its ships include official ships from
              about 23 Mar 2026)
    press     cited press reports (press_reports)
    drawn     aircraft drawn on MND's map, traced by The Reporter (flight_tracks_daily): a lower bound,
              so it "agrees" when no more aircraft were drawn than counted, and it is not in exact pairs
    snapshot  the value the snapshot uses (air_sea_daily), with why: the refresh's actions and their
              details, or "as_published" when it kept the upstream value
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

FIELDS = ("aircraft", "vessels")
EXACT = ("snapshot", "stored", "madeye", "lioneer", "press")  # witnesses that state the count itself
AS_PUBLISHED = "as_published"  # `action` of a day the refresh did not change (the page translates it)
COLUMNS = [
    "date",
    "snapshot",
    "action",
    "detail",
    "stored",
    "madeye",
    "lioneer",
    "press",
    "drawn",
    "disputed",
    "report_url",
]
PAIR_COLUMNS = ["field", "first", "second", "days_compared", "days_agree", "share_agree"]


def as_stored(daily: pd.DataFrame, changes: pd.DataFrame, field: str) -> pd.Series:
    """The upstream value of each day before any change (indexed by date): `was` of the day's first change."""
    values = daily.set_index("date")[field].astype("Int64").copy()
    first = changes[changes["field"] == field].drop_duplicates("date", keep="first").set_index("date")["was"]
    values.loc[first.index.intersection(values.index)] = first.astype("Int64")
    return values


def _why(changes: pd.DataFrame, field: str) -> pd.DataFrame:
    mine = changes[changes["field"] == field]
    if mine.empty:
        return pd.DataFrame({"action": pd.Series(dtype="str"), "detail": pd.Series(dtype="str")})
    grouped = mine.groupby("date", sort=True)
    return pd.DataFrame(
        {
            "action": grouped["action"].agg(lambda v: "; ".join(dict.fromkeys(str(a) for a in v))),
            "detail": grouped["detail"].agg(lambda v: " · ".join(str(d) for d in v if isinstance(d, str) and d)),
        }
    )


def _by_date(frame: pd.DataFrame, column: str) -> pd.Series:
    if frame is None or frame.empty or column not in frame:
        return pd.Series(dtype="Int64")
    kept = frame.dropna(subset=[column]).drop_duplicates("date", keep="last")
    return kept.set_index("date")[column].astype("Int64")


def side_by_side(
    daily: pd.DataFrame,
    changes: pd.DataFrame,
    field: str,
    *,
    reports: pd.DataFrame,
    tracker: pd.DataFrame,
    press: pd.DataFrame,
    drawn: pd.DataFrame | None = None,
    disputes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per report day that at least one independent witness speaks to, for one field."""
    witnesses = {
        "madeye": _by_date(reports, field),
        "lioneer": _by_date(tracker, "ships" if field == "vessels" else field),
        "press": _by_date(press, field),
        "drawn": _by_date(drawn, "aircraft_drawn")
        if field == "aircraft" and drawn is not None
        else pd.Series(dtype="Int64"),
    }
    days = sorted(set().union(*(set(s.index) for s in witnesses.values())))
    out = pd.DataFrame({"date": pd.to_datetime(pd.Series(days, dtype="datetime64[ns]"))})
    snapshot = daily.set_index("date")[field].astype("Int64")
    out["snapshot"] = snapshot.reindex(out["date"]).to_numpy()
    why = _why(changes, field)
    out["action"] = why["action"].reindex(out["date"]).fillna(AS_PUBLISHED).to_numpy()
    out["detail"] = why["detail"].reindex(out["date"]).fillna("").to_numpy()
    out["stored"] = as_stored(daily, changes, field).reindex(out["date"]).to_numpy()
    for name, values in witnesses.items():
        out[name] = values.reindex(out["date"]).to_numpy()
    disputed = pd.Series(dtype="str")
    if disputes is not None and not disputes.empty:
        mine = disputes[disputes["field"] == field]
        disputed = mine.groupby("date")["witness"].agg(lambda v: ", ".join(sorted(set(v))))
    out["disputed"] = disputed.reindex(out["date"]).fillna("").to_numpy()
    urls = daily.set_index("date")["report_url"] if "report_url" in daily else pd.Series(dtype="str")
    if reports is not None and "source_url" in reports:
        urls = urls.combine_first(reports.drop_duplicates("date").set_index("date")["source_url"])
    out["report_url"] = urls.reindex(out["date"]).to_numpy()
    for name in ("snapshot", "stored", *witnesses):
        out[name] = out[name].astype("Int64")
    return out[COLUMNS].astype({"action": "str", "detail": "str", "disputed": "str"}).reset_index(drop=True)


def pair_agreement(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per field and pair of exact witnesses: days both state a value, and on how many they are equal."""
    rows = []
    for field, wide in tables.items():
        for first, second in combinations(EXACT, 2):
            both = wide.dropna(subset=[first, second])
            if both.empty:
                continue
            agree = int((both[first] == both[second]).sum())
            rows.append(
                {
                    "field": field,
                    "first": first,
                    "second": second,
                    "days_compared": len(both),
                    "days_agree": agree,
                    "share_agree": round(agree / len(both), 4),
                }
            )
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def bound_agreement(wide: pd.DataFrame) -> pd.DataFrame:
    """The Reporter's drawn aircraft against each exact witness: days where drawn <= the witness's count."""
    rows = []
    for other in EXACT:
        both = wide.dropna(subset=["drawn", other])
        if both.empty:
            continue
        agree = int((both["drawn"] <= both[other]).sum())
        rows.append(
            {
                "field": "aircraft",
                "first": "drawn",
                "second": other,
                "days_compared": len(both),
                "days_agree": agree,
                "share_agree": round(agree / len(both), 4),
            }
        )
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)
