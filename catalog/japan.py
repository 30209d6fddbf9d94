"""Japan view: what Japan's Ministry of Defense reported near Japan, beside the Taiwan-side counts."""

from __future__ import annotations

from analysis import japan as calc
from analysis.activity import with_rolling
from catalog.core import NothingToShow, Rendered, Settings, Spec, Tables, clipped
from catalog.measures import DAILY
from charts import japan as figs
from i18n import t

TABLE = "japan_side_events"
RANGE = ("start", "end")


def _events(tables: Tables, s: Settings):
    events = clipped(tables, TABLE, s)
    if events.empty:
        raise NothingToShow(t("japan.out_of_range"))
    return events


def straits(tables: Tables, s: Settings) -> Rendered:
    data = calc.strait_months(_events(tables, s))
    if data.empty:
        raise NothingToShow(t("japan.no_passages"))
    note = tables.source_note(TABLE)
    return Rendered(figs.strait_passages(data, note), data, note, "japan-straits", timeline=True)


def carriers(tables: Tables, s: Settings) -> Rendered:
    data = calc.carrier_periods(_events(tables, s))
    if data.empty:
        raise NothingToShow(t("japan.no_carriers"))
    note = tables.source_note(TABLE)
    return Rendered(figs.carrier_periods(data, note), data, note, "japan-carriers")


def joint(tables: Tables, s: Settings) -> Rendered:
    events = _events(tables, s)
    activity = calc.joint_activity(events)
    if activity.empty:
        raise NothingToShow(t("japan.no_joint"))
    note = tables.source_note(TABLE)
    return Rendered(figs.joint_activity(activity, note), calc.joint_days(events), note, "japan-joint")


def combined(tables: Tables, s: Settings) -> Rendered:
    events = _events(tables, s)
    strip = calc.event_strip(events)
    taiwan = clipped(tables, DAILY, s)
    taiwan = taiwan[taiwan["date"] >= events["date"].min()]
    if strip.empty or taiwan["aircraft"].notna().sum() == 0:
        raise NothingToShow(t("japan.no_overlap"))
    rolling = with_rolling(taiwan, "aircraft", windows=(7,))
    note = tables.source_note(TABLE)
    fig = figs.combined(rolling, strip, note, taiwan_note=tables.source_note(DAILY))
    return Rendered(fig, calc.combined_table(rolling, strip), note, "japan-combined", timeline=True)


SPECS = (
    Spec("japan_straits", straits, "japan", (TABLE,), RANGE),
    Spec("japan_carriers", carriers, "japan", (TABLE,), RANGE),
    Spec("japan_joint", joint, "japan", (TABLE,), RANGE),
    Spec("japan_combined", combined, "japan", (TABLE, DAILY), RANGE),
)
