"""One row per Taiwan MND daily PLA-activity report, from the madeye transcription -> `mnd_reports`.

Source: madeye/taiwan-strait-monitor (MIT), an automated scraper of MND's daily report page. Each
report is one JSON file (`data/daily/YYYY-MM-DD.json`) stating the 24-hour window it covers (06:00
to 06:00 Taipei time), the aircraft detected, those that crossed the median line and those that
entered Taiwan's ADIZ (with the ADIZ regions named), PLA Navy vessels, official (coast guard and
other state) ships, and the address of the MND report. `summary.csv` repeats the counts; the
loader requires the two to agree, since a disagreement means one of them is damaged.

This is the project's clearest witness of which day a count belongs to: the report day is the day
the window ends. Its map positions are estimates (AI or zone-based) and are not loaded.

Validation (each failure stops the refresh, naming the file and field):
* the file name, the `date` field and the end of the report window are the same day, and the window
  is 24 hours ending at 06:00 (+08:00);
* counts are whole, non-negative and within sanity bounds; median-line crossings and ADIZ entries
  never exceed the aircraft count (one known upstream slip is listed in KNOWN_ODDITIES and withheld);
* ADIZ regions are among those MND names; the report address is on www.mnd.gov.tw;
* summary.csv lists exactly the days the folder holds, with the same counts.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from loaders.contract import Column, Pin, RawFolder, Source, TableSpec, UpstreamFile, conform
from loaders.errors import LoaderError
from loaders.raw_csv import line_of, parse_counts, parse_dates, read_csv_strings, refresh_day
from loaders.raw_json import field, read_json
from loaders.snapshot import BuiltTable, input_record, sha256_of

MADEYE = Pin(
    repo_url="https://github.com/madeye/taiwan-strait-monitor",
    commit="e2163f81e12b9970154ba0a7a9d26759642c93f0",
    commit_date="2026-08-22",
)

SUMMARY = UpstreamFile(
    path="taiwan-strait-monitor-madeye/summary.csv",
    upstream_path="data/summary.csv",
    sha256="491f14036dbca57dc7c9b1a9497a0754b29623018214797d22378d1ce6e9c9c0",
)
DAILY_DIR = "taiwan-strait-monitor-madeye/daily"
UPSTREAM_DAILY_DIR = "data/daily"

SOURCE = Source(
    name="Taiwan Ministry of National Defense daily reports, via Taiwan Strait Monitor (madeye)",
    publisher="Ministry of National Defense, Republic of China (Taiwan); scraped by madeye/taiwan-strait-monitor",
    **MADEYE.fields(),
    licence="MIT (madeye/taiwan-strait-monitor); facts from Taiwan MND public reports",
    files=(SUMMARY,),
)

REGIONS = ("north", "central", "southwest", "south", "southeast", "east")
MAX_AIRCRAFT = 1000
MAX_SHIPS = 500
URL_PREFIX = "https://www.mnd.gov.tw/"
REPORT_HOUR = 6
FIRST_DAY = pd.Timestamp("2020-01-01")  # MND daily reports began in Sep 2020; an earlier report day is a typo
TZ = "+08:00"

# Known slips in the upstream transcription: (report day, field) -> why the value is withheld.
KNOWN_ODDITIES = {
    ("2026-08-11", "entered_adiz"): "2 ADIZ entries with 0 aircraft in the same report; withheld (null)",
}

REPORTS = TableSpec(
    name="mnd_reports",
    title="Taiwan MND daily reports: aircraft, median-line crossings, ADIZ entries, vessels, official ships",
    description=(
        "One row per MND daily report of PLA activity around Taiwan, as scraped by Taiwan Strait Monitor: the "
        "24-hour window it covers, aircraft detected, aircraft that crossed the median line, aircraft that "
        "entered Taiwan's ADIZ and the ADIZ regions named, PLA Navy vessels, official ships (coast guard and "
        "other state ships), and the address of the MND report."
    ),
    source=SOURCE,
    columns=(
        Column(
            "date",
            "datetime64[ns]",
            "MND report day (the day the 24-hour window ends at 06:00 Taipei time)",
            nullable=False,
        ),
        Column("window_start", "datetime64[ns]", "Start of the window the report covers (Taipei time)", nullable=False),
        Column("window_end", "datetime64[ns]", "End of the window the report covers (Taipei time)", nullable=False),
        Column("aircraft", "Int64", "PLA aircraft detected around Taiwan", unit="aircraft"),
        Column("crossed_median", "Int64", "Aircraft that crossed the Taiwan Strait median line", unit="aircraft"),
        Column("entered_adiz", "Int64", "Aircraft that entered Taiwan's ADIZ", unit="aircraft"),
        Column(
            "adiz_regions",
            "str",
            "ADIZ regions the report names (comma-separated: north, central, southwest, south, southeast, east)",
        ),
        Column("vessels", "Int64", "PLA Navy vessels detected around Taiwan", unit="vessels"),
        Column(
            "official_ships", "Int64", "Official ships (coast guard and other state ships), not PLA Navy", unit="ships"
        ),
        Column("source_url", "str", "Address of the MND report", nullable=False),
    ),
    coverage_of=("aircraft", "vessels"),
    notes=(
        "Covers 2025-10-01 to 2026-08-22 (report days; a few days are absent upstream).",
        "Map positions in the upstream files are estimates and are not loaded.",
        "Known upstream slip withheld: 2026-08-11 lists 2 ADIZ entries with 0 aircraft (entered_adiz left empty).",
    ),
)

TABLES = (REPORTS,)

# Digest (see folder_record) of the daily folder as copied at the pinned commit (shared/data/raw/PROVENANCE.md).
PINNED_DAILY_DIGEST = "ebc9f5774b85343468102faa990d09875a35237bd464c877a298529f4d13d415"
PINNED_FOLDERS = {DAILY_DIR: PINNED_DAILY_DIGEST}


def _int(value, path: Path, name: str, bound: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LoaderError(path, f"'{value}' is not a whole number", column=name)
    if value < 0:
        raise LoaderError(path, f"'{value}' is negative; a count cannot be", column=name)
    if value > bound:
        raise LoaderError(path, f"'{value}' is implausibly large (over {bound})", column=name)
    return value


def _time(text, path: Path, name: str) -> datetime:
    try:
        stamp = datetime.fromisoformat(str(text))
    except ValueError:
        raise LoaderError(path, f"'{text}' is not a date-time", column=name) from None
    if stamp.utcoffset() != timedelta(hours=8):
        raise LoaderError(path, f"'{text}' is not Taipei time ({TZ})", column=name)
    return stamp.replace(tzinfo=None)


def parse_report(path: Path) -> dict:
    """One daily JSON -> one row, every field checked."""
    record = read_json(path)
    day = str(field(record, path, "date"))
    if day != path.stem:
        raise LoaderError(path, f"date '{day}' does not match the file name", column="date")
    start = _time(field(record, path, "period", "start"), path, "period.start")
    end = _time(field(record, path, "period", "end"), path, "period.end")
    if not FIRST_DAY <= pd.Timestamp(end.date()) <= refresh_day():
        raise LoaderError(path, f"report day {day} is before {FIRST_DAY:%Y} or after the refresh day", column="date")
    if end.date().isoformat() != day or end.hour != REPORT_HOUR or end.minute != 0:
        raise LoaderError(path, f"report window ends {end:%Y-%m-%d %H:%M}, not at 06:00 on {day}", column="period.end")
    if end - start != timedelta(hours=24):
        raise LoaderError(
            path, f"report window {start:%Y-%m-%d %H:%M} → {end:%Y-%m-%d %H:%M} is not 24 hours", column="period.start"
        )
    row = {"date": pd.Timestamp(day), "window_start": start, "window_end": end}
    for name, keys, bound in (
        ("aircraft", ("aircraft", "total"), MAX_AIRCRAFT),
        ("crossed_median", ("aircraft", "crossed_median"), MAX_AIRCRAFT),
        ("entered_adiz", ("aircraft", "entered_adiz"), MAX_AIRCRAFT),
        ("vessels", ("vessels", "naval"), MAX_SHIPS),
        ("official_ships", ("vessels", "official"), MAX_SHIPS),
    ):
        row[name] = _int(field(record, path, *keys), path, ".".join(keys), bound)
    for name in ("crossed_median", "entered_adiz"):
        if row[name] > row["aircraft"]:
            if (day, name) not in KNOWN_ODDITIES:
                raise LoaderError(
                    path,
                    f"{row[name]} aircraft in '{name}' but only {row['aircraft']} in total",
                    column=f"aircraft.{name}",
                )
            row[name] = None
    regions = field(record, path, "aircraft", "adiz_regions")
    if not isinstance(regions, list) or any(r not in REGIONS for r in regions):
        raise LoaderError(
            path, f"ADIZ regions {regions!r} are not among {', '.join(REGIONS)}", column="aircraft.adiz_regions"
        )
    row["adiz_regions"] = ",".join(r for r in REGIONS if r in regions) or None
    url = str(field(record, path, "source_url"))
    if not url.startswith(URL_PREFIX):
        raise LoaderError(path, f"'{url}' is not an MND address", column="source_url")
    row["source_url"] = url
    return row


def check_summary(reports: pd.DataFrame, path: Path) -> None:
    """summary.csv must list the same days with the same counts as the daily files."""
    raw = read_csv_strings(
        path, ["date", "aircraft_total", "crossed_median", "entered_adiz", "vessels_naval", "vessels_official"]
    )
    dates = parse_dates(raw["date"], path, "date", "%Y-%m-%d", earliest=FIRST_DAY)
    for bad, why in ((dates.isna(), "row has no date"), (dates.duplicated() & dates.notna(), "date is listed twice")):
        if bad.any():
            raise LoaderError(path, why, row=line_of(dates.index[bad][0]), column="date")
    by_day = reports.set_index("date")
    for name, column in (
        ("aircraft", "aircraft_total"),
        ("crossed_median", "crossed_median"),
        ("entered_adiz", "entered_adiz"),
        ("vessels", "vessels_naval"),
        ("official_ships", "vessels_official"),
    ):
        counts = parse_counts(raw[column], path, column, MAX_AIRCRAFT)
        for index, (day, value) in enumerate(zip(dates, counts)):
            if day not in by_day.index:
                raise LoaderError(path, f"{day:%Y-%m-%d} has no daily report file", row=line_of(index), column="date")
            mine = by_day.at[day, name]
            withheld = (f"{day:%Y-%m-%d}", name) in KNOWN_ODDITIES
            differ = pd.isna(mine) != pd.isna(value) or (pd.notna(mine) and bool(mine != value))
            if not withheld and differ:
                raise LoaderError(
                    path,
                    f"{value} here but {mine} in the daily file of {day:%Y-%m-%d}",
                    row=line_of(index),
                    column=column,
                )
    missing = sorted(set(by_day.index) - set(dates))
    if missing:
        raise LoaderError(path, f"daily report {missing[0]:%Y-%m-%d} is not listed")


def daily_files(raw: RawFolder) -> list[Path]:
    folder = raw.root / DAILY_DIR
    if not folder.is_dir():
        folder = raw.root / "daily"  # a flat folder holding the source's files
    if not folder.is_dir():
        raise LoaderError(raw.root / DAILY_DIR, "folder of daily report files not found")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise LoaderError(folder, "folder holds no daily report files (*.json)")
    return files


def load(raw: RawFolder) -> tuple[pd.DataFrame, list[Path], Path]:
    """All reports as one table (validated against summary.csv), the files read, and the summary's path."""
    files = daily_files(raw)
    rows = [parse_report(path) for path in files]
    frame = pd.DataFrame(rows, columns=[c.name for c in REPORTS.columns]).sort_values("date").reset_index(drop=True)
    frame = conform(frame, REPORTS)
    summary = raw.locate(SUMMARY)
    check_summary(frame, summary)
    return frame, files, summary


