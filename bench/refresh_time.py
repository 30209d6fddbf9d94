"""Refresh of every dataset (raw files -> validated snapshot) into a temp folder: total and per loader.

Two figures, both against ../shared/data/raw (settings.RAW_DIR):
* the command a person runs, `python -m loaders refresh --snapshot TMP`, wall clock from spawn to exit
  (interpreter start and imports included) — the headline, target ≤ 5 s;
* the same work in-process, split into each loader's build (read, validate, reconcile) and the atomic
  write (parquet, checksums, verify, swap), so a slow step is named.
Median of --runs; the committed snapshot is never touched.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import settings
from bench.common import PROJECT, Figure, median
from loaders.contract import RawFolder
from loaders.registry import LOADERS
from loaders.snapshot import write_snapshot

TARGET_S = 5.0


def cli_seconds(snapshot_dir: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "refresh", "--raw", str(settings.RAW_DIR), "--snapshot", str(snapshot_dir)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"refresh failed (exit {result.returncode}): {result.stderr[-2000:]}")
    return elapsed


def in_process(snapshot_dir: Path) -> dict[str, float]:
    """Seconds per loader build and for the write, in this process (imports already done)."""
    raw = RawFolder(settings.RAW_DIR)
    times: dict[str, float] = {}
    tables = []
    for name, module in LOADERS.items():
        started = time.perf_counter()
        tables += module.build(raw)
        times[name] = time.perf_counter() - started
    started = time.perf_counter()
    write_snapshot(tables, snapshot_dir)
    times["write snapshot"] = time.perf_counter() - started
    return times


def run(runs: int = 5) -> list[Figure]:
    if not (settings.RAW_DIR / "pla-data-dashboard").is_dir():  # a fresh clone without ../shared: run the rest
        print(f"refresh: skipped, no raw data at {settings.RAW_DIR} (this benchmark needs ../shared/data/raw)")
        return []
    cli: list[float] = []
    parts: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-refresh-") as tmp:
        in_process(Path(tmp) / "warmup")  # imports and disk caches, not recorded
        for run_number in range(runs):
            cli.append(cli_seconds(Path(tmp) / f"cli-{run_number}" / "snapshot"))
            for name, seconds in in_process(Path(tmp) / f"lib-{run_number}" / "snapshot").items():
                parts.setdefault(name, []).append(seconds)
    total_in_process = sum(median(v) for v in parts.values())
    print()
    print(f"Refresh of every dataset from {settings.RAW_DIR}, seconds (median of {runs})")
    for name, values in parts.items():
        print(f"  {name:<20}{median(values):>7.3f}")
    print(f"  {'sum in-process':<20}{total_in_process:>7.3f}")
    print(f"  {'CLI wall clock':<20}{median(cli):>7.3f}  (python -m loaders refresh, incl. start-up and imports)")
    breakdown = ", ".join(f"{name} {median(values):.2f}" for name, values in parts.items())
    return [
        Figure("refresh", "refresh, CLI wall clock", median(cli), "s", TARGET_S, detail=f"min {min(cli):.2f} s"),
        Figure("refresh", "refresh, in-process sum", total_in_process, "s", TARGET_S, detail=breakdown),
    ]
