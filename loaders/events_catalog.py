"""The hand-written, cited event catalog (data/catalog/events.yaml) -> table `events`.

The catalog is written in this project, one entry per major PLA exercise around Taiwan since 2022
and per political trigger event the public record ties to PLA activity. It is not an upstream
file, so it is read from the project folder, not from the raw folder, and its provenance is per
row: every entry must cite a publisher, title, date and URL. The loader refuses the whole catalog
on any bad entry (one line naming the file, the entry's position and id, and the field), because
a silently dropped exercise would bias every comparison made with it.

Dates are Taipei calendar days (the MND report-day convention); `end` = `start` for one-day events.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated

import pandas as pd
import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

import settings
from loaders.contract import CITATION_COLUMNS, Column, RawFolder, Source, TableSpec, conform
from loaders.errors import LoaderError
from loaders.raw_csv import FIRST_DATE, LAST_DATE, require_file
from loaders.snapshot import BuiltTable, sha256_of

CATALOG_PATH = Path("data/catalog/events.yaml")  # relative to the project folder

KINDS = ("exercise", "political", "transit", "other")
DATE_FIELDS = ("start", "end", "source_date")
LABEL_LIMIT = 24
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SOURCE = Source(
    name="Event catalog compiled for this project (cited per row)",
    publisher="Cross-Strait Security Indicators project; each row cites its own public source",
    repo_url="",
    commit="",
    commit_date="",
    licence="Facts from the cited public sources; the catalog itself is project work",
    files=(),
)

EVENTS = TableSpec(
    name="events",
    title="Major PLA exercises and political trigger events since 2022",
    description=(
        "One row per major PLA exercise around Taiwan since 2022 and per political event the public "
        "record ties to PLA activity, with names in English, Japanese and Traditional Chinese and a "
        "public source for every row."
    ),
    source=SOURCE,
    columns=(
        Column("id", "str", "Stable identifier (lower-case, hyphenated)", nullable=False),
        Column("kind", "str", "exercise | political | transit | other", nullable=False),
        Column("name_en", "str", "Name in English", nullable=False),
        Column(
            "name_ja", "str", "Name in Japanese (descriptive label if the event has no official name)", nullable=False
        ),
        Column("name_zh_tw", "str", "Name in Traditional Chinese (descriptive label if unnamed)", nullable=False),
        Column("start", "datetime64[ns]", "First day (Taipei calendar)", nullable=False),
        Column("end", "datetime64[ns]", "Last day (Taipei calendar; equals start for one-day events)", nullable=False),
        Column("announced_by", "str", "Body that announced or carried out the event", nullable=False),
        Column("description", "str", "What happened, in one or two sentences", nullable=False),
        *CITATION_COLUMNS,
        Column("label_en", "str", "Short label for charts, in English (empty: the name, shortened)"),
        Column("label_ja", "str", "Short label for charts, in Japanese"),
        Column("label_zh_tw", "str", "Short label for charts, in Traditional Chinese"),
    ),
    key=("start", "id"),
    date_column="start",
    notes=(
        "Written by hand in data/catalog/events.yaml and reviewed; only facts the cited source states.",
        "The loader rejects the whole catalog on a missing field, an unknown kind, a bad date, end before "
        "start, a duplicate id or an incomplete source citation (error names the entry and field).",
        "Events abroad are dated on the Taipei calendar; the description notes where the local date differs.",
    ),
)

TABLES = (EVENTS,)


def _fail(path: Path, index: int, event_id: str, field: str, why: str) -> LoaderError:
    label = f"entry {index}" + (f" (id '{event_id}')" if event_id else "")
    return LoaderError(path, f"{label}, field '{field}': {why}")


def _why(message: str) -> PydanticCustomError:
    return PydanticCustomError("catalog", message)


def _calendar_day(value: object) -> dt.date:
    """YAML gives a date object for an unquoted ISO date and a string for a quoted one; accept both."""
    if isinstance(value, dt.datetime):
        raise _why(f"'{value}' has a time of day; give a calendar date (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise _why(f"'{text}' is not a date (expected YYYY-MM-DD)")
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise _why(f"'{text}' is not a real calendar date") from None
    if not FIRST_DATE <= pd.Timestamp(day) <= LAST_DATE:
        raise _why(
            f"{day:%Y-%m-%d} is outside the dates the snapshot can hold ({FIRST_DATE:%Y-%m-%d} – {LAST_DATE:%Y-%m-%d})"
        )
    return day


def _text(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _why("missing or empty")
    if not isinstance(value, str):
        raise _why(f"expected text, got {type(value).__name__}")
    return value.strip()


def _short(value: object) -> str | None:
    if value is None:
        return None
    text = _text(value)
    if len(text) > LABEL_LIMIT:
        raise _why(f"'{text}' is longer than {LABEL_LIMIT} characters: a label on a chart must be short")
    return text


CalendarDay = Annotated[dt.date, BeforeValidator(_calendar_day)]
Text = Annotated[str, BeforeValidator(_text)]
Label = Annotated[str | None, BeforeValidator(_short)]


class EventEntry(BaseModel):
    """One catalog entry; every field is checked here, and a failure names the entry and the field."""

    model_config = ConfigDict(extra="forbid")

    id: Text
    kind: Text
    name_en: Text
    name_ja: Text
    name_zh_tw: Text
    start: CalendarDay
    end: CalendarDay
    announced_by: Text
    description: Text
    source_publisher: Text
    source_title: Text
    source_date: CalendarDay
    source_url: Text
    label_en: Label = None  # short labels for charts (the names can be long); optional
    label_ja: Label = None
    label_zh_tw: Label = None
    verified_in_search: bool | None = Field(default=None, exclude=True)  # the catalog authors' bookkeeping

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_PATTERN.fullmatch(value):
            raise _why("use lower-case letters, digits and hyphens only")
        return value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in KINDS:
            raise _why(f"'{value}' is not one of {', '.join(KINDS)}")
        return value

    @field_validator("source_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^https?://\S+$", value):
            raise _why(f"'{value}' is not a web address")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> EventEntry:
        if self.end < self.start:
            raise PydanticCustomError("catalog_end", f"{self.end:%Y-%m-%d} is before start {self.start:%Y-%m-%d}")
        return self


def _entry(raw: object, path: Path, index: int) -> dict:
    """One validated catalog entry as plain values."""
    if not isinstance(raw, dict):
        raise LoaderError(path, f"entry {index}: expected a mapping of fields, got {type(raw).__name__}")
    event_id = str(raw.get("id") or "").strip()
    try:
        entry = EventEntry.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = "end" if error["type"] == "catalog_end" else ".".join(str(part) for part in error["loc"])
        words = {"missing": "missing or empty", "extra_forbidden": "unknown field (typo?)"}.get(error["type"])
        raise _fail(path, index, event_id, field, words or error["msg"]) from None
    row = entry.model_dump()
    for field in DATE_FIELDS:
        row[field] = pd.Timestamp(row[field])
    return row


def read_yaml(path: Path) -> object:
    """Parsed YAML; unreadable or malformed files are a LoaderError with the line number."""
    require_file(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise LoaderError(path, "not valid UTF-8 text") from None
    except RecursionError:  # PyYAML composes nested collections recursively
        raise LoaderError(path, "not valid YAML (nested too deeply to be a catalog)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = {"row": mark.line + 1} if mark is not None else {}
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LoaderError(path, f"not valid YAML ({problem})", **where) from None
    except ValueError as exc:  # PyYAML builds unquoted dates itself: 2024-02-30 raises ValueError, not YAMLError
        raise LoaderError(path, f"not valid YAML ({exc})") from None


def load_catalog(path: Path | None = None) -> pd.DataFrame:
    """The catalog as a validated, sorted frame. `path` overrides the project's file (tests)."""
    path = Path(path) if path is not None else settings.PROJECT_DIR / CATALOG_PATH
    document = read_yaml(path)
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise LoaderError(path, "expected a top-level 'events:' list")
    if not document["events"]:
        raise LoaderError(path, "the 'events' list is empty")
    rows = [_entry(raw, path, index) for index, raw in enumerate(document["events"], start=1)]
    seen: dict[str, int] = {}
    for index, row in enumerate(rows, start=1):
        if row["id"] in seen:
            raise _fail(path, index, row["id"], "id", f"duplicate id (first used by entry {seen[row['id']]})")
        seen[row["id"]] = index
    frame = pd.DataFrame(rows, columns=[c.name for c in EVENTS.columns])
    frame = conform(frame, EVENTS)
    return frame.sort_values(["start", "id"]).reset_index(drop=True)


def input_record(path: Path) -> dict:
    """Manifest entry for a file written in this project: hashed, but with no upstream to match."""
    try:
        shown = str(path.resolve().relative_to(settings.PROJECT_DIR))
    except ValueError:
        shown = str(path)
    return {
        "path": shown,
        "upstream_path": "(written in this project)",
        "url": "",
        "sha256": sha256_of(path),
        "matches_pinned_commit": None,
    }


def build(raw: RawFolder | None = None, catalog: Path | None = None) -> list[BuiltTable]:
    """The raw folder is not used: the catalog lives in the project (see module docstring)."""
    path = Path(catalog) if catalog is not None else settings.PROJECT_DIR / CATALOG_PATH
    return [BuiltTable(EVENTS, load_catalog(path), [input_record(path)])]
