"""Rebuild the snapshot from raw files, reporting progress, and swap it in only if all is valid."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Callable, TextIO

from loaders.contract import RawFolder
from loaders.registry import LOADERS
from loaders.snapshot import BuiltTable, SnapshotError, read_manifest, write_snapshot

Progress = Callable[[str], None]


def printer(stream: TextIO = sys.stderr) -> Progress:
    def say(message: str) -> None:
        print(message, file=stream, flush=True)

    return say


def build_all(raw: RawFolder, say: Progress, only: list[str] | None = None) -> list[BuiltTable]:
    names = only or list(LOADERS)
    tables: list[BuiltTable] = []
    for step, name in enumerate(names, start=1):
        started = time.perf_counter()
        say(f"[{step}/{len(names)}] {name}: reading and validating raw files in {raw.root}")
        built = LOADERS[name].build(raw)
        for table in built:
            say(f"      {table.spec.name}: {len(table.frame):,} rows")
        say(f"      done in {time.perf_counter() - started:.2f} s")
        tables.extend(built)
    return tables


def refresh(raw_root: Path, snapshot_dir: Path, say: Progress, only: list[str] | None = None) -> dict:
    """Build from `raw_root`; the snapshot is replaced only after every table validated."""
    tables = build_all(RawFolder(Path(raw_root)), say, only)
    keep = []
    if only:
        current = read_manifest(snapshot_dir)["tables"]
        rebuilt = {t.spec.name for t in tables}
        keep = [name for name in current if name not in rebuilt]
    say(f"writing snapshot to {snapshot_dir} (atomic swap)")
    manifest = write_snapshot(tables, snapshot_dir, keep=keep)
    for name, entry in manifest["tables"].items():
        span = f"{entry['first_date']} → {entry['last_date']}" if entry.get("first_date") else "—"
        say(f"      {name}: {entry['rows']:,} rows, {span}, sha256 {entry['sha256'][:12]}")
    return manifest


def upstream_urls(snapshot_dir: Path) -> dict[str, str]:
    """raw path -> URL, as recorded in the current manifest (falls back to the loaders' pins)."""
    urls: dict[str, str] = {}
    try:
        for entry in read_manifest(snapshot_dir)["tables"].values():
            for item in entry.get("inputs", []):
                urls[item["path"]] = item["url"]
    except SnapshotError:
        pass
    for module in LOADERS.values():
        for file in module.SOURCE.files:
            urls.setdefault(file.path, module.SOURCE.url_of(file))
    return urls


def download(urls: dict[str, str], dest: Path, say: Progress, timeout: float = 60) -> None:
    for step, (path, url) in enumerate(sorted(urls.items()), start=1):
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        say(f"[download {step}/{len(urls)}] {url}")
        with urllib.request.urlopen(url, timeout=timeout) as response, target.open("wb") as out:
            shutil.copyfileobj(response, out)


def refresh_from_upstream(snapshot_dir: Path, say: Progress, only: list[str] | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="csi-upstream-") as tmp:
        download(upstream_urls(snapshot_dir), Path(tmp), say)
        return refresh(Path(tmp), snapshot_dir, say, only)
