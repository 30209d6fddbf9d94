"""Colours and names of the aircraft categories, shared by the Map's flight tracks and the charts of what
MND's maps drew (charts.drawn), so a category looks the same in both.

Its own module because the charts of every page need these and nothing else of the map: importing charts.map
loads pydeck, jinja2 and shapely (0.05 s of the dashboard's first run; bench/RESULTS.md).
"""

from __future__ import annotations

from i18n import t

# Paul Tol's "muted" scheme (colour-blind safe, nine classes), with the pale tones darkened so that a 2 px line
# stays visible on the light sea; RGBA.
TRACK_COLORS = {
    "fighter": [204, 102, 119, 255],  # rose
    "bomber": [51, 34, 136, 255],  # indigo
    "asw_patrol": [68, 170, 153, 255],  # teal
    "early_warning_ew": [136, 34, 85, 255],  # wine
    "tanker_transport": [153, 153, 51, 255],  # olive
    "uav": [17, 119, 51, 255],  # green
    "helicopter": [170, 68, 153, 255],  # purple
    "balloon": [221, 170, 51, 255],  # Tol high-contrast yellow
    "other": [85, 85, 85, 255],  # dark grey: areas MND drew for several classes at once
}


def category_name(category: str) -> str:
    return t(f"map.legend.category.{category}")
