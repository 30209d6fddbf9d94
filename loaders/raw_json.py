"""Fields of a raw JSON record, each failure a LoaderError naming the file and the field's path.

Files are read by `loaders.raw_csv.read_json`, the one reader of raw JSON (it handles missing, empty,
non-UTF-8, malformed and absurdly nested files); this module only walks what it returns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from loaders.errors import LoaderError
from loaders.raw_csv import read_json

__all__ = ["field", "read_json"]


def field(record: Any, path: Path, *keys: str) -> Any:
    """record[k1][k2]...; a missing key or a non-object on the way is a LoaderError naming the key path."""
    value = record
    for depth, key in enumerate(keys):
        if not isinstance(value, dict) or key not in value:
            raise LoaderError(path, f"missing field '{'.'.join(keys[: depth + 1])}'", column=".".join(keys))
        value = value[key]
    return value
