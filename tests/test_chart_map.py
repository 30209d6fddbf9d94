"""The pydeck map builder: the right layers over a sea of its own (no base map), no external URL, plain-English
tooltips."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pydeck as pdk
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
        "sea",
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


def test_no_base_map_and_no_external_urls(tables) -> None:
    spec = full_map(tables)
    # No provider and pydeck's "no style given" mark: Streamlit then starts no MapLibre map and fetches no
    # Carto style (its DeckGlJsonChart drops the mark and draws deck.gl alone).
    assert spec["mapStyle"] == "__MAP_STYLE__" and spec.get("mapProvider") is None
    text = json.dumps(spec)
    urls = set(re.findall(r"https?://[^\s\"'<]+", text))
    # The only addresses are source citations inside tooltip text (never fetched); no tile or style server.
    assert not any(host in url for url in urls for host in ("cartocdn", "mapbox", "tile", "basemaps"))
    assert spec["initialViewState"]["longitude"] == pytest.approx(121.0)
    assert spec["initialViewState"]["latitude"] == pytest.approx(24.0)
    assert spec["initialViewState"]["zoom"] == pytest.approx(5.3)


def test_sea_is_drawn_first_in_the_sea_colour_and_covers_the_widest_view(tables) -> None:
    layers = full_map(tables)["layers"]
    sea = layers[0]
    assert sea["id"] == "sea" and sea["@@type"] == "PolygonLayer" and not sea["pickable"]
    assert "#" + "".join(f"{c:02x}" for c in sea["getFillColor"][:3]) == map_chart.SEA
    west, south, east, north = map_chart.SEA_BOX
    # at min_zoom 3 a 2000-px-wide map spans ~176 degrees of longitude around a centre in the strait
    assert west < 121 - 90 and east > 121 + 90 and south < -40 and north > 60


def test_deck_json_is_compact_and_the_same_as_pydecks(tables) -> None:
    features = tables["geo_features"]
    deck = map_chart.strait_map(geometry(features, "land"), None, None, tables["nav_warnings"], None)
    text = deck.to_json()
    assert "\n" not in text and not text.startswith('{\n  "')
    assert json.loads(text) == json.loads(pdk.Deck.to_json(deck))  # pydeck's own (indented) serialisation
    assert len(text) < len(pdk.Deck.to_json(deck)) / 2


def drawn(deck) -> list[dict]:
    """The deck's layers above the sea."""
    layers = json.loads(deck.to_json())["layers"]
    assert layers[0]["id"] == "sea"
    return layers[1:]


def tip(row: dict) -> str:
    """A row's tooltip as the reader sees it: bold title, then the lines."""
    return f"{row['title']}\n{row['tooltip']}"


def test_tooltips_are_plain_english(tables) -> None:
    spec = full_map(tables)
    by_id = {layer["id"]: layer for layer in spec["layers"]}
    assert spec["tooltip"]["html"] == "<b>{title}</b><br>{tooltip}" and spec["tooltip"]["style"]["whiteSpace"] == (
        "pre-line"
    )
    zone_tip = tip(by_id["exercise_zones"]["data"][0])
    assert "Exercise:" in zone_tip and "Announced for:" in zone_tip and "Source:" in zone_tip
    warning = by_id["warning_areas"]["data"][0]
    assert "MSA notice" in warning["title"] and "Published" in warning["tooltip"]
    assert "symbolic" in tip(by_id["transits"]["data"][0])
    assert by_id["median_line"]["data"][0]["title"] == "Taiwan Strait median line"
    assert not any(
        "<" in tip(row) for layer in spec["layers"] for row in layer["data"] if isinstance(row, dict) and "title" in row
    )


def test_hidden_layers_are_left_out(tables) -> None:
    features = tables["geo_features"]
    deck = map_chart.strait_map(geometry(features, "land"), None, None, tables["nav_warnings"].iloc[0:0], None)
    assert [layer["id"] for layer in drawn(deck)] == ["land"]


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


def test_source_text_reaches_the_tooltip_as_plain_text() -> None:
    """Streamlit HTML-escapes tooltip values in the browser (see charts.map.TOOLTIP): the value must be the
    text itself, not pre-escaped, and the template the only markup."""
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
    assert "<b>x</b>" in row["tooltip"] and "&lt;" not in tip(row)
    assert "{" not in map_chart.TOOLTIP["html"].replace("{title}", "").replace("{tooltip}", "")


# --- flight tracks, Japan-side tracks, ADIZ labels, place names -------------------------------------------


