"""The chart catalog: one spec per figure, and a new spec reaches a page, a deck and a report pack with no
other change; settings are checked once (pydantic) for decks and pages alike."""

from __future__ import annotations

import zipfile
from datetime import date
from io import BytesIO

import plotly.graph_objects as go
import pytest
from pydantic import ValidationError
from streamlit.testing.v1 import AppTest

import catalog
import i18n
import settings
from catalog import CATALOG, NothingToShow, Rendered, Settings, Spec, Tables
from catalog.core import problems
from charts.theme import finish, source_text
from deck import model
from deck.pack import build_zip
from deck.tables import FolderTables
from tests.test_exports import need_chromium

NEW_ID = "vessels_per_weekday"


def vessels_per_weekday(tables: Tables, s: Settings) -> Rendered:
    """What a newcomer writes: a build function from tables and settings to a figure, its data and its note."""
    daily = catalog.core.clipped(tables, "air_sea_daily", s)
    data = daily.groupby(daily["date"].dt.day_name())["vessels"].mean().round(1).reset_index()
    if data.empty:
        raise NothingToShow("No vessel counts in this range.")
    note = tables.source_note("air_sea_daily")
    fig = go.Figure(go.Bar(x=data["date"], y=data["vessels"]))
    finish(fig, title="PLAN vessels per weekday", subtitle="mean per report day", note=note)
    return Rendered(fig, data, note, f"{NEW_ID}-{s.start}")


@pytest.fixture
def new_spec(monkeypatch):
    spec = Spec(NEW_ID, vessels_per_weekday, "activity", ("air_sea_daily",), ("start", "end"))
    monkeypatch.setitem(CATALOG, NEW_ID, spec)
    monkeypatch.setitem(i18n.catalog("en"), f"catalog.{NEW_ID}", "PLAN vessels per weekday")  # its title
    return spec


def test_ids_are_unique_and_each_spec_names_what_it_needs() -> None:
    ids = [
        spec.id
        for module in (
            catalog.activity,
            catalog.events,
            catalog.japan,
            catalog.trade,
            catalog.sources,
            catalog.precedents,
            catalog.replay,
        )
        for spec in module.SPECS
    ]
    assert len(ids) == len(set(ids)) == len(CATALOG) >= 24
    for spec in CATALOG.values():
        assert spec.needs and set(spec.uses) <= set(catalog.SETTING_NAMES), spec.id


def test_a_new_spec_renders_in_a_deck(new_spec) -> None:
    deck = model.parse(f"title: t\nslides:\n  - chart: {NEW_ID}\n    settings: {{start: 2024-01-01}}\n")
    tables = FolderTables(settings.SNAPSHOT_DIR)
    rendered = catalog.render(tables, deck.slides[0].chart, deck.slides[0].settings, title="Weekdays")
    assert len(rendered.data) == 7 and source_text(rendered.fig).startswith("Source: ")
    assert "Weekdays" in rendered.fig.layout.title.text


def test_a_new_spec_goes_into_a_report_pack(new_spec) -> None:
    need_chromium()
    deck = model.parse(f"title: t\nslides:\n  - chart: {NEW_ID}\n")
    archive = zipfile.ZipFile(BytesIO(build_zip(FolderTables(settings.SNAPSHOT_DIR), deck, "a4")))
    names = archive.namelist()
    assert any(n.endswith(".png") for n in names) and any(n.endswith(".csv") for n in names)
    assert "PLAN vessels per weekday" in archive.read("README.md").decode()


def test_a_new_spec_shows_on_a_page_with_its_numbers(new_spec) -> None:
    def page() -> None:
        from datetime import date

        from catalog import Settings
        from ui import blocks

        blocks.show("vessels_per_weekday", Settings(start=date(2024, 1, 1)))
        blocks.show("vessels_per_weekday", Settings(start=date(2031, 1, 1)))  # nothing in range: said in words

    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert [i.value for i in at.info] == ["No vessel counts in this range."]
    assert at.expander  # the numbers behind the chart


@pytest.mark.parametrize(
    "values, fragment",
    [
        ({"metric": "tanks"}, "metric must be one of"),
        ({"start": "yesterday"}, "is not a date"),
        ({"year": 1850}, "setting 'year'"),
        ({"year": "2024"}, "setting 'year'"),
        ({"surges": "yes"}, "setting 'surges'"),
        ({"last_days": 3}, "setting 'last_days'"),
        ({"flow": "smuggled"}, "setting 'flow'"),
        ({"os": "rm -rf"}, "unknown setting"),
        ({"exercise": ["a"]}, "must be a single value, not a list"),
    ],
)
def test_bad_settings_are_refused_in_one_plain_line(values: dict, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings.model_validate(values)
    line = problems(caught.value)
    assert fragment in line and "\n" not in line


def test_settings_round_trip_and_key() -> None:
    chosen = Settings(metric="vessels", start=date(2024, 5, 1), flow="import")
    assert chosen.to_dict() == {"metric": "vessels", "start": "2024-05-01", "flow": "import"}
    assert Settings.from_dict(chosen.to_dict()) == chosen
    assert chosen.key() != Settings().key() and hash(chosen) == hash(Settings.from_dict(chosen.to_dict()))


def test_empty_range_says_so_instead_of_an_empty_chart() -> None:
    tables = FolderTables(settings.SNAPSHOT_DIR)
    with pytest.raises(NothingToShow):
        catalog.render(tables, "japan_straits", Settings(start=date(2010, 1, 1), end=date(2010, 2, 1)))
