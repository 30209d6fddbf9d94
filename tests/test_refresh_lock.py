"""Concurrent refreshes, the swap, and downloads.

One refresh at a time (an OS lock beside the snapshot); parked folders picked by build time and
deleted once a swap completes; messages after an error say what really happened; a download that is
not the pinned file, or a manifest path outside the download folder, is refused.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import settings
from loaders import __main__ as cli
from loaders import geo, snapshot
from loaders import refresh as refresh_mod
from loaders.errors import LoaderError
from loaders.refresh import refresh
from tests.test_refresh_kill import PROJECT, folder_digest, quiet, start_refresh, wait_for

# --- two refreshes at once -------------------------------------------------------------------------


def test_second_concurrent_refresh_stops_with_a_clear_message(good_raw: Path, tmp_path: Path) -> None:
    """Two processes: while a slowed refresh is writing, a second one exits 4 at once, says another refresh
    is running, and does not claim anything about the snapshot; the first completes normally."""
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    first = subprocess.Popen(  # slowed well past the second one's start-up time (about 2 s on a loaded machine)
        [sys.executable, "-m", "loaders", "refresh", "--raw", str(good_raw), "--snapshot", str(target)],
        cwd=PROJECT,
        env={**os.environ, snapshot.SLOW_WRITE_ENV: "0.5"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_for(lambda: any(tmp_path.glob(".snapshot-new-*")), first, "the first refresh started writing")
    started = time.monotonic()
    second = subprocess.run(
        [sys.executable, "-m", "loaders", "refresh", "--raw", str(good_raw), "--snapshot", str(target)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert second.returncode == 4, second.stderr
    assert "another refresh is running" in second.stderr and f"pid {first.pid}" in second.stderr
    assert "left unchanged" not in second.stderr and "Traceback" not in second.stderr
    assert first.poll() is None, "the first refresh was still running when the second gave up"
    assert first.wait(timeout=120) == 0, first.stderr.read().decode(errors="replace")
    first.stderr.close()
    snapshot.verify_snapshot(target)
    assert not list(tmp_path.glob(".snapshot-*")), "no temp or parked folder is left once both have ended"


def test_lock_is_released_when_a_refresh_fails_or_is_killed(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    with pytest.raises(LoaderError):
        refresh(tmp_path / "nowhere", target, quiet)
    refresh(good_raw, target, quiet)  # the failed one did not keep the lock
    process = start_refresh(good_raw, target)
    wait_for(lambda: any(tmp_path.glob(".snapshot-new-*")), process, "the refresh started writing")
    process.kill()
    process.wait(timeout=10)
    process.stderr.close()
    refresh(good_raw, target, quiet)  # the OS released the killed process's lock


def test_lock_refuses_in_process_too(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    with snapshot.refresh_lock(target), pytest.raises(snapshot.RefreshBusy, match="another refresh is running"):
        refresh(good_raw, target, quiet)
    assert not target.exists()


# --- parked folders ------------------------------------------------------------------------------


def _park(source: Path, folder: Path, built_at: str) -> None:
    shutil.copytree(source, folder)
    manifest = json.loads((folder / snapshot.MANIFEST).read_text(encoding="utf-8"))
    manifest["built_at"] = built_at
    (folder / snapshot.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_interrupted_swap_reads_the_newest_parked_snapshot_not_the_highest_pid(good_raw: Path, tmp_path: Path) -> None:
    """Parked folders used to be picked by name, i.e. by PID: PID 99999's older snapshot beat PID 100's newer one."""
    built = tmp_path / "built"
    refresh(good_raw, built, quiet)
    _park(built, tmp_path / ".snapshot-old-99999-20240101T000000000000", "2024-01-01T00:00:00+00:00")
    _park(built, tmp_path / ".snapshot-old-20260101T000000000000-100", "2026-01-01T00:00:00+00:00")
    (tmp_path / ".snapshot-old-zzz").mkdir()  # no manifest: never chosen
    target = tmp_path / "snap"
    assert snapshot.read_manifest(target)["built_at"] == "2026-01-01T00:00:00+00:00"
    assert len(snapshot.read_table(target, "air_sea_daily")) == 6

    refresh(good_raw, target, quiet)  # a completed swap: every parked folder is deleted
    assert not list(tmp_path.glob(".snapshot-old-*"))
    snapshot.verify_snapshot(target)


def test_new_folders_sort_by_time_and_name_their_owner(tmp_path: Path) -> None:
    assert snapshot._owner(Path(".snapshot-new-20261201T081500123456-4242")) == 4242
    assert snapshot._owner(Path(".snapshot-new-4242-20261201T081500123456")) == 4242  # older builds


# --- errors after the swap ---------------------------------------------------------------------------


def test_error_after_the_swap_says_the_snapshot_was_replaced_and_leaves_no_temp_file(
    good_raw: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """The map GeoJSON is written after the swap; a failure there (a file-size limit) used to print 'left
    unchanged' beside a replaced snapshot, and to leave its temp file behind."""
    target, geo_dir = tmp_path / "snap", tmp_path / "geo"
    monkeypatch.setattr(settings, "SNAPSHOT_DIR", target)
    monkeypatch.setattr(cli, "DICTIONARY", tmp_path / "README.md")
    real_export = geo.export_geojson
    monkeypatch.setattr(geo, "export_geojson", lambda frame: real_export(frame, out_dir=geo_dir))
    real_replace = os.replace

    def too_large(src, dst):
        if str(dst).endswith(".geojson"):
            raise OSError(errno.EFBIG, "File too large", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(snapshot.os, "replace", too_large)
    assert cli.main(["refresh", "--raw", str(good_raw), "--snapshot", str(target)]) == 3
    err = capsys.readouterr().err
    assert "File too large" in err and "The new snapshot IS in place" in err
    assert "left unchanged" not in err
    snapshot.verify_snapshot(target)
    assert not [p.name for p in geo_dir.iterdir() if p.name.endswith(".tmp")], "temp file left behind"
    assert not list(tmp_path.glob(".snapshot-*"))


def test_error_before_the_swap_still_says_left_unchanged(good_raw: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    before = folder_digest(target)
    (good_raw / "pla-tracker-lioneer" / "records.csv").write_text("date\n2030-01-01\n", encoding="utf-8")
    assert cli.main(["refresh", "--raw", str(good_raw), "--snapshot", str(target)]) == 2
    assert "left unchanged" in capsys.readouterr().err
    assert folder_digest(target) == before


# --- downloads --------------------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path):
    """A local HTTP server (127.0.0.1 only) serving `tmp_path / 'www'`."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _point_manifest_at(target: Path, base: str, good_raw: Path, www: Path) -> dict:
    manifest = snapshot.read_manifest(target)
    for entry in manifest["tables"].values():
        for item in entry["inputs"]:
            if item.get("url"):
                item["url"] = f"{base}/{item['path']}"
                (www / item["path"]).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(good_raw / item["path"], www / item["path"])
            elif item.get("files"):  # a folder fetched file by file from its index (madeye daily reports)
                shutil.copytree(good_raw / item["path"], www / item["path"], dirs_exist_ok=True)
    (target / snapshot.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


def test_download_that_is_not_the_pinned_file_is_refused(good_raw: Path, tmp_path: Path, served) -> None:
    www, base = served
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    _point_manifest_at(target, base, good_raw, www)
    before = folder_digest(target)
    tampered = www / "pla-data-dashboard" / "JapanandBattleship.csv"
    tampered.write_bytes(tampered.read_bytes().replace(b",62,27,", b",63,27,"))  # still a valid file
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "refresh", "--from-upstream", "--snapshot", str(target)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "JapanandBattleship.csv: downloaded file has sha256" in result.stderr and "not the pinned" in result.stderr
    assert "left unchanged" in result.stderr
    assert folder_digest(target) == before


def test_downloads_matching_their_pins_refresh(good_raw: Path, tmp_path: Path, served) -> None:
    www, base = served
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    manifest = _point_manifest_at(target, base, good_raw, www)
    messages: list[str] = []
    rebuilt = refresh_mod.refresh_from_upstream(target, messages.append)
    assert "all downloads match their pinned sha256" in messages
    assert rebuilt["tables"]["air_sea_daily"]["sha256"] == manifest["tables"]["air_sea_daily"]["sha256"]


def test_pins_come_from_the_contract_without_a_manifest(tmp_path: Path) -> None:
    from loaders.pla_daily import PRIMARY

    assert refresh_mod.pinned_hashes(tmp_path / "none")[PRIMARY.path] == {PRIMARY.sha256}


@pytest.mark.parametrize(
    "path", ["../outside.csv", "pla-data-dashboard/../../outside.csv", "/tmp/outside.csv", ".", "a/../../outside.csv"]
)
def test_manifest_path_outside_the_download_folder_is_refused(path: str, tmp_path: Path, served) -> None:
    www, base = served
    (www / "x.csv").write_text("date\n", encoding="utf-8")
    dest = tmp_path / "dl" / "inner"
    dest.mkdir(parents=True)
    with pytest.raises(LoaderError, match="outside the download folder"):
        refresh_mod.download(
            {path: f"{base}/x.csv"}, dest, quiet, expected={path: {hashlib.sha256(b"date\n").hexdigest()}}
        )
    assert not (tmp_path / "dl" / "outside.csv").exists() and not Path("/tmp/outside.csv").exists()


def test_symlinked_folder_in_a_manifest_path_is_refused(tmp_path: Path, served) -> None:
    www, base = served
    dest = tmp_path / "dl"
    dest.mkdir()
    (dest / "link").symlink_to(tmp_path)
    with pytest.raises(LoaderError, match="outside the download folder"):
        refresh_mod.download({"link/evil.csv": f"{base}/x.csv"}, dest, quiet, expected={})
    assert not (tmp_path / "evil.csv").exists()


def test_a_tampered_file_of_a_folder_downloaded_by_index_is_refused(good_raw: Path, tmp_path: Path, served) -> None:
    """madeye's daily reports are fetched one by one from the days summary.csv lists; together they must hash
    to the folder digest the manifest recorded."""
    www, base = served
    target = tmp_path / "snap"
    refresh(good_raw, target, quiet)
    _point_manifest_at(target, base, good_raw, www)
    before = folder_digest(target)
    tampered = www / "taiwan-strait-monitor-madeye" / "daily" / "2024-05-20.json"
    tampered.write_text(tampered.read_text(encoding="utf-8").replace('"total": 10', '"total": 10 '), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "refresh", "--from-upstream", "--snapshot", str(target)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "taiwan-strait-monitor-madeye/daily: downloaded files hash to" in result.stderr
    assert folder_digest(target) == before
