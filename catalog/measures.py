"""The daily measures a chart can plot, and the snapshot table each comes from."""

from __future__ import annotations

from i18n import t

DAILY = "air_sea_daily"
TRACKER = "pla_tracker_daily"
MEASURES = "mnd_daily_measures"  # official ships, ADIZ entries, one median-line series
METRICS = ("aircraft", "vessels")  # the daily measures, in display order
# Measures from other daily tables, shown for the period those tables cover.
EXTRA_METRICS = ("official_ships", "entered_adiz", "crossed_median")
# "median_line_crossings" (lioneer alone) is kept so decks and links saved before the combined series still render;
# the page offers "crossed_median", which uses lioneer only where madeye has no report.
METRIC_TABLE = {
    "aircraft": DAILY,
    "vessels": DAILY,
    "median_line_crossings": TRACKER,
    "official_ships": MEASURES,
    "entered_adiz": MEASURES,
    "crossed_median": MEASURES,
}


def metric_label(column: str) -> str:
    return t(f"metric.{column}")
