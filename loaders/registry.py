"""Every dataset the snapshot holds: one loader module each, in build order."""

from __future__ import annotations

from types import ModuleType

from loaders import pla_daily
from loaders import events_catalog, geo, nav_warnings, naval_transits  # events and the map
from loaders import japan_mod, pla_tracker, trade_hs8542, trade_mof_prelim  # Japan side, trade
from loaders import cited_catalogs, flight_tracks, mnd_reports  # witnesses of report days
from loaders import aircraft_types, mnd_measures, track_geometry  # more witnesses: measures, aircraft types, tracks

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
}
