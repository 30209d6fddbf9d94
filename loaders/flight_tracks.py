"""The Reporter's (報導者) traced MND flight tracks -> `flight_tracks_daily`: aircraft drawn per report day.

Source: data-reporter/PLA_Path_Database (MIT). The Reporter's data team traced by hand every flight
track (to 15 Jan 2024) or activity area (from 16 Jan 2024, when MND stopped drawing tracks) on MND's
daily map images, with the date of the image, the aircraft type and the number of aircraft. MND drew
only the aircraft that crossed the median line or entered the south-western ADIZ, so the aircraft
drawn on a day are a lower bound of the day's total.

Why it is loaded here: the image date is MND's report day, so the traced counts testify which day a
count belongs to (a report day cannot have fewer aircraft in total than were drawn on its map). The
alignment step of `air_sea_daily` uses them; this table keeps them for the reconciliation view.

Per day: tracks 2022-08-01 to 2024-01-15 sum the `num` of each track (blank `num` = one aircraft is
not assumed: such tracks are counted in `tracks_without_count`); areas from 2024-01-16 sum the
"計N架次" (N sorties) of each area description, using the areas as MND drew them (`polygon_#each`,
`polygon_#multi`) and not The Reporter's own split copies (`polygon_#separate`), which repeat them.
Balloons (drawn as tracks in Dec 2023 – Jan 2024, as their own features from 2024) and distance labels
are not aircraft.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders.contract import Column, Pin, RawFolder, Source, TableSpec, UpstreamFile, conform
from loaders.errors import LoaderError
from loaders.raw_csv import refresh_day
from loaders.raw_json import field, read_json
from loaders.snapshot import BuiltTable, input_record

TWREPORTER = Pin(
    repo_url="https://github.com/data-reporter/PLA_Path_Database",
    commit="6e5f1ee0e0b2d2c487d7c201aedc48bfb1800dcf",
    commit_date="2024-09-23",
)

TRACKS_2022 = UpstreamFile(
    path="pla-path-database-twreporter/Taiwan/20220801-20230915_fixed.geojson",
    upstream_path="Taiwan/20220801-20230915_fixed.geojson",
    sha256="e309e46b15a847af5419dc1b01971d8b033532ef59d82a45068135faf3358025",
)
TRACKS_2023 = UpstreamFile(
    path="pla-path-database-twreporter/Taiwan/20230918-20240115.geojson",
    upstream_path="Taiwan/20230918-20240115.geojson",
    sha256="3decda652ae5af466c7636b1393469e44301c0419374b0a3921e8b04afaffd52",
)
AREAS_2024 = UpstreamFile(
    path="pla-path-database-twreporter/Taiwan/20240116-20240731_v2.geojson",
    upstream_path="Taiwan/20240116-20240731_v2.geojson",
    sha256="1cd0efddc4126bb6abda92a13c917bbad05e41b3e06ebd334fb67eecd3c65db3",
)

SOURCE = Source(
    name="MND flight-track images traced by The Reporter (報導者) data team",
    publisher="Ministry of National Defense, Republic of China (Taiwan); traced by The Reporter (報導者)",
    **TWREPORTER.fields(),
    licence="MIT (data-reporter/PLA_Path_Database); facts from Taiwan MND public reports",
    files=(TRACKS_2022, TRACKS_2023, AREAS_2024),
)

MAX_AIRCRAFT = 1000
FIRST_DAY = pd.Timestamp("2022-01-01")  # the tracing starts on 2022-08-01
AREA_KINDS = ("polygon_#each", "polygon_#multi")  # as MND drew them; '#separate' repeats them split
SORTIES = re.compile(r"計(\d+)架次")

DAILY = TableSpec(
    name="flight_tracks_daily",
    title="PLA aircraft drawn on MND's daily flight-track maps, per report day (traced by The Reporter)",
    description=(
        "Aircraft on the flight tracks (to 15 Jan 2024) or in the activity areas (from 16 Jan 2024) that MND "
        "drew on its daily map, as traced by The Reporter's data team, summed per report day. MND drew only "
        "aircraft that crossed the median line or entered the south-western ADIZ, so this is a lower bound of "
        "the day's total, used to check which day each daily count belongs to."
    ),
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "MND report day (date of the map image)", nullable=False),
        Column("aircraft_drawn", "Int64", "Aircraft drawn on the day's map", unit="aircraft", nullable=False),
        Column("tracks_without_count", "Int64", "Tracks drawn without an aircraft count", nullable=False),
        Column("source_file", "str", "Raw file", nullable=False),
    ),
    notes=(
        "Covers 2022-08-01 to 2024-07-31, days with a map only (MND drew one when aircraft crossed the median "
        "line or entered the south-western ADIZ).",
        "A lower bound of the day's aircraft total, not a total: it is a witness of dates, not a second count.",
    ),
)

TABLES = (DAILY,)


def _count(text, path: Path, where: str) -> int | None:
    text = str(text if text is not None else "").strip()
    if text == "":
        return None
    if not text.isdigit() or int(text) > MAX_AIRCRAFT:
        raise LoaderError(path, f"'{text}' is not a plausible aircraft count", column=where)
    return int(text)


def _date(text, path: Path, where: str) -> pd.Timestamp:
    raw = str(text or "").strip()
    digits = raw.replace("-", "")[:8]  # '2023-09-18', '20230519' and one '20230115 (2)' (a second image that day)
    try:
        when = pd.Timestamp(f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}")
    except ValueError:
        raise LoaderError(path, f"'{raw}' is not a date", column=where) from None
    if not FIRST_DAY <= when <= refresh_day():
        raise LoaderError(path, f"'{raw}' is before {FIRST_DAY:%Y} or after the refresh day", column=where)
    return when


def _features(path: Path) -> list[dict]:
    features = field(read_json(path), path, "features")
    if not isinstance(features, list) or not features:
        raise LoaderError(path, "no features in the file")
    out = []
    for number, feature in enumerate(features, start=1):
        props = field(feature, path, "properties")
        if not isinstance(props, dict):
            raise LoaderError(path, f"feature {number} has no properties object", column="properties")
        out.append(props)
    return out


BALLOON = "氣球"  # 空飄氣球 / 探空氣球: balloons MND drew on the map are not aircraft


def tracks(path: Path, date_key: str) -> pd.DataFrame:
    rows = []
    for number, props in enumerate(_features(path), start=1):
        where = f"feature {number}"
        if BALLOON in str(props.get("aircraft_type") or props.get("機型中文") or ""):
            continue
        rows.append(
            {
                "date": _date(props.get(date_key), path, f"{where}.{date_key}"),
                "aircraft": _count(props.get("num"), path, f"{where}.num"),
            }
        )
    return _frame(rows)


def areas(path: Path) -> pd.DataFrame:
    rows = []
    for number, props in enumerate(_features(path), start=1):
        if props.get("category") not in AREA_KINDS:
            continue
        where = f"feature {number}"
        for sorties in SORTIES.findall(str(props.get("description") or "")):
            rows.append(
                {
                    "date": _date(props.get("date"), path, f"{where}.date"),
                    "aircraft": _count(sorties, path, f"{where}.description"),
                }
            )
    return _frame(rows)


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["date", "aircraft"]).astype({"date": "datetime64[ns]", "aircraft": "Int64"})


def per_day(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    grouped = frame.groupby("date")["aircraft"]
    return pd.DataFrame(
        {
            "aircraft_drawn": grouped.sum(min_count=0),
            "tracks_without_count": grouped.apply(lambda v: int(v.isna().sum())),
            "source_file": name,
        }
    ).reset_index()


def load(raw: RawFolder) -> tuple[pd.DataFrame, list[tuple[UpstreamFile, Path]]]:
    located = [(f, raw.locate(f)) for f in SOURCE.files]
    parts = []
    for (file, _path), frame in zip(
        located, (tracks(located[0][1], "dates_fixed"), tracks(located[1][1], "date"), areas(located[2][1]))
    ):
        parts.append(per_day(frame, Path(file.path).name))
    daily = pd.concat(parts, ignore_index=True)
    repeated = daily["date"].duplicated(keep=False)
    if repeated.any():
        day = daily.loc[repeated, "date"].iloc[0]
        raise LoaderError(located[0][1].parent, f"report day {day:%Y-%m-%d} appears in two of the files")
    daily = daily.sort_values("date").reset_index(drop=True)
    return conform(daily, DAILY), located


def build(raw: RawFolder) -> list[BuiltTable]:
    daily, located = load(raw)
    return [BuiltTable(DAILY, daily, [input_record(SOURCE, f, p) for f, p in located])]
