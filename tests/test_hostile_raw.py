"""Raw input that must never be accepted, at the few helpers every loader reads through.

Structural CSV damage (unbalanced quotes, a cut-off last row at every byte, repeated column names,
rows with too many or too few fields), impossible dates, deeply nested JSON, and something other than a
file where a raw file should be. Each must stop the build with one LoaderError naming the file and,
where there is one, the row and column; the real files (tests/test_snapshot_refresh.py rebuilds them) still load.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import settings
from loaders import japan_mod, japan_tracks, mnd_reports, raw_csv
from loaders.contract import RawFolder
from loaders.errors import LoaderError
from loaders.registry import LOADERS
from tests.conftest import GOOD_PRIMARY, GOOD_SECONDARY, PRIMARY_HEADER, write_raw
from tests.fixtures_japan_trade import JAPAN_ROWS, write_japan_trade_raw
from tests.fixtures_map import write_map_raw
from tests.fixtures_witnesses import write_witness_raw

# Every CSV a registered loader reads: (loader, path under the raw root).
CSV_INPUTS = [
    (name, file.path)
    for name, module in sorted(LOADERS.items())
    for file in module.SOURCE.files
    if file.path.endswith(".csv")
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = write_raw(tmp_path_factory.mktemp("hostile-raw") / "raw", GOOD_PRIMARY, GOOD_SECONDARY)
    write_map_raw(root)
    write_japan_trade_raw(root)
    write_witness_raw(root)
    return root


@pytest.fixture
def raw(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "raw"
    shutil.copytree(pristine, copy)
    return copy


def build_fails(name: str, raw: Path, *fragments: str) -> LoaderError:
    with pytest.raises(LoaderError) as caught:
        LOADERS[name].build(RawFolder(raw))
    message = str(caught.value)
    assert message.startswith(str(caught.value.file)), message
    for fragment in fragments:
        assert fragment in message, message
    return caught.value


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))


def test_every_loader_csv_is_covered() -> None:
    assert {name for name, _ in CSV_INPUTS} >= {
        "pla_daily",
        "nav_warnings",
        "naval_transits",
        "japan_mod",
        "pla_tracker",
        "trade_hs8542",
    }


# --- structural damage -----------------------------------------------------------------------------


@pytest.mark.parametrize("name, relative", CSV_INPUTS, ids=[f"{n}-{Path(p).name}" for n, p in CSV_INPUTS])
def test_last_row_cut_at_every_byte_is_refused(name: str, relative: str, raw: Path) -> None:
    """A download or copy that stopped early: every cut inside the last row fails the build, naming the file."""
    path = raw / relative
    data = path.read_bytes()
    start = data.rstrip(b"\r\n").rfind(b"\n") + 1  # first byte of the last row
    assert 0 < start < len(data) - 1
    for cut in range(start + 1, len(data)):
        path.write_bytes(data[:cut])
        try:
            LOADERS[name].build(RawFolder(raw))
        except LoaderError as exc:
            assert str(exc).startswith(str(path)), str(exc)
        else:
            pytest.fail(f"{relative} cut at byte {cut} of {len(data)} ({data[start:cut]!r}) was accepted")
    path.write_bytes(data[:start])  # whole rows only: a shorter but intact file still loads ...
    if (
        relative == mnd_reports.SUMMARY.path
    ):  # ... except an index that must list every file beside it (madeye summary.csv)
        build_fails(name, raw, "is not listed")
    elif relative == japan_tracks.CSV.path:  # ... or a CSV that must hold the same rows as its GeoJSON twin
        build_fails(name, raw, "rows but", "features; they must match")
    else:
        LOADERS[name].build(RawFolder(raw))


def test_unbalanced_quote_is_refused_not_swallowing_rows(raw: Path) -> None:
    path = raw / "pla-data-dashboard" / "JapanandBattleship.csv"
    lines = path.read_bytes().decode("utf-8-sig").split("\n")
    lines[2] = lines[2].replace(",True,", ',"True,', 1)  # an opening quote that never closes
    path.write_text("\n".join(lines), encoding="utf-8")
    build_fails("pla_daily", raw, "row 3", "file ends inside a quoted field")


def test_quote_closed_rows_later_is_refused(raw: Path) -> None:
    """An unbalanced quote closed by a later one would swallow the rows between into one cell."""
    path = raw / "pla-data-dashboard" / "JapanandBattleship.csv"
    lines = path.read_bytes().decode("utf-8-sig").split("\n")
    lines[2] = lines[2].replace(",True,", ',"True,', 1)
    lines[4] = lines[4].replace(",True,", ',True",', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    build_fails("pla_daily", raw, "row 3")


def test_repeated_column_name_is_refused(raw: Path) -> None:
    """pandas would rename the second copy to 'pla_aircraft_sorties.1' and silently use the first."""
    path = raw / "pla-data-dashboard" / "JapanandBattleship.csv"
    rows = rows_of(path)
    rows[0][rows[0].index("plan_vessel_sorties")] = "pla_aircraft_sorties"
    write_rows(path, rows)
    build_fails("pla_daily", raw, "row 1", "column 'pla_aircraft_sorties'", "appears twice in the header")


@pytest.mark.parametrize("extra", [True, False], ids=["trailing-comma", "missing-field"])
def test_row_with_wrong_field_count_names_that_row(raw: Path, extra: bool) -> None:
    path = raw / "pla-data-dashboard" / "JapanandBattleship.csv"
    rows = rows_of(path)
    if extra:
        rows[3].insert(1, "")  # a stray comma early in the row: every later value shifts right
    else:
        rows[3].pop()
    write_rows(path, rows)
    error = build_fails("pla_daily", raw, "row 4", f"row has {17 + (1 if extra else -1)} fields but the header has 17")
    assert error.row == 4
    assert extra or error.column == "國家"


def test_trailing_empty_field_on_every_row_is_the_comtrade_layout(tmp_path: Path) -> None:
    """UN Comtrade ends each row with a comma. pandas then took the first column as the index and shifted
    every name one column left (freqCode held the period); the empty last field is now dropped instead."""
    path = tmp_path / "c.csv"
    path.write_text("a,b,c\n1,2,3,\n4,5,6,\n", encoding="utf-8")
    frame = raw_csv.read_csv_strings(path, ["a", "b", "c"])
    assert frame.to_dict("list") == {"a": ["1", "4"], "b": ["2", "5"], "c": ["3", "6"]}
    path.write_text("a,b,c\n1,2,3,x\n", encoding="utf-8")
    with pytest.raises(LoaderError, match="row 2: row has 4 fields but the header has 3"):
        raw_csv.read_csv_strings(path, [])


def test_real_comtrade_file_columns_line_up(shared_raw: Path) -> None:
    path = shared_raw / "taiwan-customs-hs8542-a0013333j" / "ic_exports_comparison_uncomtrade_2013_2024.csv"
    frame = raw_csv.read_csv_strings(path, ["typeCode", "freqCode", "refYear"])
    assert set(frame["typeCode"]) == {"C"} and set(frame["freqCode"]) == {"A"}
    assert frame["refYear"].str.fullmatch(r"20\d\d").all()


def test_embedded_newlines_and_blank_trailing_header_still_load(raw: Path) -> None:
    """What the real files do (quoted multi-line remarks; an unnamed last column) is not damage."""
    LOADERS["pla_tracker"].build(RawFolder(raw))  # its first fixture row holds a quoted line break
    assert rows_of(raw / "pla-data-dashboard" / "naval_transits.csv")[0].count("") >= 1
    LOADERS["naval_transits"].build(RawFolder(raw))


@st.composite
def structural_damage(draw):
    """(loader, file, what, damage) where damage turns the CSV's rows into damaged text."""
    name, relative = draw(st.sampled_from(CSV_INPUTS))
    kind = draw(st.sampled_from(["open quote", "stray comma", "lost field", "repeat header", "cut"]))
    row_f, col_f = draw(st.floats(0, 0.999)), draw(st.floats(0, 0.999))
    return name, relative, kind, row_f, col_f


