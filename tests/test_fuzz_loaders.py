"""Property-based fuzzing of every loader in loaders/registry.py.

Each example takes the good raw folder of tests/conftest.py (`good_raw`: every loader's inputs, small),
breaks ONE input file of the loader under test in one way (wrong encoding, BOMs, truncation, flipped
bytes, malformed or duplicated rows, hostile or huge cell values, broken spreadsheet cells or
archives, wrong JSON/YAML shapes), then runs a partial refresh of that loader into a copy of a good
snapshot. The property:

* it either succeeds (and the snapshot verifies against its manifest), or raises LoaderError — never
  a traceback from deep inside pandas, openpyxl, yaml, py7zr or shapely;
* on failure the previous snapshot is byte-for-byte unchanged, and no `.snapshot-*` temp folder is
  left behind either way.

Example counts are modest (EXAMPLES; CSI_FUZZ_EXAMPLES=500 for a deeper local run) so the whole module stays within a few tens of seconds.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import openpyxl
import py7zr
import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import settings
from loaders import (
    aircraft_types,
    cited_catalogs,
    events_catalog,
    geo,
    mnd_measures,
    mnd_reports,
    pla_daily,
    track_geometry,
)
from loaders.contract import RawFolder
from loaders.errors import LoaderError
from loaders.refresh import refresh
from loaders.registry import LOADERS
from loaders.snapshot import verify_snapshot
from tests.conftest import GOOD_PRIMARY, GOOD_SECONDARY, write_raw
from tests.fixtures_japan_trade import write_japan_trade_raw
from tests.fixtures_map import write_map_raw
from tests.fixtures_witnesses import MADEYE_DAYS, write_catalogs, write_witness_raw
from tests.helpers import folder_digest

EXAMPLES = int(os.environ.get("CSI_FUZZ_EXAMPLES", "40"))  # raise it for a deeper local run
PROJECT_PREFIX = "project:"  # inputs that live in the project folder, not in the raw folder
CATALOGS = Path("data/catalog")  # the cited catalogs, under the project folder of these tests


@dataclass(frozen=True)
class Target:
    """One input file of a loader, and how its content is structured (picks the mutations)."""

    path: str  # relative to the raw root, or PROJECT_PREFIX + path relative to the project
    kind: str  # csv | yaml | json | xlsx | 7z


def targets_of(name: str) -> list[Target]:
    """Every input of a loader: its upstream files, plus the project files it reads."""
    module = LOADERS[name]
    found = []
    for file in module.SOURCE.files:
        suffix = Path(file.path).suffix.lstrip(".")
        found.append(Target(file.path, {"yml": "yaml", "geojson": "json"}.get(suffix, suffix)))
    if module in (mnd_reports, pla_daily, mnd_measures):  # one of the daily report files
        found.append(Target(f"{mnd_reports.DAILY_DIR}/{next(iter(MADEYE_DAYS))}.json", "json"))
    if module is cited_catalogs or module is pla_daily:
        for file in (cited_catalogs.PRESS_FILE, cited_catalogs.CORRECTIONS_FILE, cited_catalogs.ERAS_FILE):
            found.append(Target(PROJECT_PREFIX + str(CATALOGS / file), "yaml"))
    if module in (aircraft_types, track_geometry):
        found.append(Target(PROJECT_PREFIX + str(CATALOGS / aircraft_types.CATALOG_FILE), "yaml"))
    if module is events_catalog or module is geo:
        found.append(Target(PROJECT_PREFIX + str(events_catalog.CATALOG_PATH), "yaml"))
    if module is geo:
        found.append(Target(PROJECT_PREFIX + str(geo.REFERENCE_PATH), "yaml"))
    return found


def test_every_loader_has_fuzzable_inputs() -> None:
    """A loader added to the registry is fuzzed too; its inputs must be of a kind we can break."""
    for name in LOADERS:
        kinds = {t.kind for t in targets_of(name)}
        assert kinds, f"{name}: no inputs found to fuzz"
        assert kinds <= set(MUTATIONS), f"{name}: no mutations for {kinds - set(MUTATIONS)}"


# --- hostile values ---------------------------------------------------------------------------------

CELL_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "1.5",
    "12.0",
    "1e308",
    "-1e308",
    "1e999",
    "9" * 400,
    "inf",
    "-inf",
    "nan",
    "NaN",
    "NaT",
    "None",
    "null",
    "True",
    "False",
    "0x1F",
    "１２",
    "١٢",
    "1,000",
    "2024/02/30",
    "2024/13/01",
    "9999/12/31",
    "0001/01/01",
    "2300/01/01",
    "1600/01/01",
    "2024-05-20",
    "2024-02-30",
    "9999-12-31",
    "24:61",
    "25:00",
    "06:00",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\ufeff",
    '"',
    '""',
    "a\nb",
    "x" * 10_000,
    "中國大陸",
    "zero",
    "manned",
    "exact",
    "high",
    "CN",
    "https://x",
    "javascript:alert(1)",
    "85423100002",
    "8542310000",
    "1.0",
    "0.0",
    "p20260310_01.pdf",
    "對馬",
    "中國、俄羅斯",
    "2026/03/14",
]
cell_values = st.one_of(st.sampled_from(CELL_VALUES), st.text(max_size=12))

YAML_SCALARS = [
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "2024-01-01 10:00:00",
    "[1, 2]",
    "{a: 1}",
    "null",
    "~",
    "''",
    "!!binary aGVsbG8=",
    "!!python/object:os.system x",
    "&a x",
    "*a",
    "'unterminated",
    ">",
    "|",
    "1e999",
    ".nan",
    "yes",
    "- x",
    "99-99-99N 999-99-99E",
    "<script>alert(1)</script>",
    "exercise",
    "UPPER-case id",
    "https://",
    "[]",
    "{}",
    "-1",
    "x" * 5000,
]
yaml_scalars = st.one_of(st.sampled_from(YAML_SCALARS), st.text(max_size=12))

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False),
        st.text(max_size=12),
        st.sampled_from(["2026/03/14", "對馬", "p20260310_01.pdf", "9999/99/99"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                ["date", "strait", "source", "mentions", "type", "coordinates", "geometry", "features", "x"]
            ),
            inner,
            max_size=3,
        ),
    ),
    max_leaves=6,
)

XLSX_VALUES = [
    None,
    "",
    "abc",
    "１２３年",
    "999年",
    "0年",
    "114年0-8月",
    "114年1-13月",
    "13月",
    "0月",
    "說明",
    "=1/0",
    1e308,
    -1e308,
    float("inf"),
    -1.0,
    0.0,
    123456789.0,
    True,
    "中國大陸與香港",
    "年增率",
    "百萬美元",
]
xlsx_values = st.one_of(st.sampled_from(XLSX_VALUES), st.floats(allow_nan=True), st.text(max_size=8))


# --- mutations: each is (description, bytes -> bytes) ------------------------------------------------

Mutate = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Mutation:
    what: str
    apply: Mutate

    def __repr__(self) -> str:  # what hypothesis prints for a failing example
        return f"Mutation({self.what})"


def _at(data: bytes, fraction: float) -> int:
    return min(len(data), int(len(data) * fraction))


def byte_mutations() -> st.SearchStrategy[Mutation]:
    fraction = st.floats(0, 1)
    return st.one_of(
        fraction.map(lambda f: Mutation(f"truncate at {f:.3f}", lambda d: d[: _at(d, f)])),
        st.sampled_from([b"", b"\n", b"  \n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n", b"\x00" * 64]).map(
            lambda c: Mutation(f"replace file with {c!r}", lambda d: c)
        ),
        st.tuples(fraction, st.binary(min_size=1, max_size=16)).map(
            lambda a: Mutation(f"insert {a[1]!r} at {a[0]:.3f}", lambda d: d[: _at(d, a[0])] + a[1] + d[_at(d, a[0]) :])
        ),
        st.tuples(fraction, st.integers(0, 255)).map(
            lambda a: Mutation(
                f"set byte at {a[0]:.3f} to {a[1]}",
                lambda d: d[: _at(d, a[0])] + bytes([a[1]]) + d[_at(d, a[0]) + 1 :] if d else d,
            )
        ),
    )


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig")


def _reencode(encoding: str) -> Mutate:
    return lambda d: _text(d).encode(encoding, errors="replace")


def _bom(mode: str) -> Mutate:
    bom = b"\xef\xbb\xbf"
    return {
        "add": lambda d: bom + d,
        "double": lambda d: bom + bom + d.removeprefix(bom),
        "remove": lambda d: d.removeprefix(bom),
        "middle": lambda d: d[: len(d) // 2] + bom + d[len(d) // 2 :],
    }[mode]


def _lines(fn: Callable[[list[str]], list[str]]) -> Mutate:
    def apply(data: bytes) -> bytes:
        return "\n".join(fn(_text(data).split("\n"))).encode("utf-8")

    return apply


def _pick(items: list, fraction: float) -> int:
    return min(len(items) - 1, int(len(items) * fraction)) if items else 0


def text_mutations() -> st.SearchStrategy[Mutation]:
    fraction = st.floats(0, 1)
    return st.one_of(
        st.sampled_from(["latin-1", "big5", "cp1252", "utf-16", "gb18030", "shift_jis"]).map(
            lambda e: Mutation(f"re-encode as {e}", _reencode(e))
        ),
        st.sampled_from(["add", "double", "remove", "middle"]).map(lambda m: Mutation(f"BOM {m}", _bom(m))),
        fraction.map(
            lambda f: Mutation(
                f"delete line at {f:.2f}", _lines(lambda ls: ls[: _pick(ls, f)] + ls[_pick(ls, f) + 1 :])
            )
        ),
        fraction.map(
            lambda f: Mutation(
                f"duplicate line at {f:.2f}", _lines(lambda ls: ls[: _pick(ls, f) + 1] + ls[_pick(ls, f) :])
            )
        ),
        st.tuples(fraction, cell_values).map(
            lambda a: Mutation(
                f"insert line {a[1][:40]!r} at {a[0]:.2f}",
                _lines(lambda ls: ls[: _pick(ls, a[0])] + [a[1]] + ls[_pick(ls, a[0]) :]),
            )
        ),
    )


def _csv_rows(fn: Callable[[list[list[str]]], None]) -> Mutate:
    """Parse as CSV, change the rows in place, write back as well-formed CSV (quoting as needed)."""

    def apply(data: bytes) -> bytes:
        rows = list(csv.reader(io.StringIO(_text(data), newline="")))
        fn(rows)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    return apply


def _set_cell(row_f: float, col_f: float, value: str) -> Mutate:
    def fn(rows: list[list[str]]) -> None:
        data = rows[1:] or rows
        row = data[_pick(data, row_f)]
        if row:
            row[_pick(row, col_f)] = value

    return _csv_rows(fn)


def _ragged(row_f: float, extra: bool) -> Mutate:
    def fn(rows: list[list[str]]) -> None:
        row = rows[_pick(rows, row_f)]
        if extra:
            row.append("surplus")
        elif row:
            row.pop()

    return _csv_rows(fn)


def _open_quote(line_f: float, comma_f: float) -> Mutate:
    """A quote opened after one comma of one line and never closed (it once swallowed rows)."""

    def fn(lines: list[str]) -> list[str]:
        i = _pick(lines, line_f)
        commas = [k for k, c in enumerate(lines[i]) if c == ","] if lines else []
        if commas:
            k = commas[_pick(commas, comma_f)] + 1
            lines[i] = lines[i][:k] + '"' + lines[i][k:]
        return lines

    return _lines(fn)


def _repeat_header(col_f: float) -> Mutate:
    """A header name replaced by its neighbour's: two columns of one name (pandas once renamed one silently)."""

    def fn(rows: list[list[str]]) -> None:
        if rows and len(rows[0]) > 1:
            j = _pick(rows[0], col_f)
            rows[0][j] = rows[0][(j + 1) % len(rows[0])]

    return _csv_rows(fn)


