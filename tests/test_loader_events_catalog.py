"""The hand-written event catalog: the committed file is complete and cited; bad entries are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from loaders import events_catalog
from loaders.contract import check_table
from loaders.errors import LoaderError

MAJOR_EXERCISES = (
    "pla-drills-aug-2022",
    "joint-sword-2023",
    "joint-sword-2024a",
    "joint-sword-2024b",
    "strait-thunder-2025a",
    "justice-mission-2025",
)


def good_entry(**overrides) -> dict:
    entry = {
        "id": "joint-sword-2024a",
        "kind": "exercise",
        "name_en": "Joint Sword-2024A",
        "name_ja": "連合利剣-2024A",
        "name_zh_tw": "聯合利劍-2024A",
        "start": "2024-05-23",
        "end": "2024-05-24",
        "announced_by": "PLA Eastern Theater Command",
        "description": "Two-day joint drills.",
        "source_publisher": "Shanghai Daily (Xinhua)",
        "source_title": "PLA conducts joint military drills",
        "source_date": "2024-05-23",
        "source_url": "https://www.shine.cn/news/nation/2405236518/",
    }
    entry.update(overrides)
    return {k: v for k, v in entry.items() if v is not None}


def write_catalog(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump({"events": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- the committed catalog ------------------------------------------------------------------------


def test_committed_catalog_is_complete_and_cited() -> None:
    built = events_catalog.build()
    frame = built[0].frame
    check_table(frame, events_catalog.EVENTS)
    assert list(frame.columns) == [
        "id",
        "kind",
        "name_en",
        "name_ja",
        "name_zh_tw",
        "start",
        "end",
        "announced_by",
        "description",
        "source_publisher",
        "source_title",
        "source_date",
        "source_url",
        "label_en",
        "label_ja",
        "label_zh_tw",
    ]
    assert frame["id"].is_unique
    assert set(frame["kind"]) <= set(events_catalog.KINDS)
    assert (frame["end"] >= frame["start"]).all()
    for column in ("source_publisher", "source_title", "source_url", "name_ja", "name_zh_tw"):
        assert (frame[column].str.strip() != "").all(), column
    assert frame["source_url"].str.match(r"^https?://").all()
    assert frame["source_date"].notna().all() and frame["start"].min() >= pd.Timestamp("2022-01-01")
    assert set(MAJOR_EXERCISES) <= set(frame.loc[frame["kind"] == "exercise", "id"])
    assert frame[["start", "id"]].equals(frame[["start", "id"]].sort_values(["start", "id"]))
    # manifest: hashed, but a project file with no upstream to match and no URL to download
    (record,) = built[0].inputs
    assert record["path"] == "data/catalog/events.yaml" and record["url"] == ""
    assert record["matches_pinned_commit"] is None and len(record["sha256"]) == 64


def test_justice_mission_dates() -> None:
    frame = events_catalog.load_catalog().set_index("id")
    assert frame.loc["justice-mission-2025", "start"] == pd.Timestamp("2025-12-29")
    assert frame.loc["justice-mission-2025", "end"] == pd.Timestamp("2025-12-30")


# --- bad catalogs ---------------------------------------------------------------------------------

BAD_ENTRIES = {
    "missing field": (good_entry(source_title=None), "field 'source_title': missing or empty"),
    "empty source publisher": (good_entry(source_publisher="  "), "field 'source_publisher': missing or empty"),
    "unknown kind": (
        good_entry(kind="drill"),
        "field 'kind': 'drill' is not one of exercise, political, transit, other",
    ),
    "bad date": (good_entry(start="2024-13-01"), "field 'start': '2024-13-01' is not a real calendar date"),
    "not a date": (good_entry(end="soon"), "field 'end': 'soon' is not a date"),
    "end before start": (good_entry(end="2024-05-20"), "field 'end': 2024-05-20 is before start 2024-05-23"),
    "source not a web address": (good_entry(source_url="Xinhua"), "field 'source_url': 'Xinhua' is not a web address"),
    "typo in a field name": (good_entry(souce_url="https://x.org"), "field 'souce_url': unknown field"),
    "bad id": (good_entry(id="Joint Sword"), "field 'id': use lower-case letters"),
    "label too long": (
        good_entry(label_en="Joint Sword 2024A drills around Taiwan"),
        "field 'label_en': 'Joint Sword 2024A drills around Taiwan' is longer than 24 characters",
    ),
    "bad source date": (
        good_entry(source_date="2024-02-30"),
        "field 'source_date': '2024-02-30' is not a real calendar date",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ENTRIES))
def test_bad_entry_names_file_entry_id_and_field(tmp_path: Path, case: str) -> None:
    entry, fragment = BAD_ENTRIES[case]
    other = good_entry(id="lai-inauguration-2024", kind="political", start="2024-05-20", end="2024-05-20")
    path = write_catalog(tmp_path, [other, entry])
    with pytest.raises(LoaderError) as caught:
        events_catalog.load_catalog(path)
    text = str(caught.value)
    assert text.startswith(str(path)) and fragment in text, text
    assert "entry 2" in text and "\n" not in text
    if entry.get("id") and case != "bad id":
        assert f"(id '{entry['id']}')" in text


def test_duplicate_id(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, [good_entry(), good_entry(name_en="Again")])
    with pytest.raises(
        LoaderError, match=r"entry 2 \(id 'joint-sword-2024a'\), field 'id': duplicate id \(first used by entry 1\)"
    ):
        events_catalog.load_catalog(path)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("events:\n  - id: a\n    kind: [exercise\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"row \d+: not valid YAML"):
        events_catalog.load_catalog(path)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("- just a list\n", "expected a top-level 'events:' list"),
        ("events: []\n", "the 'events' list is empty"),
        ("events:\n  - just text\n", "entry 1: expected a mapping"),
    ],
)
def test_wrong_shape(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoaderError, match=fragment):
        events_catalog.load_catalog(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match="file not found"):
        events_catalog.load_catalog(tmp_path / "nothing.yaml")


def test_quoted_and_unquoted_dates_load_the_same(tmp_path: Path) -> None:
    quoted = events_catalog.load_catalog(write_catalog(tmp_path, [good_entry()]))
    unquoted_path = tmp_path / "unquoted.yaml"
    unquoted_path.write_text(
        write_catalog(tmp_path, [good_entry()]).read_text(encoding="utf-8").replace("'", ""), encoding="utf-8"
    )
    assert quoted.equals(events_catalog.load_catalog(unquoted_path))
    assert str(quoted["start"].dtype) == "datetime64[ns]"
