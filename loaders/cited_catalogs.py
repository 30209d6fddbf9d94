"""The project's cited catalogs about the MND daily series: press reports, corrections, reporting eras.

All three are written by hand in data/catalog/ (not upstream files), every entry citing a public
source (publisher, title, date, URL). A bad entry stops the refresh naming the file, the entry and
the field, because each of them changes or judges numbers on screen:

* press_reports.yaml: MND reports as the press quoted them, by report day (a witness for alignment);
* corrections.yaml: values the public record contradicts and no transcription fixes;
* reporting_eras.yaml: what the aircraft count means (definitions) and which hours a report covers
  (windows), era by era; eras of one kind must not overlap.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import settings
from loaders.contract import CITATION_COLUMNS, Column, Source, TableSpec
from loaders.errors import LoaderError
from loaders.events_catalog import input_record, read_yaml

PRESS_FILE = "press_reports.yaml"
CORRECTIONS_FILE = "corrections.yaml"
ERAS_FILE = "reporting_eras.yaml"

CITATION = ("source_publisher", "source_title", "source_date", "source_url")
COUNT_FIELDS = ("aircraft", "vessels", "official_ships")
CORRECTABLE = ("aircraft", "vessels")
DEFINITIONS = ("adiz_entries", "around_taiwan")
WINDOWS = ("calendar_day", "24h_to_0600")
MAX_COUNT = 1000
URL = re.compile(r"^https?://\S+$")
FIRST_DAY = dt.date(2015, 1, 1)  # the MND series starts in 2015; nothing cited here is older

SOURCE = Source(
    name="Press reports of MND's daily figures, compiled for this project (cited per row)",
    publisher="Cross-Strait Security Indicators project; each row cites its own public source",
    repo_url="", commit="", commit_date="",
    licence="Facts from the cited public sources; the catalog itself is project work",
    files=(),
)

PRESS = TableSpec(
    name="press_reports",
    title="MND daily reports as quoted by the press (witness of report days)",
    description="MND daily figures as the cited articles quote them, by the day MND issued the report.",
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "MND report day", nullable=False),
        Column("aircraft", "Int64", "Aircraft the article says MND reported", unit="aircraft"),
        Column("vessels", "Int64", "PLA Navy vessels the article says MND reported", unit="vessels"),
        Column("official_ships", "Int64", "Official ships the article says MND reported", unit="ships"),
        Column("window", "str", "Report window as the article states it"),
        *CITATION_COLUMNS,  # a title in brackets: the headline was not seen, the article's opening words are given
    ),
    notes=("Written by hand in data/catalog/press_reports.yaml; every entry seen through the project's search tool.",),
)

ERAS = TableSpec(
    name="reporting_eras",
    title="What MND's daily aircraft count means, and which hours a report covers, era by era",
    description="Definition eras (ADIZ entries, then all aircraft around Taiwan) and report-window eras, cited.",
    source=SOURCE,
    columns=(
        Column("kind", "str", "definition | window", nullable=False),
        Column("id", "str", "adiz_entries | around_taiwan | calendar_day | 24h_to_0600", nullable=False),
        Column("start", "datetime64[ns]", "First report day of the era", nullable=False),
        Column("end", "datetime64[ns]", "Last report day of the era (empty: still in force)"),
        Column("label", "str", "What it means", nullable=False),
        Column("note", "str", "Evidence for the boundaries", nullable=False),
        *CITATION_COLUMNS,
    ),
    key=("kind", "start"),
    date_column="start",
    notes=("Written by hand in data/catalog/reporting_eras.yaml; cited per era.",),
)

TABLES = (PRESS, ERAS)


@dataclass(frozen=True)
class Correction:
    date: pd.Timestamp
    field: str
    was: int | None
    value: int
    reason: str
    citation: str  # "publisher, title (date), URL"
    entry: int  # position in the file, for messages


def folder(catalogs: Path | None) -> Path:
    return Path(catalogs) if catalogs is not None else settings.CATALOG_DIR


def _fail(path: Path, index: int, name: str, why: str) -> LoaderError:
    return LoaderError(path, f"entry {index}: {why}", column=name)


def _date(value, path: Path, index: int, name: str, *, required: bool = True) -> pd.Timestamp | None:
    if value is None and not required:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _fail(path, index, name, f"'{value}' is not a date (YYYY-MM-DD)")
    if not FIRST_DAY <= value <= dt.date.today():
        raise _fail(path, index, name, f"{value} is before {FIRST_DAY} or after today: not a real report or source date")
    return pd.Timestamp(value)


def _count(value, path: Path, index: int, name: str, *, required: bool = False) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise _fail(path, index, name, f"'{value}' is not a count (a whole number from 0 to {MAX_COUNT})")
    return value


def _text(entry: dict, path: Path, index: int, name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, index, name, "missing or empty")
    return value.strip()


def _citation(entry: dict, path: Path, index: int) -> dict:
    out: dict[str, object] = {name: _text(entry, path, index, name) for name in ("source_publisher", "source_title")}
    out["source_date"] = _date(entry.get("source_date"), path, index, "source_date")
    url = entry.get("source_url")
    if not isinstance(url, str) or not URL.match(url.strip()):
        raise _fail(path, index, "source_url", f"'{url}' is not a web address (http:// or https://)")
    out["source_url"] = url.strip()
    return out


def _entries(path: Path, key: str, allowed: set[str]) -> list[dict]:
    document = read_yaml(path)
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        raise LoaderError(path, f"expected a top-level '{key}:' list")
    entries = document[key]
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise _fail(path, index, key, "is not a mapping of fields")
        unknown = sorted(set(entry) - allowed)
        if unknown:
            raise _fail(path, index, unknown[0], f"unknown field '{unknown[0]}'")
    return entries


def press_reports(catalogs: Path | None = None) -> pd.DataFrame:
    path = folder(catalogs) / PRESS_FILE
    entries = _entries(path, "reports", {"date", "window", *COUNT_FIELDS, *CITATION})
    rows = []
    for index, entry in enumerate(entries, start=1):
        row = {"date": _date(entry.get("date"), path, index, "date")}
        for name in COUNT_FIELDS:
            row[name] = _count(entry.get(name), path, index, name)
        if all(row[name] is None for name in COUNT_FIELDS):
            raise _fail(path, index, "aircraft", "states no count")
        window = entry.get("window")
        row["window"] = str(window).strip() if window is not None else None
        rows.append(row | _citation(entry, path, index))
    frame = pd.DataFrame(rows, columns=[c.name for c in PRESS.columns])
    if frame["date"].duplicated().any():
        day = frame.loc[frame["date"].duplicated(), "date"].iloc[0]
        raise LoaderError(path, f"report day {day:%Y-%m-%d} is listed twice", column="date")
    return frame.astype({c.name: c.dtype for c in PRESS.columns}).sort_values("date").reset_index(drop=True)


def corrections(catalogs: Path | None = None) -> tuple[list[Correction], Path]:
    path = folder(catalogs) / CORRECTIONS_FILE
    entries = _entries(path, "corrections", {"date", "field", "was", "value", "reason", *CITATION})
    out: list[Correction] = []
    seen: set[tuple] = set()
    for index, entry in enumerate(entries, start=1):
        day = _date(entry.get("date"), path, index, "date")
        name = entry.get("field")
        if name not in CORRECTABLE:
            raise _fail(path, index, "field", f"unknown field '{name}' (expected {', '.join(CORRECTABLE)})")
        if (day, name) in seen:
            raise _fail(path, index, "date", f"{day:%Y-%m-%d} {name} is corrected twice")
        seen.add((day, name))
        cite = _citation(entry, path, index)
        value = _count(entry.get("value"), path, index, "value", required=True)
        assert value is not None  # required=True refuses a missing value
        out.append(Correction(
            date=day, field=name, was=_count(entry.get("was"), path, index, "was"), value=value,
            reason=_text(entry, path, index, "reason"),
            citation=f"{cite['source_publisher']}, \"{cite['source_title']}\" ({cite['source_date']:%Y-%m-%d}), "
                     f"{cite['source_url']}",
            entry=index,
        ))
    return out, path


def eras(catalogs: Path | None = None) -> pd.DataFrame:
    path = folder(catalogs) / ERAS_FILE
    rows = []
    for key, kind, ids in (("definitions", "definition", DEFINITIONS), ("windows", "window", WINDOWS)):
        for index, entry in enumerate(_entries(path, key, {"id", "start", "end", "label", "note", *CITATION}), 1):
            if entry.get("id") not in ids:
                raise _fail(path, index, "id", f"unknown {kind} '{entry.get('id')}' (expected {', '.join(ids)})")
            start = _date(entry.get("start"), path, index, "start")
            end = _date(entry.get("end"), path, index, "end", required=False)
            if end is not None and end < start:
                raise _fail(path, index, "end", "ends before it starts")
            rows.append({"kind": kind, "id": entry["id"], "start": start, "end": end,
                         "label": _text(entry, path, index, "label"), "note": _text(entry, path, index, "note")}
                        | _citation(entry, path, index))
    frame = pd.DataFrame(rows, columns=[c.name for c in ERAS.columns]).sort_values(["kind", "start"])
    for kind, group in frame.groupby("kind"):
        ends = group["end"].fillna(pd.Timestamp.max.floor("D"))
        if (group["start"].iloc[1:].to_numpy() <= ends.iloc[:-1].to_numpy()).any():
            raise LoaderError(path, f"{kind} eras overlap", column="start")
        if group["end"].iloc[:-1].isna().any():
            raise LoaderError(path, f"only the last {kind} era may be open-ended", column="end")
    return frame.astype({c.name: c.dtype for c in ERAS.columns}).reset_index(drop=True)


def era_of(days: pd.Series, table: pd.DataFrame, kind: str) -> pd.Series:
    """The era id of each day (empty outside every era of that kind)."""
    out = pd.Series(pd.NA, index=days.index, dtype="str")
    for _, era in table[table["kind"] == kind].iterrows():
        inside = days >= era["start"]
        if pd.notna(era["end"]):
            inside &= days <= era["end"]
        out[inside] = era["id"]
    return out


def inputs(catalogs: Path | None = None) -> list[dict]:
    base = folder(catalogs)
    return [input_record(base / name) for name in (PRESS_FILE, CORRECTIONS_FILE, ERAS_FILE)]


def build(raw=None, catalogs: Path | None = None) -> list:
    """The raw folder is not used: the catalogs live in the project."""
    from loaders.snapshot import BuiltTable

    records = inputs(catalogs)
    return [BuiltTable(PRESS, press_reports(catalogs), [records[0]]),
            BuiltTable(ERAS, eras(catalogs), [records[2]])]