def csv_mutations() -> st.SearchStrategy[Mutation]:
    fraction = st.floats(0, 1)
    return st.one_of(
        text_mutations(),
        st.tuples(fraction, fraction, cell_values).map(
            lambda a: Mutation(f"cell at row {a[0]:.2f}, column {a[1]:.2f} := {a[2][:40]!r}", _set_cell(*a))
        ),
        st.tuples(fraction, fraction, cell_values).map(
            lambda a: Mutation(
                f"cell at row {a[0]:.2f}, column {a[1]:.2f} := {a[2][:40]!r} (x2)",
                lambda d: _set_cell(a[0], a[1], a[2])(_set_cell(1 - a[0], 1 - a[1], a[2])(d)),
            )
        ),
        st.tuples(fraction, st.booleans()).map(
            lambda a: Mutation(f"row at {a[0]:.2f} {'gains' if a[1] else 'loses'} a field", _ragged(*a))
        ),
        st.tuples(fraction, fraction).map(
            lambda a: Mutation(f"unbalanced quote in line {a[0]:.2f} after comma {a[1]:.2f}", _open_quote(*a))
        ),
        fraction.map(lambda f: Mutation(f"header column at {f:.2f} repeats its neighbour", _repeat_header(f))),
        st.tuples(fraction, cell_values).map(
            lambda a: Mutation(
                f"header column at {a[0]:.2f} renamed {a[1][:40]!r}",
                _csv_rows(lambda rows: rows[0].__setitem__(_pick(rows[0], a[0]), a[1]) if rows and rows[0] else None),
            )
        ),
    )


