"""Precedent cards and the comparison sheet: one A4 page per catalogued exercise or political trigger,
and all exercises in one table. Each is a catalog spec, so a card can be a deck slide, goes into report
packs and handouts, and prints through deck/cards.py.

The card's numbers come from analysis/precedents.py; the optional tables (official ships and median-line
crossings, the Japan-side log, navigation warnings, zones) are used where this snapshot has them, and the
card says "not covered" where it does not.
"""

from __future__ import annotations

import json

import pandas as pd

from analysis import precedents as calc
from analysis.activity import definition_break
from catalog.core import NothingToShow, Rendered, Settings, Spec, Tables
from catalog.measures import DAILY, MEASURES
from charts import cards
from charts.theme import SourceNote
from i18n import day, local_name, t

OPTIONAL = (MEASURES, "japan_side_events", "nav_warnings", "geo_features")


def _optional(tables: Tables, name: str) -> pd.DataFrame | None:
    return tables.table(name) if tables.has_table(name) else None


def _geometry(tables: Tables, layer: str) -> dict | None:
    features = _optional(tables, "geo_features")
    if features is None:
        return None
    rows = features[features["layer"] == layer]
    return json.loads(rows["geometry_geojson"].iloc[0]) if len(rows) else None


def note(tables: Tables) -> SourceNote:
    """One source line for a page that draws on several tables: each table's source once, MND's as-of date."""
    names = [DAILY, "events", *(name for name in OPTIONAL if tables.has_table(name))]
    sources = list(dict.fromkeys(tables.source_note(name).source for name in names))
    return SourceNote(source="; ".join(sources), as_of=tables.source_note(DAILY).as_of)


def _chosen(frame: pd.DataFrame, wanted: str | None, what: str) -> pd.Series:
    if frame.empty:
        raise NothingToShow(t("cards.none_in_catalog", what=what))
    chosen = wanted if wanted in set(frame["id"]) else frame["id"].iloc[-1]
    return frame.set_index("id", drop=False).loc[chosen]


def _reports(daily: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> list[str]:
    if "report_url" not in daily.columns:
        return []
    urls = daily.loc[daily["date"].between(first, last), "report_url"].dropna()
    return [u for u in dict.fromkeys(urls) if u]


def _data(card: calc.Card) -> pd.DataFrame:
    """The numbers behind a card (CSV/XLSX): one row per measure, with the event it belongs to."""
    out = card.measures.copy()
    out.insert(0, "event_id", card.event["id"])
    return out


def exercise_card(tables: Tables, s: Settings) -> Rendered:
    """`exercise`: the exercise's catalog id (default: the latest exercise)."""
    events = tables.events_by_report_day()
    event = _chosen(calc.exercises(events), s.exercise, t("events.kind.exercise"))
    daily = tables.table(DAILY)
    card = calc.exercise_card(
        event,
        daily,
        extra=_optional(tables, MEASURES),
        japan=_optional(tables, "japan_side_events"),
        warnings=_optional(tables, "nav_warnings"),
        zones=_optional(tables, "geo_features"),
    )
    source = note(tables)
    fig = cards.card_figure(
        card,
        source,
        land=_geometry(tables, "land"),
        median=_geometry(tables, "median_line"),
        definition_break=definition_break(daily),
        reports=_reports(daily, event["report_start"], event["report_end"]),
    )
    return Rendered(fig, _data(card), source, f"precedent-card-{event['id']}")


def trigger_card(tables: Tables, s: Settings) -> Rendered:
    """`exercise` here names the trigger: any catalog event that is not an exercise (default: the latest)."""
    events = tables.events_by_report_day()
    event = _chosen(calc.triggers(events), s.exercise, t("cards.trigger"))
    daily = tables.table(DAILY)
    card = calc.trigger_card(
        event,
        daily,
        events,
        extra=_optional(tables, MEASURES),
        japan=_optional(tables, "japan_side_events"),
        warnings=_optional(tables, "nav_warnings"),
    )
    related = events.set_index("id").loc[card.related] if card.related else events.iloc[0:0]
    first = event["report_start"] + pd.Timedelta(days=1)
    source = note(tables)
    fig = cards.card_figure(
        card,
        source,
        land=None,
        median=None,
        definition_break=definition_break(daily),
        reports=_reports(daily, first, first + pd.Timedelta(days=calc.AFTER_DAYS - 1)),
        related=[(local_name(row), day(row["start"])) for _, row in related.iterrows()],
    )
    return Rendered(fig, _data(card), source, f"trigger-card-{event['id']}")


def sheet_data(tables: Tables) -> pd.DataFrame:
    """The comparison sheet's table (analysis.precedents.comparison_sheet) on this snapshot."""
    return calc.comparison_sheet(
        tables.table(DAILY),
        tables.events_by_report_day(),
        extra=_optional(tables, MEASURES),
        japan=_optional(tables, "japan_side_events"),
        warnings=_optional(tables, "nav_warnings"),
        zones=_optional(tables, "geo_features"),
    )


def comparison_sheet(tables: Tables, s: Settings) -> Rendered:
    data = sheet_data(tables)
    if data.empty:
        raise NothingToShow(t("cards.none_in_catalog", what=t("events.kind.exercise")))
    names = list(local_name(tables.table("events").set_index("id").loc[data["id"]].reset_index()))
    source = note(tables)
    return Rendered(cards.sheet_figure(data, names, source), data, source, "precedent-sheet")


SPECS = (
    Spec("precedent_card", exercise_card, "events", (DAILY, "events"), ("exercise",)),
    Spec("trigger_card", trigger_card, "events", (DAILY, "events"), ("exercise",)),
    Spec("precedent_sheet", comparison_sheet, "events", (DAILY, "events")),
)
