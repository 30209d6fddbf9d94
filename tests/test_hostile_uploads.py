"""Uploads and views that must not stall the server, crash a page or render someone's markup.

Deck YAML with aliases (billion laughs) or absurd nesting is refused before anything expands, under a
time and memory bound; non-scalar settings get one-line deck errors; the upload limit matches the app's;
the Map shows a one-day window; control characters never break an XLSX export, and a failed export says
so; deck errors and report-pack READMEs carry file names and titles inert.
"""

from __future__ import annotations

import io
import re
import time
import tomllib
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import settings
from charts import tabular
from deck import model, pack
from deck.tables import FolderTables
from tests.test_page_map import start as start_map
from tests.test_url_and_presenter import run_with

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIME_BOUND = 2.0  # seconds for parse() to refuse a hostile deck
MEMORY_BOUND = 20 * 1024 * 1024  # bytes of peak allocation while refusing it


def refused_within_bounds(text: str, fragment: str) -> str:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(model.DeckError) as caught:
            model.parse(text, "bomb.yaml")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert fragment in message, message
    assert "\n" not in message
    assert elapsed < TIME_BOUND, f"took {elapsed:.2f} s"
    assert peak < MEMORY_BOUND, f"peak {peak / 1e6:.1f} MB"
    return message


def laughs(levels: int, width: int, where: str) -> str:
    """The billion-laughs document: each level lists the previous one `width` times."""
    lines = ['l0: &l0 "lol"']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    top = f"*l{levels}"
    if where == "title":
        lines += [f"title: {top}", "slides: [{chart: trend}]"]
    elif where == "settings":
        lines += ["title: t", f"slides: [{{chart: trend, settings: {{exercise: {top}}}}}]"]
    else:
        lines += ["title: t", f"slides: {top}"]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_once() -> None:
    text = laughs(9, 9, "title")  # 9^9 = 387 million strings once expanded
    assert len(text.encode()) < 1_000
    assert "line 1" in refused_within_bounds(text, "anchors and aliases")


@given(levels=st.integers(1, 12), width=st.integers(1, 12), where=st.sampled_from(["title", "settings", "slides"]))
@hsettings(max_examples=40, deadline=None)
def test_any_alias_structure_is_refused_within_bounds(levels: int, width: int, where: str) -> None:
    refused_within_bounds(laughs(levels, width, where), "anchors and aliases")


def test_a_lone_anchor_is_refused_too() -> None:
    refused_within_bounds("title: &t deck\nslides: [{chart: trend}]\n", "anchors and aliases")


@pytest.mark.parametrize("text", ["[" * 90_000, "{a: " * 20_000, "- " * 40_000 + "x"])
def test_absurd_nesting_is_refused_within_bounds(text: str) -> None:
    refused_within_bounds(text, "nested more than")


@pytest.mark.parametrize(
    "setting, value, fragment",
    [
        ("metric", "[aircraft, vessels]", "setting 'metric' must be a single value, not a list"),
        ("exercise", "{a: 1}", "setting 'exercise' must be a single value, not a dict"),
        ("start", "2024-01-01 10:00:00", "setting 'start' must be a single value, not a date and time"),
        ("year", "[2024]", "setting 'year' must be a single value, not a list"),
        ("surges", "{}", "setting 'surges' must be a single value, not a dict"),
    ],
)
def test_non_scalar_setting_is_a_one_line_deck_error(setting: str, value: str, fragment: str) -> None:
    text = f"title: t\nslides:\n  - chart: trend\n    settings: {{{setting}: {value}}}\n"
    with pytest.raises(model.DeckError) as caught:
        model.parse(text, "d.yaml")
    assert fragment in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("title: t\nslides: [{chart: [trend]}]\n", "'chart' must be one of"),
        ("title: {a: 1}\nslides: [{chart: trend}]\n", "the deck title must be text"),
        ("title: t\nslides: [{chart: trend, settings: {start: 2024-02-30}}]\n", "not valid YAML/JSON"),
    ],
)
def test_other_wrong_shapes_are_deck_errors(text: str, fragment: str) -> None:
    with pytest.raises(model.DeckError, match=fragment):
        model.parse(text, "d.yaml")


