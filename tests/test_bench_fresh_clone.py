"""`make bench` on a fresh clone without ../shared: the refresh benchmark steps aside with one line."""

from __future__ import annotations

from pathlib import Path

import settings
from bench import __main__ as bench_main
from bench import refresh_time


def test_refresh_benchmark_skips_without_raw_data(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setattr(settings, "RAW_DIR", tmp_path / "no-shared" / "data" / "raw")
    assert refresh_time.run(runs=1) == []
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"refresh: skipped, no raw data at {settings.RAW_DIR} (this benchmark needs ../shared/data/raw)"]
    assert bench_main.main(["--only", "refresh", "--no-record", "--runs", "1"]) == 0
