"""Japan Ministry of Defense (Joint Staff Office) reports of Chinese and Russian activity near
Japan -> `japan_side_events` (long, tidy) and `japan_side_qc` (what was withheld and why).

Source: s0914712/pla-data-dashboard. Its scraper reads the Joint Staff Office press releases
(PDF, Japanese) and writes one row per day into `JapanandBattleship.csv`, in columns with Chinese
names, next to the Taiwan MND counts that `pla_daily` reads from the same file:

| raw column | meaning (upstream's own definition)                                          | here |
|------------|-------------------------------------------------------------------------------|------|
| 空中        | aircraft activity reported (aircraft, helicopters, carrier aircraft)          | indicator `air_activity` |
| 聯合演訓    | joint exercise / joint activity mentioned (in practice China–Russia)          | indicator `joint_drill` |
| 艦通過      | ship passage reported (any route)                                             | indicator `ship_passage` |
| 航母活動    | aircraft-carrier activity                                                     | indicator `carrier_activity` |
| 與那國      | passage near Yonaguni (between Yonaguni and Iriomote / Taiwan)                | `strait_transit`, strait `yonaguni` |
| 宮古        | passage through the Miyako Strait (Okinawa–Miyako)                            | `strait_transit`, strait `miyako` |
| 大禹        | passage through the Osumi Strait (the upstream writes 大禹 for 大隅)           | `strait_transit`, strait `osumi` |
| 對馬        | passage through the Tsushima Strait                                           | `strait_transit`, strait `tsushima` |
| 進 / 出     | heading into the East China Sea / out toward the Pacific (upstream labels)    | `direction` |
| 艦型        | ship classes named in the report (zh-TW; some Japanese katakana kept)         | `ship_type` |
| 備考        | short zh-TW summary written by the upstream (rules or an LLM)                 | `remark` |
| 國家        | navy/air force reported: 中國, 俄羅斯, or both                                | `country` |

`logs/strait_conflicts.json` is the upstream's own reconciliation log between the PDFs and the
CSV: `backfilled` strait flags (set on an earlier event date from a later report's look-back),
`suppressed` mentions (sentences such as 「なお、…と同一である」 that only identify ships seen
before; an earlier regex counted them as passages on the report day), and open `conflicts`.

Cleaning rules (each one also in the table notes, so the data dictionary states them):

1. Only days with at least one Japan-side value become events; the Taiwan-side columns are
   `pla_daily`'s business. Flags must be 0 or 1 (written 0.0/1.0 upstream); anything else stops
   the refresh with file, row and column.
2. A blank flag is *not recorded*, never 0: the upstream marked only 1s for 2024–2025 and writes
   explicit 0/1 from January 2026. Blank flags produce no event row.
3. Impossible strait combinations are withheld, not passed through: one report day cannot have the
   same ships in straits more than 7° of latitude apart (the upstream's own check, after the regex
   bug that put Tsushima and Yonaguni on the same day). Which flag is wrong cannot be told without
   the report text, so every strait flag of such a day is kept as a row with an empty `flag` and
   the day is listed in `japan_side_qc`.
4. Flags on the day of a report whose mention of that strait the upstream log classes as a
   back-reference are kept but listed in the QC log as suspect; backfilled flags are listed too.
5. `direction` describes passages only (rows of `ship_passage` / `strait_transit` with flag 1);
   it is the day's 進/出 pair, so on a day with several straits it is not per strait.
6. 艦型 「未提及」 ("not mentioned") becomes empty. Country names become china / russia /
   china_russia. The legacy `remark` column is True/False (not Japan-side) except on a few
   January–February 2026 rows where the summary text was written there; that text is used as the
   remark when 備考 is empty, and logged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from loaders.contract import PLA_DATA_DASHBOARD, Column, RawFolder, Source, TableSpec, UpstreamFile
from loaders.errors import LoaderError
from loaders.pla_daily import PRIMARY
from loaders.raw_csv import FIRST_DATE, LAST_DATE, line_of, parse_dates, read_csv_strings, read_json
from loaders.snapshot import BuiltTable, input_record

CONFLICT_LOG = UpstreamFile(
    path="pla-data-dashboard/logs/strait_conflicts.json",
    upstream_path="data/logs/strait_conflicts.json",
    sha256="bfc12fdf6298a5248624c476ef139a4368a1bef833c583b78e9bee2cfa78d2b3",
)

SOURCE = Source(
    name="Japan Ministry of Defense Joint Staff Office press releases, via pla-data-dashboard",
    publisher="Joint Staff Office, Ministry of Defense of Japan; transcribed by s0914712/pla-data-dashboard",
    **PLA_DATA_DASHBOARD.fields(),
    licence="None stated upstream (no LICENSE file); facts from Japan MOD Joint Staff Office press releases",
    files=(PRIMARY, CONFLICT_LOG),
)

DATE_FORMAT = "%Y/%m/%d"
# The upstream log starts on 2015/03/30: an earlier date is a typo.
FIRST_DAY = pd.Timestamp("2015-01-01")

INDICATORS = {  # raw column -> indicator (not about one strait)
    "空中": "air_activity",
    "聯合演訓": "joint_drill",
    "艦通過": "ship_passage",
    "航母活動": "carrier_activity",
}
STRAITS = {  # raw column -> strait
    "與那國": "yonaguni",
    "宮古": "miyako",
    "大禹": "osumi",
    "對馬": "tsushima",
}
STRAIT_NAMES = {"yonaguni": "Yonaguni", "miyako": "Miyako", "osumi": "Osumi", "tsushima": "Tsushima"}
# Approximate latitude of each passage and the widest span one report day can plausibly cover:
# both copied from the upstream's own geographic check (scraper_japan_mod.py, STRAIT_LATITUDE and
# MAX_STRAIT_LAT_SPAN): Miyako and Yonaguni are neighbours; Tsushima is ~1,400 km north of Yonaguni.
STRAIT_LATITUDE = {"tsushima": 34.4, "osumi": 31.0, "miyako": 24.8, "yonaguni": 24.4}
MAX_LATITUDE_SPAN = 7.0
# Words the remark uses for each strait, to compare the text with the flags.
REMARK_WORDS = {"yonaguni": "與那國", "miyako": "宮古", "osumi": "大隅", "tsushima": "對馬"}

DIRECTION_IN, DIRECTION_OUT = "進", "出"
SHIP_TYPE, REMARK, COUNTRY, LEGACY_REMARK = "艦型", "備考", "國家", "remark"
JAPAN_COLUMNS = [*INDICATORS, *STRAITS, DIRECTION_IN, DIRECTION_OUT, SHIP_TYPE, REMARK, COUNTRY]

COUNTRIES = {"中國": "china", "俄羅斯": "russia", "中國、俄羅斯": "china_russia", "未知": None}
NOT_MENTIONED = "未提及"
FLAG_TEXT = {"0": 0, "0.0": 0, "1": 1, "1.0": 1}
LEGACY_BOOLEANS = {"", "True", "False"}
PASSAGE_INDICATORS = ("ship_passage", "strait_transit")

EVENTS = TableSpec(
    name="japan_side_events",
    title="Japan-side reports of Chinese and Russian military activity, by day",
    description=(
        "What Japan's Ministry of Defense (Joint Staff Office) reported near Japan, one row per day, "
        "indicator and strait: aircraft activity, joint drills, ship passages, carrier activity and "
        "passages through the Yonaguni, Miyako, Osumi and Tsushima straits, as transcribed by "
        "pla-data-dashboard. Flags, not counts: 1 = reported, 0 = explicitly not reported (2026 on)."
    ),
    source=SOURCE,
    columns=(
        Column(
            "date",
            "datetime64[ns]",
            "Day the Japan MOD report refers to (report day; backfilled strait flags carry the earlier passage day)",
            nullable=False,
        ),
        Column(
            "indicator",
            "str",
            "air_activity | joint_drill | ship_passage | carrier_activity | strait_transit",
            nullable=False,
        ),
        Column(
            "strait", "str", "yonaguni | miyako | osumi | tsushima for strait_transit; none otherwise", nullable=False
        ),
        Column(
            "flag",
            "Int64",
            "1 = reported that day, 0 = report says not; empty = withheld as impossible (see japan_side_qc)",
            unit="flag (0/1)",
        ),
        Column(
            "direction",
            "str",
            "in (toward the East China Sea) | out (toward the Pacific) | both | unknown; passages with flag 1 only",
        ),
        Column("ship_type", "str", "Ship classes named that day (source text, zh-TW)"),
        Column("country", "str", "china | russia | china_russia (empty before February 2026: not recorded)"),
        Column("remark", "str", "Upstream summary of the day (source text, zh-TW)"),
        Column("source_row", "Int64", "Spreadsheet row in JapanandBattleship.csv", nullable=False),
    ),
    key=("date", "indicator", "strait"),
    notes=(
        "Original columns: 空中 → air_activity, 聯合演訓 → joint_drill, 艦通過 → ship_passage, "
        "航母活動 → carrier_activity, 與那國/宮古/大禹(大隅)/對馬 → strait_transit at "
        "yonaguni/miyako/osumi/tsushima, 進/出 → direction in/out, 艦型 → ship_type, 備考 → remark, "
        "國家 → country.",
        "Japan-side records start in January 2024. In 2024–2025 the upstream marked only 1s on selected "
        "days (80 days in 2024, 52 in 2025); from January 2026 it writes explicit 0/1 for every report. "
        "A blank is 'not recorded' and gives no row, so a day missing here is not a day without activity.",
        "Flags say whether something was reported, not how many ships or aircraft; ship and aircraft "
        "numbers appear only in the remark text.",
        "Impossible strait combinations (straits more than 7° of latitude apart on one day, the "
        "upstream's own check) are withheld: the rows stay, with an empty flag, and japan_side_qc says why.",
        "direction is the day's 進/出 pair as labelled upstream (進 = toward the East China Sea or "
        "northbound through Tsushima, 出 = toward the Pacific or southbound through Tsushima); on days "
        "with several straits it is not per strait.",
        "ship_type 未提及 ('not mentioned') is empty. The legacy True/False 'remark' column is not "
        "Japan-side and is dropped, except where it holds summary text (used as remark, logged).",
        "Dates are Japan MOD report days (Japan time), not the Taiwan MND report day used by air_sea_daily; "
        "the two can differ by a day.",
    ),
)

QC = TableSpec(
    name="japan_side_qc",
    title="Data-quality log for the Japan-side events",
    description=(
        "Every strait flag withheld as impossible, every flag the upstream's own log marks as suspect or "
        "backfilled, and every other oddity found while building japan_side_events."
    ),
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "Day concerned (empty for file-level notes)"),
        Column("file", "str", "Raw file", nullable=False),
        Column(
            "check",
            "str",
            "impossible_strait_combination | suspect_back_reference | backfilled | "
            "upstream_conflict | remark_differs_from_flags | text_in_remark_column | duplicate_date | "
            "no_flags",
            nullable=False,
        ),
        Column("rows", "str", "Spreadsheet row numbers in the raw file"),
        Column("detail", "str", "What was found and what was done", nullable=False),
    ),
    key=(),
    date_column=None,
)

TABLES = (EVENTS, QC)

CSV_NAME = Path(PRIMARY.path).name
LOG_NAME = Path(CONFLICT_LOG.path).name
PDF_DATE = re.compile(r"^p(\d{8})_\d+\.pdf$")


def _qc(date, file: str, check: str, rows: str, detail: str) -> dict:
    return {"date": date, "file": file, "check": check, "rows": rows, "detail": detail}


def parse_flags(values: pd.Series, path: Path, column: str) -> pd.Series:
    """0/1 flags (upstream writes 0.0/1.0) as nullable Int64; blank = not recorded, never 0."""
    text = values.str.strip()
    bad = ~text.isin(list(FLAG_TEXT) + [""])
    if bad.any():
        index = bad[bad].index[0]
        raise LoaderError(path, f"'{text[index]}' is not a 0/1 flag", row=line_of(index), column=column)
    return text.map(FLAG_TEXT).astype("Int64")


def parse_countries(values: pd.Series, path: Path) -> pd.Series:
    text = values.str.strip()
    known = text.isin(list(COUNTRIES) + [""])
    if not known.all():
        index = known[~known].index[0]
        raise LoaderError(
            path,
            f"'{text[index]}' is not a known country (expected one of {', '.join(COUNTRIES)})",
            row=line_of(index),
            column=COUNTRY,
        )
    return text.map(lambda v: COUNTRIES.get(v)).astype("str")


def _blank_to_na(values: pd.Series) -> pd.Series:
    text = values.str.strip()
    return text.where(text != "").astype("str")


def load_days(path: Path, qc: list[dict]) -> pd.DataFrame:
    """Rows of JapanandBattleship.csv that carry Japan-side values -> one parsed row per day."""
    raw = read_csv_strings(path, ["date", *JAPAN_COLUMNS, LEGACY_REMARK])
    legacy_text = ~raw[LEGACY_REMARK].str.strip().isin(LEGACY_BOOLEANS)
    has_japan = (raw[JAPAN_COLUMNS].apply(lambda col: col.str.strip() != "")).any(axis=1) | legacy_text
    raw = raw[has_japan]
    dates = parse_dates(raw["date"], path, "date", DATE_FORMAT, earliest=FIRST_DAY)
    if dates.isna().any():
        raise LoaderError(
            path, "row has Japan-side values but no date", row=line_of(dates.index[dates.isna()][0]), column="date"
        )
    days = pd.DataFrame({"date": dates, "source_row": [line_of(i) for i in raw.index]}, index=raw.index)
    for column in [*INDICATORS, *STRAITS, DIRECTION_IN, DIRECTION_OUT]:
        days[column] = parse_flags(raw[column], path, column)
    ship_type = _blank_to_na(raw[SHIP_TYPE])
    days["ship_type"] = ship_type.where(ship_type != NOT_MENTIONED)
    days["country"] = parse_countries(raw[COUNTRY], path)
    days["remark"] = _blank_to_na(raw[REMARK])
    for index in raw.index[legacy_text[raw.index]]:
        text = raw.at[index, LEGACY_REMARK].strip()
        if pd.isna(days.at[index, "remark"]):
            days.at[index, "remark"] = text
            what = "used as the remark (備考 is empty)"
        else:
            what = "ignored (備考 already holds a remark)"
        qc.append(
            _qc(
                days.at[index, "date"],
                path.name,
                "text_in_remark_column",
                str(line_of(index)),
                f"the True/False 'remark' column holds summary text; {what}",
            )
        )
    return _collapse_duplicates(days, path, qc)


def _collapse_duplicates(days: pd.DataFrame, path: Path, qc: list[dict]) -> pd.DataFrame:
    """A day listed twice with identical Japan-side values is kept once; differing repeats are an error."""
    values = [c for c in days.columns if c not in ("date", "source_row")]
    for day, group in days[days["date"].duplicated(keep=False)].groupby("date"):
        rows = ", ".join(str(r) for r in group["source_row"])
        if len(group[values].astype("str").drop_duplicates()) > 1:
            raise LoaderError(
                path,
                f"date {day:%Y-%m-%d} appears on rows {rows} with different Japan-side values",
                row=int(group["source_row"].iloc[1]),
                column="date",
            )
        qc.append(
            _qc(day, path.name, "duplicate_date", rows, "day listed more than once with the same values; kept once")
        )
    return days.drop_duplicates("date").sort_values("date").reset_index(drop=True)


def direction_of(inward, outward) -> str:
    if is_one(inward) and is_one(outward):
        return "both"
    if is_one(inward):
        return "in"
    if is_one(outward):
        return "out"
    return "unknown"


def is_one(value) -> bool:
    """True for a flag of 1; False for 0 and for a missing flag (never compares NA)."""
    return not pd.isna(value) and value == 1


def _active_straits(row: pd.Series) -> list[str]:
    return [strait for column, strait in STRAITS.items() if is_one(row[column])]


def withhold_impossible(days: pd.DataFrame, qc: list[dict]) -> pd.DataFrame:
    """Strait flags that cannot all be true on one day are blanked (rule 3) and logged."""
    days = days.copy()
    for index, row in days.iterrows():
        active = _active_straits(row)
        if len(active) < 2:
            continue
        latitudes = [STRAIT_LATITUDE[s] for s in active]
        span = max(latitudes) - min(latitudes)
        if span <= MAX_LATITUDE_SPAN:
            continue
        for column, strait in STRAITS.items():
            if strait in active:
                days.at[index, column] = pd.NA
        names = " + ".join(f"{STRAIT_NAMES[s]} ({STRAIT_LATITUDE[s]}°N)" for s in active)
        two_navies = (
            " Two navies were reported that day, so two groups of ships may be involved."
            if row["country"] == "china_russia"
            else ""
        )
        qc.append(
            _qc(
                row["date"],
                CSV_NAME,
                "impossible_strait_combination",
                str(row["source_row"]),
                f"{names} flagged on the same day, {span:.1f}° of latitude apart (the upstream's own check "
                f"allows {MAX_LATITUDE_SPAN:.0f}°).{two_navies} Which flag is wrong cannot be told without "
                f"the report text, so all {len(active)} strait flags of the day are withheld (empty).",
            )
        )
    return days


def read_conflict_log(path: Path) -> dict:
    """The upstream's reconciliation log; its shape is checked so a format change fails loudly."""
    log = read_json(path)
    if not isinstance(log, dict):
        raise LoaderError(path, "expected a JSON object with 'backfilled', 'suppressed' and 'conflicts' lists")
    for key in ("backfilled", "suppressed", "conflicts"):
        if not isinstance(log.get(key, []), list):
            raise LoaderError(path, f"'{key}' is not a list")
    for key in ("backfilled", "suppressed"):
        for i, item in enumerate(log.get(key, [])):
            if not isinstance(item, dict):
                raise LoaderError(path, f"{key}[{i}]: expected an object, got {type(item).__name__}")
    for i, entry in enumerate(log.get("suppressed", [])):
        mentions = entry.get("mentions", [])
        if not isinstance(mentions, list) or not all(isinstance(m, dict) for m in mentions):
            raise LoaderError(path, f"suppressed[{i}]: 'mentions' is not a list of objects")
        for mention in mentions:
            dates = mention.get("explicit_dates", [])
            if not isinstance(dates, list) or not all(isinstance(d, str) for d in dates):
                raise LoaderError(path, f"suppressed[{i}]: 'explicit_dates' is not a list of texts")
    return log