def damage(rows: list[list[str]], kind: str, row_f: float, col_f: float) -> str | None:
    """The damaged CSV text, or None when this damage cannot apply to the file."""
    data = [i for i in range(1, len(rows)) if rows[i]]
    i = data[int(row_f * len(data))]
    j = int(col_f * len(rows[i]))
    header = [h.strip() for h in rows[0]]
    if kind == "open quote":
        rows[i][j] = '"' + rows[i][j].replace('"', "")
    elif kind == "stray comma":
        rows[i].insert(j, "x")
    elif kind == "lost field":
        rows[i].pop(j)
        if not any(field.strip() for field in rows[i]):
            return None  # the row's one value is gone: what is left is a blank padding line, not damage
    elif kind == "repeat header":
        named = [k for k, h in enumerate(header) if h]
        other = named[(named.index(named[int(col_f * len(named))]) + 1) % len(named)]
        rows[0][named[int(col_f * len(named))]] = rows[0][other]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for number, row in enumerate(rows):
        if kind == "open quote" and number == i:
            out.write(",".join(row) + "\n")  # written raw: the quote must stay unbalanced
        else:
            writer.writerow(row)
    text = out.getvalue()
    if kind == "cut":
        text = text[: -1 - int(col_f * (len(",".join(rows[-1])) - 1))]
    return text