def test_upload_limit_matches_what_the_app_accepts() -> None:
    config = tomllib.loads((settings.PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    limit_mb = config["server"]["maxUploadSize"]
    assert limit_mb == 1 and limit_mb * 1024 * 1024 >= model.MAX_BYTES


# --- the briefing page shows upload errors inert -------------------------------------------------------


def briefing_edit_tab() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/briefing.py").run()
    at.session_state["section"] = "edit"
    return at.run()


def test_upload_error_renders_file_name_and_values_inert() -> None:
    at = briefing_edit_tab()
    name = "[click](https://evil.example) ![x](https://evil.example/p.png) **bold**.yaml"
    body = b"title: t\nslides:\n  - chart: trend\n    settings: {start: '[x](javascript:alert(1))'}\n"
    at.file_uploader(key="open_deck").set_value((name, body, "application/x-yaml")).run()
    assert not at.exception
    [error] = at.error
    assert "is not a date" in error.value
    for markup in ("[click](", "![x](", "**bold**", "[x](javascript"):
        assert markup not in error.value, error.value  # every control character is backslash-escaped
    assert "\\[click\\]" in error.value and "\\*\\*bold\\*\\*" in error.value


def test_alias_bomb_upload_is_refused_on_the_page() -> None:
    at = briefing_edit_tab()
    at.file_uploader(key="open_deck").set_value(("bomb.yaml", laughs(9, 9, "title").encode(), "application/x-yaml"))
    started = time.perf_counter()
    at.run()
    assert time.perf_counter() - started < 30
    assert not at.exception
    assert "anchors and aliases" in at.error[0].value


# --- report pack README --------------------------------------------------------------------------------


def test_report_pack_readme_escapes_deck_and_slide_titles(monkeypatch) -> None:
    monkeypatch.setattr(pack.export, "image_bytes", lambda fig, fmt, size: b"")  # no browser needed
    deck = model.parse(
        "title: '[deck](https://evil.example) ![i](https://evil.example/i.png)'\nslides:\n"
        '  - chart: trend\n    title: "a | injected | row |\\n| 9 | x | y | z | w |"\n'
        "  - chart: yearly\n    title: '<img src=x onerror=alert(1)> **b** `c`'\n",
        "d.yaml",
    )
    readme = (
        zipfile.ZipFile(io.BytesIO(pack.build_zip(FolderTables(settings.SNAPSHOT_DIR), deck)))
        .read("README.md")
        .decode("utf-8")
    )
    lines = readme.splitlines()
    assert lines[0] == "# \\[deck\\]\\(https\\://evil.example\\) \\!\\[i\\]\\(https\\://evil.example/i.png\\)"
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| #")]
    assert len(rows) == 2, rows  # no injected table row
    assert "a \\| injected \\| row \\| \\| 9 \\|" in rows[0]
    for markup in ("<img", "**b**", "`c`"):
        assert not re.search(r"(?<!\\)" + re.escape(markup), readme), markup  # only escaped copies remain
    assert "\\<img src=x onerror=alert\\(1\\)\\> \\*\\*b\\*\\* \\`c\\`" in rows[1]


# --- map with a one-day window ---------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2026, 8, 22), date(2025, 12, 29), date(2020, 1, 1)])
def test_map_with_a_one_day_range_shows_that_day(day: date) -> None:
    at = start_map((day, day))
    assert not at.exception, [e.value for e in at.exception]
    assert not at.get("slider"), "no slider can have equal ends"
    assert any(c.value.startswith(f"Showing a single day, {day.day} ") for c in at.caption)
    assert any(c.value.startswith(f"{day.day} ") and "exercise zones" in c.value for c in at.caption)
    assert len(at.get("deck_gl_json_chart")) == 1


@pytest.mark.parametrize(
    "params", [{"from": "2026-08-22", "to": "2026-08-22"}, {"from": "2026-08-22", "to": "2099-01-01"}]
)
def test_map_with_a_one_day_link_shows_that_day(params: dict[str, str]) -> None:
    at = run_with(params, "views/map.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["date_range"] == (date(2026, 8, 22), date(2026, 8, 22))
    assert any(c.value.startswith("Showing a single day, 22 ") for c in at.caption)


# --- control characters through to XLSX ------------------------------------------------------------------


@given(text=st.text(alphabet=st.characters(max_codepoint=0x7F) | st.sampled_from("長\u2028\ufeff"), max_size=30))
@hsettings(max_examples=100, deadline=None)
def test_any_text_exports_to_xlsx(text: str) -> None:
    data = tabular.xlsx_bytes(pd.DataFrame({"remark": [text, "ok"], "n": [1, 2]}), source_line="Source: " + text)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["data"]
    kept = sheet["A2"].value or ""
    assert not [c for c in kept if ord(c) < 32 and c not in "\t\n\r"]
    visible = [c for c in text if ord(c) >= 32 and c != "\x7f"]
    assert all(c in kept for c in visible), (text, kept)  # only the characters XLSX cannot hold are gone


def test_failed_xlsx_export_says_so_in_the_file(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("disk on fire")

    monkeypatch.setattr(tabular, "xlsx_bytes", broken)
    book = openpyxl.load_workbook(io.BytesIO(tabular.xlsx_or_error(pd.DataFrame({"a": [1]}))))
    sheet = book["export failed"]
    assert "export failed" in sheet["A1"].value and "ValueError: disk on fire" in sheet["A2"].value


def test_downloads_use_the_visible_failure_path() -> None:
    source = (settings.PROJECT_DIR / "ui" / "blocks.py").read_text(encoding="utf-8")
    assert "tabular.xlsx_bytes(" not in source and source.count("tabular.xlsx_or_error(") == 2
