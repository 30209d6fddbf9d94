"""Write the snapshot atomically and read it back, checked against its manifest.

A refresh writes every table and the manifest into a fresh sibling folder, then swaps folders
with two renames. The old snapshot is never modified in place, so a failed or killed refresh
leaves it byte-for-byte as it was. If a crash lands between the two renames, readers fall back
to the parked old folder (the newest by build time, if several). A reader caught by a swap mid-read
(the app serves while a refresh runs) reads again instead of failing; half-built folders of killed
refreshes, and parked folders no longer needed, are deleted once a swap completes.

Only one refresh runs at a time per folder: refresh_lock() takes an OS-level lock (flock) on
`.refresh.lock` beside the snapshot, and a second refresh stops at once with RefreshBusy.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
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


class RefreshBusy(Exception):
    """Another refresh holds the lock of this snapshot folder; this one did nothing."""


LOCK_FILE = ".refresh.lock"  # beside the snapshot folder; kept (deleting a lock file races with its next user)


@contextmanager
def refresh_lock(snapshot_dir: Path):
    """Hold the refresh lock of `snapshot_dir`'s parent folder, or raise RefreshBusy at once.

    An flock is released by the OS when its process ends, however it ends, so a killed refresh
    never leaves a stale lock behind. Waiting instead would leave a second `make refresh` hanging
    silently behind the first; stopping with a clear message lets the person decide."""
    parent = Path(snapshot_dir).parent
    parent.mkdir(parents=True, exist_ok=True)
    path = parent / LOCK_FILE
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open while the lock is held, closed below
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise RefreshBusy(
                f"another refresh is running on {parent} ({holder}); "
                "this one stopped before changing anything — try again when it has finished"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock


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
    # Time first, so names sort by when they were made (not by PID); the PID tells the sweep who owns it.
    stamp = f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}-{os.getpid()}"
    new_dir = parent / f".snapshot-new-{stamp}"
    old_dir = parent / f".snapshot-old-{stamp}"
    built_at = datetime.now(UTC).replace(microsecond=0).isoformat()
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
    # The new snapshot is in place: nothing below may fail the refresh or claim it did not happen.
    shutil.rmtree(old_dir, ignore_errors=True)
    with contextlib.suppress(OSError):
        _sweep_abandoned(parent)
    return manifest


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to a temp file beside `path`, then rename it over: never half-written, and the temp
    file is removed whatever goes wrong (disk full, a file-size limit)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; these are ordinary committed files
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _owner(folder: Path) -> int | None:
    """PID that made a `.snapshot-new-<time>-<pid>` folder (older builds wrote `<pid>-<time>`)."""
    digits = [part for part in folder.name.removeprefix(".snapshot-new-").split("-") if part.isdigit()]
    return int(digits[0]) if digits else None  # the time part holds a 'T', so it is never all digits


def _sweep_abandoned(parent: Path) -> None:
    """Called once a swap has completed: delete every parked `.snapshot-old-*` folder (the snapshot they
    were the fallback for has been replaced) and half-built `.snapshot-new-*` folders whose refresh
    process is gone (killed). Readers never need either again, so they are only wasted disk.
    """
    for folder in parent.glob(".snapshot-old-*"):
        shutil.rmtree(folder, ignore_errors=True)
    for folder in parent.glob(".snapshot-new-*"):
        pid = _owner(folder)
        if pid is not None and pid != os.getpid() and not _pid_alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _resolve(snapshot_dir: Path) -> Path:
    """The snapshot folder, or the parked old one if a swap was interrupted."""
    snapshot_dir = Path(snapshot_dir)
    if (snapshot_dir / MANIFEST).is_file():
        return snapshot_dir
    parked = [(_built_at(folder), folder.name, folder) for folder in snapshot_dir.parent.glob(".snapshot-old-*")]
    usable = sorted(entry for entry in parked if entry[0] is not None)
    if usable:
        return usable[-1][2]  # the most recently built, whatever PID or name its folder got
    raise SnapshotError(f"no snapshot at {snapshot_dir} (run: python -m loaders refresh)")


def _built_at(folder: Path) -> str | None:
    """`built_at` of a folder's manifest (ISO UTC, so it sorts by time), or None if it has no readable one."""
    try:
        return str(json.loads((folder / MANIFEST).read_bytes().decode("utf-8"))["built_at"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


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
    except (ValueError, RecursionError) as exc:
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
