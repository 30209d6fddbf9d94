"""The Japan-side loader: the long table's invariants, impossible strait flags withheld and logged,
the upstream's own log applied, bad input named by file/row/column, and the real raw files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from loaders import japan_mod
from loaders.contract import RawFolder, check_table
from loaders.errors import LoaderError
from tests.conftest import GOOD_SECONDARY, write_raw
from tests.fixtures_japan_trade import CONFLICT_LOG, JAPAN_ROWS, japan_row, write_conflict_log
from tests.helpers import loader_error

INDICATORS = {"air_activity", "joint_drill", "ship_passage", "carrier_activity", "strait_transit"}
STRAITS = {"yonaguni", "miyako", "osumi", "tsushima"}


def raw_with(tmp_path: Path, rows: list[str] = JAPAN_ROWS, log: dict | str = CONFLICT_LOG) -> Path:
    root = write_raw(tmp_path / "raw", rows, GOOD_SECONDARY)
    write_conflict_log(root, log)
    return root


def build(root: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    events, qc = japan_mod.build(RawFolder(root))
    check_table(events.frame, events.spec)
    check_table(qc.frame, qc.spec)
    return events.frame, qc.frame


def day(events: pd.DataFrame, iso: str) -> pd.DataFrame:
    return events[events["date"] == pd.Timestamp(iso)].set_index(["indicator", "strait"])


def assert_invariants(events: pd.DataFrame, qc: pd.DataFrame) -> None:
    """What every consumer of japan_side_events may rely on."""
    assert list(events.columns) == [c.name for c in japan_mod.EVENTS.columns]
    assert not events.duplicated(["date", "indicator", "strait"]).any()
    assert set(events["indicator"]) <= INDICATORS
    transit = events["indicator"] == "strait_transit"
    assert set(events.loc[transit, "strait"]) <= STRAITS
    assert (events.loc[~transit, "strait"] == "none").all()
    assert set(events["flag"].dropna()) <= {0, 1}
    # an empty flag only where a strait flag was withheld, and every such day is in the QC log
    withheld = events[events["flag"].isna()]
    assert (withheld["indicator"] == "strait_transit").all()
    impossible = set(qc.loc[qc["check"] == "impossible_strait_combination", "date"])
    assert set(withheld["date"]) <= impossible
    # direction describes passages only
    passage = events["indicator"].isin(["ship_passage", "strait_transit"]) & (events["flag"] == 1).fillna(False)
    assert events.loc[passage, "direction"].isin(["in", "out", "both", "unknown"]).all()
    assert events.loc[~passage, "direction"].isna().all()
    assert set(events["country"].dropna()) <= {"china", "russia", "china_russia"}


def test_long_table_from_good_input(tmp_path: Path) -> None:
    events, qc = build(raw_with(tmp_path))
    assert_invariants(events, qc)
    assert pd.Timestamp("2024-05-20") not in set(events["date"])  # Taiwan-side only
    may21 = day(events, "2024-05-21")
    assert may21.loc[("strait_transit", "miyako"), "flag"] == 1
    assert may21.loc[("strait_transit", "miyako"), "direction"] == "out"
    assert may21.loc[("strait_transit", "miyako"), "ship_type"] == "旅洋"
    assert may21.loc[("strait_transit", "miyako"), "remark"] == "東進"
    assert ("strait_transit", "tsushima") not in may21.index  # blank = not recorded: no row, never 0
    assert len(day(events, "2024-05-22")) == 1  # only the joint drill was marked
    mar05 = day(events, "2026-03-05")
    assert mar05.loc[("strait_transit", "yonaguni"), "flag"] == 0  # an explicit 0 stays a row with 0
    assert mar05.loc[("strait_transit", "osumi"), "flag"] == 1  # Osumi + Miyako (6.2°) are allowed together
    assert mar05.loc[("strait_transit", "miyako"), "flag"] == 1
    assert pd.isna(mar05.loc[("air_activity", "none"), "direction"])


def test_impossible_strait_combination_is_withheld_and_logged(tmp_path: Path) -> None:
    events, qc = build(raw_with(tmp_path))
    feb16 = day(events, "2026-02-16")
    assert pd.isna(feb16.loc[("strait_transit", "tsushima"), "flag"])
    assert pd.isna(feb16.loc[("strait_transit", "yonaguni"), "flag"])
    assert feb16.loc[("strait_transit", "miyako"), "flag"] == 0  # unflagged straits of the day are untouched
    assert feb16.loc[("ship_passage", "none"), "flag"] == 1
    logged = qc[qc["check"] == "impossible_strait_combination"]
    assert logged["date"].tolist() == [pd.Timestamp("2026-02-16")]
    row = logged.iloc[0]
    assert "Yonaguni" in row["detail"] and "Tsushima" in row["detail"] and "withheld" in row["detail"]
    assert row["rows"] == "5"  # spreadsheet row in JapanandBattleship.csv
    # neighbours are not impossible
    mar02 = day(events, "2026-03-02")
    assert (
        mar02.loc[("strait_transit", "yonaguni"), "flag"] == 1 and mar02.loc[("strait_transit", "miyako"), "flag"] == 1
    )
    assert mar02.loc[("strait_transit", "miyako"), "direction"] == "both"
    assert mar02.loc[("strait_transit", "miyako"), "country"] == "china_russia"
    assert pd.isna(mar02.loc[("strait_transit", "miyako"), "ship_type"])  # 未提及 = not mentioned


def test_upstream_log_back_references_and_backfills(tmp_path: Path) -> None:
    events, qc = build(raw_with(tmp_path))
    suspect = qc[qc["check"] == "suspect_back_reference"]
    assert suspect["date"].tolist() == [pd.Timestamp("2026-03-10")]  # the 03-05 mention has flag 0: not logged
    assert "p20260310_01.pdf" in suspect.iloc[0]["detail"] and "kept" in suspect.iloc[0]["detail"]
    assert day(events, "2026-03-10").loc[("strait_transit", "tsushima"), "flag"] == 1  # kept, not withheld
    backfilled = qc[qc["check"] == "backfilled"]
    assert backfilled["date"].tolist() == [pd.Timestamp("2026-03-14")]
    assert "p20260318_01.pdf" in backfilled.iloc[0]["detail"]


def test_summary_text_in_the_legacy_remark_column_is_used_and_logged(tmp_path: Path) -> None:
    events, qc = build(raw_with(tmp_path))
    assert day(events, "2026-02-16")["remark"].iloc[0].startswith("俄羅斯海軍3艘艦艇")
    assert "text_in_remark_column" in set(qc["check"])
    assert day(events, "2024-05-21")["remark"].iloc[0] == "東進"  # True/False in that column is ignored


def test_no_japan_rows_gives_an_empty_but_valid_table(tmp_path: Path) -> None:
    events, qc = build(raw_with(tmp_path, rows=[japan_row("2024/05/20", aircraft="1")]))
    assert events.empty and list(events.columns) == [c.name for c in japan_mod.EVENTS.columns]


def expect_error(root: Path, *fragments: str) -> LoaderError:
    return loader_error(lambda: japan_mod.build(RawFolder(root)), *fragments)


@pytest.mark.parametrize(
    "rows, fragments",
    [
        (
            [japan_row("2026/03/01", miyako="2.0")],
            ("JapanandBattleship.csv", "row 2", "column '宮古'", "'2.0' is not a 0/1 flag"),
        ),
        ([japan_row("2026/03/01", passage="yes")], ("row 2", "column '艦通過'", "not a 0/1 flag")),
        (
            [japan_row("2026/03/01", passage="1.0", country="北韓")],
            ("row 2", "column '國家'", "'北韓' is not a known country"),
        ),
        ([japan_row("", passage="1.0")], ("row 2", "column 'date'", "no date")),
        ([japan_row("2026/13/01", passage="1.0")], ("row 2", "column 'date'", "is not a date")),
        (
            [japan_row("2026/03/01", passage="1.0"), japan_row("2026/03/01", passage="0.0")],
            ("rows 2, 3", "different Japan-side values"),
        ),
    ],
)
def test_bad_rows_name_file_row_and_column(tmp_path: Path, rows: list[str], fragments: tuple[str, ...]) -> None:
    expect_error(raw_with(tmp_path, rows=rows), *fragments)


def test_identical_repeated_day_is_kept_once(tmp_path: Path) -> None:
    row = japan_row("2026/03/01", passage="1.0", miyako="1.0")
    events, qc = build(raw_with(tmp_path, rows=[row, row]))
    assert len(events) == 2 and (qc["check"] == "duplicate_date").sum() == 1


@pytest.mark.parametrize(
    "log, fragments",
    [
        ("{not json", ("strait_conflicts.json", "not valid JSON")),
        ("[]", ("expected a JSON object",)),
        ({"backfilled": {"date": "2026/03/14"}}, ("'backfilled' is not a list",)),
        ({"backfilled": [{"date": "14 March", "strait": "對馬"}]}, ("backfilled[0]", "bad 'date'")),
        ({"backfilled": [{"date": "2026/03/14", "strait": "津輕"}]}, ("backfilled[0]", "unknown strait '津輕'")),
        ({"suppressed": [{"source": "report.pdf", "mentions": []}]}, ("suppressed[0]", "not a Joint Staff PDF name")),
    ],
)
def test_bad_conflict_log(tmp_path: Path, log, fragments: tuple[str, ...]) -> None:
    expect_error(raw_with(tmp_path, log=log), *fragments)


def test_missing_conflict_log(tmp_path: Path) -> None:
    root = raw_with(tmp_path)
    (root / japan_mod.CONFLICT_LOG.path).unlink()
    expect_error(root, "strait_conflicts.json", "file not found")


def test_open_upstream_conflicts_are_logged(tmp_path: Path) -> None:
    log = dict(CONFLICT_LOG, conflicts=[{"source": "p20260701_01.pdf", "straits": {"對馬": [], "宮古": []}}])
    _, qc = build(raw_with(tmp_path, log=log))
    assert "p20260701_01.pdf" in qc.loc[qc["check"] == "upstream_conflict", "detail"].item()


# --- the real raw files ---------------------------------------------------------------------------


def test_real_files(shared_raw: Path) -> None:
    events, qc = build(shared_raw)
    assert_invariants(events, qc)
    assert events["date"].min() == pd.Timestamp("2024-01-01")
    assert events["date"].max() >= pd.Timestamp("2026-08-21")
    # the known impossible days: Miyako/Yonaguni with Tsushima on one day
    impossible = qc.loc[qc["check"] == "impossible_strait_combination", "date"].dt.strftime("%Y-%m-%d").tolist()
    assert impossible == ["2025-07-24", "2025-08-07", "2025-08-08", "2026-01-15", "2026-06-27", "2026-07-01"]
    assert events["flag"].isna().sum() == 14  # 2+2+2+3+3+2 strait flags withheld
    # every backfill the upstream logged is present in the CSV
    backfilled = qc[qc["check"] == "backfilled"]
    assert len(backfilled) == 7 and backfilled["detail"].str.contains("kept").all()
    # the upstream's suppressed mentions that still carry a flag are listed
    assert set(qc.loc[qc["check"] == "suspect_back_reference", "date"].dt.strftime("%Y-%m-%d")) == {
        "2026-06-29",
        "2026-07-01",
        "2026-07-07",
    }
    raw = json.loads((shared_raw / japan_mod.CONFLICT_LOG.path).read_text(encoding="utf-8"))
    assert raw["suppressed_count"] == len(raw["suppressed"])


def test_real_inputs_match_pinned_upstream(shared_raw: Path) -> None:
    built = japan_mod.build(RawFolder(shared_raw))
    assert all(item["matches_pinned_commit"] for item in built[0].inputs)
