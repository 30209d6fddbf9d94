"""Every dataset the snapshot holds: one loader module each, in build order."""

from __future__ import annotations

from types import ModuleType

from loaders import (  # events and the map  # Japan side, trade  # witnesses of report days  # more witnesses: measures, aircraft types, tracks
    aircraft_types,
    cited_catalogs,
    events_catalog,
    flight_tracks,
    geo,
    japan_mod,
    japan_tracks,
    mnd_measures,
    mnd_reports,
    nav_warnings,
    naval_transits,
    pla_daily,
    pla_tracker,
    track_geometry,
    trade_hs8542,
    trade_mof_prelim,
)

# Each module exposes SOURCE (provenance), TABLES (specs) and build(RawFolder) -> list[BuiltTable].
LOADERS: dict[str, ModuleType] = {
    "pla_daily": pla_daily,
    "mnd_reports": mnd_reports,
    "flight_tracks": flight_tracks,
    "cited_catalogs": cited_catalogs,
    "events_catalog": events_catalog,
    "nav_warnings": nav_warnings,
    "naval_transits": naval_transits,
    "geo": geo,
    "japan_mod": japan_mod,
    "pla_tracker": pla_tracker,
    "trade_mof_prelim": trade_mof_prelim,
    "trade_hs8542": trade_hs8542,
    "mnd_measures": mnd_measures,
    "aircraft_types": aircraft_types,
    "track_geometry": track_geometry,
    "japan_tracks": japan_tracks,
}
