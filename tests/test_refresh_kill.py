"""Atomic refresh under fire: a refresh killed mid-write, or mid-swap, never costs the previous
snapshot, and readers never see a half-swapped one.

The subprocess tests slow the writer down with the CSI_TEST_SLOW_WRITE hook of loaders/snapshot.py
(sleep after each table and between the two renames), so SIGKILL lands where it hurts most.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from loaders import snapshot
from loaders.refresh import refresh
from tests.helpers import folder_digest, quiet

PROJECT = Path(__file__).resolve().parents[1]
SLOW = "0.15"  # seconds per table written (12 tables) and between the renames
DEADLINE = 60.0  # seconds to wait for the subprocess to reach the point we kill it at


def start_refresh(raw: Path, target: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, snapshot.SLOW_WRITE_ENV: SLOW}
    return subprocess.Popen(
        [sys.executable, "-m", "loaders", "refresh", "--raw", str(raw), "--snapshot", str(target), *extra],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(condition, process: subprocess.Popen, what: str, poll: float = 0.005) -> None:
    """Poll `condition` until true; fail (and kill) if the process ends first or the deadline passes."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if process.poll() is not None:
            pytest.fail(
                f"refresh ended (exit {process.returncode}) before {what}: "
                f"{process.stderr.read().decode(errors='replace')[-2000:]}"
            )
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(poll)


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL


def assert_intact(target: Path, before: dict[str, str], folder: Path | None = None) -> None:
    """Byte-identical to `before`, verifies against its manifest, and every table reads."""
    assert folder_digest(folder or target) == before
    manifest = snapshot.verify_snapshot(target)
    for name, entry in manifest["tables"].items():
        assert len(snapshot.read_table(target, name)) == entry["rows"]


def test_kill_while_tables_are_written_keeps_previous_snapshot(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    before = folder_digest(target)
    process = start_refresh(good_raw, target)

    def some_tables_written() -> bool:
        return any(len(list(d.glob("*.parquet"))) >= 2 for d in tmp_path.glob(".snapshot-new-*"))

    wait_for(some_tables_written, process, "two tables were written to the new folder")
    kill(process)

    stray = list(tmp_path.glob(".snapshot-new-*"))
    assert len(stray) == 1, "the killed refresh should have left its half-built folder behind"
    assert not (stray[0] / snapshot.MANIFEST).exists(), "killed before the manifest: truly mid-write"
    assert_intact(target, before)  # the stray folder does not disturb readers

    # The next refresh succeeds and clears the dead process's leftovers.
    manifest = refresh(good_raw, target, quiet)
    assert snapshot.verify_snapshot(target)["built_at"] == manifest["built_at"]
    assert not list(tmp_path.glob(".snapshot-*"))


def test_kill_between_the_two_renames_falls_back_to_parked_snapshot(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    before = folder_digest(target)
    process = start_refresh(good_raw, target)
    wait_for(lambda: not target.exists(), process, "the old snapshot was renamed away (first rename)")
    kill(process)

    assert not target.exists()
    parked = list(tmp_path.glob(".snapshot-old-*"))
    assert len(parked) == 1
    assert_intact(target, before, folder=parked[0])  # readers use the parked copy, byte-identical

    # A partial refresh (tables kept from the current snapshot) still works from the parked copy.
    parked_manifest = snapshot.read_manifest(parked[0])  # read first: the parked folder goes once the swap completes
    manifest = refresh(good_raw, target, quiet, only=["pla_tracker"])
    assert target.is_dir() and set(manifest["tables"]) == set(parked_manifest["tables"])
    for name, entry in parked_manifest["tables"].items():
        assert manifest["tables"][name]["sha256"] == entry["sha256"]
    snapshot.verify_snapshot(target)
    assert not parked[0].exists(), "a parked folder is deleted once a swap has completed"


def test_readers_never_fail_while_snapshots_are_swapped(good_raw: Path, tmp_path: Path) -> None:
    """The app reads while a refresh swaps folders: a reader caught between the manifest and the
    table (or between the two renames) must read again, never raise."""
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    names = list(snapshot.read_manifest(target)["tables"])
    errors: list[str] = []
    reads = 0
    stop = threading.Event()

    def reader() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                snapshot.read_manifest(target)
                snapshot.read_table(target, "air_sea_daily")
                reads += 1
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    swaps = 0
    deadline = time.monotonic() + 30.0  # enough work, not a fixed time: a loaded CI machine is slower
    while (swaps < 20 or reads < 50) and time.monotonic() < deadline:
        snapshot.write_snapshot([], target, keep=names)  # a full swap, copying every table
        swaps += 1
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    assert swaps >= 20 and reads >= 50, (swaps, reads)
    assert not errors, f"{len(errors)} of {reads + len(errors)} reads failed during {swaps} swaps: {set(errors)}"


def test_missing_table_is_reported_at_once(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    started = time.perf_counter()
    with pytest.raises(snapshot.SnapshotError, match="no table 'nope'"):
        snapshot.read_table(target, "nope")
    assert time.perf_counter() - started < snapshot.READ_RETRY_SECONDS  # not retried


def test_slow_write_hook_is_off_by_default() -> None:
    assert snapshot.SLOW_WRITE_ENV not in os.environ
    started = time.perf_counter()
    snapshot._test_pause()
    assert time.perf_counter() - started < 0.01
