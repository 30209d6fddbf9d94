"""The 30-session burst (bench/concurrent.py) against one Streamlit process and against 2 replicas behind nginx
(deploy/serve_replicas.py), side by side in one run.

Same measurement as `concurrent` for both: N browser contexts opened together in one headless Chromium,
`goto` -> hero chart painted + idle, p95; and the same N sessions as protocol-level websocket clients
(server only). Reported: both p95s, errors, and 1-process p95 / 2-replica p95 (the speed-up). Every process
(each replica) runs the measured page once before the measurement. Then, because the machine may be shared,
the server-only burst again with both setups up at once, taking turns for --runs rounds (median p95 each). Per-core scaling = speed-up / 2. On this machine the 30 browsers render on the same 2 cores as the servers, so the
browser figure understates what an audience on their own devices would see; the server-only figure is the
one that scales with cores. Needs Debian's nginx; skipped with a note without it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path

from bench import concurrent
from bench.common import APP, Figure, median, percentile
from deploy.serve_replicas import nginx_path, replicas
from tools.server import streamlit_server

REPLICAS = 2


@contextlib.contextmanager
def _warmed(servers: Callable[[Path], AbstractContextManager], script: Path) -> Iterator:
    """Servers whose every process has run the measured page once: a replica that no warm-up session happened
    to reach would otherwise pay its cold caches inside the measurement."""
    with servers(script) as running:
        for server in getattr(running, "servers", None) or [running]:
            with ThreadPoolExecutor(1) as pool:  # its own event loop: measure() runs inside another one
                pool.submit(asyncio.run, concurrent._protocol_session(server.url)).result()
        yield running


def _one_process(script: Path) -> AbstractContextManager:
    return _warmed(partial(streamlit_server, timeout=concurrent.TIMEOUT_MS / 1000), script)


def _behind_nginx(script: Path) -> AbstractContextManager:
    return _warmed(partial(replicas, REPLICAS, timeout=concurrent.TIMEOUT_MS / 1000), script)


def alternating(sessions: int, runs: int) -> tuple[list[float], list[float], int]:
    """Server-only bursts against 1 process and 2 replicas, both up at once, taking turns `runs` times (the
    order swapped every round): on a shared machine, load from elsewhere then falls on both alike. Returns the
    p95 of each burst per setup, and the errors."""
    one_p95: list[float] = []
    two_p95: list[float] = []
    errors = 0
    with _one_process(APP) as one, _behind_nginx(APP) as two:
        for round_number in range(runs):
            turns = [(one.url, one_p95), (two.url, two_p95)]
            for url, out in turns if round_number % 2 == 0 else reversed(turns):
                result = asyncio.run(concurrent._protocol(url, sessions, 0))
                errors += len(result["errors"])
                if result["burst"]:
                    out.append(percentile(result["burst"], 95))
    return one_p95, two_p95, errors


def run(runs: int = 5, sessions: int = 30) -> list[Figure]:
    if nginx_path() is None:
        print("replicas: skipped, nginx not found (apt-get install nginx, or set NGINX_PATH)")
        return []
    load_before = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    print(f"replicas: this app, 1 process, {sessions} sessions at once ...", flush=True)
    one = asyncio.run(concurrent.measure(APP, sessions, runs, serve=_one_process))
    print(f"replicas: this app, {REPLICAS} replicas behind nginx, {sessions} sessions at once ...", flush=True)
    two = asyncio.run(concurrent.measure(APP, sessions, runs, serve=_behind_nginx))
    print(f"replicas: server only, 1 process and {REPLICAS} replicas taking turns, {runs} rounds ...", flush=True)
    turn_one, turn_two, turn_errors = alternating(sessions, runs)
    # Only the figure before counts: during and after the run, the load is mostly this benchmark's own browsers.
    load = f"load average (1 min) before the run {load_before:.1f} on {os.cpu_count()} CPUs"
    print()
    a = concurrent._report("1 proc", one, sessions)
    b = concurrent._report(f"{REPLICAS} repl", two, sessions)
    browser_speedup = a["p95"] / b["p95"]
    server_speedup = a["server_p95"] / b["server_p95"]
    turn_speedup = median(turn_one) / median(turn_two)
    print(
        f"server only, taking turns: p95 1 process {median(turn_one):.3f} s (of {', '.join(f'{v:.2f}' for v in turn_one)}), "
        f"{REPLICAS} replicas {median(turn_two):.3f} s (of {', '.join(f'{v:.2f}' for v in turn_two)}) -> "
        f"{turn_speedup:.2f}x, errors {turn_errors}"
    )
    print(
        f"\nspeed-up with {REPLICAS} replicas: browser p95 {browser_speedup:.2f}x, server-only p95 "
        f"{server_speedup:.2f}x -> per core {browser_speedup / REPLICAS:.2f} (browser), "
        f"{server_speedup / REPLICAS:.2f} (server only); {load}"
    )
    return [
        Figure(
            "replicas", f"browser p95 of {sessions}, 1 process", a["p95"], "s", detail=f"single {a['single']:.2f} s"
        ),
        Figure(
            "replicas",
            f"browser p95 of {sessions}, {REPLICAS} replicas",
            b["p95"],
            "s",
            detail=f"single {b['single']:.2f} s",
        ),
        Figure(
            "replicas",
            "browser p95, 1 process / replicas",
            browser_speedup,
            "x",
            detail=f"per core {browser_speedup / REPLICAS:.2f}; browsers share the cores",
        ),
        Figure(
            "replicas",
            f"server-only p95 of {sessions}, 1 process",
            a["server_p95"],
            "s",
            detail=f"single {a['server_single']:.3f} s",
        ),
        Figure(
            "replicas",
            f"server-only p95 of {sessions}, {REPLICAS} replicas",
            b["server_p95"],
            "s",
            detail=f"single {b['server_single']:.3f} s",
        ),
        Figure(
            "replicas",
            "server-only p95, 1 process / replicas",
            server_speedup,
            "x",
            detail=f"per core {server_speedup / REPLICAS:.2f}; {load}",
        ),
        Figure(
            "replicas",
            "server-only p95 taking turns, 1 process",
            median(turn_one),
            "s",
            detail=f"median of {len(turn_one)} bursts",
        ),
        Figure(
            "replicas",
            f"server-only p95 taking turns, {REPLICAS} replicas",
            median(turn_two),
            "s",
            detail=f"median of {len(turn_two)} bursts; errors {turn_errors}",
        ),
        Figure(
            "replicas",
            "server-only p95 taking turns, 1 process / replicas",
            turn_speedup,
            "x",
            detail=f"per core {turn_speedup / REPLICAS:.2f}; {load}",
        ),
        Figure("replicas", "errors, 1 process", float(a["errors"]), "", 0.0),
        Figure("replicas", f"errors, {REPLICAS} replicas", float(b["errors"]), "", 0.0),
    ]
