"""Precedent cards: what each catalogued exercise (and each political trigger) looked like in the data.

A card answers "how big was it, and what else happened": the exercise's MND report days, peak and total
per measure over those days, the comparison with the 30 days before, Japan-side activity and navigation
warnings in force on its days, and its announced zones. Pure pandas: frames in, frames and plain values out.

Rules the cards keep (the same as analysis/events.py, whose functions they reuse so the numbers agree):
- counts are what MND published per report day; a day without a report is "not reported", never 0;
- a total or a baseline never mixes MND's two aircraft definitions (5 Aug 2022): an exercise whose report
  days span the break gets its peak but no total ("not comparable"), and one whose 30 days before were
  counted differently gets no baseline ("not comparable");
- a table that does not reach back to an exercise's days says "not covered", not "none".

Japan's Joint Staff and China's MSA date their notices by calendar day, so those tables are read on the
days the exercise was announced for; MND's counts are read on its report days (analysis.events).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis import events as ev
from analysis.activity import definitions

BEFORE_DAYS = 30  # the baseline: the 30 days before an exercise's first report day (analysis.events)
AFTER_DAYS = 14  # a trigger's card: the 14 report days after it
DAILY_MEASURES = ("aircraft", "vessels")  # from air_sea_daily, where the definition break applies
EXTRA_MEASURES = ("official_ships", "crossed_median")  # from mnd_daily_measures, where it reports
MEASURES = (*DAILY_MEASURES, *EXTRA_MEASURES)
# What a card says about one measure (i18n: cards.status.<value>).
STATUSES = ("ok", "not_reported", "not_covered", "spans_break", "no_baseline")
JAPAN_INDICATORS = ("joint_drill", "carrier_activity", "air_activity", "strait_transit", "ship_passage")


@dataclass(frozen=True)
class Coverage:
    """Whether a table reaches the days asked about: `covered` False means the card says "not covered"."""

    covered: bool
    first: pd.Timestamp | None  # the table's first day (said on the card when not covered)


@dataclass
class Card:
    """Everything one card shows, computed once; charts/cards.py only lays it out."""

    event: pd.Series  # the catalog row, with report_start / report_end
    measures: pd.DataFrame  # one row per measure (measure_rows)
    japan: pd.DataFrame  # indicator, strait, days (flagged days on the exercise's days)
    japan_coverage: Coverage
    warnings: pd.DataFrame  # navigation warnings in force on the exercise's days
    warnings_coverage: Coverage
    zones: pd.DataFrame  # announced zones (geo_features rows)
    window: pd.DataFrame  # date, day, aircraft, vessels from 30 days before to the last day shown
    related: list[str] = field(default_factory=list)  # ids of exercises starting in a trigger's 14 days


def coverage(frame: pd.DataFrame | None, first_day: pd.Timestamp, *, column: str = "date") -> Coverage:
    """A table covers a period when it has rows from that period's first day or earlier."""
    if frame is None or frame.empty:
        return Coverage(False, None)
    start = pd.Timestamp(frame[column].min())
    return Coverage(bool(start <= first_day), start)