def _strait_of(name, path: Path, where: str) -> str:
    if not isinstance(name, str) or name not in STRAITS:
        raise LoaderError(path, f"{where}: unknown strait '{name}' (expected one of {', '.join(STRAITS)})")
    return STRAITS[name]


def _pdf_day(source, path: Path, where: str) -> pd.Timestamp:
    match = PDF_DATE.match(str(source))
    day = pd.to_datetime(match.group(1), format="%Y%m%d", errors="coerce") if match else pd.NaT
    if pd.isna(day) or not FIRST_DATE <= day <= LAST_DATE:
        raise LoaderError(path, f"{where}: source '{source}' is not a Joint Staff PDF name like p20260310_01.pdf")
    return day


def apply_conflict_log(days: pd.DataFrame, withheld: pd.DataFrame, log: dict, path: Path, qc: list[dict]) -> None:
    """Rule 4: list backfilled flags, suspect back-references and open conflicts.

    `days` holds the flags as read, `withheld` after rule 3, so the log can say which still stand.
    """
    by_day, after = days.set_index("date"), withheld.set_index("date")
    column_of = {strait: column for column, strait in STRAITS.items()}

    def flag_on(day: pd.Timestamp, strait: str):
        if day not in by_day.index:
            return None, ""
        return by_day.at[day, column_of[strait]], str(by_day.at[day, "source_row"])

    def fate(day: pd.Timestamp, strait: str) -> str:
        return "kept" if is_one(after.at[day, column_of[strait]]) else "withheld as impossible (see that check)"

    for i, item in enumerate(log.get("backfilled", [])):
        where = f"backfilled[{i}]"
        try:
            day = pd.Timestamp(pd.to_datetime(item["date"], format=DATE_FORMAT))
        except (KeyError, TypeError, ValueError):
            raise LoaderError(path, f"{where}: missing or bad 'date' (expected {DATE_FORMAT})") from None
        if pd.isna(day) or not FIRST_DATE <= day <= LAST_DATE:
            raise LoaderError(path, f"{where}: 'date' {item['date']!r} is not a usable day")
        strait = _strait_of(item.get("strait"), path, where)
        flag, rows = flag_on(day, strait)
        state = fate(day, strait) if is_one(flag) else "but JapanandBattleship.csv has no such flag"
        qc.append(
            _qc(
                day,
                LOG_NAME,
                "backfilled",
                rows,
                f"{STRAIT_NAMES[strait]} flag set by the upstream from a look-back in the later report "
                f"{item.get('source', '?')}, so the date is the passage day, not a report day; {state}",
            )
        )
    for i, entry in enumerate(log.get("suppressed", [])):
        where = f"suppressed[{i}]"
        day = _pdf_day(entry.get("source"), path, where)
        for mention in entry.get("mentions", []):
            strait = _strait_of(mention.get("strait"), path, where)
            flag, rows = flag_on(day, strait)
            if not is_one(flag):
                continue  # the upstream suppressed it and the CSV agrees: nothing to report
            dates = ", ".join(mention.get("explicit_dates", [])) or "an earlier day"
            qc.append(
                _qc(
                    day,
                    CSV_NAME,
                    "suspect_back_reference",
                    rows,
                    f"{STRAIT_NAMES[strait]} is flagged on the day of report {entry['source']}, whose mention "
                    f"of it the upstream log classes as a look-back to a passage on {dates} "
                    f"({mention.get('reason', '')}). Another report that day may also support it; "
                    f"{fate(day, strait)}.",
                )
            )
    for i, conflict in enumerate(log.get("conflicts", [])):
        source = conflict.get("source", "?") if isinstance(conflict, dict) else "?"
        qc.append(
            _qc(
                pd.NaT,
                LOG_NAME,
                "upstream_conflict",
                "",
                f"conflicts[{i}] from {source}: {json.dumps(conflict, ensure_ascii=False)[:300]}",
            )
        )


