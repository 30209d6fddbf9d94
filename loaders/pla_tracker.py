"""A second, independent transcription of the MND daily report -> `pla_tracker_daily`.

Source: lioneer32232002-commits/pla-tracker, a static site whose author transcribes Taiwan MND's
daily PLA-activity graphic by hand (append-only `data/records.csv`, one row per day from
2026-01-01). It is kept as its own table, not merged into `air_sea_daily`: the point of a second
source is to see where the two disagree (analysis/reconcile.py), never to average them away.
It also carries what the other source lacks: aircraft crossing the median line and aircraft type.

Validation (each failure stops the refresh, naming file, row and column, because every one
means a transcription slip that would otherwise reach a chart):

* counts are whole and non-negative; `median_line_cross` <= `aircraft_total` (crossing aircraft
  are a subset of the day's aircraft);
* `cross_rate` (%) is only a check: blank when there were no aircraft, otherwise within rounding
  (0.51 points) of 100 × crossings / aircraft; it is not stored, being derivable;
* `aircraft_type` is one of zero, manned, uav, mixed, helicopter (case as written varies: Zero,
  Manned…, so it is lower-cased) and is `zero` exactly when there were no aircraft;
* `activity_start` / `activity_end` are HH:MM, both given or both blank, start not after end in
  report-day order (the MND day runs 06:00 → 06:00; 06:00–06:00 means the whole day);
* one row per date.

`special_event` is MND's free text (zh-TW), with embedded newlines kept; only trailing spaces at
line ends are removed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders.contract import Column, RawFolder, Source, TableSpec, UpstreamFile, conform
from loaders.errors import LoaderError
from loaders.raw_csv import line_of, parse_counts, parse_dates, read_csv_strings
from loaders.snapshot import BuiltTable, input_record

RECORDS = UpstreamFile(
    path="pla-tracker-lioneer/records.csv",
    upstream_path="data/records.csv",
    sha256="a204acebe3eaa8723ae92e6381f0dd9fc596a5be3510ecc04e74245e8f0ec3b7",
)

SOURCE = Source(
    name="Taiwan Ministry of National Defense daily reports, via PLA Tracker (lioneer)",
    publisher="Ministry of National Defense, Republic of China (Taiwan); transcribed by hand by "
    "lioneer32232002-commits/pla-tracker",
    repo_url="https://github.com/lioneer32232002-commits/pla-tracker",
    commit="7a1437826bfc0f2ef6f0df2879046d1823d4a7c3",
    commit_date="2026-05-03",
    licence="None stated upstream (no LICENSE file); facts from Taiwan MND public reports",
    files=(RECORDS,),
)

RAW_COLUMNS = [
    "date",
    "aircraft_total",
    "median_line_cross",
    "cross_rate",
    "aircraft_type",
    "ships_total",
    "activity_start",
    "activity_end",
    "special_event",
]
DATE_FORMAT = "%Y-%m-%d"
# The tracker transcribes MND daily reports, which began in September 2020: an earlier date is a typo.
FIRST_DAY = pd.Timestamp("2020-01-01")
MAX_AIRCRAFT = 1000  # same sanity bounds as air_sea_daily
MAX_SHIPS = 500
AIRCRAFT_TYPES = ("zero", "manned", "uav", "mixed", "helicopter")
RATE_TOLERANCE = 0.51  # percentage points: early rows round the rate to whole percent
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DAY_STARTS = 6 * 60  # the MND report day starts at 06:00

DAILY = TableSpec(
    name="pla_tracker_daily",
    title="PLA aircraft, median-line crossings and vessels around Taiwan, daily (second transcription)",
    description=(
        "Taiwan MND's daily report as transcribed independently by the PLA Tracker site: aircraft, "
        "aircraft crossing the Taiwan Strait median line, PLA Navy vessels, aircraft type and MND's "
        "remarks. Kept apart from air_sea_daily so the two can be compared day by day."
    ),
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "MND report day as recorded by the tracker", nullable=False),
        Column("aircraft", "Int64", "PLA aircraft detected around Taiwan", unit="aircraft"),
        Column(
            "median_line_crossings",
            "Int64",
            "Aircraft that crossed the median line or entered the northern, central, south-western or eastern ADIZ",
            unit="aircraft",
        ),
        Column("ships", "Int64", "PLA Navy vessels detected around Taiwan", unit="vessels"),
        Column("aircraft_type", "str", "zero | manned | uav | mixed | helicopter (lower-cased)"),
        Column("activity_start", "str", "Start of the reported activity window, HH:MM Taipei time (rarely given)"),
        Column("activity_end", "str", "End of the reported activity window, HH:MM Taipei time"),
        Column("special_event", "str", "MND's remarks that day (source text, zh-TW; may span lines)"),
    ),
    coverage_of=("aircraft", "ships"),
    notes=(
        "Covers 2026-01-01 to 2026-05-03 (the newest upstream snapshot available), one row per day.",
        "median_line_crossings <= aircraft is enforced; cross_rate is checked against it and not stored.",
        "The tracker's date is meant to be the MND report day; the reconciliation on the Data & sources page "
        "shows days where it matches air_sea_daily one day earlier or later instead.",
    ),
)

TABLES = (DAILY,)


def _first(mask: pd.Series) -> int:
    return int(mask[mask].index[0])


def _fail(path: Path, frame: pd.DataFrame, mask: pd.Series, column: str, why: str) -> None:
    if mask.any():
        index = _first(mask)
        raise LoaderError(path, why.format(**frame.loc[index].to_dict()), row=line_of(index), column=column)


def parse_times(raw: pd.DataFrame, path: Path) -> tuple[pd.Series, pd.Series]:
    start, end = raw["activity_start"].str.strip(), raw["activity_end"].str.strip()
    for name, values in (("activity_start", start), ("activity_end", end)):
        bad = (values != "") & ~values.str.match(TIME)
        _fail(path, raw.assign(v=values), bad, name, "'{v}' is not a time (expected HH:MM)")
    one_sided = (start == "") != (end == "")
    _fail(path, raw, one_sided, "activity_end", "start and end of the activity window must both be given or both blank")

    def offset(values: pd.Series) -> pd.Series:
        minutes = values.str[:2].astype("float") * 60 + values.str[3:].astype("float")
        return (minutes - DAY_STARTS) % (24 * 60)

    given = start != ""
    late = pd.Series(False, index=raw.index)
    late[given] = offset(start[given]) > offset(end[given])
    _fail(
        path,
        raw,
        late,
        "activity_end",
        "activity ends ({activity_end}) before it starts ({activity_start}) within the 06:00–06:00 report day",
    )
    return start.where(given).astype("str"), end.where(given).astype("str")


def clean_text(values: pd.Series) -> pd.Series:
    """Keep MND's line breaks; drop trailing spaces at line ends and around the text; blank -> empty."""
    text = values.str.replace("\r\n", "\n", regex=False).str.replace(r"[ \t\u3000]+\n", "\n", regex=True).str.strip()
    return text.where(text != "").astype("str")