def _yaml_scalar(line_f: float, value: str) -> Mutate:
    def fn(lines: list[str]) -> list[str]:
        keyed = [i for i, line in enumerate(lines) if ":" in line and not line.lstrip().startswith("#")]
        if keyed:
            i = keyed[_pick(keyed, line_f)]
            key, _, _ = lines[i].partition(":")
            lines[i] = f"{key}: {value}"
        return lines

    return _lines(fn)


def yaml_mutations() -> st.SearchStrategy[Mutation]:
    return st.one_of(
        text_mutations(),
        st.tuples(st.floats(0, 1), yaml_scalars).map(
            lambda a: Mutation(f"yaml value at {a[0]:.2f} := {a[1][:40]!r}", _yaml_scalar(*a))
        ),
        st.sampled_from(
            [
                "[]",
                "42",
                "events: 7",
                "events: []",
                "median_line: 1",
                "median_line: {}",
                "events:\n  - 1",
                "!!python/object:os.system x",
            ]
        ).map(lambda t: Mutation(f"whole document {t!r}", lambda d: t.encode("utf-8"))),
    )


def _json_replace(path_f: list[float], value) -> Mutate:
    """Replace one node of the JSON tree (reached by following `path_f` choices) with `value`."""

    def apply(data: bytes) -> bytes:
        document = json.loads(_text(data))
        holder, key = None, None
        node = document
        for f in path_f:
            keys = list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
            if not keys:
                break
            holder, key = node, keys[_pick(keys, f)]
            node = holder[key]
        if holder is None:
            document = value
        else:
            holder[key] = value
        return json.dumps(document, ensure_ascii=False).encode("utf-8")

    return apply


