"""Data & sources: how far the witnesses of MND's daily reports agree, and where the second tracker differs."""

from __future__ import annotations

import pandas as pd

from analysis import reconcile, witnesses
from catalog.core import NothingToShow, Rendered, Settings, Spec, Tables, bounds, clipped
from catalog.measures import DAILY, TRACKER
from charts import reconcile as figs
from charts.theme import SourceNote
from i18n import t

NEEDED = (DAILY, "air_sea_changes", "mnd_reports", TRACKER)
WITNESS_TABLES = (DAILY, "mnd_reports", TRACKER, "press_reports", "flight_tracks_daily")
RANGE = ("start", "end")


def _optional(tables: Tables, name: str) -> pd.DataFrame | None:
    return tables.table(name) if tables.has_table(name) else None


def witness_note(tables: Tables) -> SourceNote:
    """Source line of the reconciliation: every witness table's source, as of the main series' last day."""
    names = [tables.entry(n)["source"]["name"] for n in WITNESS_TABLES if tables.has_table(n)]
    return SourceNote(source="; ".join(dict.fromkeys(names)), as_of=tables.entry(DAILY)["last_date"])


def side_by_side(tables: Tables, s: Settings) -> dict[str, pd.DataFrame]:
    """Per measure, every witness of each report day in range beside the value the snapshot uses, and why."""
    sources = dict(
        reports=tables.table("mnd_reports"),
        tracker=tables.table(TRACKER),
        press=_optional(tables, "press_reports"),
        drawn=_optional(tables, "flight_tracks_daily"),
        disputes=_optional(tables, "air_sea_disputes"),
    )
    daily, changes = tables.table(DAILY), tables.table("air_sea_changes")
    start, end = bounds(s)
    wide = {f: witnesses.side_by_side(daily, changes, f, **sources) for f in witnesses.FIELDS}
    return {f: w[w["date"].between(start, end)] for f, w in wide.items()}


def witness_pairs(tables: Tables, s: Settings) -> Rendered:
    wide = side_by_side(tables, s)
    pairs = witnesses.pair_agreement(wide)
    if pairs.empty:
        raise NothingToShow(t("reconcile.no_witness"))
    bound = witnesses.bound_agreement(wide["aircraft"])
    note = witness_note(tables)
    data = pd.concat([pairs, bound], ignore_index=True)
    return Rendered(figs.pair_agreement(pairs, note), data, note, "witness_pairs")


def tracker_differences(tables: Tables, s: Settings) -> Rendered:
    comparison = reconcile.compare_daily(clipped(tables, DAILY, s), clipped(tables, TRACKER, s))
    if comparison.empty:
        entry = tables.entry(TRACKER)
        raise NothingToShow(t("reconcile.no_overlap", start=entry["first_date"], end=entry["last_date"]))
    note = tables.source_note(TRACKER)
    return Rendered(figs.differences(comparison, note), comparison, note, "reconciliation")


SPECS = (
    Spec("witness_pairs", witness_pairs, "sources", NEEDED, RANGE),
    Spec("tracker_differences", tracker_differences, "sources", (DAILY, TRACKER), RANGE),
)
