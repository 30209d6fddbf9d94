"""Decks: the file format (good and hostile files), every gallery chart, the report pack, the page."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import settings
from catalog import CATALOG, Settings, render
from charts.theme import source_text
from deck import model
from deck.tables import FolderTables
from tests.test_exports import need_chromium

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SHIPPED = settings.PROJECT_DIR / "data" / "decks" / "pressure-on-taiwan.yaml"


@pytest.fixture(scope="module")
def tables() -> FolderTables:
    return FolderTables(settings.SNAPSHOT_DIR)


def test_shipped_deck_loads_and_round_trips() -> None:
    deck = model.load(SHIPPED)
    assert deck.title == "Pressure on Taiwan, 2020 to today" and len(deck.slides) == 8
    again = model.parse(deck.to_yaml())
    assert again == deck
    assert model.parse(model.to_json(deck)) == deck


@pytest.mark.parametrize(
    "text,fragment",
    [
        ("title: x\nslides: []", "1 to 50 slides"),
        ("just text", "expected a mapping"),
        ("title: x\nslides:\n  - chart: pie", "'chart' must be one of"),
        ("title: x\nslides:\n  - chart: daily\n    settings: {metric: tanks}", "metric must be one of"),
        ("title: x\nslides:\n  - chart: daily\n    settings: {start: yesterday}", "is not a date"),
        ("title: x\nslides:\n  - chart: daily\n    settings: {os: 'rm -rf'}", "unknown setting"),
        ("title: x\nslides:\n  - chart: daily\n    events: maybe", "events must be true or false"),
        ("title: x\nslides: [\n", "not valid YAML"),
        ("!!python/object/apply:os.system ['echo hi']", "not valid YAML"),
        ("title: x\nslides:\n" + "  - chart: daily\n" * 51, "1 to 50 slides"),
    ],
)
def test_bad_deck_files_are_refused_with_a_clear_line(text: str, fragment: str) -> None:
    with pytest.raises(model.DeckError) as caught:
        model.parse(text, "my-deck.yaml")
    assert fragment in str(caught.value) and str(caught.value).startswith("my-deck.yaml")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("chart", sorted(CATALOG))
def test_every_catalog_chart_renders_with_source_line(tables: FolderTables, chart: str) -> None:
    """Every chart of the catalog, from the shipped snapshot; one whose tables it lacks (trade files added by
    hand) says so instead of drawing."""
    choice = Settings(metric="vessels", last_days=400, year=2024)
    if not all(tables.has_table(name) for name in CATALOG[chart].needs):
        with pytest.raises(LookupError, match="needs table"):
            render(tables, chart, choice)
        return
    rendered = render(tables, chart, choice)
    assert source_text(rendered.fig).startswith("Source: ")
    assert rendered.fig.layout.title.text
    assert len(rendered.data) > 0 and len(rendered.fig.data) > 0


def test_last_days_covers_exactly_that_many_days(tables: FolderTables) -> None:
    rendered = render(tables, "daily", Settings(last_days=30, surges=False))
    assert len(rendered.data) == 30
    assert rendered.data["date"].max() == tables.table("air_sea_daily")["date"].max()


def test_unknown_chart_and_missing_table() -> None:
    class NoEvents(FolderTables):
        def has_table(self, name: str) -> bool:
            return name != "events"

    with pytest.raises(KeyError):
        render(FolderTables(settings.SNAPSHOT_DIR), "pie")
    with pytest.raises(LookupError, match="needs table"):
        render(NoEvents(settings.SNAPSHOT_DIR), "timeline")


def test_report_pack_cli(tmp_path: Path) -> None:
    need_chromium()
    from deck.__main__ import main

    small = tmp_path / "small.yaml"
    small.write_text(
        "title: Small\nslides:\n  - chart: trend\n  - chart: yearly\n    title: Per year\n", encoding="utf-8"
    )
    assert main(["pack", str(small), "--out", str(tmp_path / "out"), "--size", "a4"]) == 0
    archive = zipfile.ZipFile(tmp_path / "out" / "small-report-pack.zip")
    names = set(archive.namelist())
    assert {"README.md", "01-trend.png", "01-trend.svg", "01-trend.csv", "02-yearly-aircraft.png"} <= names
    readme = archive.read("README.md").decode("utf-8")
    assert "| 2 | Per year |" in readme and "Data to" not in readme and "2026-08-22" in readme
    assert "Per year" in archive.read("02-yearly-aircraft.svg").decode("utf-8")
    assert archive.read("01-trend.csv").startswith(b"\xef\xbb\xbfdate,")


def test_report_pack_cli_refuses_bad_deck(tmp_path: Path) -> None:
    from deck.__main__ import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("slides: nope", encoding="utf-8")
    assert main(["pack", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def chart_title(at: AppTest) -> str:
    import json

    from charts.export import plain_text

    # as read: the title is wrapped to the column it is laid out for (ui.screen), in bold
    return plain_text(json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"])


def test_deck_page_presents_and_edits() -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/briefing.py").run()
    assert not at.exception
    assert at.title[0].value == "Briefing deck"
    assert "PLA air and sea activity since 2020 (the aircraft count changed meaning on 5 Aug 2022)" in chart_title(at)
    at.button(key="deck_next").click().run()
    assert "Aircraft per year: ADIZ entries until Aug 2022, all aircraft around Taiwan since" in chart_title(at)
    assert at.session_state["slide"] == 2
    assert not at.get("file_uploader")  # the Edit tab is not drawn until opened
    at.session_state["section"] = "edit"
    at.run()
    at.button(key="add_slide").click().run()
    assert len(at.session_state["deck"].slides) == 9 and not at.exception
    at.button(key="down_0").click().run()
    assert at.session_state["deck"].slides[1].chart == "trend"
    at.button(key="remove_1").click().run()
    assert [s.chart for s in at.session_state["deck"].slides][:2] == ["yearly", "daily"]
    assert not at.exception


def test_titles_per_language_survive_parsing() -> None:
    """A deck or slide title given per language stays per language through the file checks."""
    text = "title: {en: Pressure, ja: 圧力}\nslides:\n  - chart: daily\n    title: {en: Daily, zh_TW: 每日}\n"
    deck = model.parse(text)
    assert model.shown(deck.title, "ja") == "圧力" and model.shown(deck.title, "en") == "Pressure"
    assert model.shown(deck.slides[0].title, "zh-TW") == "每日"
    assert model.parse(deck.to_yaml()) == deck