def json_mutations() -> st.SearchStrategy[Mutation]:
    return st.one_of(
        text_mutations(),
        st.tuples(st.lists(st.floats(0, 1), min_size=0, max_size=4), json_values).map(
            lambda a: Mutation(f"json node at {[round(x, 2) for x in a[0]]} := {a[1]!r}"[:200], _json_replace(*a))
        ),
    )


def _xlsx_cell(row_f: float, col_f: float, value) -> Mutate:
    def apply(data: bytes) -> bytes:
        book = openpyxl.load_workbook(io.BytesIO(data))
        sheet = book.worksheets[0]
        row = 1 + _pick(list(range(sheet.max_row)), row_f)
        column = 1 + _pick(list(range(sheet.max_column)), col_f)
        sheet.cell(row, column).value = value
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return apply


def xlsx_mutations() -> st.SearchStrategy[Mutation]:
    fraction = st.floats(0, 1)
    return st.one_of(
        byte_mutations(),
        st.tuples(fraction, fraction, xlsx_values).map(
            lambda a: Mutation(f"xlsx cell at row {a[0]:.2f}, column {a[1]:.2f} := {a[2]!r}"[:200], _xlsx_cell(*a))
        ),
    )


def _seven_zip(member: str, content: Callable[[bytes], bytes]) -> Mutate:
    """Rewrite the archive with `member` holding `content(original member bytes)`."""

    def apply(data: bytes) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
                archive.extractall(tmp)
            original = next(Path(tmp).iterdir()).read_bytes()
            out = io.BytesIO()
            with py7zr.SevenZipFile(out, "w") as archive:
                archive.writestr(content(original), member)
            return out.getvalue()

    return apply


def seven_zip_mutations() -> st.SearchStrategy[Mutation]:
    inner = st.one_of(text_mutations(), json_mutations(), byte_mutations())
    return st.one_of(
        byte_mutations(),
        inner.map(lambda m: Mutation(f"archive member: {m.what}", _seven_zip(geo.LAND_MEMBER, m.apply))),
        st.just(Mutation("archive member renamed", _seven_zip("other.json", lambda d: d))),
    )


