"""Taiwan Strait transits: tidy columns, the category rule, and clear errors on bad rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders import naval_transits
from loaders.contract import RawFolder, check_table
from loaders.errors import LoaderError
from tests.fixtures_map import GOOD_TRANSITS, transit_line, write_transits


def build(root: Path) -> pd.DataFrame:
    (table,) = naval_transits.build(RawFolder(root))
    check_table(table.frame, naval_transits.TRANSITS)
    return table.frame


def test_good_file(tmp_path: Path) -> None:
    write_transits(tmp_path, GOOD_TRANSITS)
    frame = build(tmp_path)
    assert list(frame.columns) == [
        "date",
        "country",
        "ship",
        "ship_type",
        "hull_number",
        "date_precision",
        "date_note",
        "category",
        "country_confidence",
        "source",
        "source_url",
        "mission_note",
    ]
    assert frame["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-10-20", "2026-03-02", "2026-08-22"]
    assert frame["category"].tolist() == ["foreign_warship_transit", "china_activity", "aircraft_transit"]
    # URLs sit in either blank-headed column upstream
    assert frame["source_url"].tolist() == [
        "",
        "https://www.cna.com.tw/news/aipl/1.aspx",
        "https://www.cna.com.tw/news/aopl/2.aspx",
    ]
    assert frame["ship"].iloc[0] == "加拿大海軍巡防艦「溫哥華號」（HMCS Vancouver）"  # source text kept verbatim


@pytest.mark.parametrize(
    "country, ship, expected",
    [
        ("CN", "中共航艦福建號航經台灣海峽", "china_activity"),
        ("US", "美國第七艦隊證實P-8A軍機飛越台海", "aircraft_transit"),
        ("Other", "中國西太平洋聯合軍演", "other"),
        ("Multi (US+Canada)", "美國海軍拉爾夫、加拿大渥太華驅逐艦艦通過", "foreign_warship_transit"),
    ],
)
def test_category_rule(country: str, ship: str, expected: str) -> None:
    assert naval_transits.category_of(country, ship) == expected


BAD = {
    "bad date": ([transit_line("2024/13/40")], ("row 2", "column 'Date'", "'2024/13/40' is not a date")),
    "year disagrees": ([transit_line(year="2023")], ("row 2", "column 'Year'", "does not match date")),
    "no ship": ([transit_line(ship="")], ("row 2", "column 'Ships'", "value missing")),
    "unknown precision": ([transit_line(precision="roughly")], ("column 'Date_Precision'", "'roughly' is not one of")),
    "unknown confidence": ([transit_line(confidence="sure")], ("column 'Country_Confidence'", "'sure'")),
    "bad url": ([transit_line(url8="cna.com.tw/x")], ("row 2", "'cna.com.tw/x' is not a web address")),
    "repeated transit": ([transit_line(), transit_line()], ("rows 2, 3", "same transit")),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_rows_name_file_row_and_column(tmp_path: Path, case: str) -> None:
    lines, fragments = BAD[case]
    write_transits(tmp_path, lines)
    with pytest.raises(LoaderError) as caught:
        naval_transits.build(RawFolder(tmp_path))
    text = str(caught.value)
    assert "naval_transits.csv" in text and "\n" not in text
    for fragment in fragments:
        assert fragment in text, text


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match="naval_transits.csv: file not found"):
        naval_transits.build(RawFolder(tmp_path))


def test_real_file(shared_raw: Path) -> None:
    frame = build(shared_raw)
    raw = pd.read_csv(shared_raw / naval_transits.RAW_FILE.path, dtype=str, keep_default_na=False)
    assert len(frame) == len(raw) == 72
    assert frame["date"].min() == pd.Timestamp("2020-01-16") and frame["date"].max() >= pd.Timestamp("2026-08-22")
    assert (frame["category"] == "foreign_warship_transit").sum() >= 60
    assert (frame["source_url"] != "").sum() == 13
    assert naval_transits.build(RawFolder(shared_raw))[0].inputs[0]["matches_pinned_commit"]
