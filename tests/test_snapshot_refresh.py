"""Atomic snapshot writes, checksum verification and the refresh command (local, CLI, upstream URLs)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

import settings
from loaders import pla_daily, snapshot
from loaders import refresh as refresh_mod
from loaders.errors import LoaderError
from loaders.refresh import refresh
from tests.conftest import GOOD_SECONDARY, primary_row, write_raw
from tests.helpers import folder_digest, quiet

PROJECT = Path(__file__).resolve().parents[1]


def test_refresh_builds_a_verified_snapshot(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    manifest = refresh(good_raw, target, quiet)
    entry = manifest["tables"]["air_sea_daily"]
    assert entry["rows"] == 6 and entry["first_date"] == "2024-05-20" and entry["last_date"] == "2024-05-25"
    assert entry["source"]["repo_url"] == "https://github.com/s0914712/pla-data-dashboard"
    assert entry["sha256"] == snapshot.sha256_of(target / "air_sea_daily.parquet")
    # test files, not upstream; the project's own catalogs have no upstream to match (None)
    assert {i["matches_pinned_commit"] for i in entry["inputs"]} == {False, None}
    assert [i["path"] for i in entry["inputs"][:2]] == [pla_daily.PRIMARY.path, pla_daily.SECONDARY.path]
    assert snapshot.verify_snapshot(target)["tables"].keys() >= {"air_sea_daily", "air_sea_qc"}  # + other loaders
    daily = snapshot.read_table(target, "air_sea_daily")
    assert str(daily["aircraft"].dtype) == "Int64" and daily["aircraft"].isna().sum() == 1


def test_refresh_is_reproducible(good_raw: Path, tmp_path: Path) -> None:
    first = refresh(good_raw, tmp_path / "a", quiet)
    second = refresh(good_raw, tmp_path / "b", quiet)
    for name in first["tables"]:
        assert first["tables"][name]["sha256"] == second["tables"][name]["sha256"]


def test_bad_input_leaves_old_snapshot_byte_for_byte(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    before = folder_digest(target)
    bad = write_raw(tmp_path / "bad", [primary_row("2024/05/20", "-5", "1")], GOOD_SECONDARY)
    with pytest.raises(LoaderError):
        refresh(bad, target, quiet)
    assert folder_digest(target) == before
    assert not list(tmp_path.glob(".snapshot-*"))


def test_failure_while_writing_keeps_old_snapshot(good_raw: Path, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    before = folder_digest(target)
    calls = []

    def failing_write(frame, path):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        frame.to_parquet(path, index=False)

    monkeypatch.setattr(snapshot, "_write_parquet", failing_write)
    with pytest.raises(OSError, match="disk full"):
        refresh(good_raw, target, quiet)
    assert len(calls) == 2
    assert folder_digest(target) == before
    assert not list(tmp_path.glob(".snapshot-*"))


def test_reader_falls_back_to_parked_snapshot_after_interrupted_swap(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    os.rename(target, tmp_path / ".snapshot-old-123")  # crash between the two renames
    assert len(snapshot.read_table(target, "air_sea_daily")) == 6


def test_corrupt_table_is_refused(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    with (target / "air_sea_daily.parquet").open("ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(snapshot.SnapshotError, match="checksum"):
        snapshot.read_table(target, "air_sea_daily")


def test_committed_snapshot_is_valid_and_rebuilds_identically(shared_raw: Path, tmp_path: Path) -> None:
    committed = snapshot.verify_snapshot(settings.SNAPSHOT_DIR)
    rebuilt = refresh(shared_raw, tmp_path / "snap", quiet)
    for name, entry in committed["tables"].items():
        assert rebuilt["tables"][name]["sha256"] == entry["sha256"], f"{name} differs from the committed snapshot"
        # None = a file written in this project (e.g. the event catalog): no upstream copy to match
        assert all(i["matches_pinned_commit"] is not False for i in entry["inputs"])


# --- the command line ------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "loaders", *args], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )


def test_cli_refresh_reports_progress(good_raw: Path, tmp_path: Path) -> None:
    result = run_cli("refresh", "--raw", str(good_raw), "--snapshot", str(tmp_path / "snap"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"\[1/\d+\] pla_daily", result.stderr) and "air_sea_daily: 6 rows" in result.stderr
    assert run_cli("verify", "--snapshot", str(tmp_path / "snap")).returncode == 0


def test_cli_bad_input_exits_nonzero_with_one_clear_line(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    assert run_cli("refresh", "--raw", str(good_raw), "--snapshot", str(target)).returncode == 0
    before = folder_digest(target)
    path = good_raw / "pla-data-dashboard" / "JapanandBattleship.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",62,27,", ",sixty,27,"), encoding="utf-8")
    result = run_cli("refresh", "--raw", str(good_raw), "--snapshot", str(target))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {path}, row 6, column 'pla_aircraft_sorties': 'sixty' is not a number"]
    assert "left unchanged" in result.stderr and "Traceback" not in result.stderr
    assert folder_digest(target) == before


def test_cli_missing_raw_folder(tmp_path: Path) -> None:
    result = run_cli("refresh", "--raw", str(tmp_path / "nowhere"), "--snapshot", str(tmp_path / "snap"))
    assert result.returncode == 2 and "file not found" in result.stderr
    assert not (tmp_path / "snap").exists()


@pytest.fixture
def local_upstream(good_raw: Path):
    """A local HTTP server standing in for the upstream repository (tests never touch the network)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(good_raw))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_refresh_from_upstream_urls_in_manifest(good_raw: Path, tmp_path: Path, local_upstream: str) -> None:
    target = tmp_path / "snap"
    manifest = refresh(good_raw, target, quiet)
    for entry in manifest["tables"].values():  # point the recorded URLs at the local stand-in
        for item in entry["inputs"]:
            if item.get("url"):  # project files (event catalog) and folders have no URL of their own
                item["url"] = f"{local_upstream}/{item['path']}"
    (target / snapshot.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    messages: list[str] = []
    rebuilt = refresh_mod.refresh_from_upstream(target, messages.append)
    assert any(m.startswith("[download 1/") for m in messages)
    assert rebuilt["tables"]["air_sea_daily"]["sha256"] == manifest["tables"]["air_sea_daily"]["sha256"]


def test_refresh_from_unreachable_upstream_keeps_snapshot(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    manifest = refresh(good_raw, target, quiet)
    for entry in manifest["tables"].values():
        for item in entry["inputs"]:
            if item.get("url"):  # upstream files only: the project's own catalogs are never downloaded
                item["url"] = "http://127.0.0.1:9/nothing-here.csv"
    (target / snapshot.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    before = folder_digest(target)
    result = run_cli("refresh", "--from-upstream", "--snapshot", str(target))
    assert result.returncode == 3 and "left unchanged" in result.stderr
    assert folder_digest(target) == before


def test_upstream_urls_default_to_pinned_commit(tmp_path: Path) -> None:
    urls = refresh_mod.upstream_urls(tmp_path / "no-snapshot")
    assert urls["pla-data-dashboard/JapanandBattleship.csv"] == (
        "https://raw.githubusercontent.com/s0914712/pla-data-dashboard/"
        "79f5e0b41d8cec5fdc2790bf243ad76fb759991d/data/JapanandBattleship.csv"
    )


def test_snapshot_table_matches_data_dictionary() -> None:
    manifest = snapshot.read_manifest(settings.SNAPSHOT_DIR)
    for entry in manifest["tables"].values():
        frame = pd.read_parquet(settings.SNAPSHOT_DIR / entry["file"])
        assert list(frame.columns) == [c["name"] for c in entry["columns"]]
        assert [str(frame[c].dtype) for c in frame.columns] == [c["dtype"] for c in entry["columns"]]
        assert len(frame) == entry["rows"]


def test_data_dictionary_is_current() -> None:
    from loaders.dictionary import render

    expected = render(snapshot.read_manifest(settings.SNAPSHOT_DIR))
    actual = (settings.PROJECT_DIR / "data" / "README.md").read_text(encoding="utf-8")
    assert actual == expected, "data/README.md is stale: run python -m loaders dictionary"
