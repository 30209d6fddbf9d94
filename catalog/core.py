"""What every chart in the catalog is made of: its settings, its tables, its spec and its result.

A spec is one figure: an id, the snapshot tables it needs, the settings it reads and a build function
from tables and settings to the rendered figure with the data behind it and its source note. Pages,
briefing decks, handouts and report packs all draw through `catalog.render`, so a chart looks and
computes the same wherever it appears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, Protocol

import pandas as pd
import plotly.graph_objects as go
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from analysis.activity import clip_dates
from catalog.measures import METRIC_TABLE
from charts.theme import Metric, SourceNote
from i18n import t

SETTING_NAMES = ("metric", "start", "end", "year", "exercise", "surges", "last_days", "flow", "field", "day")


class Tables(Protocol):
    """The snapshot as a chart sees it: the app passes one backed by its cache, the CLI one backed by a folder."""

    def table(self, name: str) -> pd.DataFrame: ...
    def has_table(self, name: str) -> bool: ...
    def entry(self, name: str) -> dict: ...
    def source_note(self, name: str) -> SourceNote: ...
    def metric(self, name: str, column: str, label: str) -> Metric: ...
    def surge_scores(self, metric: str) -> pd.DataFrame: ...
    def events_by_report_day(self) -> pd.DataFrame: ...


def _problem(message: str) -> PydanticCustomError:
    return PydanticCustomError("setting", message)


class Settings(BaseModel):
    """The plain settings a chart may read; decks store them, links carry them, pages fill them from widgets.

    Every value is checked here, once: a deck file or a link can only hold what a chart can use."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    metric: str = "aircraft"
    start: date | None = None
    end: date | None = None
    year: int | None = Field(default=None, ge=2000, le=2100, strict=True)
    exercise: str | None = Field(default=None, max_length=80)
    surges: bool = Field(default=True, strict=True)
    last_days: int | None = Field(
        default=None, ge=7, le=20_000, strict=True
    )  # "the last N days": a deck that stays current
    flow: Literal["export", "import"] = "export"  # trade charts
    field: Literal["aircraft", "vessels"] = "aircraft"  # the reconciliation's measure
    day: date | None = None  # the one day a chart marks inside its range (the replay's current report day)

    @field_validator("*", mode="before")
    @classmethod
    def _single_value(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name
        scalar = isinstance(value, (str, int, float, bool, date)) and not isinstance(value, datetime)
        if value is not None and not scalar:
            kind = "a date and time" if isinstance(value, datetime) else f"a {type(value).__name__}"
            raise _problem(f"setting '{name}' must be a single value, not {kind}")
        if name in ("start", "end", "day") and value is not None and not isinstance(value, date):
            try:
                return date.fromisoformat(str(value))
            except ValueError:
                raise _problem(f"{name} '{str(value)[:40]}' is not a date (YYYY-MM-DD)") from None
        return value

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        if value not in METRIC_TABLE:
            raise _problem(f"metric must be one of {', '.join(METRIC_TABLE)}")
        return value

    @classmethod
    def from_dict(cls, values: dict) -> Settings:
        return cls.model_validate(values)

    def to_dict(self) -> dict:
        """The settings that differ from the defaults, as plain YAML/JSON values (dates as ISO text)."""
        return self.model_dump(mode="json", exclude_defaults=True)

    def key(self) -> str:
        """The settings as one string: a stable cache key."""
        return self.model_dump_json()


def problems(error: ValidationError) -> str:
    """A pydantic error as one plain line: our own messages as written, the others prefixed with the setting."""
    lines = []
    for item in error.errors():
        name = " ".join(".".join(str(part) for part in item["loc"]).split())[:40]  # a key from a file: one short line
        if item["type"] == "setting":
            lines.append(item["msg"])
        elif item["type"] == "extra_forbidden":
            lines.append(f"unknown setting(s) {name}")
        else:
            lines.append(f"setting '{name}': {' '.join(item['msg'].split())}")
    return "; ".join(lines)


class NothingToShow(LookupError):
    """The chart has nothing to draw for these settings (no data in range); the message says so in words."""


@dataclass
class Rendered:
    fig: go.Figure
    data: pd.DataFrame
    note: SourceNote
    key: str  # file-name-safe id of this chart with its settings
    timeline: bool = False  # x axis is calendar dates: the event overlay applies
    strip: bool = False  # a short strip under other content: presenter mode keeps it short (ui.blocks)


Build = Callable[[Tables, Settings], Rendered]
Topic = Literal["activity", "events", "japan", "trade", "sources"]


@dataclass(frozen=True)
class Spec:
    """One figure of the catalog."""

    id: str
    build: Build
    topic: Topic
    needs: tuple[str, ...]  # snapshot tables
    uses: tuple[str, ...] = ()  # the settings it reads (the deck editor offers these)

    @property
    def title(self) -> str:
        return t(f"catalog.{self.id}")


def span(table: pd.DataFrame, s: Settings) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The date range a chart covers: explicit dates, or the last N days of the data."""
    end = pd.Timestamp(s.end) if s.end else table["date"].max()
    if s.last_days:
        return end - pd.Timedelta(days=s.last_days - 1), end
    return (pd.Timestamp(s.start) if s.start else table["date"].min()), end


def bounds(s: Settings) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The settings' date range, open ends meaning "all there is"."""
    return (
        pd.Timestamp(s.start) if s.start else pd.Timestamp.min,
        pd.Timestamp(s.end) if s.end else pd.Timestamp.max,
    )


def clipped(tables: Tables, name: str, s: Settings) -> pd.DataFrame:
    """A dated table limited to the settings' date range."""
    return clip_dates(tables.table(name), *bounds(s))
