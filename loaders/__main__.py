"""Command line: `python -m loaders refresh [--raw DIR | --from-upstream] [--trade-file PATH]`, `verify`, `dictionary`.

Exit codes: 0 done; 2 bad input (a raw file, a download that does not match its pin); 3 the snapshot or
the network failed; 4 another refresh of the same folder is running (nothing was done).
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
from pathlib import Path

import settings
from loaders import geo
from loaders.dictionary import render
from loaders.errors import LoaderError
from loaders.refresh import printer, refresh, refresh_from_upstream
from loaders.registry import LOADERS
from loaders.snapshot import RefreshBusy, SnapshotError, read_manifest, read_table, verify_snapshot, write_text_atomic

DICTIONARY = settings.PROJECT_DIR / "data" / "README.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("refresh", help="rebuild the snapshot from raw files")
    origin = run.add_mutually_exclusive_group()
    origin.add_argument(
        "--raw",
        type=Path,
        default=settings.RAW_DIR,
        help="folder laid out like shared/data/raw, or holding the raw files (default: %(default)s)",
    )
    origin.add_argument(
        "--from-upstream",
        action="store_true",
        help="download the raw files from the upstream URLs recorded in the manifest",
    )
    run.add_argument("--only", action="append", choices=sorted(LOADERS), help="rebuild only this dataset")
    run.add_argument(
        "--trade-file",
        action="append",
        type=Path,
        metavar="PATH",
        help="a hand-downloaded trade file (Taiwan customs by-country CSV or UN Comtrade CSV); repeatable",
    )
    check = sub.add_parser("verify", help="check the snapshot's files against its manifest")
    doc = sub.add_parser("dictionary", help="write the data dictionary (data/README.md) from the manifest")
    doc.add_argument("--out", type=Path, default=DICTIONARY)
    for p in (run, check, doc):
        p.add_argument(
            "--snapshot", type=Path, default=settings.SNAPSHOT_DIR, help="snapshot folder (default: %(default)s)"
        )
    args = parser.parse_args(argv)
    say = printer()
    swapped = False  # once True, the new snapshot is in place: messages must not say otherwise
    try:
        if args.command == "dictionary":
            args.out.write_text(render(read_manifest(args.snapshot)), encoding="utf-8")
            say(f"wrote {args.out}")
        elif args.command == "verify":
            manifest = verify_snapshot(args.snapshot)
            say(f"ok: {len(manifest['tables'])} tables match {args.snapshot}/manifest.json")
        elif args.from_upstream:
            refresh_from_upstream(args.snapshot, say, args.only)
            swapped = True
        else:
            refresh(args.raw, args.snapshot, say, args.only, trade_files=args.trade_file)
            swapped = True
        if args.command == "refresh" and args.snapshot.resolve() == settings.SNAPSHOT_DIR.resolve():
            write_text_atomic(DICTIONARY, render(read_manifest(args.snapshot)))
            say(f"wrote {DICTIONARY}")
            if "geo_features" in read_manifest(args.snapshot)["tables"]:  # readable copies of the map geometry
                for path in geo.export_geojson(read_table(args.snapshot, "geo_features")):
                    say(f"wrote {path}")
    except RefreshBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 4
    except LoaderError as exc:
        print(f"error: {exc}\n{outcome(args.command, swapped)}", file=sys.stderr)
        return 2
    except (SnapshotError, urllib.error.URLError, OSError) as exc:
        print(f"error: {exc}\n{outcome(args.command, swapped)}", file=sys.stderr)
        return 3
    return 0


def outcome(command: str, swapped: bool) -> str:
    """What happened to the snapshot, said truthfully after an error."""
    if swapped:
        return (
            "The new snapshot IS in place (built and verified); only the step above, after the swap, failed: "
            "data/README.md or static/geo/*.geojson may be stale until the next refresh."
        )
    if command == "refresh":
        return "The existing snapshot was left unchanged."
    return "The snapshot was not changed (this command only reads it)."


if __name__ == "__main__":
    sys.exit(main())
