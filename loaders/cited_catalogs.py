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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import pandas as pd
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from pydantic_core import ErrorDetails

import settings
from loaders.contract import CITATION_COLUMNS, Column, TableSpec, conform
from loaders.errors import LoaderError
from loaders.events_catalog import SOURCE as EVENTS_SOURCE
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

# Written in this project like the event catalog, so the same provenance under its own name.
SOURCE = replace(EVENTS_SOURCE, name="Press reports of MND's daily figures, compiled for this project (cited per row)")

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


# --- entry models (pydantic): one per kind of catalog row; errors become LoaderErrors naming entry and field ---


def _real_day(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError("a date (YYYY-MM-DD), not a date and time")
    if not FIRST_DAY <= value <= dt.date.today():
        raise ValueError(f"{value} is before {FIRST_DAY} or after today: not a real report or source date")
    return value


Day = Annotated[dt.date, AfterValidator(_real_day)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT, strict=True)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=URL.pattern)]


class Cited(BaseModel):
    """Every catalog row cites one public source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_publisher: Text
    source_title: Text
    source_date: Day
    source_url: Url

    def citation(self) -> str:
        return f'{self.source_publisher}, "{self.source_title}" ({self.source_date:%Y-%m-%d}), {self.source_url}'


class PressEntry(Cited):
    date: Day
    aircraft: Count | None = None
    vessels: Count | None = None
    official_ships: Count | None = None
    window: Text | None = None

    @model_validator(mode="after")
    def _states_a_count(self) -> PressEntry:
        if self.aircraft is None and self.vessels is None and self.official_ships is None:
            raise ValueError("states no count (aircraft, vessels or official_ships)")
        return self


class CorrectionEntry(Cited):
    date: Day
    field: Literal["aircraft", "vessels"]
    was: Count | None
    value: Count
    reason: Text


class EraEntry(Cited):
    id: str
    start: Day
    end: Day | None = None
    label: Text
    note: Text

    @model_validator(mode="after")
    def _ordered(self) -> EraEntry:
        if self.end is not None and self.end < self.start:
            raise ValueError("ends before it starts")
        return self


Entry = TypeVar("Entry", bound=BaseModel)


def _message(error: ErrorDetails) -> tuple[str, str]:
    """(field, words) of pydantic's first error, said as a researcher would read it."""
    field = ".".join(str(part) for part in error["loc"]) or "entry"
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return field, f"unknown field '{field}'"
    if kind == "missing":
        return field, "missing or empty"
    if kind == "literal_error":
        return field, f"unknown field '{value}' (expected {', '.join(CORRECTABLE)})"
    if kind in ("int_type", "int_parsing", "greater_than_equal", "less_than_equal"):
        return field, f"'{value}' is not a count (a whole number from 0 to {MAX_COUNT})"
    if kind == "string_pattern_mismatch":
        return field, f"'{value}' is not a web address (http:// or https://)"
    if kind in ("string_too_short", "string_type"):
        return field, "missing or empty"
    if kind.startswith("date"):
        return field, f"'{value}' is not a date (YYYY-MM-DD)"
    return field, str(error["msg"]).removeprefix("Value error, ")


def _entries(path: Path, key: str, model: type[Entry]) -> list[Entry]:
    document = read_yaml(path)
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        raise LoaderError(path, f"expected a top-level '{key}:' list")
    out = []
    for index, entry in enumerate(document[key], start=1):
        if not isinstance(entry, dict):
            raise LoaderError(path, f"entry {index}: is not a mapping of fields", column=key)
        try:
            out.append(model.model_validate(entry))
        except ValidationError as exc:
            field, words = _message(exc.errors()[0])
            raise LoaderError(path, f"entry {index}: {words}", column=field) from None
    return out


def press_reports(catalogs: Path | None = None) -> pd.DataFrame:
    path = folder(catalogs) / PRESS_FILE
    rows = [entry.model_dump() for entry in _entries(path, "reports", PressEntry)]
    frame = pd.DataFrame(rows, columns=[c.name for c in PRESS.columns])
    for name in ("date", "source_date"):
        frame[name] = pd.to_datetime(frame[name])
    if frame["date"].duplicated().any():
        day = frame.loc[frame["date"].duplicated(), "date"].iloc[0]
        raise LoaderError(path, f"report day {day:%Y-%m-%d} is listed twice", column="date")
    return conform(frame, PRESS).sort_values("date").reset_index(drop=True)


def corrections(catalogs: Path | None = None) -> tuple[list[Correction], Path]:
    path = folder(catalogs) / CORRECTIONS_FILE
    out: list[Correction] = []
    seen: set[tuple] = set()
    for index, entry in enumerate(_entries(path, "corrections", CorrectionEntry), start=1):
        day = pd.Timestamp(entry.date)
        if (day, entry.field) in seen:
            raise LoaderError(path, f"entry {index}: {day:%Y-%m-%d} {entry.field} is corrected twice", column="date")
        seen.add((day, entry.field))
        out.append(
            Correction(
                date=day,
                field=entry.field,
                was=entry.was,
                value=entry.value,
                reason=entry.reason,
                citation=entry.citation(),
                entry=index,
            )
        )
    return out, path


def eras(catalogs: Path | None = None) -> pd.DataFrame:
    path = folder(catalogs) / ERAS_FILE
    rows = []
    for key, kind, ids in (("definitions", "definition", DEFINITIONS), ("windows", "window", WINDOWS)):
        for index, entry in enumerate(_entries(path, key, EraEntry), start=1):
            if entry.id not in ids:
                raise LoaderError(
                    path, f"entry {index}: unknown {kind} '{entry.id}' (expected {', '.join(ids)})", column="id"
                )
            rows.append({"kind": kind} | entry.model_dump())
    frame = pd.DataFrame(rows, columns=[c.name for c in ERAS.columns])
    for name in ("start", "end", "source_date"):
        frame[name] = pd.to_datetime(frame[name])
    frame = frame.sort_values(["kind", "start"])
    for kind, group in frame.groupby("kind"):
        ends = group["end"].fillna(pd.Timestamp.max.floor("D"))
        if (group["start"].iloc[1:].to_numpy() <= ends.iloc[:-1].to_numpy()).any():
            raise LoaderError(path, f"{kind} eras overlap", column="start")
        if group["end"].iloc[:-1].isna().any():
            raise LoaderError(path, f"only the last {kind} era may be open-ended", column="end")
    return conform(frame, ERAS).reset_index(drop=True)


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
    return [BuiltTable(PRESS, press_reports(catalogs), [records[0]]), BuiltTable(ERAS, eras(catalogs), [records[2]])]
