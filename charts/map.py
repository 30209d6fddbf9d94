"""The offline map of the Taiwan Strait: pydeck layers in the house colours, built from snapshot tables.

Pure: frames and GeoJSON (or the address of the land's GeoJSON file, fetched by the browser) in, a `pdk.Deck`
out; no file or network access here. There is no base map:
pydeck's default one is fetched from a tile server, which a seminar room without Wi-Fi does not have,
and a blank MapLibre style (the earlier way out) still starts MapLibre's own WebGL context on every
visit (0.8 s of the Map's start in a headless browser, bench/RESULTS.md). The sea is one polygon,
land, lines and zones come from the shipped geometry (`geo_features`).

Every layer takes plain rows carrying a ready-made `title` and `tooltip` text, so one tooltip template
serves all layers; words come from the locale catalogs. Values from the data (type names, file names,
labels) end up as plain text that Streamlit HTML-escapes when it fills the template (see TOOLTIP).
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize

from charts.track_colors import TRACK_COLORS, category_name
from i18n import current, day, t

VIEW = pdk.ViewState(longitude=121.0, latitude=24.0, zoom=5.3, min_zoom=3, max_zoom=11, pitch=0, bearing=0)

# Okabe–Ito colours (as in charts/theme.py), strong enough for a projector; RGBA.
SEA = "#d6e4f0"
SEA_BOX = (20.0, -60.0, 220.0, 75.0)  # lon/lat: beyond what the widest allowed view (min_zoom 3) can show
LAND_FILL = [244, 241, 234, 255]
MEDIAN = [0, 114, 178, 255]  # blue
ZONE_FILL = [213, 94, 0, 90]  # vermillion, translucent
ZONE_LINE = [213, 94, 0, 255]
WARNING_FILL = [204, 121, 167, 120]  # reddish purple
WARNING_LINE = [142, 59, 115, 255]
TRANSIT_COLORS = {
    "foreign_warship_transit": [0, 158, 115, 255],  # bluish green
    "china_activity": [230, 159, 0, 255],  # orange
    "aircraft_transit": [86, 180, 233, 255],  # sky blue
    "other": [120, 120, 120, 255],
}

AREA_ALPHA = 60  # fill of a drawn activity area; its outline keeps the full colour
JAPAN_TRACK = [0, 0, 0, 255]  # black: Japan Joint Staff Office tracks, a different source and sea area
LABEL_INK = [27, 31, 36, 255]
ADIZ_INK = [120, 60, 20, 255]
# Approximate label points of the ADIZ regions MND names (north, central, ...): no published boundaries
# exist, so only a word is placed, roughly where each region lies around Taiwan.
ADIZ_POINTS = {
    "north": (122.4, 26.6),
    "central": (118.9, 23.2),
    "southwest": (119.3, 21.9),
    "south": (120.8, 20.8),
    "southeast": (121.9, 21.6),
    "east": (123.2, 23.5),
}
# Place names for orientation (map.place.<id> in the locale catalogs): lon, lat of the town or island, and
# which side of its dot the name sits (start = to the east), so that neighbours (Xiamen, Kinmen) do not collide.
PLACES = {
    "taipei": (121.56, 25.04, "start"),
    "kaohsiung": (120.30, 22.62, "end"),
    "kinmen": (118.32, 24.44, "start"),
    "matsu": (119.95, 26.16, "start"),
    "penghu": (119.58, 23.57, "start"),
    "yonaguni": (123.00, 24.46, "start"),
    "miyako": (125.28, 24.79, "start"),
    "xiamen": (118.09, 24.48, "end"),
    "fuzhou": (119.30, 26.08, "end"),
}
FONT = "'Noto Sans CJK JP, Noto Sans CJK TC, Helvetica Neue, Arial, sans-serif'"  # quoted: a literal, not an accessor

# pydeck reads bare strings as accessor expressions; a quoted string is passed as a literal value.
PIXELS = "'pixels'"

# Transits have no published position: markers are spread along this segment inside the strait, east of the
# median line (so it stays visible) and north of Penghu.
TRANSIT_AXIS = ((119.75, 24.0), (120.6, 25.25))


@dataclass(frozen=True)
class LegendItem:
    key: str  # map.legend.<key> in the locale catalogs
    rgba: tuple[int, ...]  # r, g, b, a
    shape: str  # "area" | "line" | "dot"

    @property
    def label(self) -> str:
        return t(f"map.legend.{self.key}")


LEGEND = (
    LegendItem("land", tuple(LAND_FILL), "area"),
    LegendItem("median", tuple(MEDIAN), "line"),
    LegendItem("zone", tuple(ZONE_FILL[:3]) + (160,), "area"),
    LegendItem("warning", tuple(WARNING_FILL[:3]) + (200,), "area"),
    LegendItem("transit", tuple(TRANSIT_COLORS["foreign_warship_transit"]), "dot"),
    LegendItem("china", tuple(TRANSIT_COLORS["china_activity"]), "dot"),
    LegendItem("aircraft_transit", tuple(TRANSIT_COLORS["aircraft_transit"]), "dot"),
)

# Legend entries of the tracks layers, one per category (only those drawn are shown) and one for Japan.
TRACK_LEGEND = {
    category: LegendItem(f"category.{category}", tuple(rgba), "line") for category, rgba in TRACK_COLORS.items()
}
JAPAN_LEGEND = LegendItem("japan_track", tuple(JAPAN_TRACK), "line")


def track_legend(categories) -> list[LegendItem]:
    """Legend entries for the categories drawn, in the catalogue's order."""
    present = set(categories)
    return [item for category, item in TRACK_LEGEND.items() if category in present]


