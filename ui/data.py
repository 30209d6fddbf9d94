"""The app's only door to the snapshot. Tables are cached by their checksum, so a refresh that
swaps in a new snapshot is picked up on the next rerun without restarting the server."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pandas as pd
import streamlit as st

import settings
from charts.theme import Metric, SourceNote
from loaders.snapshot import MANIFEST, read_manifest, read_table


def snapshot_dir() -> Path:
    return settings.SNAPSHOT_DIR


def manifest() -> dict:
    """The manifest as it is on disk now: what tells the caches a new snapshot arrived. A page asks for it
    a dozen times per run, so it is parsed once per version of the file (112 kB: ~1 ms a parse) and checked
    by its inode, size and mtime on every call. Shared between sessions: read it, never change it."""
    try:
        stat = (snapshot_dir() / MANIFEST).stat()
    except OSError:  # mid-swap or no snapshot: read_manifest finds the parked one or says what is wrong
        return read_manifest(snapshot_dir())
    return _parsed_manifest(str(snapshot_dir()), stat.st_ino, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4)  # not st.cache_resource: its bookkeeping costs ~0.5 ms a call, more than a parse saves
def _parsed_manifest(folder: str, inode: int, size: int, mtime_ns: int) -> dict:
    return read_manifest(Path(folder))


@st.cache_data(show_spinner=False, max_entries=32)
def _table(folder: str, name: str, sha256: str) -> pd.DataFrame:
    return read_table(Path(folder), name)


def table(name: str) -> pd.DataFrame:
    entry = manifest()["tables"][name]
    return _table(str(snapshot_dir()), name, entry["sha256"])


def checksum() -> str:
    """One key for the whole snapshot (its tables' checksums), for caches built from several tables."""
    tables = manifest()["tables"]
    return hashlib.sha256("".join(f"{name}:{tables[name]['sha256']};" for name in sorted(tables)).encode()).hexdigest()


def has_table(name: str) -> bool:
    return name in manifest()["tables"]


def entry(name: str) -> dict:
    return manifest()["tables"][name]


def source_note(name: str) -> SourceNote:
    """Source line and as-of date of a table, straight from the manifest (never typed by hand)."""
    return SourceNote.from_entry(entry(name))


def metric(name: str, column: str, label: str) -> Metric:
    """A plotted measure; its unit comes from the manifest's data dictionary."""
    return Metric.from_entry(entry(name), column, label)


def date_of(iso: str):
    return pd.Timestamp(iso).date()


def clipped(name: str) -> pd.DataFrame:
    """A dated table limited to the sidebar's date range."""
    from analysis.activity import clip_dates
    from ui.controls import current_date_range

    start, end = current_date_range()
    return clip_dates(table(name), start, end)


@st.cache_data(show_spinner=False, max_entries=8)
def _scores(folder: str, sha256: str, metric: str) -> pd.DataFrame:
    from analysis.events import robust_scores

    return robust_scores(_table(folder, "air_sea_daily", sha256), metric)  # the cached table, not a second read


def surge_scores(metric: str) -> pd.DataFrame:
    """Robust z-scores of the whole daily series (baselines need the history before any range)."""
    return _scores(str(snapshot_dir()), entry("air_sea_daily")["sha256"], metric)


@st.cache_data(show_spinner=False, max_entries=4)
def _events_by_report_day(folder: str, checksum_: str) -> pd.DataFrame:
    from analysis.events import with_report_days

    return with_report_days(table("events"), table("air_sea_daily"))


def events_by_report_day() -> pd.DataFrame:
    """The event catalog with the MND report days each event falls on (analysis.events.with_report_days)."""
    return _events_by_report_day(str(snapshot_dir()), checksum())


@st.cache_data(show_spinner=False, max_entries=4)
def _episodes(folder: str, sha256: str) -> pd.DataFrame:
    from analysis.events import episodes, nearest_events
    from catalog.measures import METRICS

    events = events_by_report_day()
    return pd.concat([nearest_events(episodes(surge_scores(c), c), events) for c in METRICS], ignore_index=True)


def surge_episodes() -> pd.DataFrame:
    """Surge episodes of every measure with the nearest catalog event (robust z-scores, analysis/events.py)."""
    return _episodes(str(snapshot_dir()), checksum())


@st.cache_data(show_spinner=False, max_entries=16)
def _headline(folder: str, name: str, sha256: str, column: str):
    from analysis.activity import headline

    return headline(_table(folder, name, sha256), column)


def headline(name: str, column: str):
    """The Overview's headline figures of one measure (analysis.activity.headline), once per snapshot."""
    return _headline(str(snapshot_dir()), name, entry(name)["sha256"], column)


@st.cache_data(show_spinner=False, max_entries=32)
def _coverage(folder: str, name: str, sha256: str, column: str) -> tuple[str, str] | None:
    frame = _table(folder, name, sha256)
    dates = frame.loc[frame[column].notna(), "date"]
    return (f"{dates.min():%Y-%m-%d}", f"{dates.max():%Y-%m-%d}") if len(dates) else None


def coverage(name: str, column: str) -> tuple[str, str] | None:
    """First and last day a measure has a value (ISO dates), so a page offers it only where it covers the range."""
    return _coverage(str(snapshot_dir()), name, entry(name)["sha256"], column)
