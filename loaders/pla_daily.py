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

Date convention: `date` is the day MND issued the report. Since mid-November 2022 a report covers
the 24 hours up to 06:00 Taipei time (UTC+8) of that day, so "2024-05-23" counts activity from 06:00
on 22 May to 06:00 on 23 May; before, it covered the report day itself (column `report_window`).
The upstream file stores long runs of reports on the activity day instead; the alignment step
(loaders/alignment.py) finds those runs with independent witnesses (madeye, lioneer, The Reporter's
dated maps, cited press reports) and moves them back, then cited corrections (data/catalog/
corrections.yaml) are applied. Every moved, filled, dropped or corrected value is in `air_sea_changes`
with its evidence; days where a witness still disagrees are in `air_sea_disputes` (never averaged).

Definitions are data: `aircraft_definition` says what each day's aircraft count means: ADIZ entries
until 4 Aug 2022, all aircraft around Taiwan from 5 Aug 2022 (data/catalog/reporting_eras.yaml, cited).

Missing is not zero: a day with no report has null counts. The table holds every calendar day
from the first to the last report so that gaps stay visible as gaps.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders import alignment, cited_catalogs, flight_tracks, mnd_reports, pla_tracker
from loaders.contract import PLA_DATA_DASHBOARD, Column, RawFolder, Source, TableSpec, UpstreamFile, conform
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
# The upstream series starts on 2015/03/30; an earlier date is a typo.
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
        Column("date", "datetime64[ns]", "Day MND issued the report (Taipei calendar)", nullable=False),
        Column(
            "aircraft",
            "Int64",
            "PLA aircraft MND reported: ADIZ entries until 4 Aug 2022, all aircraft "
            "detected around Taiwan from 5 Aug 2022 (see aircraft_definition)",
            unit="aircraft",
        ),
        Column(
            "vessels", "Int64", "PLA Navy vessels detected around Taiwan (official ships not included)", unit="vessels"
        ),
        Column(
            "aircraft_definition",
            "str",
            "What the aircraft count means that day: adiz_entries | "
            "around_taiwan (empty before MND's daily reports began)",
        ),
        Column(
            "report_window",
            "str",
            "Hours the report covers: calendar_day (the report day itself) | "
            "24h_to_0600 (06:00 the day before to 06:00)",
        ),
        Column("source_file", "str", "Where the day's values came from (empty if no report)"),
        Column("report_url", "str", "Address of the MND report, where a witness records it"),
    ),
    coverage_of=("aircraft", "vessels"),
    notes=(
        "Two definitions, never one series: until 4 Aug 2022 MND counted only PLA aircraft that entered "
        "Taiwan's ADIZ (mostly its south-west corner) and published a report only on days with ADIZ entries "
        "(from 16 Sep 2020; Taiwan News 2020-10-12); from 5 Aug 2022 it counts all PLA aircraft detected "
        "around Taiwan and the PLA Navy vessels (first such report: 68 aircraft and 13 vessels until 17:00, "
        "MND on X via Republic World 2022-08-05). Charts mark the break; no comparison spans it.",
        "Missing vs zero: in the ADIZ era a day without a report is a day with no ADIZ entries recorded, so "
        "means are per calendar day; from 5 Aug 2022 MND reports every day, so a day without a value is "
        "missing data and means are per reported day.",
        "Report day: until mid-November 2022 a report covered the report day itself (to 17:00); since, the 24 "
        "hours to 06:00 (column report_window). Upstream runs stored on the activity day are moved to the "
        "report day (air_sea_changes lists every moved value and its evidence).",
        "Rows before 16 Sep 2020 are scattered reports from before MND's daily publication; they carry no "
        "definition and are not drawn as years.",
        "Vessels are PLA Navy ships only; coast guard and other official ships are in mnd_reports (Oct 2025 on).",
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

CHANGES = TableSpec(
    name="air_sea_changes",
    title="Every change the refresh made to an upstream daily value, with its evidence",
    description=(
        "One row per value of air_sea_daily that differs from the upstream file: moved to its report day, "
        "emptied (the day's own report is missing upstream), dropped (a repeated report), filled from a witness, "
        "replaced (every witness of the day, at least two, agrees on another value) or corrected from the cited "
        "public record."
    ),
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "Report day concerned", nullable=False),
        Column("field", "str", "aircraft | vessels", nullable=False),
        Column("was", "Int64", "Upstream value stored on this day"),
        Column("now", "Int64", "Value in air_sea_daily"),
        Column(
            "action",
            "str",
            "realigned | emptied | dropped_repeat | dropped | filled | replaced | corrected",
            nullable=False,
        ),
        Column("evidence_source", "str", "Witness or citation that testifies for the report day"),
        Column("evidence_value", "Int64", "The witness's value for this report day, where it has one"),
        Column("run", "str", "The run of report days the upstream stored one day early (first → last)"),
        Column("detail", "str", "What was done and why", nullable=False),
    ),
    key=(),
    date_column="date",
)

