"""The offline map of the Taiwan Strait: pydeck layers in the house colours, built from snapshot tables.

Pure: frames and GeoJSON in, a `pdk.Deck` out; no file or network access. The base map is a blank
MapLibre style served by the app itself (static/blank_style.json) because pydeck's default
basemap is fetched from a tile server, which a seminar room without Wi-Fi does not have. Land,
lines and zones come from the shipped geometry (`geo_features`).

Every layer takes plain rows carrying a ready-made `tooltip` text, so one tooltip template serves
all layers and the words are plain English.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
import shapely

from i18n import day, t

MAP_STYLE = "app/static/blank_style.json"  # served by Streamlit's static serving (config.toml)
VIEW = pdk.ViewState(longitude=121.0, latitude=24.0, zoom=5.3, min_zoom=3, max_zoom=11, pitch=0, bearing=0)

# Okabe–Ito colours (as in charts/theme.py), strong enough for a projector; RGBA.
SEA = "#d6e4f0"  # must match static/blank_style.json
LAND_FILL = [244, 241, 234, 255]
LAND_LINE = [140, 150, 160, 255]
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
)

TOOLTIP = {
    "html": "{tooltip}",
    "style": {
        "backgroundColor": "#1B1F24",
        "color": "white",
        "fontSize": "14px",
        "maxWidth": "420px",
        "whiteSpace": "normal",
        "fontFamily": "sans-serif",
    },
}


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


def land_layer(land: dict) -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        data=land,
        id="land",
        stroked=True,
        filled=True,
        get_fill_color=LAND_FILL,
        get_line_color=LAND_LINE,
        line_width_min_pixels=1,
        pickable=False,
    )


def median_layer(line: dict) -> pdk.Layer:
    rows = [{"path": line["coordinates"], "tooltip": t("map.tip.median")}]
    return pdk.Layer(
        "PathLayer",
        data=rows,
        id="median_line",
        get_path="path",
        get_color=MEDIAN,
        width_units=PIXELS,
        get_width=4,
        pickable=True,
    )


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
        rows += [{"polygon": ring, "tooltip": tip} for ring in _rings(geometry)]
    return rows


def zone_layer(zones: pd.DataFrame, event_names: dict[str, str] | None = None) -> pdk.Layer:
    return pdk.Layer(
        "PolygonLayer",
        data=zone_rows(zones, event_names),
        id="exercise_zones",
        get_polygon="polygon",
        get_fill_color=ZONE_FILL,
        get_line_color=ZONE_LINE,
        line_width_min_pixels=2,
        stroked=True,
        filled=True,
        pickable=True,
    )


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
            polygons += [{"polygon": ring, "tooltip": tip} for ring in _rings(geometry)]
        elif row.geometry_type == "line":
            paths.append({"path": [list(xy) for xy in geometry.coords], "tooltip": tip})
        else:
            points.append({"position": [geometry.x, geometry.y], "tooltip": tip})
    return [
        pdk.Layer(
            "PolygonLayer",
            data=polygons,
            id="warning_areas",
            get_polygon="polygon",
            get_fill_color=WARNING_FILL,
            get_line_color=WARNING_LINE,
            line_width_min_pixels=1,
            stroked=True,
            filled=True,
            pickable=True,
        ),
        pdk.Layer(
            "PathLayer",
            data=paths,
            id="warning_lines",
            get_path="path",
            get_color=WARNING_LINE,
            width_units=PIXELS,
            get_width=3,
            pickable=True,
        ),
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
            {"position": position, "color": TRANSIT_COLORS.get(row.category, TRANSIT_COLORS["other"]), "tooltip": tip}
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


def strait_map(
    land: dict | None,
    median_line: dict | None,
    zones: pd.DataFrame | None,
    warnings: pd.DataFrame | None,
    transits: pd.DataFrame | None,
    *,
    event_names: dict[str, str] | None = None,
) -> pdk.Deck:
    """The map. Pass None (or an empty frame) for a layer to leave it out; land is drawn first."""
    layers: list[pdk.Layer] = []
    if land:
        layers.append(land_layer(land))
    if zones is not None and not zones.empty:
        layers.append(zone_layer(zones, event_names))
    if warnings is not None and not warnings.empty:
        layers += warning_layers(warnings)
    if median_line:
        layers.append(median_layer(median_line))
    if transits is not None and not transits.empty:
        layers.append(transit_layer(transits))
    # map_style points at the local blank style (verified offline in TOOLCHAIN.md section 6).
    return pdk.Deck(layers=layers, initial_view_state=VIEW, map_style=MAP_STYLE, tooltip=TOOLTIP)
