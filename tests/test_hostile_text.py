"""Hostile text in the data and in the URL renders as inert text on every page (AppTest, through the router).

* Data: a snapshot copy whose free-text columns hold `<script>`, `<img onerror>`, markdown links, bold and
  10k-character strings (tests/hostile.py). Every page must run without exception, and no string that
  Streamlit renders as markdown may carry a payload unescaped; map tooltips (HTML in deck.gl) must carry
  them HTML-escaped.
* URL: query parameters fuzzed with hypothesis on every page never crash and are never reflected as markup.
* Source: no `unsafe_allow_html=True` / `st.html` call in the app's code receives data (static allow-list).

The real-browser half (no alert fires, no injected element in the DOM) is in tests/test_browser_reliability.py.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import i18n
import settings
from loaders.snapshot import read_table
from tests.conftest import SECTIONS
from tests.hostile import MARKUP, PAYLOADS, hostile_snapshot, markdown_texts
from ui.blocks import inert_md

PROJECT = Path(__file__).resolve().parents[1]
APP = str(PROJECT / "app.py")
PAGES = ["overview", "activity", "events", "replay", "map", "japan", "trade", "briefing", "sources"]


def test_pages_list_is_complete() -> None:
    """A page added to the app is covered here too."""
    assert sorted(PAGES) == sorted(p.stem for p in (PROJECT / "views").glob("*.py"))


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    return hostile_snapshot(settings.SNAPSHOT_DIR, tmp_path_factory.mktemp("hostile") / "snapshot")


def open_page(page: str, params: dict[str, str] | None = None) -> AppTest:
    """A fresh session opening `page` through the router (like a deep link), with query parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in (params or {}).items():
        at.query_params[name] = value
    return at.switch_page(f"views/{page}.py").run()


def raw_markup(at: AppTest, values) -> list[tuple[str, str, str]]:
    """(element type, value, text excerpt) wherever a value appears unescaped in markdown-rendered text."""
    found = []
    for kind, text in markdown_texts(at._tree):
        for value in values:
            if value in text:
                start = text.index(value)
                found.append((kind, value, text[max(0, start - 40) : start + len(value) + 40]))
    return found


def every_tab(at: AppTest, page_name: str):
    """The page once per tab (just the page when it has none)."""
    sections = SECTIONS.get(page_name, [])
    assert len(at.tabs) == len(sections), "a tab was added or removed: update SECTIONS"
    yield at
    for section in sections[1:]:
        at.session_state["section"] = section
        yield at.run()


