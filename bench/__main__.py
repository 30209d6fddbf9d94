"""Run the benchmarks and print every figure in one table:

    python -m bench [--runs N] [--only cold|switch|concurrent|refresh|handout|replicas ...] [--sessions 30]
                    [--no-record] [--check] [--note TEXT]

`--only` may be repeated; default: all six. Each run appends its figures to bench/RESULTS.md (one row per
benchmark, with date and machine) and the raw figures to bench/out/. `--check` exits 1 when a figure misses
its target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import asdict

from bench import cold_start, common, concurrent, handout, page_switch, refresh_time, replicas
from bench.common import Figure

BENCHMARKS = ("cold", "switch", "concurrent", "refresh", "handout", "replicas")


def print_table(figures: list[Figure]) -> None:
    if not figures:
        print("\nno figures (every chosen benchmark was skipped)")
        return
    width = max(len(f.name) for f in figures) + 2
    print()
    print(f"{'benchmark':<11}{'figure':<{width}}{'value':>32}{'target':>10}  {'':<7}detail")
    for f in figures:
        target = "" if f.target is None else (f"≤ {f.target:g}" + ("×" if f.unit == "x" else f" {f.unit}"))
        print(f"{f.benchmark:<11}{f.name:<{width}}{f.shown():>32}{target:>10}  {f.verdict():<7}{f.detail}")


def record(figures: list[Figure], runs: int, note: str, chromium: str) -> None:
    """One row per benchmark in RESULTS.md (its own table), plus the raw figures as JSON in bench/out/."""
    now = dt.datetime.now(dt.UTC)
    machine = common.machine(chromium)
    for benchmark in BENCHMARKS:
        mine = [f for f in figures if f.benchmark == benchmark]
        if not mine:
            continue
        cells = " | ".join(f"{f.shown()}{'' if f.ok is None else (' ✓' if f.ok else ' ✗')}" for f in mine)
        common.append_row(
            benchmark, f"| {now:%Y-%m-%d %H:%M} | {runs} | {cells} | {note or '—'} | {common.short_machine(machine)} |"
        )
    common.OUT_DIR.mkdir(exist_ok=True)
    raw = common.OUT_DIR / f"bench-{now:%Y%m%dT%H%M%SZ}.json"
    raw.write_text(
        json.dumps(
            {"machine": machine, "runs": runs, "note": note, "figures": [asdict(f) for f in figures]},
            indent=1,
            ensure_ascii=False,
        )
    )
    print(
        f"\nrecorded in {common.RESULTS.relative_to(common.PROJECT)}; raw figures in {raw.relative_to(common.PROJECT)}"
    )


def chromium_version() -> str:
    from playwright.sync_api import sync_playwright

    from tools.server import launch_chromium

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        version = browser.version
        browser.close()
    return version


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure (default 5)")
    parser.add_argument("--only", action="append", choices=BENCHMARKS, help="run only this benchmark (repeatable)")
    parser.add_argument("--sessions", type=int, default=30, help="concurrent sessions (default 30, at most 60)")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    parser.add_argument("--note", default="", help="a word on what this run measures (e.g. 'before fix')")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be >= 1")
    if not 1 <= args.sessions <= 60:
        parser.error("--sessions must be between 1 and 60")
    chosen = [b for b in BENCHMARKS if b in (args.only or BENCHMARKS)]
    started = time.perf_counter()
    figures: list[Figure] = []
    for name in chosen:
        print(f"\n=== {name} ===", flush=True)
        if name == "cold":
            figures += cold_start.run(runs=args.runs)
        elif name == "switch":
            figures += page_switch.run(runs=args.runs)
        elif name == "concurrent":
            figures += concurrent.run(runs=args.runs, sessions=args.sessions)
        elif name == "handout":
            figures += handout.run(runs=args.runs)
        elif name == "replicas":
            figures += replicas.run(runs=args.runs, sessions=args.sessions)
        else:
            figures += refresh_time.run(runs=args.runs)
    print_table(figures)
    print(f"({time.perf_counter() - started:.0f} s; machine: {common.short_machine(common.machine())})")
    if not args.no_record:
        record(figures, args.runs, args.note, chromium_version() if set(chosen) - {"refresh"} else "")
    missed = [f for f in figures if f.ok is False]
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