@pytest.fixture(scope="module")
def jsa_tracks() -> pd.DataFrame:
    """The shapes MND drew on Joint Sword-2024A's two report days (23-24 May 2024)."""
    shapes = read_table(settings.SNAPSHOT_DIR, "flight_tracks")
    return shapes[shapes["date"].between("2024-05-23", "2024-05-24")]


def test_joint_sword_2024a_areas_are_drawn_in_their_category_colours(jsa_tracks) -> None:
    deck = map_chart.strait_map(None, None, None, None, None, tracks=jsa_tracks)
    layers = {layer["id"]: layer for layer in drawn(deck)}
    assert list(layers) == ["flight_areas", "flight_tracks"]
    areas = layers["flight_areas"]["data"]
    assert len(areas) == 4 and not layers["flight_tracks"]["data"]  # from 16 Jan 2024 MND drew areas only
    colours = {tuple(row["color"]) for row in areas}
    assert colours == {tuple(map_chart.TRACK_COLORS["uav"]), tuple(map_chart.TRACK_COLORS["other"])}
    assert all(row["fill"][3] == map_chart.AREA_ALPHA for row in areas)
    assert areas[0]["title"] == "Activity area: Drone (UAV)" and "MND report day 23 May 2024" in areas[0]["tooltip"]
    assert "From: 1130523_中共人民解放軍進入臺海周邊活動空域示意圖" in tip(areas[0]) and "Traced by hand" in tip(
        areas[0]
    )
    assert [item.key for item in map_chart.track_legend(jsa_tracks["category"])] == ["category.uav", "category.other"]


def test_track_colours_are_distinct_and_one_per_category() -> None:
    from loaders.aircraft_types import CATEGORIES

    assert list(map_chart.TRACK_COLORS) == list(CATEGORIES)
    colours = [tuple(c) for c in map_chart.TRACK_COLORS.values()] + [tuple(map_chart.JAPAN_TRACK)]
    assert len(set(colours)) == len(colours)
    # a line must stand out on the sea: no category colour as light as the sea itself
    sea = int(map_chart.SEA[1:3], 16) + int(map_chart.SEA[3:5], 16) + int(map_chart.SEA[5:7], 16)
    assert all(sum(c[:3]) < sea - 150 for c in colours)


def test_track_tooltips_name_the_type_in_the_current_language() -> None:
    import i18n

    tracks = pd.DataFrame(
        {
            "date": [pd.Timestamp("2023-05-19")],
            "kind": ["track"],
            "type_id": ["J-16"],
            "type_zh": ["殲-16機"],
            "category": ["fighter"],
            "aircraft": pd.array([3], dtype="Int64"),
            "balloons": pd.array([None], dtype="Int64"),
            "source_file": ["20220801-20230915_fixed.geojson"],
            "source_image": [None],
            "geometry_geojson": ['{"type":"LineString","coordinates":[[120,23],[121,24]]}'],
        }
    )
    paths, polygons = map_chart.track_rows(tracks, {"J-16": "J-16戦闘機"})
    assert not polygons and paths[0]["color"] == map_chart.TRACK_COLORS["fighter"]
    assert paths[0]["title"] == "J-16戦闘機 · Fighter" and "Aircraft: 3" in paths[0]["tooltip"]
    i18n.use("ja")
    try:
        (row,), _ = map_chart.track_rows(tracks, {"J-16": "J-16戦闘機"})
        assert row["title"] == "J-16戦闘機 · 戦闘機" and "機数：3" in row["tooltip"]
    finally:
        i18n.use(i18n.DEFAULT)


