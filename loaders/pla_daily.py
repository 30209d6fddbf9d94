"""Taiwan MND daily counts of PLA aircraft and PLAN vessels around Taiwan -> `air_sea_daily`.

Source: the s0914712/pla-data-dashboard repository, which scrapes the MND's daily report.
Two of its files carry the counts:

* `JapanandBattleship.csv` (primary): the file the upstream scraper writes MND counts into
  (aircraft and vessels). It is the most complete and the most recent.
* `merged_comprehensive_data_M.csv` (secondary): derived from the primary by the upstream's
  `sync_pipeline.py`; aircraft only, and it lags the primary by some days.

The primary wins wherever both have a value, because the secondary is a downstream copy of it:
a disagreement means the copy is stale or wrong, and every one is written to `air_sea_qc`.
The secondary only fills days the primary lacks.

Date convention: `date` is the MND report day. Each report covers the 24 hours up to 06:00
Taipei time (UTC+8) of that day, so "2024-05-23" counts activity from 06:00 on 22 May to
06:00 on 23 May, local time.

Missing is not zero: a day with no report has null counts. The table holds every calendar day
from the first to the last report so that gaps stay visible as gaps.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders.contract import PLA_DATA_DASHBOARD, Column, RawFolder, Source, TableSpec, UpstreamFile
from loaders.errors import LoaderError
from loaders.raw_csv import line_of, parse_counts, parse_dates, read_csv_strings
from loaders.snapshot import BuiltTable, input_record

PRIMARY = UpstreamFile(
    path="pla-data-dashboard/JapanandBattleship.csv",
    upstream_path="data/JapanandBattleship.csv",
    sha256="f523cd14c13889003e4f1d4e11913f0987d28db9a6ba6bcd61aa5088d1c35d07",
)
SECONDARY = UpstreamFile(
    path="pla-data-dashboard/merged_comprehensive_data_M.csv",
    upstream_path="data/merged_comprehensive_data_M.csv",
    sha256="3f2e86b739f3284969b2ef659e757473f57304af989676db8c4c8bf6060bc64c",
)

SOURCE = Source(
    name="Taiwan Ministry of National Defense daily reports, via pla-data-dashboard",
    publisher="Ministry of National Defense, Republic of China (Taiwan); compiled by s0914712/pla-data-dashboard",
    **PLA_DATA_DASHBOARD.fields(),
    licence="None stated upstream (no LICENSE file); facts from Taiwan MND public reports",
    files=(PRIMARY, SECONDARY),
)

DATE_FORMAT = "%Y/%m/%d"  # upstream writes 2024/05/23 (primary) and 2024/5/23 (secondary)
# The upstream series starts on 2015/03/30; an earlier date is a typo (issue 12).
FIRST_DAY = pd.Timestamp("2015-01-01")
MAX_AIRCRAFT = 1000  # sanity bound: the record day is ~150
MAX_VESSELS = 500

DAILY = TableSpec(
    name="air_sea_daily",
    title="PLA aircraft and vessels around Taiwan, daily",
    description=(
        "Daily counts of People's Liberation Army aircraft and PLA Navy vessels detected around "
        "Taiwan, as reported by Taiwan's Ministry of National Defense. One row per calendar day; "
        "days without a report are empty, not zero."
    ),
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "MND report day (24 h to 06:00 Taipei time)", nullable=False),
        Column("aircraft", "Int64", "PLA aircraft detected around Taiwan", unit="aircraft"),
        Column("vessels", "Int64", "PLA Navy vessels detected around Taiwan", unit="vessels"),
        Column("source_file", "str", "Raw file the aircraft count came from (empty if no report)"),
    ),
    coverage_of=("aircraft", "vessels"),
    notes=(
        "The series is sparse before 2022 (MND then reported mainly days with PLA activity in "
        "Taiwan's ADIZ) and near-daily from 2023; days without a report are empty, not zero.",
        "Vessel counts are recorded from 2022-08-06.",
        "Where the two upstream files disagree, JapanandBattleship.csv wins (air_sea_qc lists every case).",
    ),
)

QC = TableSpec(
    name="air_sea_qc",
    title="Data-quality log for the daily air and sea counts",
    description="Every duplicate, skipped row and disagreement found while building air_sea_daily.",
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "Report day concerned (empty for file-level notes)"),
        Column("file", "str", "Raw file", nullable=False),
        Column("check", "str", "duplicate_date | blank_rows | conflict | filled_from_secondary", nullable=False),
        Column("rows", "str", "Spreadsheet row numbers in the raw file"),
        Column("detail", "str", "What was found and what was done", nullable=False),
    ),
    key=(),
    date_column=None,
)

TABLES = (DAILY, QC)

PRIMARY_NAME = Path(PRIMARY.path).name
SECONDARY_NAME = Path(SECONDARY.path).name

_EMPTY_CELLS = {"", "NaT", "nan"}  # the secondary file pads its end with rows holding only 'NaT'


def _qc(date, file: str, check: str, rows: str, detail: str) -> dict:
    return {"date": date, "file": file, "check": check, "rows": rows, "detail": detail}


def _drop_blank_rows(frame: pd.DataFrame, path: Path, qc: list[dict]) -> pd.DataFrame:
    """Rows with no content at all are padding, not data: skip them, but count them in the log."""
    blank = frame.apply(lambda col: col.str.strip().isin(_EMPTY_CELLS)).all(axis=1)
    if blank.any():
        lines = [line_of(i) for i in frame.index[blank]]
        qc.append(_qc(pd.NaT, path.name, "blank_rows", f"{lines[0]}-{lines[-1]}",
                      f"{len(lines)} empty rows skipped"))
    return frame[~blank]


def _collapse_duplicates(frame: pd.DataFrame, path: Path, value_columns: list[str], qc: list[dict]) -> pd.DataFrame:
    """Identical repeats of a day are collapsed and logged; repeats that disagree are an error.

    Known upstream oddity: the secondary file repeats some days (e.g. 2024/7/9 four times) with the
    same counts and different free-text columns. Counts are what we keep, so those are harmless.
    """
    repeated = frame[frame["date"].duplicated(keep=False)]
    for day, group in repeated.groupby("date"):
        lines = ", ".join(str(line_of(i)) for i in group.index)
        for column in value_columns:
            values = group[column].dropna().unique()
            if len(values) > 1:
                raise LoaderError(
                    path,
                    f"date {day:%Y-%m-%d} appears on rows {lines} with different values "
                    f"({', '.join(str(v) for v in values)})",
                    row=line_of(group.index[1]),
                    column=column,
                )
        qc.append(_qc(day, path.name, "duplicate_date", lines,
                      f"day listed {len(group)} times with the same counts; kept once"))
    return frame.groupby("date", as_index=False).first()


def load_file(path: Path, columns: dict[str, tuple[str, int]], qc: list[dict]) -> pd.DataFrame:
    """One raw file -> one row per date with parsed counts. `columns`: raw name -> (tidy name, bound)."""
    raw = _drop_blank_rows(read_csv_strings(path, ["date", *columns]), path, qc)
    if raw.empty:
        raise LoaderError(path, "file has no data rows (only blank rows)")
    dates = parse_dates(raw["date"], path, "date", DATE_FORMAT, earliest=FIRST_DAY)
    if dates.isna().any():
        raise LoaderError(path, "row has values but no date", row=line_of(dates.index[dates.isna()][0]), column="date")
    tidy = pd.DataFrame({"date": dates})
    for raw_name, (name, bound) in columns.items():
        tidy[name] = parse_counts(raw[raw_name], path, raw_name, bound)
    tidy = _collapse_duplicates(tidy, path, [n for n, _ in columns.values()], qc)
    return tidy.sort_values("date").reset_index(drop=True)


def reconcile(primary: pd.DataFrame, secondary: pd.DataFrame, qc: list[dict]) -> pd.DataFrame:
    """Primary counts, with the secondary filling only the days the primary has no aircraft count."""
    both = primary.merge(secondary, on="date", how="outer", suffixes=("", "_secondary"), sort=True)
    a, b = both["aircraft"], both["aircraft_secondary"]
    for _, row in both[a.notna() & b.notna() & (a != b)].iterrows():
        qc.append(_qc(row["date"], PRIMARY_NAME, "conflict", "",
                      f"aircraft {row['aircraft']} here vs {row['aircraft_secondary']} in {SECONDARY_NAME}; kept {row['aircraft']}"))
    filled = a.isna() & b.notna()
    for day in both.loc[filled, "date"]:
        qc.append(_qc(day, SECONDARY_NAME, "filled_from_secondary", "",
                      f"aircraft count missing in {PRIMARY_NAME}; taken from {SECONDARY_NAME}"))
    source = pd.Series(pd.NA, index=both.index, dtype="str")
    source[a.notna()] = PRIMARY_NAME
    source[filled] = SECONDARY_NAME
    return pd.DataFrame({
        "date": both["date"],
        "aircraft": a.fillna(b),
        "vessels": both["vessels"],
        "source_file": source,
    })


def to_calendar(daily: pd.DataFrame) -> pd.DataFrame:
    """Every calendar day from the first to the last report, missing days as nulls (never zero)."""
    reported = daily[daily[["aircraft", "vessels"]].notna().any(axis=1)]
    days = pd.date_range(reported["date"].min(), reported["date"].max(), freq="D", unit="ns")
    full = pd.DataFrame({"date": days}).merge(reported, on="date", how="left")
    return full.astype({"date": "datetime64[ns]", "aircraft": "Int64", "vessels": "Int64", "source_file": "str"})


def qc_frame(qc: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(qc, columns=[c.name for c in QC.columns])
    return frame.astype({"date": "datetime64[ns]", "file": "str", "check": "str", "rows": "str", "detail": "str"})




def build(raw: RawFolder) -> list[BuiltTable]:
    """load -> process; the caller saves (atomically, with the other tables)."""
    qc: list[dict] = []
    primary_path = raw.locate(PRIMARY)
    secondary_path = raw.locate(SECONDARY)
    primary = load_file(primary_path, {
        "pla_aircraft_sorties": ("aircraft", MAX_AIRCRAFT),
        "plan_vessel_sorties": ("vessels", MAX_VESSELS),
    }, qc)
    secondary = load_file(secondary_path, {"pla_aircraft_sorties": ("aircraft", MAX_AIRCRAFT)}, qc)
    daily = to_calendar(reconcile(primary, secondary, qc))
    inputs = [input_record(SOURCE, PRIMARY, primary_path), input_record(SOURCE, SECONDARY, secondary_path)]
    return [BuiltTable(DAILY, daily, inputs), BuiltTable(QC, qc_frame(qc), inputs)]
