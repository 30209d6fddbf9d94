"""Write the snapshot atomically and read it back, checked against its manifest.

A refresh writes every table and the manifest into a fresh sibling folder, then swaps folders
with two renames. The old snapshot is never modified in place, so a failed or killed refresh
leaves it byte-for-byte as it was. If a crash lands between the two renames, readers fall back
to the parked old folder. A reader caught by a swap mid-read (the app serves while a refresh runs)
reads again instead of failing, and half-built folders of killed refreshes are swept up by the next one.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from loaders.contract import Source, TableSpec, UpstreamFile, check_table

MANIFEST = "manifest.json"
FORMAT_VERSION = 1

# Test hook, off by default: CSI_TEST_SLOW_WRITE=<seconds> makes write_snapshot sleep after each table
# it writes and once between the two renames of the swap, so a test can kill a refresh mid-write
# (tests/test_refresh_kill.py). Never set it outside tests.
SLOW_WRITE_ENV = "CSI_TEST_SLOW_WRITE"

# A reader that meets a swap in progress (a file renamed away between reading the manifest and the
# table) tries again this many times, this far apart; a swap is two renames, so one retry suffices.
READ_ATTEMPTS = 4
READ_RETRY_SECONDS = 0.05


class SnapshotError(Exception):
    """The snapshot on disk is missing or does not match its manifest."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_record(source: Source, file: UpstreamFile, path: Path) -> dict:
    """What the manifest says about one raw input: its hash, and whether it is the pinned upstream copy."""
    digest = sha256_of(path)
    return {
        "path": file.path,
        "upstream_path": file.upstream_path,
        "url": source.url_of(file),
        "sha256": digest,
        "matches_pinned_commit": digest == file.sha256,
    }


@dataclass(frozen=True)
class BuiltTable:
    """A validated table plus what the manifest should say about its inputs."""

    spec: TableSpec
    frame: pd.DataFrame
    inputs: list[dict]  # per raw file: path, sha256, matches_pinned, url


def _coverage(frame: pd.DataFrame, spec: TableSpec) -> dict:
    if not spec.date_column or frame.empty:
        return {"first_date": None, "last_date": None}
    dates = frame[spec.date_column]
    if spec.coverage_of:
        dates = dates[frame[list(spec.coverage_of)].notna().any(axis=1)]
    return {
        "first_date": dates.min().date().isoformat(),
        "last_date": dates.max().date().isoformat(),
    }


def _test_pause() -> None:
    """Sleep for CSI_TEST_SLOW_WRITE seconds when that test hook is set (see SLOW_WRITE_ENV)."""
    seconds = os.environ.get(SLOW_WRITE_ENV)
    if seconds:
        time.sleep(float(seconds))


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    # Plain, deterministic parquet: same table in, same bytes out, so checksums compare builds.
    frame.to_parquet(path, index=False, engine="pyarrow", compression="zstd")


