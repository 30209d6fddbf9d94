"""The pydeck map builder: the right layers, a local base style, no external URL, plain-English tooltips."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import shapely

import settings
from charts import map as map_chart
from loaders.snapshot import read_table


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {
        name: read_table(settings.SNAPSHOT_DIR, name) for name in ("geo_features", "nav_warnings", "naval_transits")
    }


def geometry(frame: pd.DataFrame, layer: str) -> dict:
    return json.loads(frame.loc[frame["layer"] == layer, "geometry_geojson"].iloc[0])


def full_map(tables) -> dict:
    """The deck's JSON spec, with the tooltip put back (Streamlit sends it beside the spec)."""
    features = tables["geo_features"]
    deck = map_chart.strait_map(
        geometry(features, "land"),
        geometry(features, "median_line"),
        features[features["layer"] == "exercise_zone"],
        tables["nav_warnings"],
        tables["naval_transits"],
        event_names={"justice-mission-2025": "Justice Mission-2025"},
    )
    return {**json.loads(deck.to_json()), "tooltip": deck._tooltip}


def test_layers_present_in_drawing_order(tables) -> None:
    spec = full_map(tables)
    assert [layer["id"] for layer in spec["layers"]] == [
        "land",
        "exercise_zones",
        "warning_areas",
        "warning_lines",
        "warning_points",
        "median_line",
        "transits",
    ]
    types = {layer["id"]: layer["@@type"] for layer in spec["layers"]}
    assert types["land"] == "GeoJsonLayer" and types["exercise_zones"] == "PolygonLayer"


def test_sizes_are_in_screen_pixels(tables) -> None:
    # a bare "pixels" would be sent as an accessor expression ("@@=pixels") and markers would be metres-sized
    layers = {layer["id"]: layer for layer in full_map(tables)["layers"]}
    assert layers["transits"]["radiusUnits"] == "pixels" and layers["warning_points"]["radiusUnits"] == "pixels"
    assert layers["median_line"]["widthUnits"] == "pixels" and layers["warning_lines"]["widthUnits"] == "pixels"


def test_local_base_style_and_no_external_urls(tables) -> None:
    spec = full_map(tables)
    assert spec["mapStyle"] == "app/static/blank_style.json"
    text = json.dumps(spec)
    urls = set(re.findall(r"https?://[^\s\"'<]+", text))
    # The only addresses are source citations inside tooltip text (never fetched); no tile or style server.
    assert not any(host in url for url in urls for host in ("cartocdn", "mapbox", "tile", "basemaps"))
    assert spec["initialViewState"]["longitude"] == pytest.approx(121.0)
    assert spec["initialViewState"]["latitude"] == pytest.approx(24.0)
    assert spec["initialViewState"]["zoom"] == pytest.approx(5.3)


def test_blank_style_file_is_local_and_matches_the_sea_colour() -> None:
    style = json.loads((settings.PROJECT_DIR / "static" / "blank_style.json").read_text(encoding="utf-8"))
    assert style["sources"] == {} and style["layers"][0]["paint"]["background-color"] == map_chart.SEA


def test_tooltips_are_plain_english(tables) -> None:
    spec = full_map(tables)
    by_id = {layer["id"]: layer for layer in spec["layers"]}
    assert spec["tooltip"]["html"] == "{tooltip}"
    zone_tip = by_id["exercise_zones"]["data"][0]["tooltip"]
    assert "Exercise:" in zone_tip and "Announced for:" in zone_tip and "Source:" in zone_tip
    warning_tip = by_id["warning_areas"]["data"][0]["tooltip"]
    assert "MSA notice" in warning_tip and "Published" in warning_tip
    transit_tip = by_id["transits"]["data"][0]["tooltip"]
    assert "symbolic" in transit_tip
    assert "Taiwan Strait median line" in by_id["median_line"]["data"][0]["tooltip"]


def test_hidden_layers_are_left_out(tables) -> None:
    features = tables["geo_features"]
    deck = map_chart.strait_map(geometry(features, "land"), None, None, tables["nav_warnings"].iloc[0:0], None)
    assert [layer["id"] for layer in json.loads(deck.to_json())["layers"]] == ["land"]


def test_transit_markers_are_spread_along_the_strait() -> None:
    positions = map_chart.transit_positions(5)
    assert positions[0] == [119.75, 24.0] and positions[-1] == [120.6, 25.25]
    assert map_chart.transit_positions(1) == [[pytest.approx(120.175), pytest.approx(24.625)]]
    # inside the strait: at sea, and east of the median line (lon - lat = 95 on the line 118E 23N - 122E 27N)
    land = shapely.from_geojson(
        read_table(settings.SNAPSHOT_DIR, "geo_features").query("layer == 'land'")["geometry_geojson"].iloc[0]
    )
    for lon, lat in positions:
        assert not land.contains(shapely.Point(lon, lat)) and lon - lat > 95


def test_html_in_source_text_is_escaped() -> None:
    transits = pd.DataFrame(
        {
            "date": [pd.Timestamp("2024-01-01")],
            "country": ["US"],
            "ship": ["<b>x</b>"],
            "ship_type": [""],
            "category": ["foreign_warship_transit"],
        }
    )
    (row,) = map_chart.transit_rows(transits)
    assert "&lt;b&gt;x&lt;/b&gt;" in row["tooltip"]
