"""Write the snapshot atomically and read it back, checked against its manifest.

A refresh writes every table and the manifest into a fresh sibling folder, then swaps folders
with two renames. The old snapshot is never modified in place, so a failed or killed refresh
leaves it byte-for-byte as it was. If a crash lands between the two renames, readers fall back
to the parked old folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from loaders.contract import TableSpec, check_table

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class SnapshotError(Exception):
    """The snapshot on disk is missing or does not match its manifest."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
            current = read_manifest(snapshot_dir)
            for name in keep:
                entry = current["tables"][name]
                shutil.copy2(snapshot_dir / entry["file"], new_dir / entry["file"])
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
        (new_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _verify(new_dir)
        if snapshot_dir.exists():
            os.rename(snapshot_dir, old_dir)
        os.rename(new_dir, snapshot_dir)
    except BaseException:
        shutil.rmtree(new_dir, ignore_errors=True)
        if old_dir.exists() and not snapshot_dir.exists():
            os.rename(old_dir, snapshot_dir)
        raise
    shutil.rmtree(old_dir, ignore_errors=True)
    return manifest


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


def read_manifest(snapshot_dir: Path) -> dict:
    folder = _resolve(snapshot_dir)
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"{folder / MANIFEST}: unreadable manifest ({exc})") from None


def read_table(snapshot_dir: Path, name: str, *, verify: bool = True) -> pd.DataFrame:
    """One snapshot table; its checksum is checked against the manifest so corruption never shows."""
    folder = _resolve(snapshot_dir)
    manifest = read_manifest(folder)
    if name not in manifest["tables"]:
        raise SnapshotError(f"snapshot has no table '{name}'")
    entry = manifest["tables"][name]
    path = folder / entry["file"]
    if verify and sha256_of(path) != entry["sha256"]:
        raise SnapshotError(f"{path}: checksum does not match manifest (corrupt snapshot)")
    return pd.read_parquet(path)


def _verify(folder: Path) -> None:
    manifest = read_manifest(folder)
    for name in manifest["tables"]:
        read_table(folder, name)


def verify_snapshot(snapshot_dir: Path) -> dict:
    """Check every table against the manifest; returns the manifest."""
    folder = _resolve(snapshot_dir)
    _verify(folder)
    return read_manifest(folder)