DISPUTES = TableSpec(
    name="air_sea_disputes",
    title="Days where a witness still disagrees with the daily series after alignment",
    description="Per report day and field, each independent record that differs from the value kept (the primary "
    "source's value is kept; nothing is averaged).",
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "Report day", nullable=False),
        Column("field", "str", "aircraft | vessels", nullable=False),
        Column("value", "Int64", "Value kept in air_sea_daily"),
        Column("witness", "str", "madeye | lioneer | press", nullable=False),
        Column("witness_value", "Int64", "The witness's value", nullable=False),
    ),
    key=(),
    date_column="date",
)

AGREEMENT = TableSpec(
    name="air_sea_agreement",
    title="How often each witness agrees with the daily series, before and after alignment",
    description="Days compared and days agreeing, per witness and field, for the upstream values as stored and for "
    "the snapshot after report-day alignment and corrections.",
    source=SOURCE,
    columns=(
        Column("witness", "str", "madeye | lioneer | press | tracks (tracks: aircraft drawn ≤ total)", nullable=False),
        Column("field", "str", "aircraft | vessels", nullable=False),
        Column("stage", "str", "before (as stored upstream) | after (snapshot)", nullable=False),
        Column("days_compared", "Int64", "Report days both have", nullable=False),
        Column("days_agree", "Int64", "Of those, days with the same value", nullable=False),
    ),
    key=(),
    date_column=None,
)

TABLES = (DAILY, QC, CHANGES, DISPUTES, AGREEMENT)

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
        qc.append(_qc(pd.NaT, path.name, "blank_rows", f"{lines[0]}-{lines[-1]}", f"{len(lines)} empty rows skipped"))
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
        qc.append(
            _qc(
                day,
                path.name,
                "duplicate_date",
                lines,
                f"day listed {len(group)} times with the same counts; kept once",
            )
        )
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
        qc.append(
            _qc(
                row["date"],
                PRIMARY_NAME,
                "conflict",
                "",
                f"aircraft {row['aircraft']} here vs {row['aircraft_secondary']} in {SECONDARY_NAME}; kept {row['aircraft']}",
            )
        )
    filled = a.isna() & b.notna()
    for day in both.loc[filled, "date"]:
        qc.append(
            _qc(
                day,
                SECONDARY_NAME,
                "filled_from_secondary",
                "",
                f"aircraft count missing in {PRIMARY_NAME}; taken from {SECONDARY_NAME}",
            )
        )
    source = pd.Series(pd.NA, index=both.index, dtype="str")
    source[a.notna()] = PRIMARY_NAME
    source[filled] = SECONDARY_NAME
    return pd.DataFrame(
        {
            "date": both["date"],
            "aircraft": a.fillna(b),
            "vessels": both["vessels"],
            "source_file": source,
        }
    )


