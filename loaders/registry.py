"""Every dataset the snapshot holds: one loader module each, in build order."""

from __future__ import annotations

from types import ModuleType

from loaders import pla_daily

# Each module exposes SOURCE (provenance), TABLES (specs) and build(RawFolder) -> list[BuiltTable].
LOADERS: dict[str, ModuleType] = {
    "pla_daily": pla_daily,
}
