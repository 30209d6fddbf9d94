"""Official ships, ADIZ entries and median-line crossings per report day -> `mnd_daily_measures`.

Derived from two transcriptions of the same MND daily report, so pages read one table and never
choose a source themselves:

* madeye (`mnd_reports`, Oct 2025 on) states all three measures for every report it holds;
* lioneer (`pla_tracker_daily`, 1 Jan – 3 May 2026) states only "aircraft that crossed the median
  line or entered the northern, central, south-western or eastern ADIZ" in one column.

Median-line crossings are ONE series, each day from a named source: madeye's `crossed_median` where
madeye has the report, else lioneer's column (`crossed_median_source` says which). Never an average.
Why madeye first: on the 122 report days both hold (real data, checked when this was written),
lioneer equals madeye's crossings on 102; of the other 20, 7 are lioneer dated one day early
(madeye's next report has the same aircraft and crossings), 2 are lioneer counting ADIZ entries
(it equals madeye's `entered_adiz`), the rest differ by a few aircraft. Lioneer's column is thus
"crossed or entered", an upper bound of crossings, used only where madeye has no report (in the
real data one day, 2026-03-29, whose 19 aircraft match the main series). ADIZ entries and official
ships come from madeye only: lioneer does not state them (its ships include official ships from
about 23 Mar 2026 and are not split).

Every calendar day from the first to the last report is a row; a day neither source reports is
empty, never zero.
"""

from __future__ import annotations

import pandas as pd

from loaders import mnd_reports, pla_tracker
from loaders.contract import Column, RawFolder, Source, TableSpec, UpstreamFile, conform
from loaders.snapshot import BuiltTable, input_record

MADEYE = "madeye"
LIONEER = "lioneer"


class _TwoSources(Source):
    """The source of a table derived from two upstreams: each file's URL is its own upstream's."""

    def url_of(self, file: UpstreamFile) -> str:
        owner = pla_tracker.SOURCE if file == pla_tracker.RECORDS else mnd_reports.SOURCE
        return owner.url_of(file)


SOURCE = _TwoSources(
    name="Taiwan Ministry of National Defense daily reports, via Taiwan Strait Monitor (madeye) and PLA Tracker "
    "(lioneer)",
    publisher="Ministry of National Defense, Republic of China (Taiwan); scraped by madeye/taiwan-strait-monitor, "
    "transcribed by lioneer32232002-commits/pla-tracker",
    **mnd_reports.MADEYE.fields(),
    licence="MIT (madeye/taiwan-strait-monitor); none stated (pla-tracker); facts from Taiwan MND public reports",
    files=(mnd_reports.SUMMARY, pla_tracker.RECORDS),
)

MEASURES = TableSpec(
    name="mnd_daily_measures",
    title="Official ships, ADIZ entries and median-line crossings per MND report day",
    description=(
        "Per MND report day: official ships (coast guard and other state ships), aircraft that entered Taiwan's "
        "ADIZ, and aircraft that crossed the Taiwan Strait median line, each day from a named transcription "
        "(madeye where it has the report, else lioneer for crossings only)."
    ),
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "MND report day", nullable=False),
        Column(
            "official_ships",
            "Int64",
            "Official ships (coast guard and other state ships), not PLA Navy; madeye",
            unit="ships",
        ),
        Column("entered_adiz", "Int64", "Aircraft that entered Taiwan's ADIZ; madeye", unit="aircraft"),
        Column(
            "crossed_median",
            "Int64",
            "Aircraft that crossed the Taiwan Strait median line (see crossed_median_source)",
            unit="aircraft",
        ),
        Column(
            "crossed_median_source",
            "str",
            "Whose transcription the day's crossings are: madeye | lioneer (lioneer's also counts ADIZ entries)",
        ),
        Column("report_url", "str", "Address of the day's MND report (madeye days only)"),
    ),
    coverage_of=("official_ships", "entered_adiz", "crossed_median"),
    notes=(
        "Crossings: madeye's crossed_median where madeye has the report, else lioneer's median_line_crossings, "
        "which counts aircraft that crossed the median line OR entered the N/C/SW/E ADIZ (an upper bound). "
        "On the 122 days both hold they agree on 102; 7 of the others are lioneer dated a day early, 2 are "
        "lioneer counting ADIZ entries. Never averaged.",
        "Official ships and ADIZ entries: madeye only (Oct 2025 on).",
        "A day neither source reports is empty, never zero.",
    ),
)

TABLES = (MEASURES,)


def combine(reports: pd.DataFrame, tracker: pd.DataFrame) -> pd.DataFrame:
    """One row per calendar day; crossings from madeye where it reports the day, else from lioneer."""
    lioneer = tracker.loc[tracker["median_line_crossings"].notna(), ["date", "median_line_crossings"]]
    known = pd.concat([reports["date"], lioneer["date"]])
    if known.empty:
        return pd.DataFrame(columns=[c.name for c in MEASURES.columns]).astype(
            {c.name: c.dtype for c in MEASURES.columns}
        )
    days = pd.DataFrame({"date": pd.date_range(known.min(), known.max(), freq="D", unit="ns")})
    mine = reports[["date", "official_ships", "entered_adiz", "crossed_median", "source_url"]]
    frame = days.merge(mine, on="date", how="left").merge(lioneer, on="date", how="left")
    from_madeye = frame["date"].isin(reports["date"]) & frame["crossed_median"].notna()
    from_lioneer = ~from_madeye & frame["median_line_crossings"].notna()
    frame["crossed_median"] = frame["crossed_median"].where(from_madeye, frame["median_line_crossings"])
    frame["crossed_median_source"] = None
    frame.loc[from_madeye, "crossed_median_source"] = MADEYE
    frame.loc[from_lioneer, "crossed_median_source"] = LIONEER
    frame = frame.rename(columns={"source_url": "report_url"})[[c.name for c in MEASURES.columns]]
    return conform(frame, MEASURES).reset_index(drop=True)


def build(raw: RawFolder) -> list[BuiltTable]:
    reports, files, summary = mnd_reports.load(raw)
    records = raw.locate(pla_tracker.RECORDS)
    tracker = pla_tracker.load(records)
    inputs = mnd_reports.inputs(files, summary) + [input_record(pla_tracker.SOURCE, pla_tracker.RECORDS, records)]
    return [BuiltTable(MEASURES, combine(reports, tracker), inputs)]