# Streamlit fills {title} and {tooltip} with each row's values *HTML-escaped* (frontend, since 1.4x), so the
# rows carry plain text (see _tip) and the only markup is this template's; line breaks come from pre-line.
TOOLTIP = {
    "html": "<b>{title}</b><br>{tooltip}",
    "style": {
        "backgroundColor": "#1B1F24",
        "color": "white",
        "fontSize": "14px",
        "maxWidth": "420px",
        "whiteSpace": "pre-line",
        "fontFamily": "sans-serif",
    },
}


def _tip(tip_html: str) -> dict[str, str]:
    """A tooltip written as HTML here (bold first line, <br> breaks, values passed through _esc) as the plain
    `title` and `tooltip` texts the template takes: the tags become line breaks, the escapes become the
    characters again, and Streamlit escapes them when it fills the template, so data stays inert text."""
    match = re.match(r"<b>(.*?)</b>(?:<br>)?", tip_html, flags=re.S)
    title, rest = (match.group(1), tip_html[match.end() :]) if match else ("", tip_html)
    rest = re.sub(r"</?(?:b|i)>", "", re.sub(r"<br\s*/?>", "\n", rest))
    return {"title": html.unescape(re.sub(r"</?(?:b|i)>", "", title)), "tooltip": html.unescape(rest)}