def to_calendar(daily: pd.DataFrame) -> pd.DataFrame:
    """Every calendar day from the first to the last report, missing days as nulls (never zero)."""
    reported = daily[daily[["aircraft", "vessels"]].notna().any(axis=1)]
    days = pd.date_range(reported["date"].min(), reported["date"].max(), freq="D", unit="ns")
    full = pd.DataFrame({"date": days}).merge(reported, on="date", how="left")
    return full.astype({"date": "datetime64[ns]", "aircraft": "Int64", "vessels": "Int64", "source_file": "str"})


def witnesses(raw: RawFolder, catalogs: Path | None) -> tuple[list[alignment.Witness], pd.DataFrame, list[dict]]:
    """Every independent record dated by report day, the madeye reports (for URLs and fills), and their inputs."""
    reports, files, summary = mnd_reports.load(raw)
    tracker_path = raw.locate(pla_tracker.RECORDS)
    tracker = pla_tracker.load(tracker_path).rename(columns={"ships": "vessels"})
    drawn, located = flight_tracks.load(raw)
    press = cited_catalogs.press_reports(catalogs)
    found = [
        alignment.Witness("madeye", mnd_reports.SOURCE.name, reports[["date", "aircraft", "vessels"]]),
        alignment.Witness(
            "press",
            "press reports (data/catalog/press_reports.yaml)",
            press[["date", "aircraft", "vessels"]],
            weight=2.0,
        ),
        # hand-typed, and one day off in some weeks itself: half weight
        alignment.Witness("lioneer", pla_tracker.SOURCE.name, tracker[["date", "aircraft", "vessels"]], weight=0.5),
        alignment.Witness("tracks", flight_tracks.SOURCE.name, drawn[["date", "aircraft_drawn"]], exact=False),
    ]
    inputs = (
        mnd_reports.inputs(files, summary)
        + [input_record(pla_tracker.SOURCE, pla_tracker.RECORDS, tracker_path)]
        + [input_record(flight_tracks.SOURCE, f, p) for f, p in located]
        + cited_catalogs.inputs(catalogs)
    )
    return found, reports, inputs


def fill_from_reports(daily: pd.DataFrame, reports: pd.DataFrame, changes: list[dict]) -> pd.DataFrame:
    """Report days the upstream lacks, from the madeye scrape of the same MND report (logged)."""
    out = daily.set_index("date")
    for _, report in reports.iterrows():
        day = report["date"]
        if day not in out.index:
            continue
        for f in alignment.FIELDS:
            if pd.isna(out.at[day, f]) and pd.notna(report[f]):
                out.at[day, f] = report[f]
                out.at[day, "source_file"] = "madeye daily report"
                changes.append(
                    alignment.change(
                        day,
                        f,
                        pd.NA,
                        report[f],
                        "filled",
                        "madeye",
                        report[f],
                        detail=f"no value upstream; taken from the madeye scrape of {report['source_url']}",
                    )
                )
    return out.reset_index()


def apply_corrections(daily: pd.DataFrame, catalogs: Path | None, changes: list[dict]) -> pd.DataFrame:
    """Cited corrections; one whose `was` no longer matches, or dated outside the series, stops the refresh."""
    found, path = cited_catalogs.corrections(catalogs)
    out = daily.set_index("date")
    first, last = out.index.min(), out.index.max()
    for c in found:
        if not first <= c.date <= last:
            raise LoaderError(
                path,
                f"entry {c.entry}: {c.date:%Y-%m-%d} is outside the daily series ({first:%Y-%m-%d} – {last:%Y-%m-%d})",
                column="date",
            )
        current = out.at[c.date, c.field]
        current = None if pd.isna(current) else int(current)
        if current != c.was:
            raise LoaderError(
                path,
                f"entry {c.entry}: {c.date:%Y-%m-%d} {c.field} is "
                f"{'empty' if current is None else current} after alignment, not "
                f"{'empty' if c.was is None else c.was} as the correction expects "
                f"(the upstream changed: check the correction again)",
                column="was",
            )
        out.at[c.date, c.field] = c.value
        out.at[c.date, "source_file"] = cited_catalogs.CORRECTIONS_FILE
        changes.append(
            alignment.change(
                c.date,
                c.field,
                c.was if c.was is not None else pd.NA,
                c.value,
                "corrected",
                c.citation,
                c.value,
                detail=c.reason,
            )
        )
    return out.reset_index()