# Upstream files that end without a line break (The Reporter's Japan CSV): for them a "cut" that takes only the
# final line break leaves the file as upstream wrote it, so it is not damage.
NO_FINAL_NEWLINE = {japan_tracks.CSV.path}


@given(case=structural_damage())
@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_structural_damage_is_refused(case, raw: Path) -> None:
    name, relative, kind, row_f, col_f = case
    path = raw / relative
    original = path.read_bytes()
    try:
        text = damage(rows_of(path), kind, row_f, col_f)
        assume(text is not None)  # this damage cannot apply to this row
        last = rows_of(path)[-1]
        only_line_break = kind == "cut" and int(col_f * (len(",".join(last)) - 1)) == 0  # see damage()
        assume(not (relative in NO_FINAL_NEWLINE and only_line_break))
        path.write_bytes(("\ufeff" + text).encode("utf-8"))
        try:
            LOADERS[name].build(RawFolder(raw))
        except LoaderError as exc:
            message = str(exc)
            assert message.startswith(str(path)), message
            if kind == "repeat header":
                assert "appears twice in the header" in message, message
            else:
                assert exc.row is not None, message
        else:
            pytest.fail(f"{relative}: {kind} at row {row_f:.2f}, column {col_f:.2f} was accepted")
    finally:
        path.write_bytes(original)


# --- impossible dates ------------------------------------------------------------------------------

DATED = [  # loader, file, date column, a future date and an ancient one in the file's own format
    ("pla_daily", "pla-data-dashboard/JapanandBattleship.csv", "date", "2030/01/01", "2004/05/20"),
    ("japan_mod", "pla-data-dashboard/JapanandBattleship.csv", "date", "2030/01/01", "2004/05/20"),
    ("naval_transits", "pla-data-dashboard/naval_transits.csv", "Date", "2030/1/1", "2004/10/20"),
    ("pla_tracker", "pla-tracker-lioneer/records.csv", "date", "2030-01-01", "2004-05-20"),
    (
        "nav_warnings",
        "pla-data-dashboard/navigation_warnings/military_exercises.csv",
        "publish_date",
        "2030-01-01",
        None,
    ),
]


def set_last_date(path: Path, column: str, value: str) -> None:
    """Date the fullest data row (so every loader's row filter keeps it; last of ties) `value`."""
    if path.name == "JapanandBattleship.csv":  # the shared fixture has Taiwan-side rows only; add Japan-side ones
        path.write_text("\n".join([PRIMARY_HEADER, *JAPAN_ROWS]) + "\n", encoding="utf-8")
    rows = rows_of(path)
    fullest = max(range(1, len(rows)), key=lambda i: (sum(bool(c.strip()) for c in rows[i]), i))
    rows[fullest][[c.strip() for c in rows[0]].index(column)] = value
    write_rows(path, rows)


@pytest.mark.parametrize("name, relative, column, future, _", DATED, ids=[d[0] for d in DATED])
def test_report_dated_after_the_refresh_day_is_refused(name, relative, column, future, _, raw: Path) -> None:
    """A 2030 row used to pad the calendar with four years of empty days and become the 'last report'."""
    set_last_date(raw / relative, column, future)
    error = build_fails(name, raw, f"'{future}' is after the day of this refresh", f"column '{column}'")
    assert error.row is not None