MUTATIONS: dict[str, Callable[[], st.SearchStrategy[Mutation]]] = {
    "csv": csv_mutations,
    "yaml": yaml_mutations,
    "json": json_mutations,
    "xlsx": xlsx_mutations,
    "7z": seven_zip_mutations,
}


def safely(mutation: Mutation, data: bytes) -> bytes | None:
    """The mutated bytes, or None when the mutation itself cannot apply (e.g. CSV parse of a binary)."""
    try:
        return mutation.apply(data)
    except Exception:  # noqa: BLE001 - a mutation that cannot apply is simply skipped
        return None


# --- fixtures: good inputs and a good snapshot, built once --------------------------------------------


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict[str, Path]:
    """raw: the good_raw folder; project: a project folder holding the catalogs; snapshot: built from both."""
    base = tmp_path_factory.mktemp("fuzz-good")
    raw = write_raw(base / "raw", GOOD_PRIMARY, GOOD_SECONDARY)
    write_map_raw(raw)
    write_japan_trade_raw(raw)
    write_witness_raw(raw)
    project = base / "project"
    for relative in (events_catalog.CATALOG_PATH, geo.REFERENCE_PATH):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(settings.PROJECT_DIR / relative, project / relative)
    write_catalogs(project / CATALOGS)
    snap = base / "snaps" / "snap"
    with (
        mock.patch.object(settings, "PROJECT_DIR", project),
        mock.patch.object(settings, "CATALOG_DIR", project / CATALOGS),
    ):
        refresh(raw, snap, lambda _: None)
    return {"raw": raw, "project": project, "snapshot": snap}


def check_loader_survives(name: str, target: Target, mutation: Mutation, good: dict[str, Path]) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        work = Path(tmp)
        raw, project = work / "raw", work / "project"
        shutil.copytree(good["raw"], raw)
        shutil.copytree(good["project"], project)
        snap = work / "snaps" / "snap"
        shutil.copytree(good["snapshot"], snap)
        before = folder_digest(snap)

        path = (
            project / target.path.removeprefix(PROJECT_PREFIX)
            if target.path.startswith(PROJECT_PREFIX)
            else raw / target.path
        )
        mutated = safely(mutation, path.read_bytes())
        assume(mutated is not None)  # a mutation that cannot apply to this file is not a passing example
        path.write_bytes(mutated)

        with (
            mock.patch.object(settings, "PROJECT_DIR", project),
            mock.patch.object(settings, "CATALOG_DIR", project / CATALOGS),
        ):
            try:
                manifest = refresh(raw, snap, lambda _: None, only=[name])
            except LoaderError as exc:
                message = str(exc)
                assert message.startswith(str(exc.file)), message
                hidden = [c for c in message if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]
                assert not hidden, (
                    f"error must be one plain line (no newlines, control or format characters): {message!r}"
                )
                assert folder_digest(snap) == before, "a failed refresh changed the previous snapshot"
            else:
                assert verify_snapshot(snap)["built_at"] == manifest["built_at"]
        leftovers = sorted(p.name for p in snap.parent.iterdir() if p.name.startswith(".snapshot-"))
        assert not leftovers, f"temp folders left behind: {leftovers}"


@pytest.mark.parametrize("name", sorted(LOADERS))
@given(data=st.data())
@hsettings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
def test_fuzzed_input_loads_or_raises_loader_error(name: str, data, good: dict[str, Path]) -> None:
    target = data.draw(st.sampled_from(targets_of(name)), label="input")
    mutation = data.draw(MUTATIONS[target.kind](), label="mutation")
    check_loader_survives(name, target, mutation, good)


# --- regressions found by the fuzzer (kept as plain examples, so they never come back) ----------------


def _replace_cell(csv_bytes: bytes, line: int, column: str, value: str) -> bytes:
    """CSV with the cell at spreadsheet `line` (header = 1) in `column` set to `value`."""
    rows = list(csv.reader(io.StringIO(_text(csv_bytes), newline="")))
    rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _zones_yaml(vertices: str) -> bytes:
    return (
        "median_line: {id: m, name: M, vertices: ['27-00-00N 122-00-00E', '23-00-00N 118-00-00E'], "
        "source: s, source_url: 'https://x'}\nexercise_zones:\n"
        f"  - {{id: z, event_id: pla-drills-aug-2022, name: Z, active_from: 2022-08-04, active_to: 2022-08-07, "
        f"vertices: {vertices}, source: s, source_url: 'https://x'}}\n"
    ).encode()


