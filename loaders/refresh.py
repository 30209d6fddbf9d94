"""Rebuild the snapshot from raw files, reporting progress, and swap it in only if all is valid."""

from __future__ import annotations

import dataclasses
import hashlib
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from loaders.contract import RawFolder
from loaders.errors import LoaderError
from loaders.raw_csv import printable_frame
from loaders.registry import LOADERS
from loaders.snapshot import BuiltTable, SnapshotError, read_manifest, refresh_lock, write_snapshot

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
        built = [printable(table) for table in LOADERS[name].build(raw)]
        for table in built:
            say(f"      {table.spec.name}: {len(table.frame):,} rows")
        say(f"      done in {time.perf_counter() - started:.2f} s")
        tables.extend(built)
    return tables


def printable(table: BuiltTable) -> BuiltTable:
    """The table with control characters taken out of its text (raw_csv.printable_frame), whichever loader built it."""
    frame = printable_frame(table.frame, skip=table.spec.key)
    return table if frame is table.frame else dataclasses.replace(table, frame=frame)


def build_trade_files(paths: list[Path], say: Progress) -> list[BuiltTable]:
    """Hand-downloaded trade files given with --trade-file; see loaders/trade_files.py."""
    from loaders.trade_files import build_files

    for path in paths:
        say(f"[trade file] reading and validating {path}")
    built = [printable(table) for table in build_files(paths)]
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


def refresh(
    raw_root: Path,
    snapshot_dir: Path,
    say: Progress,
    only: list[str] | None = None,
    trade_files: list[Path] | None = None,
) -> dict:
    """Build from `raw_root` (and hand-downloaded trade files); the snapshot is replaced only after
    every table validated. Holds the refresh lock throughout (RefreshBusy if another refresh runs)."""
    with refresh_lock(snapshot_dir):
        return _refresh(raw_root, snapshot_dir, say, only, trade_files)


def _refresh(
    raw_root: Path, snapshot_dir: Path, say: Progress, only: list[str] | None, trade_files: list[Path] | None
) -> dict:
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


def pinned_hashes(snapshot_dir: Path) -> dict[str, set[str]]:
    """raw path -> the sha256 values a download may have: the pin in the loader's contract
    (UpstreamFile.sha256, from PROVENANCE.md) and the hash the current manifest recorded for it."""
    hashes: dict[str, set[str]] = {}
    for module in LOADERS.values():
        for file in module.SOURCE.files:
            hashes.setdefault(file.path, set()).add(file.sha256)
        folder = getattr(module, "PINNED_FOLDERS", {})
        for path, digest in folder.items():
            hashes.setdefault(path, set()).add(digest)
    try:
        for entry in read_manifest(snapshot_dir)["tables"].values():
            for item in entry.get("inputs", []):
                if (item.get("url") or item.get("files")) and item.get("sha256"):  # files: a folder's digest
                    hashes.setdefault(item["path"], set()).add(item["sha256"])
    except SnapshotError:
        pass
    return hashes


def download_target(dest: Path, path: str) -> Path:
    """Where a manifest path is written under `dest`; a path that would land outside it
    ('../../x', an absolute path, a symlinked folder) is refused: the manifest is data, not a command."""
    root = dest.resolve()
    target = (root / path).resolve()
    if Path(path).is_absolute() or not target.is_relative_to(root) or target == root:
        raise LoaderError(path, f"manifest path resolves outside the download folder ({target}); refused")
    return target


def download(
    urls: dict[str, str], dest: Path, say: Progress, timeout: float = 60, *, expected: dict[str, set[str]] | None = None
) -> None:
    """Fetch every URL into `dest`. With `expected`, each file must hash to one of its pinned sha256 values:
    a changed upstream file or a tampered download stops the refresh before anything is built."""
    for step, (path, url) in enumerate(sorted(urls.items()), start=1):
        target = download_target(dest, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        say(f"[download {step}/{len(urls)}] {url}")
        # a recorded URL may hold spaces or quotes from an upstream file name; %-escapes stay as they are
        safe_url = urllib.parse.quote(url, safe=":/?&=%#@+,;~")
        digest = hashlib.sha256()
        with urllib.request.urlopen(safe_url, timeout=timeout) as response, target.open("wb") as out:
            for block in iter(lambda: response.read(1 << 20), b""):
                digest.update(block)
                out.write(block)
        if expected is not None:
            allowed = expected.get(path, set())
            if digest.hexdigest() not in allowed:
                pins = ", ".join(sorted(h[:12] + "…" for h in allowed)) or "none recorded"
                raise LoaderError(
                    url,
                    f"downloaded file has sha256 {digest.hexdigest()[:12]}…, not the pinned "
                    f"{pins} (the upstream copy changed or the download was altered); refused",
                )


def listed_files(root: Path, urls: dict[str, str]) -> dict[str, str]:
    """Files a downloaded index lists (a source kept as one file per day names its days in an index file)."""
    found: dict[str, str] = {}
    for module in LOADERS.values():
        extra = getattr(module, "upstream_files", None)
        index = module.SOURCE.files[0].path if module.SOURCE.files else ""
        if extra is not None and (root / index).is_file() and index in urls:
            found.update(extra(root / index, urls[index]))
    return found


def check_listed_folders(root: Path, snapshot_dir: Path) -> None:
    """A folder downloaded file by file (from its index) must hash, as a whole, to its pinned digest."""
    allowed = pinned_hashes(snapshot_dir)
    for module in LOADERS.values():
        digest = getattr(module, "folder_digest", None)
        if digest is None:
            continue
        path, value = digest(root)
        if value not in allowed.get(path, set()):
            raise LoaderError(
                root / path,
                f"downloaded files hash to {value[:12]}…, not the pinned "
                f"{', '.join(sorted(h[:12] + '…' for h in allowed.get(path, set())))}; refused",
            )


def refresh_from_upstream(snapshot_dir: Path, say: Progress, only: list[str] | None = None) -> dict:
    """Download every raw file at its pinned commit, check each against its pinned sha256, then refresh."""
    with tempfile.TemporaryDirectory(prefix="csi-upstream-") as tmp:
        urls = upstream_urls(snapshot_dir)
        download(urls, Path(tmp), say, expected=pinned_hashes(snapshot_dir))
        download(listed_files(Path(tmp), urls), Path(tmp), say)
        check_listed_folders(Path(tmp), snapshot_dir)
        say("all downloads match their pinned sha256")
        return refresh(Path(tmp), snapshot_dir, say, only)
