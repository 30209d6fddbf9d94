"""The aircraft-type catalogue: every zh-TW name MND writes maps to one type, or the refresh names the stray."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import settings
from loaders import aircraft_types, flight_tracks
from loaders.contract import RawFolder, check_table
from loaders.errors import LoaderError
from loaders.snapshot import read_table


def test_fixture_names_map_and_are_counted(good_raw: Path) -> None:
    (built,) = aircraft_types.build(RawFolder(good_raw))
    check_table(built.frame, aircraft_types.TYPES)
    frame = built.frame.set_index("id")
    assert frame.loc["J-16", "tracks"] == 1 and frame.loc["J-10", "tracks"] == 1  # tests/fixtures_witnesses.py
    assert frame.loc["J-16", "ja"] == "J-16戦闘機" and frame.loc["KJ-500", "category"] == "early_warning_ew"


def test_an_unlisted_name_stops_the_refresh_naming_it(good_raw: Path) -> None:
    path = good_raw / flight_tracks.TRACKS_2023.path
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["aircraft_type"] = "殲-20機"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(LoaderError, match="aircraft type '殲-20機' is not in aircraft_types.yaml"):
        aircraft_types.build(RawFolder(good_raw))


@pytest.mark.parametrize(
    "text, message",
    [
        ("types: []\n", "non-empty list"),
        ("types:\n  - {id: J-10, category: stealth, zh_tw: [殲-10機], ja: x}\n", "is not one of"),
        (
            "types:\n  - {id: A, category: uav, zh_tw: [n], ja: x}\n  - {id: B, category: uav, zh_tw: [n], ja: y}\n",
            "already listed under 'A'",
        ),
        ("types:\n  - {id: A, category: uav, zh_tw: [], ja: x}\n", "non-empty list of names"),
    ],
)
def test_a_bad_catalogue_entry_is_refused(good_raw: Path, text: str, message: str) -> None:
    (settings.CATALOG_DIR / aircraft_types.CATALOG_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(LoaderError, match=message):
        aircraft_types.build(RawFolder(good_raw))


def test_real_catalogue_covers_every_traced_track() -> None:
    """995 + 266 traced tracks (Aug 2022 – Jan 2024); two are drawn without a type."""
    frame = read_table(settings.SNAPSHOT_DIR, "aircraft_types")
    assert int(frame["tracks"].sum()) == 995 + 266 - 2
    assert set(frame["category"]) <= set(aircraft_types.CATEGORIES)
    assert {"J-16", "KJ-500", "H-6K", "Ka-28", "Z-9 ASW", "BZK-005", "TB-001", "CH-4", "WZ-7"} <= set(frame["id"])
