"""What the Map page shows for a time window: pure pandas, tested in tests/test_map_window.py.

"Active in the window" means the item's own period overlaps [start, end] (both ends inclusive,
calendar days). Items without a stated period are placed on the one day we do know:
a navigation warning on its publication day. That choice is shown on the page, not hidden.
"""

from __future__ import annotations

from datetime import date

import pandas as pd


def _bounds(start: date, end: date) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(start), pd.Timestamp(end)


def overlaps(first: pd.Series, last: pd.Series, start: date, end: date) -> pd.Series:
    """Periods [first, last] that overlap [start, end]; a reversed period counts by its two days."""
    lo, hi = _bounds(start, end)
    begin = pd.concat([first, last], axis=1).min(axis=1)
    finish = pd.concat([first, last], axis=1).max(axis=1)
    return (begin <= hi) & (finish >= lo)


def active_zones(zones: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    return zones[overlaps(zones["active_from"], zones["active_to"], start, end)]


def warning_period(warnings: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Closure period; when the data has none, the publication day (see module docstring)."""
    first = warnings["start"].fillna(warnings["end"]).fillna(warnings["publish_date"])
    last = warnings["end"].fillna(warnings["start"]).fillna(warnings["publish_date"])
    return first, last


def active_warnings(warnings: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    first, last = warning_period(warnings)
    return warnings[overlaps(first, last, start, end)]


def transits_in(transits: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    lo, hi = _bounds(start, end)
    return transits[(transits["date"] >= lo) & (transits["date"] <= hi)]


def tracks_in(tracks: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Shapes MND drew on report days inside the window (flight_tracks)."""
    return transits_in(tracks, start, end)


def japan_in(japan: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Japan-side shapes released in the window, each once: upstream's 'new' version (an 'old' shape
    repeats one drawn in an earlier release)."""
    return transits_in(japan[japan["version"] == "new"], start, end)


ADIZ_REGIONS = ("north", "central", "southwest", "south", "southeast", "east")


def adiz_regions_in(reports: pd.DataFrame, start: date, end: date) -> dict[str, int]:
    """ADIZ region -> MND reports in the window that name it (mnd_reports.adiz_regions, comma-separated)."""
    named = transits_in(reports, start, end)["adiz_regions"].dropna().str.split(",").explode().str.strip()
    counts = named.value_counts()
    return {region: int(counts[region]) for region in ADIZ_REGIONS if region in counts.index}


def reports_naming_regions(reports: pd.DataFrame, start: date, end: date) -> int:
    """MND reports in the window that name at least one ADIZ region."""
    return int(transits_in(reports, start, end)["adiz_regions"].notna().sum())


def outside(warnings: pd.DataFrame, box: tuple[float, float, float, float]) -> int:
    """Warnings whose centre lies outside `box` (west, south, east, north): off the map's first view."""
    west, south, east, north = box
    lon, lat = warnings["centroid_lon"], warnings["centroid_lat"]
    inside = lon.between(west, east) & lat.between(south, north)
    return int((~inside & lon.notna() & lat.notna()).sum())


def skipped_in(qc: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Notices published in the window that could not be drawn (from nav_warnings_qc)."""
    lo, hi = _bounds(start, end)
    return qc[
        (qc["action"] == "skipped")
        & (qc["check"] != "duplicate")
        & (qc["publish_date"] >= lo)
        & (qc["publish_date"] <= hi)
    ]


SHOWN_COLUMNS = ["layer", "from", "to", "name", "detail", "longitude", "latitude", "source"]


def shown_table(
    zones: pd.DataFrame,
    warnings: pd.DataFrame,
    transits: pd.DataFrame,
    event_names: dict[str, str] | None = None,
    tracks: pd.DataFrame | None = None,
    japan: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per item on the map, in plain words, for the table and the CSV under the map."""
    names = event_names or {}
    rows = []
    for f in (tracks if tracks is not None else pd.DataFrame()).itertuples(index=False):
        count = f.balloons if f.kind == "balloon" else f.aircraft
        rows.append(
            {
                "layer": f"flight {f.kind} (MND map)",
                "from": f.date,
                "to": f.date,
                "name": f.type_id if isinstance(f.type_id, str) else f.category.replace("_", " "),
                "detail": f"{f.category.replace('_', ' ')}; count {'not stated' if pd.isna(count) else int(count)}; "
                f"{f.source_image if isinstance(f.source_image, str) else f.source_file}",
                "longitude": None,
                "latitude": None,
                "source": None,
            }
        )
    for j in (japan if japan is not None else pd.DataFrame()).itertuples(index=False):
        rows.append(
            {
                "layer": f"Japan-side {j.kind} track",
                "from": j.date,
                "to": j.date,
                "name": j.type_id if isinstance(j.type_id, str) else j.types_given,
                "detail": f"{j.country}; {j.label}",
                "longitude": None,
                "latitude": None,
                "source": j.source_url,
            }
        )
    for z in zones.itertuples(index=False):
        rows.append(
            {
                "layer": "exercise zone",
                "from": z.active_from,
                "to": z.active_to,
                "name": z.name,
                "detail": names.get(z.event_id, z.event_id),
                "longitude": None,
                "latitude": None,
                "source": z.source_url,
            }
        )
    first, last = warning_period(warnings) if not warnings.empty else (pd.Series(dtype="datetime64[ns]"),) * 2
    for w, begin, finish in zip(warnings.itertuples(index=False), first, last):
        detail = f"{w.activity_en}; {w.bureau_en or w.bureau}" + (f"; {w.notes}" if w.notes else "")
        rows.append(
            {
                "layer": "navigation warning",
                "from": begin,
                "to": finish,
                "name": f"{w.notice} {w.title}",
                "detail": detail,
                "longitude": w.centroid_lon,
                "latitude": w.centroid_lat,
                "source": w.url,
            }
        )
    for t in transits.itertuples(index=False):
        rows.append(
            {
                "layer": "transit",
                "from": t.date,
                "to": t.date,
                "name": t.ship,
                "detail": f"{t.country}; {t.category.replace('_', ' ')}",
                "longitude": None,
                "latitude": None,
                "source": t.source_url,
            }
        )
    frame = pd.DataFrame(rows, columns=SHOWN_COLUMNS)
    frame = frame.astype(
        {"from": "datetime64[ns]", "to": "datetime64[ns]", "longitude": "float64", "latitude": "float64"}
    )
    return frame.sort_values(["from", "layer", "name"], kind="stable").reset_index(drop=True)