def load(path: Path) -> pd.DataFrame:
    raw = read_csv_strings(path, RAW_COLUMNS)
    dates = parse_dates(raw["date"], path, "date", DATE_FORMAT, earliest=FIRST_DAY)
    _fail(path, raw, dates.isna(), "date", "row has no date")
    _fail(path, raw, dates.duplicated(), "date", "date {date} is listed twice")
    aircraft = parse_counts(raw["aircraft_total"], path, "aircraft_total", MAX_AIRCRAFT)
    crossings = parse_counts(raw["median_line_cross"], path, "median_line_cross", MAX_AIRCRAFT)
    ships = parse_counts(raw["ships_total"], path, "ships_total", MAX_SHIPS)
    _fail(
        path,
        raw,
        (crossings > aircraft).fillna(False),
        "median_line_cross",
        "{median_line_cross} aircraft crossed the median line but only {aircraft_total} were reported",
    )

    rate_text = raw["cross_rate"].str.strip()
    rate = pd.to_numeric(rate_text.where(rate_text != ""), errors="coerce")
    _fail(path, raw, rate.isna() & (rate_text != ""), "cross_rate", "'{cross_rate}' is not a number")
    expected = 100 * crossings.astype("Float64") / aircraft.astype("Float64").where(aircraft > 0)
    _fail(
        path,
        raw,
        ((aircraft == 0) & rate.notna()).fillna(False),
        "cross_rate",
        "crossing rate {cross_rate} given on a day with no aircraft",
    )
    _fail(path, raw, ((aircraft > 0) & rate.isna()).fillna(False), "cross_rate", "crossing rate missing")
    off = ((rate - expected).abs() > RATE_TOLERANCE).fillna(False)
    _fail(
        path,
        raw,
        off,
        "cross_rate",
        "crossing rate {cross_rate} % does not match {median_line_cross} of {aircraft_total} aircraft",
    )

    kind = raw["aircraft_type"].str.strip().str.lower()
    _fail(
        path,
        raw.assign(k=kind),
        ~kind.isin(AIRCRAFT_TYPES),
        "aircraft_type",
        f"'{{k}}' is not an aircraft type (expected {', '.join(AIRCRAFT_TYPES)})",
    )
    _fail(
        path,
        raw,
        ((kind == "zero") != (aircraft == 0)).fillna(False),
        "aircraft_type",
        "aircraft type '{aircraft_type}' does not fit {aircraft_total} aircraft",
    )

    start, end = parse_times(raw, path)
    frame = pd.DataFrame(
        {
            "date": dates,
            "aircraft": aircraft,
            "median_line_crossings": crossings,
            "ships": ships,
            "aircraft_type": kind.astype("str"),
            "activity_start": start,
            "activity_end": end,
            "special_event": clean_text(raw["special_event"]),
        }
    )
    return frame.sort_values("date").reset_index(drop=True)


def to_calendar(daily: pd.DataFrame) -> pd.DataFrame:
    """Every day from the first to the last record; a missing day stays empty, never zero."""
    days = pd.date_range(daily["date"].min(), daily["date"].max(), freq="D", unit="ns")
    full = pd.DataFrame({"date": days}).merge(daily, on="date", how="left")
    return conform(full, DAILY)


def build(raw: RawFolder) -> list[BuiltTable]:
    path = raw.locate(RECORDS)
    daily = to_calendar(load(path))
    inputs = [input_record(SOURCE, RECORDS, path)]
    return [BuiltTable(DAILY, daily, inputs)]