def log_remark_mismatches(days: pd.DataFrame, qc: list[dict]) -> None:
    """The remark was written at scrape time, the flags possibly rebuilt later: differences are listed."""
    for _, row in days.iterrows():
        if pd.isna(row["remark"]):
            continue
        named = {s for s, word in REMARK_WORDS.items() if word in row["remark"]}
        flagged = set(_active_straits(row))
        if named and named != flagged:
            qc.append(
                _qc(
                    row["date"],
                    CSV_NAME,
                    "remark_differs_from_flags",
                    str(row["source_row"]),
                    f"remark names {', '.join(STRAIT_NAMES[s] for s in sorted(named))}; flags say "
                    f"{', '.join(STRAIT_NAMES[s] for s in sorted(flagged)) or 'no strait'}. The remark was "
                    f"written when the report was first read; the upstream re-derived the strait flags later "
                    f"and may have moved them to the passage day. Flags kept.",
                )
            )


def to_events(days: pd.DataFrame, withheld: pd.DataFrame, qc: list[dict]) -> pd.DataFrame:
    """Wide day rows -> one row per (date, indicator, strait) that the source recorded."""
    records: list[dict] = []
    for index, row in withheld.iterrows():
        direction = direction_of(row[DIRECTION_IN], row[DIRECTION_OUT])
        common = {
            "ship_type": row["ship_type"],
            "country": row["country"],
            "remark": row["remark"],
            "source_row": row["source_row"],
        }
        cells = [(column, name, "none") for column, name in INDICATORS.items()]
        cells += [(column, "strait_transit", strait) for column, strait in STRAITS.items()]
        emitted = 0
        for column, indicator, strait in cells:
            recorded = not pd.isna(days.at[index, column])  # before withholding: withheld rows stay
            if not recorded:
                continue
            flag = row[column]
            passage = indicator in PASSAGE_INDICATORS and is_one(flag)
            records.append(
                {
                    "date": row["date"],
                    "indicator": indicator,
                    "strait": strait,
                    "flag": flag,
                    "direction": direction if passage else pd.NA,
                    **common,
                }
            )
            emitted += 1
        if emitted == 0:
            qc.append(
                _qc(
                    row["date"],
                    CSV_NAME,
                    "no_flags",
                    str(row["source_row"]),
                    "only direction (進/出) or text recorded, no indicator or strait flag; no event rows",
                )
            )
    events = pd.DataFrame(records, columns=[c.name for c in EVENTS.columns])
    events = events.astype(
        {
            "date": "datetime64[ns]",
            "indicator": "str",
            "strait": "str",
            "flag": "Int64",
            "direction": "str",
            "ship_type": "str",
            "country": "str",
            "remark": "str",
            "source_row": "Int64",
        }
    )
    return events.sort_values(list(EVENTS.key)).reset_index(drop=True)


def qc_frame(qc: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(qc, columns=[c.name for c in QC.columns])
    frame = frame.astype({"date": "datetime64[ns]", "file": "str", "check": "str", "rows": "str", "detail": "str"})
    return frame.sort_values(["date", "check"], na_position="first", kind="stable").reset_index(drop=True)


def build(raw: RawFolder) -> list[BuiltTable]:
    """load -> check against the upstream's own log -> long table; the caller saves."""
    qc: list[dict] = []
    csv_path, log_path = raw.locate(PRIMARY), raw.locate(CONFLICT_LOG)
    days = load_days(csv_path, qc)
    log = read_conflict_log(log_path)
    withheld = withhold_impossible(days, qc)
    apply_conflict_log(days, withheld, log, log_path, qc)
    log_remark_mismatches(days, qc)
    events = to_events(days, withheld, qc)
    inputs = [input_record(SOURCE, PRIMARY, csv_path), input_record(SOURCE, CONFLICT_LOG, log_path)]
    return [BuiltTable(EVENTS, events, inputs), BuiltTable(QC, qc_frame(qc), inputs)]