def write_snapshot(tables: list[BuiltTable], snapshot_dir: Path, *, keep: list[str] | None = None) -> dict:
    """Build a new snapshot folder beside the old one, then swap it in.

    `keep` names tables copied unchanged from the current snapshot (partial refresh).
    """
    snapshot_dir = Path(snapshot_dir)
    parent = snapshot_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    stamp = f"{os.getpid()}-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S%f')}"
    new_dir = parent / f".snapshot-new-{stamp}"
    old_dir = parent / f".snapshot-old-{stamp}"
    built_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    manifest: dict = {"format_version": FORMAT_VERSION, "built_at": built_at, "tables": {}}
    try:
        new_dir.mkdir()
        if keep:
            current_dir = _resolve(snapshot_dir)  # the parked copy, if an earlier swap was interrupted
            current = read_manifest(current_dir)
            for name in keep:
                entry = current["tables"][name]
                shutil.copy2(current_dir / entry["file"], new_dir / entry["file"])
                manifest["tables"][name] = entry
        for table in tables:
            check_table(table.frame, table.spec)
            target = new_dir / table.spec.file_name
            _write_parquet(table.frame, target)
            manifest["tables"][table.spec.name] = {
                "file": table.spec.file_name,
                **table.spec.describe(),
                **_coverage(table.frame, table.spec),
                "rows": int(len(table.frame)),
                "sha256": sha256_of(target),
                "built_at": built_at,
                "inputs": table.inputs,
            }
            _test_pause()
        (new_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _verify(new_dir)
        if snapshot_dir.exists():
            os.rename(snapshot_dir, old_dir)
            _test_pause()
        os.rename(new_dir, snapshot_dir)
    except BaseException:
        shutil.rmtree(new_dir, ignore_errors=True)
        if old_dir.exists() and not snapshot_dir.exists():
            os.rename(old_dir, snapshot_dir)
        raise
    shutil.rmtree(old_dir, ignore_errors=True)
    _sweep_abandoned(parent)
    return manifest


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _sweep_abandoned(parent: Path) -> None:
    """Delete half-built `.snapshot-new-<pid>-*` folders whose refresh process is gone (killed).

    Readers never look at them, so they are only wasted disk. Parked `.snapshot-old-*` folders are
    left alone: one may be the fallback of a snapshot whose swap was interrupted.
    """
    for folder in parent.glob(".snapshot-new-*"):
        pid = folder.name.removeprefix(".snapshot-new-").split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _resolve(snapshot_dir: Path) -> Path:
    """The snapshot folder, or the parked old one if a swap was interrupted."""
    snapshot_dir = Path(snapshot_dir)
    if (snapshot_dir / MANIFEST).is_file():
        return snapshot_dir
    parked = sorted(snapshot_dir.parent.glob(".snapshot-old-*"))
    for folder in reversed(parked):
        if (folder / MANIFEST).is_file():
            return folder
    raise SnapshotError(f"no snapshot at {snapshot_dir} (run: python -m loaders refresh)")


def _retrying(read):
    """Run `read()` again when a concurrent refresh swapped the snapshot under it.

    A refresh renames the old folder away and the new one in, then deletes the old one. A reader
    that resolved the folder just before can find a file gone or a table that no longer matches
    the manifest it read. Reading again sees the new snapshot whole; a problem that persists
    across READ_ATTEMPTS is real and is raised (as SnapshotError, which the app reports).
    """
    for attempt in range(1, READ_ATTEMPTS + 1):
        try:
            return read()
        except (SnapshotError, FileNotFoundError) as exc:
            if attempt == READ_ATTEMPTS or isinstance(exc, _NoTable):
                if isinstance(exc, FileNotFoundError):
                    raise SnapshotError(f"{exc.filename}: missing from the snapshot") from None
                raise
            time.sleep(READ_RETRY_SECONDS)


class _NoTable(SnapshotError):
    """The manifest does not list the table: asking again will not help."""


def _read_manifest_once(snapshot_dir: Path) -> dict:
    """The manifest as JSON; a file renamed away meanwhile surfaces as FileNotFoundError (retried)."""
    folder = _resolve(snapshot_dir)
    data = (folder / MANIFEST).read_bytes()
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise SnapshotError(f"{folder / MANIFEST}: unreadable manifest ({exc})") from None


def read_manifest(snapshot_dir: Path) -> dict:
    try:
        return _retrying(lambda: _read_manifest_once(snapshot_dir))
    except OSError as exc:  # unreadable for another reason (permissions, I/O): not a swap
        raise SnapshotError(f"{Path(snapshot_dir) / MANIFEST}: unreadable manifest ({exc})") from None


def _read_table_once(snapshot_dir: Path, name: str, verify: bool) -> pd.DataFrame:
    folder = _resolve(snapshot_dir)
    manifest = _read_manifest_once(folder)
    if name not in manifest["tables"]:
        raise _NoTable(f"snapshot has no table '{name}'")
    entry = manifest["tables"][name]
    path = folder / entry["file"]
    # Checked and parsed from the same bytes, so a file swapped in between cannot slip past the check.
    data = path.read_bytes()
    if verify and hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise SnapshotError(f"{path}: checksum does not match manifest (corrupt snapshot)")
    return pd.read_parquet(io.BytesIO(data))


def read_table(snapshot_dir: Path, name: str, *, verify: bool = True) -> pd.DataFrame:
    """One snapshot table; its checksum is checked against the manifest so corruption never shows."""
    return _retrying(lambda: _read_table_once(snapshot_dir, name, verify))


def _verify(folder: Path) -> None:
    manifest = read_manifest(folder)
    for name in manifest["tables"]:
        read_table(folder, name)


def verify_snapshot(snapshot_dir: Path) -> dict:
    """Check every table against the manifest; returns the manifest."""
    folder = _resolve(snapshot_dir)
    _verify(folder)
    return read_manifest(folder)