# Each of these raised something other than LoaderError before the fix named beside it.
REGRESSIONS = [
    # raw_csv.parse_dates: a date beyond datetime64[ns] (year 9999) crashed in astype (OutOfBoundsDatetime)
    (
        "pla_daily",
        "pla-data-dashboard/JapanandBattleship.csv",
        lambda d: _replace_cell(d, 2, "date", "9999/12/31"),
        "outside the dates the snapshot can hold",
    ),
    (
        "naval_transits",
        "pla-data-dashboard/naval_transits.csv",
        lambda d: _replace_cell(d, 2, "Date", "1600/01/01"),
        "outside the dates the snapshot can hold",
    ),
    (
        "pla_tracker",
        "pla-tracker-lioneer/records.csv",
        lambda d: _replace_cell(d, 3, "date", "2999-01-01"),
        "outside the dates the snapshot can hold",
    ),
    # events_catalog.read_yaml: PyYAML raises ValueError (not YAMLError) for an unquoted impossible date
    (
        "events_catalog",
        PROJECT_PREFIX + str(events_catalog.CATALOG_PATH),
        lambda d: d.replace(b"start: 2022-08-02", b"start: 2022-02-30", 1),
        "not valid YAML",
    ),
    # events_catalog._date: a real but out-of-range date crashed in astype
    (
        "events_catalog",
        PROJECT_PREFIX + str(events_catalog.CATALOG_PATH),
        lambda d: d.replace(b"end: 2022-08-03", b"end: 9999-12-31", 1),
        "outside the dates the snapshot can hold",
    ),
    # geo.read_land: corrupt LZMA stream (first packed byte; the 7z start header is 32 bytes) -> LZMAError
    (
        "geo",
        "natural-earth/10m/physical/ne_10m_land.7z",
        lambda d: d[:32] + b"\xff" + d[33:],
        "not a readable 7-Zip archive",
    ),
    # geo.clip_land: GeoJSON that is not an object -> AttributeError on .get
    (
        "geo",
        "natural-earth/10m/physical/ne_10m_land.7z",
        _seven_zip(geo.LAND_MEMBER, lambda d: b"[]"),
        "not a GeoJSON FeatureCollection",
    ),
    # geo.reference_features: a section that is not a mapping -> AttributeError; one vertex -> shapely ValueError
    ("geo", PROJECT_PREFIX + str(geo.REFERENCE_PATH), lambda d: b"median_line: 1\n", "expected a mapping"),
    (
        "geo",
        PROJECT_PREFIX + str(geo.REFERENCE_PATH),
        lambda d: _zones_yaml("['25-00-00N 120-00-00E']"),
        "at least three positions",
    ),
    # japan_mod.read_conflict_log: entries of the wrong JSON type -> AttributeError / TypeError
    (
        "japan_mod",
        "pla-data-dashboard/logs/strait_conflicts.json",
        lambda d: json.dumps(
            {"backfilled": [], "suppressed": [{"source": "p20260310_01.pdf", "mentions": [None]}], "conflicts": []}
        ).encode(),
        "'mentions' is not a list of objects",
    ),
    (
        "japan_mod",
        "pla-data-dashboard/logs/strait_conflicts.json",
        lambda d: json.dumps(
            {"backfilled": [{"date": "9999/12/31", "strait": "對馬"}], "suppressed": [], "conflicts": []}
        ).encode(),
        "is not a usable day",
    ),
    (
        "japan_mod",
        "pla-data-dashboard/logs/strait_conflicts.json",
        lambda d: json.dumps(
            {"backfilled": [{"date": "2026/03/14", "strait": ["對馬"]}], "suppressed": [], "conflicts": []}
        ).encode(),
        "unknown strait",
    ),
    # trade_mof_prelim.open_sheet: a damaged deflate stream -> zlib.error from inside openpyxl
    (
        "trade_mof_prelim",
        "taiwan-mof-customs-prelim-2025-08/xlsx/Table8_Taiwans's_ExportValue_and_AnnualGrowthRate.xlsx",
        lambda d: d[: len(d) // 2] + b"\x00" + d[len(d) // 2 + 1 :],
        "not a readable .xlsx workbook",
    ),
]


@pytest.mark.parametrize(
    "name, path, mutate, message", REGRESSIONS, ids=[f"{r[0]}-{i}" for i, r in enumerate(REGRESSIONS)]
)
def test_fuzzer_findings_raise_loader_error(
    name: str, path: str, mutate: Mutate, message: str, good: dict[str, Path]
) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        raw, project = Path(tmp) / "raw", Path(tmp) / "project"
        shutil.copytree(good["raw"], raw)
        shutil.copytree(good["project"], project)
        file = project / path.removeprefix(PROJECT_PREFIX) if path.startswith(PROJECT_PREFIX) else raw / path
        file.write_bytes(mutate(file.read_bytes()))
        with mock.patch.object(settings, "PROJECT_DIR", project), pytest.raises(LoaderError, match=message):
            LOADERS[name].build(RawFolder(raw))


def test_out_of_range_notice_period_is_kept_empty_and_logged(good: dict[str, Path], tmp_path: Path) -> None:
    """nav_warnings._period: a closure date of year 9999 crashed the build (OutOfBoundsDatetime); like any
    unreadable period it is now left empty and logged, and the notice is still drawn."""
    from tests.fixtures_map import circle_row, warning_row, write_warnings

    write_warnings(tmp_path, [warning_row(start_date="9999-12-31"), circle_row()])
    warnings, qc = LOADERS["nav_warnings"].build(RawFolder(tmp_path))
    assert len(warnings.frame) == 2
    row = warnings.frame.set_index("notice").loc["闽航警1/26"]
    assert str(row["start"]) == "NaT" and str(row["end"]) == "2026-07-23 00:00:00"
    assert "start_date '9999-12-31' is not a date" in " ".join(qc.frame["detail"])


def test_unknown_geometry_type_in_land_is_a_loader_error(tmp_path: Path) -> None:
    """geo.clip_land: shapely raised GeometryTypeError (not a GEOSException) for an unknown geometry type."""
    from tests.fixtures_map import write_land

    write_land(
        tmp_path,
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {}, "geometry": {"type": "poly on", "coordinates": [[[120, 22]]]}}
            ],
        },
    )
    with pytest.raises(LoaderError, match="feature 1 has no readable geometry"):
        geo.clip_land(geo.read_land(tmp_path / geo.LAND_FILE.path), tmp_path / geo.LAND_FILE.path)


