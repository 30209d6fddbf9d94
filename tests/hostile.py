"""Hostile text for the security tests: payloads, a snapshot copy whose free-text columns carry them,
and a reader of every string Streamlit would render as markdown in an AppTest element tree.

Scraped text (event descriptions, warning titles, remarks, ship names, QC details) reaches pages
through markdown, labels and tooltips. If any of it were rendered as markup, a scraped row could
inject a link, an image or formatting into a briefing shown to an audience.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd

from loaders.snapshot import MANIFEST, _write_parquet, read_manifest, read_table, sha256_of

LONG = "長" * 5_000 + "x" * 5_000  # 10k characters, no spaces: layout must cope
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "**bold**",
    "`code` _it_ # heading | a | b |",
    LONG,
)
# The payloads that are markup; rendered unescaped, each would become an element, a link or formatting.
MARKUP = PAYLOADS[:4]

# Free-text columns filled with payloads (identifiers and vocabularies the pages branch on are left alone).
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "air_sea_qc": ("detail", "rows"),
    "events": (
        "name_en",
        "name_ja",
        "name_zh_tw",
        "announced_by",
        "description",
        "source_publisher",
        "source_title",
        "source_url",
        "label_en",  # short chart labels (the timeline's, the overlay's, exercises compared)
        "label_ja",
        "label_zh_tw",
    ),
    "nav_warnings": ("notice", "bureau", "title", "notes", "url"),
    "nav_warnings_qc": ("notice", "detail"),
    "naval_transits": ("ship", "ship_type", "hull_number", "date_note", "source", "mission_note", "country"),
    "geo_features": ("name", "source"),
    "japan_side_events": ("remark", "ship_type"),
    "japan_side_qc": ("detail",),
    "pla_tracker_daily": ("special_event",),
    "trade_partner": ("partner_name", "source_table"),
    "trade_hs8542": ("partner_name",),
    "flight_tracks": ("type_zh", "source_image"),
    "japan_tracks": ("types_given", "label", "source_pdf", "source_url"),
}


def poison(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Every non-empty cell of `columns` replaced by a payload, cycling so each payload appears."""
    frame = frame.copy()
    for offset, column in enumerate(columns):
        values = [PAYLOADS[(row + offset) % len(PAYLOADS)] for row in range(len(frame))]
        frame[column] = pd.Series(values, index=frame.index, dtype="str").where(frame[column].notna())
    return frame


def hostile_snapshot(source: Path, target: Path) -> Path:
    """A copy of the snapshot at `source` with TEXT_COLUMNS poisoned; checksums updated so it verifies."""
    shutil.copytree(source, target)
    manifest = read_manifest(target)
    for name, columns in TEXT_COLUMNS.items():
        if name not in manifest["tables"]:
            continue
        entry = manifest["tables"][name]
        path = target / entry["file"]
        _write_parquet(poison(read_table(target, name), columns), path)
        entry["sha256"] = sha256_of(path)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


# --- what Streamlit renders as markdown --------------------------------------------------------------

MARKDOWN_FIELDS = {"body", "label", "help", "placeholder", "content"}  # content: button-group options
MARKDOWN_OPTION_TYPES = {"Radio"}  # option labels rendered as markdown (selectbox options are plain text)


def _strings(message, type_name: str) -> Iterator[str]:
    for field, value in message.ListFields():
        values = value if isinstance(value, Sequence) and not isinstance(value, str) else [value]
        for item in values:
            if isinstance(item, str):
                if field.name in MARKDOWN_FIELDS or (field.name == "options" and type_name in MARKDOWN_OPTION_TYPES):
                    yield item
            elif hasattr(item, "ListFields") and field.name not in ("data", "spec", "json", "arrow_data"):
                yield from _strings(item, type_name)


def markdown_texts(node) -> Iterator[tuple[str, str]]:
    """(element type, text) for every string in the tree that Streamlit renders as markdown."""
    proto = getattr(node, "proto", None)
    if proto is not None and type(proto).__name__ not in ("PlotlyChart", "DeckGlJsonChart", "Arrow"):
        for text in _strings(proto, type(proto).__name__):
            yield getattr(node, "type", "?"), text
    for child in getattr(node, "children", {}).values():
        yield from markdown_texts(child)