def test_hostile_type_and_file_names_stay_plain_text_in_track_tooltips() -> None:
    """Type and file names are data: they reach the tooltip as the text itself (Streamlit escapes it in the
    browser), never as markup of ours, and the tooltip's own tags never mix with them."""
    from tests.hostile import MARKUP

    hostile = MARKUP[1]  # <img src=x onerror=alert(1)>
    tracks = pd.DataFrame(
        {
            "date": [pd.Timestamp("2024-05-24")] * 2,
            "kind": ["track", "area"],
            "type_id": [hostile, None],
            "type_zh": [hostile, None],
            "category": ["fighter", "other"],
            "aircraft": pd.array([1, None], dtype="Int64"),
            "balloons": pd.array([None, None], dtype="Int64"),
            "source_file": [hostile, "f.geojson"],
            "source_image": [None, MARKUP[0]],
            "geometry_geojson": [
                '{"type":"LineString","coordinates":[[120,23],[121,24]]}',
                '{"type":"Polygon","coordinates":[[[120,23],[121,24],[121,23],[120,23]]]}',
            ],
        }
    )
    paths, polygons = map_chart.track_rows(tracks, {hostile: hostile})
    assert paths[0]["title"] == f"{hostile} · Fighter" and f"From: {hostile}" in paths[0]["tooltip"]
    assert f"From: {MARKUP[0]}" in polygons[0]["tooltip"]
    assert all("&lt;" not in tip(row) for row in (paths[0], polygons[0]))
    japan = pd.DataFrame(
        {
            "date": [pd.Timestamp("2022-08-05")],
            "kind": ["ship"],
            "type_id": [None],
            "types_given": [hostile],
            "count": pd.array([None], dtype="Int64"),
            "label": [MARKUP[0]],
            "source_pdf": [hostile],
            "source_url": ['https://www.mod.go.jp/x".pdf'],
            "geometry_geojson": ['{"type":"LineString","coordinates":[[125,25],[126,26]]}'],
        }
    )
    (row,) = map_chart.japan_rows(japan)
    assert row["title"] == "Japan Joint Staff Office map" and f"Ships: {hostile}" in row["tooltip"]
    assert f'Source PDF: {hostile} (https://www.mod.go.jp/x".pdf)' in row["tooltip"] and MARKUP[0] in row["tooltip"]
    assert "&lt;" not in tip(row) and "&quot;" not in tip(row)


def test_japan_tracks_layer_has_its_own_colour_and_names_the_pdf() -> None:
    japan = read_table(settings.SNAPSHOT_DIR, "japan_tracks")
    aug = japan[(japan["date"] == "2022-08-05") & (japan["version"] == "new")]
    deck = map_chart.strait_map(None, None, None, None, None, japan=aug, type_names={"BZK-005": "BZK-005"})
    (layer,) = drawn(deck)
    assert layer["id"] == "japan_tracks" and layer["getColor"] == map_chart.JAPAN_TRACK
    tips = {tip(row) for row in layer["data"]}
    assert any("Aircraft: BZK-005" in tip and "p20220805_01.pdf" in tip for tip in tips)
    assert all(
        re.search(r"Source PDF: (p20220805_\d\d\.pdf) \(https://www\.mod\.go\.jp/js/pdf/2022/\1\)", t) for t in tips
    )


def test_adiz_labels_sit_at_fixed_points_and_say_they_are_approximate() -> None:
    rows = map_chart.adiz_rows({"north": 3, "southwest": 10, "nowhere": 2})
    assert [r["text"] for r in rows] == ["North ADIZ", "South-west ADIZ"]
    assert rows[1]["position"] == list(map_chart.ADIZ_POINTS["southwest"])
    assert rows[1]["title"] == "South-west ADIZ" and "Named in 10 MND reports" in rows[1]["tooltip"]
    assert "no boundary is published" in rows[1]["tooltip"]
    deck = map_chart.strait_map(None, None, None, None, None, adiz={"north": 1}, places=True, scale=True)
    layers = {layer["id"]: layer for layer in drawn(deck)}
    assert {"adiz_labels", "place_names", "place_dots", "scale_bar", "scale_label"} <= set(layers)
    assert layers["adiz_labels"]["@@type"] == "TextLayer" and layers["adiz_labels"]["characterSet"] == "auto"
    assert not any(layer["@@type"] in ("PolygonLayer", "GeoJsonLayer") for layer in layers.values())  # no boundary
    assert [r["text"] for r in layers["place_names"]["data"]][:2] == ["Taipei", "Kaohsiung"]


def test_first_view_fits_what_is_drawn_near_the_strait() -> None:
    taiwan = map_chart.fit_view([], [])
    assert 119 < taiwan.longitude < 121.5 and 23 < taiwan.latitude < 25 and 5 < taiwan.zoom < 7
    wide = map_chart.fit_view([112.5, 127.0], [18.0, 30.5])
    assert wide.zoom < taiwan.zoom and wide.zoom >= 4
    # a warning in the Bohai Sea does not pull the view away from the strait
    warnings = pd.DataFrame({"centroid_lon": [120.0, 121.0], "centroid_lat": [24.0, 39.0]})
    assert map_chart_outside(warnings) == 1


def map_chart_outside(warnings: pd.DataFrame) -> int:
    from analysis.map_window import outside

    return outside(warnings, map_chart.FIT_REGION)


def test_scale_bar_is_100_km_long() -> None:
    bar, _ = map_chart.scale_layers(map_chart.VIEW)
    (row,) = bar.data
    (lon0, lat), (lon1, _) = row["path"]
    km = (lon1 - lon0) * 111.32 * math.cos(math.radians(lat))
    assert km == pytest.approx(100, rel=1e-6)