def with_eras(daily: pd.DataFrame, reports: pd.DataFrame, catalogs: Path | None) -> pd.DataFrame:
    table = cited_catalogs.eras(catalogs)
    out = daily.copy()
    out["aircraft_definition"] = cited_catalogs.era_of(out["date"], table, "definition")
    out["report_window"] = cited_catalogs.era_of(out["date"], table, "window")
    urls = reports.set_index("date")["source_url"]
    out["report_url"] = out["date"].map(urls).astype("str")
    return out[[c.name for c in DAILY.columns]].astype({c.name: c.dtype for c in DAILY.columns})


def agreement_rows(before: pd.DataFrame, after: pd.DataFrame, found: list[alignment.Witness]) -> list[dict]:
    rows = []
    for stage, frame in (("before", before), ("after", after)):
        for w in found:
            if w.exact:
                rows += [r | {"stage": stage} for r in alignment.agreement(frame, w)]
            else:  # a lower bound agrees when no more aircraft were drawn than reported
                both = frame.merge(w.frame, on="date").dropna(subset=["aircraft", "aircraft_drawn"])
                rows.append(
                    {
                        "witness": w.name,
                        "field": "aircraft",
                        "stage": stage,
                        "days_compared": len(both),
                        "days_agree": int((both["aircraft_drawn"] <= both["aircraft"]).sum()),
                    }
                )
    return rows


def frame_of(rows: list[dict], spec: TableSpec) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[c.name for c in spec.columns])
    return conform(frame, spec)


def qc_frame(qc: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(qc, columns=[c.name for c in QC.columns])
    return frame.astype({"date": "datetime64[ns]", "file": "str", "check": "str", "rows": "str", "detail": "str"})


def build(raw: RawFolder, catalogs: Path | None = None) -> list[BuiltTable]:
    """load -> align to report days -> correct -> stamp eras; the caller saves (atomically, with the others).

    `catalogs` overrides the folder of the cited catalogs (tests)."""
    qc: list[dict] = []
    primary_path = raw.locate(PRIMARY)
    secondary_path = raw.locate(SECONDARY)
    primary = load_file(
        primary_path,
        {
            "pla_aircraft_sorties": ("aircraft", MAX_AIRCRAFT),
            "plan_vessel_sorties": ("vessels", MAX_VESSELS),
        },
        qc,
    )
    secondary = load_file(secondary_path, {"pla_aircraft_sorties": ("aircraft", MAX_AIRCRAFT)}, qc)
    stored = to_calendar(reconcile(primary, secondary, qc))
    found, reports, witness_inputs = witnesses(raw, catalogs)
    states = alignment.shift_states(stored, found)
    runs = alignment.runs(states, stored, found)
    aligned, changes = alignment.realign(stored, states, runs, found)
    aligned = alignment.replace_by_witnesses(fill_from_reports(aligned, reports, changes), found, changes)
    aligned = apply_corrections(aligned, catalogs, changes)
    daily = with_eras(aligned, reports, catalogs)
    inputs = [input_record(SOURCE, PRIMARY, primary_path), input_record(SOURCE, SECONDARY, secondary_path)]
    changed = frame_of(changes, CHANGES).sort_values(["date", "field"], kind="stable").reset_index(drop=True)
    disputed = frame_of(alignment.disputes(daily, [w for w in found if w.exact]), DISPUTES)
    disputed = disputed.sort_values(["date", "field", "witness"]).reset_index(drop=True)
    agree = frame_of(agreement_rows(stored, daily, found), AGREEMENT)
    evidence = inputs + witness_inputs
    return [
        BuiltTable(DAILY, daily, evidence),
        BuiltTable(QC, qc_frame(qc), inputs),
        BuiltTable(CHANGES, changed, evidence),
        BuiltTable(DISPUTES, disputed, evidence),
        BuiltTable(AGREEMENT, agree, evidence),
    ]