@pytest.mark.parametrize("page_name", PAGES)
def test_hostile_data_renders_inert(page_name: str, hostile_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(settings, "SNAPSHOT_DIR", hostile_dir)
    at = open_page(page_name)
    shown, specs = [], []
    for view in every_tab(at, page_name):
        assert not view.exception, [e.value for e in view.exception]
        assert view.title, "the page drew nothing"
        assert not raw_markup(view, MARKUP), f"data text rendered as markup ({view.session_state['section']})"
        shown += [text for _, text in markdown_texts(view._tree)]
        # decoded: plotly writes "<" in its JSON as \u003c, so "<img" never shows in a raw spec, escaped or not
        specs += [json.dumps(json.loads(chart.proto.spec), ensure_ascii=False) for chart in view.get("plotly_chart")]
    if page_name == "events":  # the catalog text is on this page, escaped: proves the check sees data at all
        assert any(inert_md(p) in "\n".join(shown) for p in MARKUP), "expected the escaped catalog text on the page"
    specs = "\n".join(specs)
    assert "<script" not in specs and "<img" not in specs, (
        "plotly renders HTML in labels and hover: data must be escaped"
    )
    if page_name in ("events", "japan"):  # pages whose charts carry catalog names or remarks
        assert "&lt;script&gt;" in specs or "&lt;img src=x onerror=alert(1)&gt;" in specs, (
            "expected escaped payloads in the chart labels"
        )
    if page_name == "map":
        # Streamlit's frontend HTML-escapes every value it puts into the tooltip template (DeckGlJsonChart:
        # values pass through an &<>"' escape when the template is `html`), so the template must be the only
        # markup and the rows must carry the data as plain text: pre-escaped values would show as "&lt;".
        chart = at.get("deck_gl_json_chart")[0].proto
        assert json.loads(chart.tooltip)["html"] == "<b>{title}</b><br>{tooltip}", "the template holds no data"
        texts = [
            row[key]
            for layer in json.loads(chart.json)["layers"]
            for row in layer.get("data", [])
            if isinstance(row, dict)
            for key in ("title", "tooltip")
            if key in row
        ]
        text = "\n".join(texts)
        assert "&lt;" not in text, "tooltip values are escaped by Streamlit; escaping them here shows '&lt;'"
        assert "<img src=x onerror=alert(1)>" in text or "<script>alert(1)</script>" in text, (
            "expected the payloads as plain text in the map tooltips"
        )


def test_hostile_text_survives_every_exercise_on_events_page(hostile_dir: Path, monkeypatch) -> None:
    """Each exercise's own name, description and source citation go through markdown: all of them."""
    monkeypatch.setattr(settings, "SNAPSHOT_DIR", hostile_dir)
    events = read_table(hostile_dir, "events")
    exercises = events.loc[events["kind"] == "exercise", "id"].tolist()
    at = open_page("events")
    at.session_state["section"] = "exercise"
    at.run()
    for exercise in exercises:
        at.selectbox(key="exercise").set_value(exercise).run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state["exercise"] == exercise
        assert not raw_markup(at, MARKUP)
    assert len(exercises) >= 5


# --- hostile query parameters, fuzzed on every page ----------------------------------------------------

PARAMS = ["from", "to", "metric", "lang", "events", "present", "exercise", "year", "slide", "x"]
HOSTILE_VALUES = [
    *MARKUP,
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    "{{7*7}}",
    "${7*7}",
    "%00",
    "\x00",
    "../../etc/passwd",
    "1' OR '1'='1",
    "<b>x</b>",
    "x" * 200,
    "😀" * 10,
]
VALID_VALUES = [
    "2024-01-01",
    "2026-08-22",
    "vessels",
    "aircraft",
    "0",
    "1",
    "2024",
    "2",
    *i18n.LANGUAGES,
    "pla-drills-aug-2022",
]
param_values = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.sampled_from(VALID_VALUES),
    st.text(max_size=20),
    st.tuples(st.sampled_from(MARKUP), st.text(max_size=5)).map("".join),
)


@pytest.mark.parametrize("page_name", PAGES)
@given(params=st.dictionaries(st.sampled_from(PARAMS), param_values, max_size=5))
@hsettings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzzed_query_parameters_never_crash_or_reflect(page_name: str, params: dict[str, str]) -> None:
    at = open_page(page_name, params)
    assert not at.exception, (params, [e.value for e in at.exception])
    markup = [v for v in params.values() if any(p in v for p in MARKUP) or re.search(r"<\w", v)]
    assert not raw_markup(at, markup), f"query parameter reflected as markup: {params}"


@pytest.mark.parametrize("page_name", PAGES)
def test_every_hostile_parameter_at_once(page_name: str) -> None:
    params = {name: HOSTILE_VALUES[i % len(HOSTILE_VALUES)] for i, name in enumerate(PARAMS)}
    at = open_page(page_name, params)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.warning) >= 1, "refused parameters should be reported"
    assert not raw_markup(at, [v for v in params.values() if len(v) > 3])


# --- no raw HTML with data ------------------------------------------------------------------------------

