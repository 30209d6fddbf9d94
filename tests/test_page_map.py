"""The Map page with AppTest, run in isolation (the router adds the sidebar; here the date range is preset
and nothing else is needed: a page runs on its own).

The page is run through a two-line wrapper script rather than AppTest.from_file("views/map.py"), so that the
project root, not pages/, is first on sys.path (as when app.py runs it).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parents[1] / "views" / "map.py")
TIMEOUT = 60


WRAPPER = f"import runpy\nrunpy.run_path({PAGE!r}, run_name='__main__')\n"


def start(
    date_range: tuple[date, date] | None = (date(2020, 1, 1), date(2026, 8, 22)), *, table: bool = True
) -> AppTest:
    """The page, with its table of what the map shows opened (as a reader does to read it) unless not `table`."""
    at = AppTest.from_string(WRAPPER, default_timeout=TIMEOUT)
    if date_range:
        at.session_state["date_range"] = date_range
    if table:
        at.session_state["map_table"] = True
    return at.run()


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def summary(at: AppTest) -> str:
    return at.caption[0].value


def test_default_view_shows_the_latest_90_days() -> None:
    at = start()
    ok(at)
    assert at.title[0].value == "Map: exercise zones, navigation warnings and transits"
    assert at.session_state["map_window"] == (date(2026, 5, 24), date(2026, 8, 22))
    assert summary(at).startswith("24 May 2026 – 22 Aug 2026: 0 exercise zones,")
    assert "navigation warnings" in summary(at) and "could not be drawn" in summary(at)
    assert any("ADIZ boundary not shown: no authoritative published coordinates" in c.value for c in at.caption)
    assert any("Source: China Maritime Safety Administration" in c.value for c in at.caption)
    assert [s.value for s in at.subheader] == ["What the map shows"]
    assert len(at.get("deck_gl_json_chart")) == 1
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "XLSX"]
    assert "Land (Natural Earth)" in at.markdown[0].value


def test_the_table_of_what_the_map_shows_is_sent_when_opened() -> None:
    at = start(table=False)
    ok(at)
    assert not at.dataframe  # closed: the page switch does not draw it
    [box] = at.expander
    rows = int(re.fullmatch(r"The table: ([\d,]+) rows, each with its source", box.label).group(1).replace(",", ""))
    at.session_state["map_table"] = True
    at.run()
    ok(at)
    assert len(at.dataframe[0].value) == rows > 0
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "XLSX"]  # downloads never need it open


def test_jump_to_justice_mission_shows_its_five_zones() -> None:
    at = start()
    jump = at.selectbox(key="map_jump")
    label = next(option for option in jump.options if option.startswith("Justice Mission-2025"))
    assert label.endswith("zones drawn")
    jump.set_value(label).run()
    ok(at)
    assert at.session_state["map_window"] == (date(2025, 12, 26), date(2026, 1, 2))
    assert summary(at).startswith("26 Dec 2025 – 2 Jan 2026: 5 exercise zones, 0 navigation warnings")
    shown = at.dataframe[0].value
    assert (shown["layer"] == "exercise zone").sum() == 5


def test_august_2022_and_layer_toggles() -> None:
    at = start()
    at.selectbox(key="map_jump").set_value(
        next(o for o in at.selectbox(key="map_jump").options if o.startswith("PLA joint military operations"))
    ).run()
    ok(at)
    assert "6 exercise zones" in summary(at)
    at.checkbox(key="map_show_zones").uncheck().run()
    ok(at)
    assert "0 exercise zones" in summary(at)


def test_window_is_kept_inside_the_sidebar_range() -> None:
    at = start((date(2024, 1, 1), date(2024, 12, 31)))
    ok(at)
    first, last = at.session_state["map_window"]
    assert date(2024, 1, 1) <= first <= last <= date(2024, 12, 31)
    options = at.selectbox(key="map_jump").options
    assert any(o.startswith("Joint Sword-2024A") for o in options)
    assert not any(o.startswith("Justice Mission-2025") for o in options)  # outside the range


def test_runs_without_a_date_range() -> None:
    at = start(None)
    ok(at)
    assert at.session_state["map_window"][1] == date(2026, 8, 22)


def test_map_through_the_router() -> None:
    at = AppTest.from_file(str(Path(PAGE).parents[1] / "app.py"), default_timeout=TIMEOUT).run()
    at.switch_page("views/map.py").run()
    ok(at)
    assert len(at.get("deck_gl_json_chart")) == 1


def deck_layers(at: AppTest) -> dict[str, dict]:
    import json

    (chart,) = at.get("deck_gl_json_chart")
    return {layer["id"]: layer for layer in json.loads(chart.proto.json)["layers"]}


def legend(at: AppTest) -> str:
    return at.markdown[0].value


def jump_to(at: AppTest, prefix: str) -> AppTest:
    jump = at.selectbox(key="map_jump")
    jump.set_value(next(o for o in jump.options if o.startswith(prefix))).run()
    ok(at)
    return at


def test_joint_sword_2024a_shows_mnd_areas_with_legend_and_caveat() -> None:
    at = jump_to(start(), "Joint Sword-2024A")
    assert at.session_state["map_window"] == (date(2024, 5, 20), date(2024, 5, 27))
    layers = deck_layers(at)
    areas = layers["flight_areas"]["data"]
    # 20-27 May 2024: 11 areas MND drew, 4 of them on the exercise's two report days (one polygon each)
    assert len(areas) == 11
    assert sum(re.search(r"MND report day 2[34] May 2024", row["tooltip"]) is not None for row in areas) == 4
    assert {row["title"] for row in areas} == {"Activity area: Drone (UAV)", "Activity area: Other or several classes"}
    assert "japan_tracks" not in layers  # Japan-side tracks end in Aug 2023
    assert "Drone (UAV)" in legend(at) and "Other or several classes" in legend(at)
    assert "Fighter" not in legend(at) and "Japan Joint Staff Office track" not in legend(at)
    captions = " ".join(c.value for c in at.caption)
    assert "11 shapes from MND maps and 0 Japan-side tracks in the window." in captions
    assert "fit for small-scale maps, not for close zoom" in captions and "from 16 Jan 2024" in captions
    assert "flight area (MND map)" in set(at.dataframe[0].value["layer"])


def test_flight_track_switch_removes_the_layer_and_its_legend() -> None:
    at = jump_to(start(), "Joint Sword-2024A")
    at.checkbox(key="map_show_tracks").uncheck().run()
    ok(at)
    layers = deck_layers(at)
    assert "flight_areas" not in layers and "flight_tracks" not in layers
    assert "Drone (UAV)" not in legend(at)
    assert "0 shapes from MND maps" in " ".join(c.value for c in at.caption)
    at.checkbox(key="map_show_tracks").check().run()
    assert "flight_areas" in deck_layers(at)


def test_august_2022_shows_japan_side_tracks_with_their_pdf() -> None:
    at = jump_to(start(), "PLA joint military operations")
    layers = deck_layers(at)
    japan = layers["japan_tracks"]["data"]
    assert japan and all("Source PDF: p2022080" in row["tooltip"] for row in japan)
    assert "Japan Joint Staff Office track (ships and aircraft)" in legend(at)
    assert layers["flight_tracks"]["data"]  # tracks (not yet areas) in 2022
    at.checkbox(key="map_show_japan").uncheck().run()
    ok(at)
    assert "japan_tracks" not in deck_layers(at) and "Japan Joint Staff Office track" not in legend(at)


def test_adiz_regions_are_labels_with_a_caption_and_no_boundary() -> None:
    at = start()
    layers = deck_layers(at)
    labels = {row["text"] for row in layers["adiz_labels"]["data"]}
    assert {"North ADIZ", "South-west ADIZ"} <= labels
    captions = " ".join(c.value for c in at.caption)
    assert "No boundaries are drawn: there are no published coordinates." in captions
    assert "Taipei" in {row["text"] for row in layers["place_names"]["data"]}
    assert "scale_bar" in layers and "Aircraft flight over the strait" in legend(at)
    at.checkbox(key="map_show_adiz").uncheck().run()
    ok(at)
    assert "adiz_labels" not in deck_layers(at)
    assert "No boundaries are drawn" not in " ".join(c.value for c in at.caption)


def test_map_in_japanese_names_places_and_categories() -> None:
    at = AppTest.from_string("import i18n\ni18n.use('ja')\n" + WRAPPER, default_timeout=TIMEOUT)
    at.session_state["date_range"] = (date(2020, 1, 1), date(2026, 8, 22))
    at.run()
    ok(at)
    layers = deck_layers(at)
    assert "台北" in {row["text"] for row in layers["place_names"]["data"]}
    assert "北部ADIZ" in {row["text"] for row in layers["adiz_labels"]["data"]}
    assert "海峡上空の航空機の飛行" in legend(at)


# --- the Map's view in the URL (ui/url.py) ------------------------------------------------------------------


def map_with(params: dict[str, str]) -> AppTest:
    """The Map through the router, opened from a shared address."""
    at = AppTest.from_file(str(Path(PAGE).parents[1] / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("views/map.py").run()
    return at


def param(at: AppTest, name: str):
    value = dict(at.query_params).get(name)
    return value[0] if isinstance(value, list) else value


def test_a_shared_event_opens_its_window_and_label() -> None:
    at = map_with({"event": "joint-sword-2024a"})
    ok(at)
    assert at.session_state["map_window"] == (date(2024, 5, 20), date(2024, 5, 27))
    assert at.selectbox(key="map_jump").value.startswith("Joint Sword-2024A")
    assert "11 shapes from MND maps" in " ".join(c.value for c in at.caption)
    assert param(at, "event") == "joint-sword-2024a" and param(at, "window") == "2024-05-20..2024-05-27"


def test_window_and_layer_switches_round_trip_through_the_url() -> None:
    at = map_with({"window": "2022-08-01..2022-08-10", "tracks": "0", "places": "0"})
    ok(at)
    assert at.session_state["map_window"] == (date(2022, 8, 1), date(2022, 8, 10))
    assert not at.checkbox(key="map_show_tracks").value and at.checkbox(key="map_show_japan").value
    layers = deck_layers(at)
    assert "flight_tracks" not in layers and "place_names" not in layers and "japan_tracks" in layers
    at.checkbox(key="map_show_japan").uncheck().run()
    ok(at)
    assert param(at, "japan") == "0" and param(at, "tracks") == "0" and param(at, "window") == "2022-08-01..2022-08-10"
    assert param(at, "zones") is None  # a switch left on is not written


@pytest.mark.parametrize("window", ["2024-05-27..2024-05-20", "2024-05-20", "<b>x</b>..2024-05-20"])
def test_a_bad_window_is_refused_with_a_notice(window: str) -> None:
    from tests.conftest import url_notices

    at = AppTest.from_file(str(Path(PAGE).parents[1] / "app.py"), default_timeout=TIMEOUT)
    at.query_params["window"], at.query_params["japan"] = window, "yes"
    at.run()  # notices are shown on the run that reads the address
    ok(at)
    notices = " ".join(url_notices(at))
    assert "window" in notices and "japan" in notices
    assert "<b>" not in notices


def test_the_table_under_the_map_has_headers_in_the_readers_language() -> None:
    at = AppTest.from_string("import i18n\ni18n.use('zh-TW')\n" + WRAPPER, default_timeout=TIMEOUT)
    at.session_state["date_range"] = (date(2020, 1, 1), date(2026, 8, 22))
    at.session_state["map_table"] = True
    at.run()
    ok(at)
    assert at.expander[0].label.startswith("表格：")
    labels = {
        name: column["label"] for name, column in json.loads(at.dataframe[0].proto.columns).items() if "label" in column
    }
    names = ("layer", "from", "to", "name", "detail", "longitude", "latitude", "source")
    assert {name: labels[name] for name in names} == {
        "layer": "圖層",
        "from": "起",
        "to": "迄",
        "name": "名稱",
        "detail": "說明",
        "longitude": "經度",
        "latitude": "緯度",
        "source": "資料來源",
    }
    assert json.loads(at.dataframe[0].proto.columns)["source"]["type_config"]["type"] == "link"


def test_presenting_the_map_shows_it_without_its_table_and_downloads() -> None:
    from ui.controls import PRESENTER_KEY

    at = start(table=False)
    at.session_state[PRESENTER_KEY] = True
    at.run()
    ok(at)
    assert at.get("deck_gl_json_chart") and not at.subheader and not at.expander
    assert not at.get("download_button")


def test_every_layer_has_a_switch_and_a_place_in_the_view() -> None:
    from dataclasses import fields

    from ui.geo_data import LAYER_TABLES, Layers

    assert list(LAYER_TABLES) == [f.name for f in fields(Layers)]
