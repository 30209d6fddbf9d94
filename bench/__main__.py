"""Run all benchmarks: `python -m bench [--runs N] [--no-record] [--check]`."""

from __future__ import annotations

import argparse
import sys

from bench import cold_start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per app, interleaved (default 5)")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio is above its target")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be >= 1")
    ok = cold_start.main(runs=args.runs, record=not args.no_record)
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