def _between(frame: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    return frame.loc[(frame["date"] >= first) & (frame["date"] <= last)]


def one_definition(daily: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> bool:
    """True when every day from `first` to `last` was counted the same way (never across 5 Aug 2022)."""
    inside = (daily["date"] >= first) & (daily["date"] <= last)
    return bool(definitions(daily)[inside].nunique(dropna=False) <= 1)


def plain_baseline(frame: pd.DataFrame, column: str, first: pd.Timestamp, days: int = BEFORE_DAYS) -> float | None:
    """Mean per reported day over the `days` before `first`, for a table without definition eras; None when
    fewer than half of those days carry a report (too little to call it normal)."""
    before = frame.loc[(frame["date"] >= first - pd.Timedelta(days=days)) & (frame["date"] < first), column]
    values = before.dropna()
    return float(values.mean()) if len(values) >= days // 2 else None


def measure_row(
    frame: pd.DataFrame | None,
    column: str,
    first: pd.Timestamp,
    last: pd.Timestamp,
    *,
    eras: bool,
    baseline_from: pd.Timestamp | None = None,
) -> dict:
    """Peak, total, baseline and excess of one measure over report days `first`..`last`, with what the card
    says about it (`status`, one of STATUSES). `eras`: the table has the definition break (air_sea_daily).
    The baseline is the 30 days before `baseline_from` (default `first`), all counted as the days measured."""
    days = int((last - first).days) + 1
    row: dict = {
        "measure": column,
        "days": days,
        "days_reported": 0,
        "peak": None,
        "peak_date": pd.NaT,
        "total": None,
        "baseline": None,
        "excess": None,
        "status": "not_covered",
    }
    if frame is None or column not in frame.columns or not coverage(frame, first).covered:
        return row
    during = _between(frame, first, last)
    values = during[column].dropna()
    row["days_reported"] = int(len(values))
    if values.empty:
        row["status"] = "not_reported"
        return row
    row["peak"] = int(values.max())
    row["peak_date"] = during.loc[values.idxmax(), "date"]
    if eras and not one_definition(frame, first, last):
        row["status"] = "spans_break"  # a peak is one day's count; a total would add two quantities
        return row
    row["total"] = int(values.sum())
    row["status"] = "ok"
    origin = first if baseline_from is None else baseline_from
    if eras:  # baseline_mean refuses 30 days counted unlike `origin`; `origin` must be counted like the days
        base = ev.baseline_mean(frame, column, origin) if one_definition(frame, origin, last) else None
    else:
        base = plain_baseline(frame, column, origin)
    if base is None:
        row["status"] = "no_baseline"
        return row
    row["baseline"] = round(base, 1)
    row["excess"] = round(float((values - base).sum()), 1)
    return row


def measure_rows(
    daily: pd.DataFrame,
    extra: pd.DataFrame | None,
    first: pd.Timestamp,
    last: pd.Timestamp,
    baseline_from: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """One row per measure (MEASURES): MND's aircraft and vessels, then official ships and median-line
    crossings where mnd_daily_measures reports them."""
    rows = [measure_row(daily, m, first, last, eras=True, baseline_from=baseline_from) for m in DAILY_MEASURES]
    rows += [measure_row(extra, m, first, last, eras=False, baseline_from=baseline_from) for m in EXTRA_MEASURES]
    out = pd.DataFrame(rows)
    for name in ("peak", "total", "days_reported"):
        out[name] = out[name].astype("Int64")
    for name in ("baseline", "excess"):
        out[name] = out[name].astype("Float64")
    out["peak_date"] = pd.to_datetime(out["peak_date"])
    return out


def japan_days(japan: pd.DataFrame | None, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Days Japan's Joint Staff flagged each kind of activity (transits per strait) from `start` to `end`.

    The source has flags, not counts (analysis/japan.py): a row is a day on which Japan reported it."""
    columns = ["indicator", "strait", "days"]
    if japan is None or japan.empty:
        return pd.DataFrame(columns=columns)
    seen = _between(japan, start, end)
    seen = seen[(seen["flag"] == 1).fillna(False)]
    if seen.empty:
        return pd.DataFrame(columns=columns)
    grouped = seen.groupby(["indicator", "strait"], as_index=False).agg(days=("date", "nunique"))
    order = {name: i for i, name in enumerate(JAPAN_INDICATORS)}
    grouped["_order"] = grouped["indicator"].map(order).fillna(len(order))
    return grouped.sort_values(["_order", "strait"]).drop(columns="_order").reset_index(drop=True)


def warnings_in_force(warnings: pd.DataFrame | None, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Navigation warnings whose period overlaps `start`..`end` (a warning without an end: its start day)."""
    if warnings is None or warnings.empty:
        return pd.DataFrame(columns=["notice", "bureau_en", "activity_en", "start", "end", "url"])
    finish = warnings["end"].fillna(warnings["start"])
    hit = warnings[(warnings["start"] <= end) & (finish >= start)]
    return hit.sort_values(["start", "notice"]).reset_index(drop=True)


def zones_of(zones: pd.DataFrame | None, event_id: str) -> pd.DataFrame:
    """The announced zones of one event (geo_features, layer exercise_zone)."""
    if zones is None or zones.empty:
        return pd.DataFrame(columns=["feature_id", "name", "event_id", "geometry_geojson", "source", "source_url"])
    chosen = zones[(zones["layer"] == "exercise_zone") & (zones["event_id"] == event_id)]
    return chosen.sort_values("feature_id").reset_index(drop=True)


def exercises(events: pd.DataFrame) -> pd.DataFrame:
    """The catalog's exercises, oldest first (cards and the comparison sheet keep this order)."""
    return events[events["kind"] == "exercise"].sort_values(["start", "id"]).reset_index(drop=True)


def triggers(events: pd.DataFrame) -> pd.DataFrame:
    """The catalog's other events (political triggers, unannounced deployments), oldest first."""
    return events[events["kind"] != "exercise"].sort_values(["start", "id"]).reset_index(drop=True)


def exercise_card(
    event: pd.Series,
    daily: pd.DataFrame,
    *,
    extra: pd.DataFrame | None = None,
    japan: pd.DataFrame | None = None,
    warnings: pd.DataFrame | None = None,
    zones: pd.DataFrame | None = None,
) -> Card:
    """One exercise's card. `event` carries report_start / report_end (analysis.events.with_report_days)."""
    first, last = event["report_start"], event["report_end"]
    start, end = event["start"], event["end"]
    return Card(
        event=event,
        measures=measure_rows(daily, extra, first, last),
        japan=japan_days(japan, start, end),
        japan_coverage=coverage(japan, start),
        warnings=warnings_in_force(warnings, start, end),
        warnings_coverage=coverage(warnings, start, column="start") if warnings is not None else Coverage(False, None),
        zones=zones_of(zones, str(event["id"])),
        window=ev.event_window(daily, first, before=BEFORE_DAYS, after=int((last - first).days)),
    )


def trigger_card(
    event: pd.Series,
    daily: pd.DataFrame,
    events: pd.DataFrame,
    *,
    extra: pd.DataFrame | None = None,
    japan: pd.DataFrame | None = None,
    warnings: pd.DataFrame | None = None,
    days: int = AFTER_DAYS,
) -> Card:
    """A political trigger's card: the `days` report days after its first report day (day 1 to day `days`),
    against the 30 days before that first day, and the exercises that began in those days."""
    first = event["report_start"] + pd.Timedelta(days=1)
    last = event["report_start"] + pd.Timedelta(days=days)
    # the baseline is the 30 days before the trigger itself, not before day 1 (which would include it)
    measures = measure_rows(daily, extra, first, last, baseline_from=event["report_start"])
    calendar_first = event["start"] + pd.Timedelta(days=1)
    calendar_last = event["start"] + pd.Timedelta(days=days)
    later = exercises(events)
    related = later[(later["start"] >= event["start"]) & (later["start"] <= calendar_last)]["id"].tolist()
    return Card(
        event=event,
        measures=measures,
        japan=japan_days(japan, calendar_first, calendar_last),
        japan_coverage=coverage(japan, calendar_first),
        warnings=warnings_in_force(warnings, calendar_first, calendar_last),
        warnings_coverage=coverage(warnings, calendar_first, column="start")
        if warnings is not None
        else Coverage(False, None),
        zones=zones_of(None, ""),
        window=ev.event_window(daily, event["report_start"], before=BEFORE_DAYS, after=days),
        related=related,
    )


def comparison_sheet(
    daily: pd.DataFrame,
    events: pd.DataFrame,
    *,
    extra: pd.DataFrame | None = None,
    japan: pd.DataFrame | None = None,
    warnings: pd.DataFrame | None = None,
    zones: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """All exercises in one table, one row each: announced and report days, peak, total and excess over the
    30-day baseline per measure, official ships and median-line crossings where reported, Japan-side days,
    warnings in force, zones and the citation. Aircraft and vessel figures are analysis.events.compare_exercises'
    own, so the sheet and the Exercises page never disagree; `comparable` False means no total or excess."""
    catalog = ev.with_report_days(events, daily) if "report_start" not in events.columns else events
    base = ev.compare_exercises(daily, catalog)
    rows = []
    for _, event in exercises(catalog).iterrows():
        card = exercise_card(event, daily, extra=extra, japan=japan, warnings=warnings, zones=zones)
        by = card.measures.set_index("measure")
        row = {"id": event["id"]}
        for name in EXTRA_MEASURES:
            row[f"{name}_peak"] = by.loc[name, "peak"]
            row[f"{name}_total"] = by.loc[name, "total"]
        row["japan_days"] = (
            int(card.japan["days"].sum()) if card.japan_coverage.covered else None
        )  # flagged indicator-days
        row["warnings_in_force"] = len(card.warnings) if card.warnings_coverage.covered else None
        row["zones"] = len(card.zones)
        row["announced_by"] = event["announced_by"]
        row["source"] = f"{event['source_publisher']}, {event['source_title']} ({event['source_date']:%Y-%m-%d})"
        row["source_url"] = event["source_url"]
        rows.append(row)
    out = base.merge(pd.DataFrame(rows), on="id", how="left")
    for name in EXTRA_MEASURES:
        for suffix in ("peak", "total"):
            out[f"{name}_{suffix}"] = out[f"{name}_{suffix}"].astype("Int64")
    for name in ("japan_days", "warnings_in_force", "zones"):
        out[name] = out[name].astype("Int64")
    return out
