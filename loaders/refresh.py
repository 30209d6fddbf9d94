"""Rebuild the snapshot from raw files, reporting progress, and swap it in only if all is valid."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import urllib.parse
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


def build_trade_files(paths: list[Path], say: Progress) -> list[BuiltTable]:
    """Hand-downloaded trade files given with --trade-file (issue 4); see loaders/trade_files.py."""
    from loaders.trade_files import build_files

    for path in paths:
        say(f"[trade file] reading and validating {path}")
    built = build_files(paths)
    for table in built:
        say(f"      {table.spec.name}: {len(table.frame):,} rows")
    return built


def kept_hand_tables(snapshot_dir: Path, rebuilt: set[str]) -> list[str]:
    """Tables from earlier --trade-file runs stay until a new file replaces them (no raw copy exists)."""
    from loaders.trade_files import TABLE_NAMES

    try:
        current = read_manifest(snapshot_dir)["tables"]
    except SnapshotError:
        return []
    return [name for name in current if name in TABLE_NAMES and name not in rebuilt]


def refresh(raw_root: Path, snapshot_dir: Path, say: Progress, only: list[str] | None = None,
            trade_files: list[Path] | None = None) -> dict:
    """Build from `raw_root` (and hand-downloaded trade files); the snapshot is replaced only after
    every table validated."""
    tables = build_all(RawFolder(Path(raw_root)), say, only)
    tables += build_trade_files(trade_files or [], say)
    rebuilt = {t.spec.name for t in tables}
    keep = kept_hand_tables(snapshot_dir, rebuilt)
    if only:
        current = read_manifest(snapshot_dir)["tables"]
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
                if item.get("url"):  # files written in this project (e.g. the event catalog) have no upstream
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
        # a recorded URL may hold spaces or quotes from an upstream file name; %-escapes stay as they are
        safe_url = urllib.parse.quote(url, safe=":/?&=%#@+,;~")
        with urllib.request.urlopen(safe_url, timeout=timeout) as response, target.open("wb") as out:
            shutil.copyfileobj(response, out)


def listed_files(root: Path, urls: dict[str, str]) -> dict[str, str]:
    """Files a downloaded index lists (a source kept as one file per day names its days in an index file)."""
    found: dict[str, str] = {}
    for module in LOADERS.values():
        extra = getattr(module, "upstream_files", None)
        index = module.SOURCE.files[0].path if module.SOURCE.files else ""
        if extra is not None and (root / index).is_file() and index in urls:
            found.update(extra(root / index, urls[index]))
    return found


def refresh_from_upstream(snapshot_dir: Path, say: Progress, only: list[str] | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="csi-upstream-") as tmp:
        urls = upstream_urls(snapshot_dir)
        download(urls, Path(tmp), say)
        download(listed_files(Path(tmp), urls), Path(tmp), say)
        return refresh(Path(tmp), snapshot_dir, say, only)