@pytest.mark.parametrize(
    "name, relative, column, _, ancient", [d for d in DATED if d[4]], ids=[d[0] for d in DATED if d[4]]
)
def test_report_dated_before_the_source_began_is_refused(name, relative, column, _, ancient, raw: Path) -> None:
    set_last_date(raw / relative, column, ancient)
    build_fails(name, raw, f"'{ancient}' is before", "the first day this source covers", f"column '{column}'")


def test_refresh_day_itself_is_accepted(raw: Path, monkeypatch) -> None:
    """The bound is the refresh day (Taipei), inclusive: a report dated today loads."""
    monkeypatch.setattr(raw_csv, "refresh_day", lambda: pd.Timestamp("2024-05-25"))
    LOADERS["pla_daily"].build(RawFolder(raw))  # its last row is 2024/05/25
    monkeypatch.setattr(raw_csv, "refresh_day", lambda: pd.Timestamp("2024-05-24"))
    build_fails("pla_daily", raw, "'2024/05/25' is after the day of this refresh (2024-05-24)")


@given(day=st.dates(min_value=pd.Timestamp("1700-01-01").date(), max_value=pd.Timestamp("2200-12-31").date()))
@hsettings(max_examples=80, deadline=None)
def test_any_date_outside_the_source_window_is_refused(day, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("dates") / "d.csv"
    path.write_text(f"date\n2024-05-20\n{day:%Y-%m-%d}\n", encoding="utf-8")
    frame = raw_csv.read_csv_strings(path, ["date"])
    earliest, latest = pd.Timestamp("2015-01-01"), pd.Timestamp("2026-12-01")
    inside = earliest <= pd.Timestamp(day) <= latest
    try:
        raw_csv.parse_dates(frame["date"], path, "date", "%Y-%m-%d", earliest=earliest, latest=latest)
    except LoaderError as exc:
        assert not inside and exc.row == 3 and exc.column == "date", str(exc)
    else:
        assert inside


# --- JSON nested too deeply ------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_deeply_nested_json_is_a_loader_error(raw: Path, depth: int) -> None:
    (raw / japan_mod.CONFLICT_LOG.path).write_text("[" * depth + "]" * depth, encoding="utf-8")
    build_fails("japan_mod", raw, "not valid JSON", "nested too deeply")


def test_deeply_nested_land_geojson_is_a_loader_error(tmp_path: Path) -> None:
    from loaders import geo
    from tests.fixtures_map import write_land

    path = write_land(tmp_path)
    import py7zr

    with py7zr.SevenZipFile(path, "w") as archive:
        archive.writestr(b'{"type": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", geo.LAND_MEMBER)
    with pytest.raises(LoaderError, match="nested too deeply"):
        geo.read_land(path)


# --- not a file where a raw file should be ---------------------------------------------------------


def _replace_with(path: Path, kind: str) -> None:
    path.unlink()
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink loop":
        path.symlink_to(path.name)
    elif kind == "broken symlink":
        path.symlink_to("nowhere.csv")


EXPECTED = {
    "folder": "is a folder, not a file",
    "fifo": "is a named pipe (FIFO), not a file",
    "symlink loop": "is a symbolic link loop",
    "broken symlink": "is a symbolic link to 'nowhere.csv'",
}


@pytest.mark.parametrize("kind", list(EXPECTED))
@pytest.mark.parametrize(
    "name, relative",
    [
        ("pla_daily", "pla-data-dashboard/JapanandBattleship.csv"),
        ("japan_mod", japan_mod.CONFLICT_LOG.path),
        ("geo", "natural-earth/10m/physical/ne_10m_land.7z"),
        (
            "trade_mof_prelim",
            "taiwan-mof-customs-prelim-2025-08/xlsx/Table8_Taiwans's_ExportValue_and_AnnualGrowthRate.xlsx",
        ),
    ],
    ids=["csv", "json", "7z", "xlsx"],
)
def test_something_else_in_place_of_a_raw_file_says_what_it_is(name, relative, kind, raw: Path) -> None:
    """A FIFO would have blocked the refresh forever; a folder or a loop was reported as 'file not found'."""
    path = raw / relative
    _replace_with(path, kind)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "PROJECT_DIR", settings.PROJECT_DIR)
        error = build_fails(name, raw, EXPECTED[kind])
    assert "file not found" not in str(error)


def test_missing_file_is_still_file_not_found(raw: Path) -> None:
    (raw / "pla-tracker-lioneer" / "records.csv").unlink()
    build_fails("pla_tracker", raw, "file not found")


# --- control characters --------------------------------------------------------------------------


def test_control_characters_are_stripped_from_every_stored_text(raw: Path, tmp_path: Path) -> None:
    """MND's text carries vertical tabs (\\x0b); openpyxl refuses them, so the XLSX export of the table failed."""
    from charts import tabular
    from loaders.refresh import refresh
    from loaders.snapshot import read_table

    path = raw / "pla-tracker-lioneer" / "records.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("越線：北部空域", "越線：\x0b\x0c北部\x01空域\x1b[31m\x7f"),
        encoding="utf-8",
    )
    refresh(raw, tmp_path / "snap", lambda _: None, only=None)
    table = read_table(tmp_path / "snap", "pla_tracker_daily")
    assert "越線：北部空域[31m" in set(table["special_event"].dropna())
    for column in table.select_dtypes(include=["str", "object"]).columns:
        text = "".join(table[column].dropna())
        assert not [c for c in text if ord(c) < 32 and c not in "\t\n\r" or c == "\x7f"], column
    assert tabular.xlsx_bytes(table).startswith(b"PK")


def test_control_character_in_a_key_column_keeps_the_table_valid(raw: Path, tmp_path: Path) -> None:
    """Found by the fuzzer: stripping a key after the loader had sorted it unsorted the table (ContractError).
    Keys are left as built; the XLSX export strips what it cannot hold."""
    from charts import tabular
    from loaders.refresh import refresh
    from loaders.snapshot import read_table

    path = raw / "taiwan-customs-hs8542-a0013333j" / "taiwan_exports_by_country_2013_2025.csv"
    rows = rows_of(path)
    column = [c.strip() for c in rows[0]].index(LOADERS["trade_hs8542"].COUNTRY)
    rows[-1][column] = "\x1b" + rows[-1][column]
    write_rows(path, rows)
    refresh(raw, tmp_path / "snap", lambda _: None, only=None)
    table = read_table(tmp_path / "snap", "trade_hs8542")
    assert tabular.xlsx_bytes(table).startswith(b"PK")


@pytest.mark.parametrize(
    "line, fields",
    [("2025/07,Japan,2300000.0", 3), ("2025/07,Japan,2300000.0,1,2", 5), ('2025/07,"Japan,2300000.0,1', None)],
)
def test_hand_downloaded_customs_file_with_damaged_rows_is_refused(tmp_path: Path, line: str, fields) -> None:
    """The --trade-file reader (header not on line 1) checks rows against its header too; a short row's missing
    value used to read as 'not published'."""
    from loaders import trade_mof_customs
    from tests.test_loader_trade import CUSTOMS_EN

    path = tmp_path / "customs.csv"
    path.write_text(CUSTOMS_EN.replace("2025/07,Japan,2300000.0,-", line), encoding="utf-8")
    expected = f"row has {fields} fields but the header has 4" if fields else "file ends inside a quoted field"
    with pytest.raises(LoaderError, match=expected):
        trade_mof_customs.load(path)


def test_workbook_without_a_sheet_is_a_loader_error(tmp_path: Path, monkeypatch) -> None:
    """Found by the fuzzer: a damaged .xlsx opened with no worksheet and fell over with an IndexError."""
    from types import SimpleNamespace

    from loaders import trade_mof_prelim

    path = tmp_path / "t.xlsx"
    path.write_bytes(b"PK")
    monkeypatch.setattr(trade_mof_prelim.openpyxl, "load_workbook", lambda *a, **k: SimpleNamespace(worksheets=[]))
    with pytest.raises(LoaderError, match="holds no worksheet"):
        trade_mof_prelim.open_sheet(path)