def test_error_quoting_a_cell_stays_one_plain_line(good: dict[str, Path], tmp_path: Path) -> None:
    """LoaderError quotes raw cells; a newline or an ANSI escape in a cell used to reach the terminal as is,
    breaking the one-line error (and recolouring the terminal). They are now shown escaped."""
    raw = tmp_path / "raw"
    shutil.copytree(good["raw"], raw)
    path = raw / "pla-data-dashboard" / "JapanandBattleship.csv"
    path.write_bytes(_replace_cell(path.read_bytes(), 2, "pla_aircraft_sorties", "1\n2\x1b[31m\u202e"))
    with pytest.raises(LoaderError) as caught:
        LOADERS["pla_daily"].build(RawFolder(raw))
    message = str(caught.value)
    assert "'1\\n2\\x1b[31m\\u202e' is not a number" in message
    assert not [c for c in message if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]


def test_notice_with_a_non_web_url_is_skipped_not_linked(tmp_path: Path) -> None:
    """The Map page shows each notice's `url` as a clickable link (LinkColumn). A scraped `javascript:` URL was
    passed through; it is now skipped and logged like any other untrustworthy notice."""
    from tests.fixtures_map import circle_row, warning_row, write_warnings

    write_warnings(
        tmp_path,
        [
            warning_row(url="javascript:alert(1)//msa.gov.cn"),
            circle_row(),
            warning_row(url="https://www.msa.gov.cn/x.html", publish_date="2026-07-23", title="军事演习—闽航警2/26"),
        ],
    )
    warnings, qc = LOADERS["nav_warnings"].build(RawFolder(tmp_path))
    assert all(url.startswith("https://") for url in warnings.frame["url"])
    assert len(warnings.frame) == 2
    skipped = qc.frame[qc.frame["check"] == "bad_url"]
    assert len(skipped) == 1 and skipped["action"].item() == "skipped" and skipped["row"].item() == 2