CODE_DIRS = ("views", "ui", "charts", "catalog", "deck")
# (file, pattern of the whole call): static HTML only, reviewed. Nothing else may render raw HTML.
ALLOWED_HTML = [
    ("ui/presenter.py", r"st\.markdown\(CSS if controls\.presenting\(\) else LAYOUT_CSS, unsafe_allow_html=True\)"),
    # CSS and LAYOUT_CSS are module constants
    (
        "views/map.py",
        r"st\.markdown\(f\"<div style='font-size:0\.95rem;line-height:2'>\{legend\}</div>\", "
        r"unsafe_allow_html=True\)",
    ),  # legend: colours and labels from charts/map.py LEGEND
    ("app.py", r"st\.html\(LANG_SCRIPT\[language\], unsafe_allow_javascript=True\)"),
    # LANG_SCRIPT: one constant script per code in i18n.LANGUAGES; language is i18n.use()'s checked code
    ("ui/preload.py", r"st\.html\(HIDE_CSS\)"),  # HIDE_CSS: a module constant (hides the preloading chart)
    (
        "views/replay.py",
        r"st\.markdown\(ui\.CSS \+ \(ui\.PRESENTER_CSS if controls\.presenting\(\) else \"\"\), unsafe_allow_html=True\)",
    ),  # CSS and PRESENTER_CSS are module constants of ui/replay.py
    (
        "ui/replay.py",
        r"st\.markdown\(f\"<div class='replay-cards'>\{''\.join\(cards\)\}</div>\", unsafe_allow_html=True\)",
    ),  # cards: every text goes through html.escape in ui.replay._card (test_replay_cards_escape_data_text)
]


def raw_html_calls() -> list[tuple[str, int, str]]:
    """(file, line, source) of every call that can render raw HTML: unsafe_allow_html not literally False,
    st.html, components.html / components.v1.html."""
    found = []
    assert all((PROJECT / d).is_dir() for d in CODE_DIRS), CODE_DIRS  # a renamed folder must not go unscanned
    files = [PROJECT / "app.py", *(p for d in CODE_DIRS for p in sorted((PROJECT / d).rglob("*.py")))]
    for path in files:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            unsafe = any(
                k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                for k in node.keywords
            )
            if unsafe or name.endswith(("st.html", "components.html", "v1.html")) or name == "html":
                found.append((str(path.relative_to(PROJECT)), node.lineno, ast.get_source_segment(source, node)))
    return found


def test_no_raw_html_receives_data() -> None:
    calls = raw_html_calls()
    unexpected = [c for c in calls if not any(c[0] == f and re.fullmatch(p, c[2]) for f, p in ALLOWED_HTML)]
    assert not unexpected, f"raw-HTML rendering outside the reviewed allow-list: {unexpected}"
    assert len(calls) == len(ALLOWED_HTML), f"allow-list entries no longer used: {calls}"


def test_replay_cards_escape_data_text() -> None:
    """The replay's figure cards put a source name (manifest text) into an attribute and labels into the page."""
    from ui.replay import _card

    for payload in PAYLOADS:
        card = _card(payload, payload, payload, note=payload)
        assert "<script" not in card and "<img" not in card and "' onerror" not in card
        assert card.count("<div") == 4 and card.count("title='") == 1


def test_map_legend_is_static() -> None:
    """The one HTML block built with f-strings takes colours and labels from constants, never from data."""
    from charts import map as map_chart

    for language in i18n.LANGUAGES:
        i18n.use(language)
        for item in (*map_chart.LEGEND, *map_chart.TRACK_LEGEND.values(), map_chart.JAPAN_LEGEND):
            assert all(isinstance(v, int) for v in item.rgba) and item.shape in ("area", "line", "dot")
            assert not re.search(r"[<>\"']", item.label), (language, item.label)
    i18n.use(i18n.DEFAULT)


def test_payloads_cover_the_brief() -> None:
    assert {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "**bold**",
    } <= set(PAYLOADS)
    assert max(len(p) for p in PAYLOADS) >= 10_000
