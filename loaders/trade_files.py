"""Trade files a staff member downloads by hand and hands to the refresh with --trade-file.

They have no copy in ../shared and no pinned upstream, so they are not in the registry (which
rebuilds everything from the raw folder). Each file's loader is picked from its header. Tables
built from such files stay in the snapshot through later refreshes until a newer file replaces them.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from loaders import trade_comtrade, trade_mof_customs
from loaders.errors import LoaderError
from loaders.raw_csv import require_file
from loaders.snapshot import BuiltTable

# Order matters only for the message; a file matches at most one layout.
FORMATS: dict[str, ModuleType] = {
    "UN Comtrade CSV (partner 490 = Taiwan)": trade_comtrade,
    "Taiwan customs statistics by country (monthly CSV)": trade_mof_customs,
}
TABLE_NAMES = {spec.name for module in FORMATS.values() for spec in module.TABLES}


def detect(path: Path) -> ModuleType:
    path = Path(path)
    require_file(path)
    for module in FORMATS.values():
        if module.looks_like(path):
            return module
    raise LoaderError(path, "not a recognised trade file; expected one of: " + "; ".join(FORMATS))


def build_files(paths: list[Path]) -> list[BuiltTable]:
    """Build every given file; two files for the same table is an error (which one should win?)."""
    built: list[BuiltTable] = []
    for path in paths:
        built += detect(path).build_file(Path(path))
    names = [table.spec.name for table in built]
    for name in set(names):
        if names.count(name) > 1:
            raise LoaderError(paths[-1], f"more than one --trade-file fills table {name}; combine them into one file")
    return built