def _esc(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


def _day(value) -> str:
    return t("map.tip.not_stated") if pd.isna(value) else day(pd.Timestamp(value))


def _period(start, end) -> str:
    if pd.isna(start) and pd.isna(end):
        return t("map.tip.no_period")
    if pd.isna(end) or start == end:
        return _day(start)
    return f"{_day(start)} – {_day(end)}"


def _rings(geometry: shapely.Geometry) -> list[list[list[float]]]:
    """Exterior rings of a polygon or multipolygon, as [[lon, lat], ...] lists."""
    polygons = getattr(geometry, "geoms", [geometry])
    return [[list(xy) for xy in p.exterior.coords] for p in polygons if p.geom_type == "Polygon"]


class CompactDeck(pdk.Deck):
    """A deck written as compact JSON. pydeck indents by two spaces, which made the map's message 3.5 times
    its size (646 kB against 184 kB), and indenting keeps Python's json module off its C encoder (5 times
    slower): together ~0.1 s of every visit to the Map. Same JSON otherwise (pydeck's own key mapping)."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)


class WrittenDeck(pdk.Deck):
    """A deck written to JSON once, for a map the app caches and shares between sessions: each visit sends
    the stored text instead of writing 184 kB again, and it has no layers left for st.pydeck_chart's
    pandas-3 workaround to rewrite in place."""

    def __init__(self, deck: pdk.Deck) -> None:
        super().__init__(map_provider=None, tooltip=deck._tooltip)
        self._written = deck.to_json()

    def to_json(self) -> str:
        return self._written


def land_layer(land: dict | str) -> pdk.Layer:
    """Land from GeoJSON, or from the address of a GeoJSON file that deck.gl fetches (the app's pages)."""
    return pdk.Layer(
        "GeoJsonLayer",
        data=land,
        id="land",
        stroked=False,  # the coast is the fill's edge: outlining it cost 1 s of the Map's start (bench/RESULTS.md)
        filled=True,
        get_fill_color=LAND_FILL,
        pickable=False,
    )


def _paths(layer_id: str, rows: list[dict], color, width: float, *, pickable: bool = True) -> pdk.Layer:
    """Lines `width` screen pixels wide (median line, warnings near the line, tracks, the scale bar); `color`
    is an RGBA list or the name of each row's own colour field."""
    return pdk.Layer(
        "PathLayer",
        data=rows,
        id=layer_id,
        get_path="path",
        get_color=color,
        width_units=PIXELS,
        get_width=width,
        pickable=pickable,
    )


def _areas(layer_id: str, rows: list[dict], fill, line, line_px: int) -> pdk.Layer:
    """Outlined, hoverable areas (exercise zones, warning areas, MND's activity areas)."""
    return pdk.Layer(
        "PolygonLayer",
        data=rows,
        id=layer_id,
        get_polygon="polygon",
        get_fill_color=fill,
        get_line_color=line,
        line_width_min_pixels=line_px,
        stroked=True,
        filled=True,
        pickable=True,
    )


def sea_layer() -> pdk.Layer:
    """The sea: one rectangle under everything, drawn by the program that fills the land."""
    west, south, east, north = SEA_BOX
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return pdk.Layer(
        "PolygonLayer",
        data=[{"polygon": ring}],
        id="sea",
        get_polygon="polygon",
        get_fill_color=[int(SEA[i : i + 2], 16) for i in (1, 3, 5)] + [255],
        stroked=False,
        filled=True,
        pickable=False,
    )


def median_layer(line: dict) -> pdk.Layer:
    rows = [{"path": line["coordinates"], **_tip(t("map.tip.median"))}]
    return _paths("median_line", rows, MEDIAN, 4)


def zone_rows(zones: pd.DataFrame, event_names: dict[str, str] | None = None) -> list[dict]:
    rows = []
    for zone in zones.itertuples(index=False):
        geometry = shapely.from_geojson(zone.geometry_geojson)
        event = (event_names or {}).get(zone.event_id, zone.event_id)
        tip = t(
            "map.tip.zone",
            name=_esc(zone.name),
            event=_esc(event),
            period=_period(zone.active_from, zone.active_to),
            source=_esc(zone.source),
        )
        rows += [{"polygon": ring, **_tip(tip)} for ring in _rings(geometry)]
    return rows


def zone_layer(zones: pd.DataFrame, event_names: dict[str, str] | None = None) -> pdk.Layer:
    return _areas("exercise_zones", zone_rows(zones, event_names), ZONE_FILL, ZONE_LINE, 2)


def _warning_tip(row) -> str:
    lines = [
        t("map.tip.warning", bureau=_esc(row.bureau_en or row.bureau), notice=_esc(row.notice)),
        f"{_esc(row.activity_en.capitalize())} · {_period(row.start, row.end)}",
        t("map.tip.published", day=_day(row.publish_date)),
        f"{_esc(row.title)}",
    ]
    if row.notes:
        lines.append(t("map.tip.note", note=_esc(row.notes)))
    return "<br>".join(lines)


def warning_layers(warnings: pd.DataFrame) -> list[pdk.Layer]:
    """Areas as polygons, 'near the line' notices as paths, circles as their centre points."""
    polygons, paths, points = [], [], []
    for row in warnings.itertuples(index=False):
        geometry = shapely.from_wkt(row.geometry_wkt)
        tip = _warning_tip(row)
        if row.geometry_type == "polygon":
            polygons += [{"polygon": ring, **_tip(tip)} for ring in _rings(geometry)]
        elif row.geometry_type == "line":
            paths.append({"path": [list(xy) for xy in geometry.coords], **_tip(tip)})
        else:
            points.append({"position": [geometry.x, geometry.y], **_tip(tip)})
    return [
        _areas("warning_areas", polygons, WARNING_FILL, WARNING_LINE, 1),
        _paths("warning_lines", paths, WARNING_LINE, 3),
        pdk.Layer(
            "ScatterplotLayer",
            data=points,
            id="warning_points",
            get_position="position",
            get_fill_color=WARNING_FILL[:3] + [220],
            get_line_color=WARNING_LINE,
            stroked=True,
            radius_units=PIXELS,
            get_radius=7,
            line_width_min_pixels=1,
            pickable=True,
        ),
    ]


def transit_positions(count: int) -> list[list[float]]:
    """`count` evenly spaced symbolic positions along TRANSIT_AXIS (sources give no positions)."""
    (x0, y0), (x1, y1) = TRANSIT_AXIS
    if count == 1:
        return [[(x0 + x1) / 2, (y0 + y1) / 2]]
    return [[x0 + (x1 - x0) * i / (count - 1), y0 + (y1 - y0) * i / (count - 1)] for i in range(count)]


def transit_rows(transits: pd.DataFrame) -> list[dict]:
    ordered = transits.sort_values(["date", "ship"])
    rows = []
    for position, row in zip(transit_positions(len(ordered)), ordered.itertuples(index=False)):
        kind = row.category if row.category in ("china_activity", "aircraft_transit", "other") else "warship"
        tip = (
            f"<b>{t(f'map.tip.{kind}')}</b><br>{_day(row.date)} · {_esc(row.country)}<br>{_esc(row.ship)}"
            + (f"<br>{t('map.tip.type', type=_esc(row.ship_type))}" if row.ship_type else "")
            + f"<br><i>{t('map.tip.symbolic')}</i>"
        )
        rows.append(
            {"position": position, "color": TRANSIT_COLORS.get(row.category, TRANSIT_COLORS["other"]), **_tip(tip)}
        )
    return rows


def transit_layer(transits: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        data=transit_rows(transits),
        id="transits",
        get_position="position",
        get_fill_color="color",
        get_line_color=[255, 255, 255, 255],
        stroked=True,
        radius_units=PIXELS,
        get_radius=8,
        line_width_min_pixels=2,
        pickable=True,
    )


def _lines(geometry: dict) -> list[list[list[float]]]:
    """Paths of a (Multi)LineString GeoJSON geometry as [[lon, lat], ...] lists."""
    coords = geometry["coordinates"]
    return [coords] if geometry["type"] == "LineString" else list(coords)


def _geo_rings(geometry: dict) -> list[list[list[float]]]:
    """Exterior rings of a (Multi)Polygon GeoJSON geometry."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons if polygon]


def _count(value) -> str:
    return t("map.tip.not_stated") if pd.isna(value) else f"{int(value):,}"


def track_tip(row, type_names: dict[str, str]) -> str:
    """Tooltip of one shape MND drew: what (type in the current language, or the area's class), when, how
    many, and which traced file or MND image it comes from."""
    if row.kind == "track" and isinstance(row.type_id, str):
        what = f"{_esc(type_names.get(row.type_id, row.type_id))} · {_esc(category_name(row.category))}"
    elif row.kind == "area":
        what = t("map.tip.area", category=_esc(category_name(row.category)))
    else:
        what = _esc(category_name(row.category))
    count = _count(row.balloons) if row.kind == "balloon" else _count(row.aircraft)
    source = row.source_image if isinstance(row.source_image, str) and row.source_image else row.source_file
    return (
        f"<b>{what}</b><br>"
        + t("map.tip.report_day", day=_day(row.date))
        + " · "
        + t("map.tip.balloons" if row.kind == "balloon" else "map.tip.aircraft", count=count)
        + "<br>"
        + t("map.tip.traced_from", source=_esc(source))
        + f"<br><i>{t('map.tip.traced')}</i>"
    )


def track_rows(tracks: pd.DataFrame, type_names: dict[str, str] | None = None) -> tuple[list[dict], list[dict]]:
    """(paths, polygons) rows for the drawn tracks and areas, each with its colour and tooltip."""
    paths: list[dict] = []
    polygons: list[dict] = []
    for row in tracks.itertuples(index=False):
        geometry = json.loads(row.geometry_geojson)
        color = TRACK_COLORS.get(row.category, TRACK_COLORS["other"])
        tip = track_tip(row, type_names or {})
        if geometry["type"] in ("LineString", "MultiLineString"):
            paths += [{"path": line, "color": color, **_tip(tip)} for line in _lines(geometry)]
        else:
            fill = color[:3] + [AREA_ALPHA]
            polygons += [{"polygon": ring, "color": color, "fill": fill, **_tip(tip)} for ring in _geo_rings(geometry)]
    return paths, polygons


def track_layers(tracks: pd.DataFrame, type_names: dict[str, str] | None = None) -> list[pdk.Layer]:
    """Areas (from 16 Jan 2024) as outlined translucent polygons, tracks as lines, coloured by category."""
    paths, polygons = track_rows(tracks, type_names)
    return [
        _areas("flight_areas", polygons, "fill", "color", 2),
        _paths("flight_tracks", paths, "color", 2),
    ]


def japan_tip(row, type_names: dict[str, str]) -> str:
    ids = row.type_id.split(" / ") if isinstance(row.type_id, str) else []
    if ids and current() != "zh-TW":
        what = " / ".join(type_names.get(i, i) for i in ids)
    else:  # ships, and zh-TW: the names as The Reporter translated them
        what = row.types_given
    kind = t("map.tip.japan_aircraft" if row.kind == "aircraft" else "map.tip.japan_ship")
    return (
        f"<b>{t('map.tip.japan')}</b><br>{_esc(kind)}: {_esc(what)}<br>"
        + t("map.tip.release_day", day=_day(row.date))
        + " · "
        + t("map.tip.count", count=_count(row.count))
        + f"<br>{_esc(row.label)}<br>"
        + t("map.tip.source_pdf", name=_esc(row.source_pdf), url=_esc(row.source_url))
        + f"<br><i>{t('map.tip.japan_traced')}</i>"
    )


def japan_rows(japan: pd.DataFrame, type_names: dict[str, str] | None = None) -> list[dict]:
    rows = []
    for row in japan.itertuples(index=False):
        tip = japan_tip(row, type_names or {})
        rows += [{"path": line, **_tip(tip)} for line in _lines(json.loads(row.geometry_geojson))]
    return rows


def japan_layer(japan: pd.DataFrame, type_names: dict[str, str] | None = None) -> pdk.Layer:
    return _paths("japan_tracks", japan_rows(japan, type_names), JAPAN_TRACK, 2)


def _text_layer(rows: list[dict], layer_id: str, color: list[int], size: int, pickable: bool) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer",
        data=rows,
        id=layer_id,
        get_position="position",
        get_text="text",
        get_color=color,
        get_size=size,
        size_units=PIXELS,
        font_family=FONT,
        character_set="'auto'",  # Japanese and Chinese names need glyphs beyond ASCII
        font_settings={"sdf": True},  # a pale halo keeps the words readable over land, sea and drawn shapes
        outline_width=3,
        outline_color=[255, 255, 255, 230],
        get_text_anchor="anchor",
        get_pixel_offset="offset",
        get_alignment_baseline="'center'",
        pickable=pickable,
    )


def adiz_rows(regions: dict[str, int]) -> list[dict]:
    """One label per ADIZ region named in the window's reports: name and how many reports named it."""
    return [
        {
            "position": list(ADIZ_POINTS[region]),
            "text": t("map.adiz_label", region=t(f"map.adiz.{region}")),
            "anchor": "middle",
            "offset": [0, 0],
            **_tip(t("map.tip.adiz", region=t(f"map.adiz.{region}"), reports=f"{reports:,}")),
        }
        for region, reports in regions.items()
        if region in ADIZ_POINTS and reports > 0
    ]


def adiz_layer(regions: dict[str, int]) -> pdk.Layer:
    return _text_layer(adiz_rows(regions), "adiz_labels", ADIZ_INK, 14, True)


def place_rows() -> list[dict]:
    return [
        {
            "position": [lon, lat],
            "text": t(f"map.place.{name}"),
            "anchor": anchor,
            "offset": [7 if anchor == "start" else -7, 0],
        }
        for name, (lon, lat, anchor) in PLACES.items()
    ]


def place_layers() -> list[pdk.Layer]:
    """A small dot on each place and its name beside it."""
    rows = place_rows()
    dots = pdk.Layer(
        "ScatterplotLayer",
        data=rows,
        id="place_dots",
        get_position="position",
        get_fill_color=LABEL_INK,
        radius_units=PIXELS,
        get_radius=2.5,
        pickable=False,
    )
    return [dots, _text_layer(rows, "place_names", LABEL_INK, 13, False)]


TAIWAN_BOX = (118.0, 21.5, 122.5, 26.5)  # always in view: the strait, Kinmen, Matsu and the whole island
# The first view fits what is drawn inside this box (the coast from Guangdong to Zhejiang, the strait and the
# Ryukyus); warnings far off (Bohai, the Gulf of Tonkin) would zoom the map out until Taiwan is a speck, so
# they stay reachable by zooming out, and the page says how many there are.
FIT_REGION = (112.0, 17.0, 128.0, 31.0)
VIEW_SIZE = (1100, 640)  # px: the map's usual size on the page (height fixed, width about a laptop's)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(lons: list[float], lats: list[float], size: tuple[int, int] = VIEW_SIZE) -> pdk.ViewState:
    """A view that shows every drawn item (and Taiwan), so the default view shows where the warnings are;
    zoom kept between 4 (the region) and 7.5 (a small-scale map: the traced tracks are not for close zoom)."""
    west, south, east, north = TAIWAN_BOX
    finite = [(x, y) for x, y in zip(lons, lats) if math.isfinite(x) and math.isfinite(y)]
    if finite:
        west, east = min(west, *(x for x, _ in finite)), max(east, *(x for x, _ in finite))
        south, north = min(south, *(y for _, y in finite)), max(north, *(y for _, y in finite))
    width, height = size
    # deck.gl's world is 512 px wide at zoom 0; a 10 % margin on each side
    zoom_x = math.log2(width * 360 / (512 * max(east - west, 0.01) * 1.2))
    span_y = max(_mercator_y(north) - _mercator_y(south), 0.0002)
    zoom_y = math.log2(height * 2 * math.pi / (512 * span_y * 1.2))
    centre_y = (_mercator_y(north) + _mercator_y(south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    zoom = round(min(max(min(zoom_x, zoom_y), 4.0), 7.5), 2)
    return pdk.ViewState(
        longitude=round((west + east) / 2, 3), latitude=round(latitude, 3), zoom=zoom, min_zoom=3, max_zoom=11
    )


SCALE_KM = 100
SCALE_SPOT = (800, 640, 50, 45)  # px: a map at least this wide and high; bar this far from its left and bottom


def scale_layers(view: pdk.ViewState, spot: tuple[int, int, int, int] = SCALE_SPOT) -> list[pdk.Layer]:
    """A 100 km bar near the lower-left corner of the first view, drawn in map units so it stays true
    (at its latitude) when the reader zooms; placed for a map of `spot` size, so it is on screen on a
    1280-px laptop as on a projector."""
    width, height, left, bottom = spot
    per_degree = 512 * 2**view.zoom / 360  # px per degree of longitude
    lon = view.longitude - (width / 2 - left) / per_degree
    y = _mercator_y(view.latitude) - (height / 2 - bottom) / per_degree * math.pi / 180
    lat = math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)
    length = SCALE_KM / (111.32 * math.cos(math.radians(lat)))
    bar = [[lon, lat], [lon + length, lat]]
    return [
        _paths("scale_bar", [{"path": bar}], LABEL_INK, 3, pickable=False),
        _text_layer(
            [{"position": [lon + length / 2, lat], "text": t("map.scale"), "anchor": "middle", "offset": [0, -12]}],
            "scale_label",
            LABEL_INK,
            12,
            False,
        ),
    ]


def _extent(layers: list[pdk.Layer]) -> tuple[list[float], list[float]]:
    """lon and lat of every point inside FIT_REGION that the drawn data layers hold (labels and land excluded)."""
    lons: list[float] = []
    lats: list[float] = []
    west, south, east, north = FIT_REGION
    for layer in layers:
        if layer.id in ("sea", "land", "median_line", "transits", "place_names", "place_dots", "adiz_labels"):
            continue
        for row in layer.data if isinstance(layer.data, list) else []:
            points = row.get("polygon") or row.get("path") or ([row["position"]] if "position" in row else [])
            inside = [p for p in points if west <= p[0] <= east and south <= p[1] <= north]
            lons += [p[0] for p in inside]
            lats += [p[1] for p in inside]
    return lons, lats


def strait_map(
    land: dict | str | None,
    median_line: dict | None,
    zones: pd.DataFrame | None,
    warnings: pd.DataFrame | None,
    transits: pd.DataFrame | None,
    *,
    event_names: dict[str, str] | None = None,
    tracks: pd.DataFrame | None = None,
    japan: pd.DataFrame | None = None,
    type_names: dict[str, str] | None = None,
    adiz: dict[str, int] | None = None,
    places: bool = False,
    fit: bool = False,
    scale: bool = False,
) -> pdk.Deck:
    """The map. Pass None (or an empty frame) for a layer to leave it out; land is drawn first, labels last."""
    layers: list[pdk.Layer] = []
    if land:
        layers.append(land_layer(land))
    if zones is not None and not zones.empty:
        layers.append(zone_layer(zones, event_names))
    if warnings is not None and not warnings.empty:
        layers += warning_layers(warnings)
    if tracks is not None and not tracks.empty:
        layers += track_layers(tracks, type_names)
    if japan is not None and not japan.empty:
        layers.append(japan_layer(japan, type_names))
    if median_line:
        layers.append(median_layer(median_line))
    if transits is not None and not transits.empty:
        layers.append(transit_layer(transits))
    if places:
        layers += place_layers()
    if adiz:
        layers.append(adiz_layer(adiz))
    view = fit_view(*_extent(layers)) if fit else VIEW
    if scale:
        layers += scale_layers(view)
    # map_provider=None and no map_style: Streamlit then draws no base map at all (and fetches none).
    return CompactDeck(layers=[sea_layer(), *layers], initial_view_state=view, map_provider=None, tooltip=TOOLTIP)
