"""Read a raw JSON file, turning every failure into a LoaderError that names the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from loaders.errors import LoaderError
from loaders.raw_csv import read_text


def read_json(path: Path) -> Any:
    """Parsed JSON; a missing, empty, non-UTF-8, malformed or absurdly nested file is a LoaderError."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoaderError(path, f"not well-formed JSON ({exc.msg} at column {exc.colno})", row=exc.lineno) from None
    except RecursionError:
        raise LoaderError(path, "JSON nested too deeply to be a real data file") from None


def field(record: Any, path: Path, *keys: str) -> Any:
    """record[k1][k2]...; a missing key or a non-object on the way is a LoaderError naming the key path."""
    value = record
    for depth, key in enumerate(keys):
        if not isinstance(value, dict) or key not in value:
            raise LoaderError(path, f"missing field '{'.'.join(keys[: depth + 1])}'", column=".".join(keys))
        value = value[key]
    return value