def folder_record(files: list[Path]) -> dict:
    """The daily folder as one manifest input: a digest over every file's name and hash."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.name}:{sha256_of(path)}\n".encode())
    return {
        "path": DAILY_DIR,
        "upstream_path": UPSTREAM_DAILY_DIR,
        "browse_url": f"{MADEYE.repo_url}/tree/{MADEYE.commit}/{UPSTREAM_DAILY_DIR}",  # not a file: not downloaded
        "files": len(files),
        "sha256": digest.hexdigest(),
        "matches_pinned_commit": digest.hexdigest() == PINNED_DAILY_DIGEST,
    }


def folder_digest(root: Path) -> tuple[str, str]:
    """(raw path, digest) of the daily folder under `root` (checks a download against PINNED_DAILY_DIGEST)."""
    return DAILY_DIR, folder_record(sorted((root / DAILY_DIR).glob("*.json")))["sha256"]


def inputs(files: list[Path], summary: Path) -> list[dict]:
    return [input_record(SOURCE, SUMMARY, summary), folder_record(files)]


def upstream_files(summary: Path, summary_url: str) -> dict[str, str]:
    """raw path -> download URL of every daily file a downloaded summary.csv lists (for --from-upstream):
    upstream keeps them in daily/ beside summary.csv."""
    raw = read_csv_strings(summary, ["date"])
    days = parse_dates(raw["date"], summary, "date", "%Y-%m-%d", earliest=FIRST_DAY)
    base = summary_url.rsplit("/", 1)[0]
    return {f"{DAILY_DIR}/{day:%Y-%m-%d}.json": f"{base}/daily/{day:%Y-%m-%d}.json" for day in days.dropna()}


def build(raw: RawFolder) -> list[BuiltTable]:
    frame, files, summary = load(raw)
    return [BuiltTable(REPORTS, frame, inputs(files, summary))]
