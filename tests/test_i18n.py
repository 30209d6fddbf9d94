"""Catalog completeness: every key the code uses exists in English, and every language has exactly
the English keys with the same placeholders. Every page renders in every language."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import i18n
import settings
from tests.conftest import SECTIONS

PROJECT = Path(__file__).resolve().parents[1]
APP = str(PROJECT / "app.py")
CODE_DIRS = ("app.py", "views", "ui", "charts", "catalog", "deck", "analysis")
LITERAL = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")
DYNAMIC = re.compile(r"""\bt\(\s*f["']([a-z0-9_.]*)\{""")


def code_files() -> list[Path]:
    files = []
    for name in CODE_DIRS:
        path = PROJECT / name
        assert path.exists(), f"{name} is gone: the key scan would silently skip it"
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def used_keys() -> tuple[set[str], set[str]]:
    literal, prefixes = set(), set()
    for path in code_files():
        text = path.read_text(encoding="utf-8")
        literal |= set(LITERAL.findall(text))
        prefixes |= set(DYNAMIC.findall(text))
    return literal, prefixes


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_code_uses_only_keys_in_the_english_catalog() -> None:
    literal, prefixes = used_keys()
    english = i18n.catalog("en")
    assert len(literal) > 50
    missing = sorted(k for k in literal if k not in english)
    assert not missing, f"keys used in code but missing from en.yaml: {missing}"
    listed = run_time_keys()
    unlisted = sorted(prefixes - set(listed))
    assert not unlisted, f"keys built at run time with no list of their values in run_time_keys(): {unlisted}"
    for prefix, values in listed.items():
        assert values, prefix
        absent = sorted(f"{prefix}{value}" for value in values if f"{prefix}{value}" not in english)
        assert not absent, f"keys built at run time but missing from en.yaml: {absent}"


def run_time_keys() -> dict[str, list[str]]:
    """Every key built at run time (t(f"prefix.{value}")): prefix -> every value the code can put there,
    read from the code's own constants (pages are scripts, so their few lists are written out here)."""
    from analysis.activity import ADIZ, AROUND, SINGLE
    from analysis.japan import COUNTRIES, LANES, STRAITS
    from analysis.map_window import ADIZ_REGIONS
    from analysis.precedents import STATUSES
    from analysis.replay import DAY_MEASURES
    from analysis.trade import PARTNERS
    from catalog import CATALOG
    from catalog.measures import EXTRA_METRICS, METRICS
    from charts.events import KIND_COLORS
    from charts.export import SIZES
    from charts.map import JAPAN_LEGEND, LEGEND, PLACES, TRACK_LEGEND
    from charts.reconcile import HINTS, MEASURES, ONE_SIDED
    from charts.tabular import SUFFIXES
    from loaders.snapshot import read_manifest
    from ui.controls import PRESETS
    from ui.geo_data import LAYER_TABLES

    english = i18n.catalog("en")
    manifest = read_manifest(settings.SNAPSHOT_DIR)
    units = {c["unit"] for entry in manifest["tables"].values() for c in entry["columns"] if c["unit"]}
    flows, periods = ["export", "import"], ["month", "year"]
    return {
        "unit.": sorted(u for u in units if f"unit.{u}" in english),  # others are shown as the manifest says
        "chart.definition.": [ADIZ, AROUND, SINGLE, "mixed"],
        "chart.period.title_": periods,
        "chart.period.subtitle_": periods,
        "chart.period.y_": periods,
        "japan.strait.": list(STRAITS),
        "japan.country.": [*COUNTRIES, "unknown"],
        "japan.lane.": sorted(set(LANES.values())),
        "trade.partner.": list(PARTNERS),
        "trade.flow.": flows,
        "trade.flow_noun.": flows,
        "chart.trade.values.title_": flows,
        "chart.trade.per.": periods,
        "chart.trade.usd_per_": periods,
        "chart.trade.security.trade_": [*flows, "balance"],
        "chart.trade.mirror.": flows,
        "metric.": [*METRICS, *EXTRA_METRICS, *MEASURES],
        "chart.reconcile.hint.": list(HINTS),
        "chart.reconcile.status.": list(ONE_SIDED),
        "map.legend.": [item.key for item in (*LEGEND, *TRACK_LEGEND.values(), JAPAN_LEGEND)],
        "map.legend.category.": list(TRACK_LEGEND),  # charts.track_colors.category_name
        "map.adiz.": list(ADIZ_REGIONS),  # charts.map.adiz_rows
        "map.place.": list(PLACES),  # charts.map.place_layer
        # views/map.py: each layer's switch, and the help of those that need an optional table
        "map.layer_": [*LAYER_TABLES, *(f"{name}_help" for name, needs in LAYER_TABLES.items() if needs)],
        "events.kind.": list(KIND_COLORS),
        "events.key.": ["exercise", "political"],
        "cards.status.": list(STATUSES),  # charts.cards: what a card says about a measure
        "map.tip.": ["china_activity", "aircraft_transit", "other", "warship"],  # charts.map.transit_layer
        "catalog.": list(CATALOG),
        "export.size.": list(SIZES),
        # charts.tabular.column_label: headers of tables shown and exported to people
        "column.": sorted(k.removeprefix("column.") for k in english if k.count(".") == 1 and k.startswith("column.")),
        "column.suffix.": list(SUFFIXES),
        "sources.table.": list(manifest["tables"]),  # views/sources.py, via i18n.t_or
        "controls.preset_": [name for name, _ in PRESETS],
        # views/sources.py: the snapshot table's column headers, and the witnesses of the report-day alignment
        "sources.column.": [
            "table",
            "title",
            "source",
            "first_day",
            "last_day",
            "rows",
            "licence",
            "upstream",
            "commit",
        ],
        "sources.witness_": ["madeye", "press", "lioneer", "tracks"],
        # views/activity.py: what each extra measure is; views/sources.py and charts.reconcile: the witness table
        "activity.about.": list(EXTRA_METRICS),
        "reconcile.column.": ["action", "detail", "disputed", "report_url"],
        "chart.witnesses.name.": ["snapshot", "stored", "madeye", "lioneer", "press", "drawn"],
        "replay.measure.": [measure for measure, _ in DAY_MEASURES],
        "replay.direction.": ["in", "out", "both", "unknown"],  # japan_side_events.direction (its data dictionary)
    }


@pytest.mark.parametrize("language", [code for code in i18n.LANGUAGES if code != "en"])
def test_every_language_has_every_key_with_the_same_placeholders(language: str) -> None:
    english, other = i18n.catalog("en"), i18n.catalog(language)
    assert sorted(set(english) - set(other)) == [], f"missing from {language}"
    assert sorted(set(other) - set(english)) == [], f"{language} has keys English does not"
    for key, text in english.items():
        assert placeholders(other[key]) == placeholders(text), f"{language}:{key} placeholders differ"
        assert other[key].strip(), f"{language}:{key} is empty"


def test_dates_and_months_follow_the_language() -> None:
    day = date(2026, 8, 22)
    expected = {"en": ("22 Aug 2026", "Aug"), "ja": ("2026/08/22", "8月"), "zh-TW": ("2026年8月22日", "8月")}
    for language, (text, month) in expected.items():
        i18n.use(language)
        assert (i18n.day(day), i18n.month_abbr(8)) == (text, month)
    i18n.use("en")


def test_unknown_language_falls_back_to_english() -> None:
    assert i18n.use("xx") == "en" and i18n.t("nav.overview") == "Overview"


PAGE_TITLES = {
    "views/overview.py": "overview.title",
    "views/activity.py": "activity.title",
    "views/events.py": "events_page.title",
    "views/replay.py": "replay.title",
    "views/map.py": "map.title",
    "views/japan.py": "japan.title",
    "views/trade.py": "trade.title",
    "views/briefing.py": "deck_page.title",
    "views/sources.py": "sources.title",
}


@pytest.mark.parametrize("language", ["ja", "zh-TW"])
@pytest.mark.parametrize("page", sorted(PAGE_TITLES))
def test_every_page_renders_in_each_language(language: str, page: str) -> None:
    """Each page opened from a link in that language shows its translated title, and no English one."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = language
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    expected = i18n.catalog(language)[PAGE_TITLES[page]]
    assert at.title[0].value == expected
    assert expected != i18n.catalog("en")[PAGE_TITLES[page]]
    name = page.removeprefix("views/").removesuffix(".py")
    # AppTest formats widget options again in this thread (e.g. chart titles in a selectbox) when it
    # collects widget states: use the page's language here too, as the script thread does.
    i18n.use(language)
    for section in SECTIONS.get(name, [])[1:]:  # every tab, each drawn only when open
        at.session_state["section"] = section
        at.run()
        assert not at.exception, (section, [e.value for e in at.exception])
        assert at.session_state["section"] == section
        assert at.title[0].value == expected
    i18n.use("en")


def test_language_survives_switching_pages() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "ja"
    at.run()
    at.switch_page("views/activity.py").run()
    at.switch_page("views/events.py").run()
    assert at.title[0].value == i18n.catalog("ja")["events_page.title"]
    i18n.use("en")
