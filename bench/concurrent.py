"""A seminar's worth of people opening the dashboard at once: N browser contexts against one server.

One headless Chromium (one process), N isolated contexts (separate cookies, sessions and caches), all
opened together with asyncio against one `streamlit run` on localhost. Each session's time runs from
`goto` to the Overview's hero chart painted with the script idle. Compared with a single session on
the same warm server (median of --runs sequential sessions): target p95 ≤ 2× single.

Errors: a session that times out, raises, shows a Streamlit exception box, or logs an uncaught JS error.
Memory: VmRSS of the streamlit process (from /proc) with no session open after the single-session runs,
and with all N sessions connected and idle; growth per extra session = difference / N (target ≤ 30 MB).

Bounded: at most N contexts (default 30), each page step times out after TIMEOUT_MS, the whole burst after
BURST_TIMEOUT_S. The same burst against the bare one-chart app is measured as a reference: on a 2-core
machine the browser rendering N pages competes with the server for CPU, and the bare figure shows how
much of the ratio that alone costs.

Server only (protocol clients): the same N sessions opened as bare websocket clients speaking Streamlit's
protocol (connect to /_stcore/stream, send rerun_script, read until script_finished), with no browser. This
is the server's share of what an audience on their own devices waits for: p95 time to the script's last
message vs a single such client. From both, "audience estimate" = single browser session + (server-only
p95 − server-only single): each person renders on their own machine; only the server is shared.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import async_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from bench.common import (
    APP,
    BLOCK_EXTERNAL,
    EXCEPTION,
    IDLE,
    PAINTED_JS,
    Figure,
    median,
    percentile,
    rss_mb,
    write_bare_apps,
)
from tools.server import CHROMIUM_ARGS, chromium_path, streamlit_server

TIMEOUT_MS = 280_000
BURST_TIMEOUT_S = 300
TARGET_RATIO = 2.0
TARGET_MB_PER_SESSION = 30.0
SETTLE_S = 2.0  # after the burst, before reading memory: let the sessions' last messages go out


@dataclass
class Burst:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0


async def _open(browser, url: str, opened: list, errors: list[str], label: str) -> float | None:
    """One session: new context, goto, wait for chart painted + idle. Leaves the context open in `opened`."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    opened.append(context)
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    js_errors: list[str] = []
    page.on("pageerror", lambda exc: js_errors.append(str(exc)))
    try:
        started = time.perf_counter()
        await page.goto(url, wait_until="commit")
        await page.wait_for_function(PAINTED_JS)
        await page.wait_for_selector(IDLE, state="attached")
        elapsed = time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - counted, not fatal: the point is how many fail
        errors.append(f"{label}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
        return None
    if await page.locator(EXCEPTION).count():
        errors.append(f"{label}: exception box: {(await page.locator(EXCEPTION).first.inner_text())[:160]}")
        return None
    if js_errors:
        errors.append(f"{label}: JS error: {js_errors[0][:160]}")
        return None
    return elapsed


async def _single(browser, url: str, runs: int) -> tuple[list[float], list[str]]:
    times, errors = [], []
    for run in range(runs + 1):  # the first one warms the server's caches, not recorded
        opened: list = []
        elapsed = await _open(browser, url, opened, errors, f"single {run}")
        for context in opened:
            await context.close()
        if elapsed is not None and run > 0:
            times.append(elapsed)
    return times, errors


async def _burst(browser, url: str, sessions: int, pids: list[int]) -> tuple[Burst, float]:
    """All sessions at once; returns the burst and the server RSS with all of them connected."""
    burst, opened = Burst(), []
    started = time.perf_counter()
    try:
        results = await asyncio.wait_for(
            asyncio.gather(*(_open(browser, url, opened, burst.errors, f"session {i}") for i in range(sessions))),
            timeout=BURST_TIMEOUT_S,
        )
        burst.times = [r for r in results if r is not None]
    except TimeoutError:
        burst.errors.append(f"burst did not finish within {BURST_TIMEOUT_S} s")
    burst.wall_s = time.perf_counter() - started
    await asyncio.sleep(SETTLE_S)
    loaded = sum(rss_mb(pid) for pid in pids)
    for context in opened:
        await context.close()
    return burst, loaded


async def _protocol_session(url: str) -> float:
    """Seconds from websocket connect to script_finished for one protocol-level session of the default page."""
    started = time.perf_counter()
    async with connect(
        url.replace("http://", "ws://") + "/_stcore/stream", max_size=None, open_timeout=TIMEOUT_MS / 1000
    ) as ws:
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.page_script_hash = ""
        await ws.send(request.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), TIMEOUT_MS / 1000))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(f"exception in the app: {message.delta.new_element.exception.message[:160]}")
            if kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("script did not compile")
                if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return time.perf_counter() - started


async def _protocol(url: str, sessions: int, runs: int) -> dict:
    """Single protocol sessions one after another, then `sessions` of them at once."""
    errors: list[str] = []
    single = []
    for run in range(runs + 1):  # first one not recorded (caches)
        elapsed = await _protocol_session(url)
        if run:
            single.append(elapsed)

    async def one(i: int) -> float | None:
        try:
            return await _protocol_session(url)
        except Exception as exc:  # noqa: BLE001 - counted
            errors.append(f"protocol session {i}: {type(exc).__name__}: {exc}"[:200])
            return None

    results = await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(sessions))), BURST_TIMEOUT_S)
    return {"single": single, "burst": [r for r in results if r is not None], "errors": errors}


def _one_process(script: Path):
    return streamlit_server(script, timeout=TIMEOUT_MS / 1000)


async def measure(
    script: Path, sessions: int, runs: int, serve: Callable[[Path], AbstractContextManager] = _one_process
) -> dict:
    """`serve(script)` starts the server(s) and yields an object with a `url` and a `pid` (or `pids` for
    replicas behind a proxy, bench/replicas.py: memory is then the sum over the replicas)."""
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=[*CHROMIUM_ARGS, BLOCK_EXTERNAL])
        try:
            with serve(script) as server:
                pids = list(getattr(server, "pids", None) or [server.pid])
                single, single_errors = await _single(browser, server.url, runs)
                await asyncio.sleep(SETTLE_S)
                idle_rss = sum(rss_mb(pid) for pid in pids)
                burst, loaded_rss = await _burst(browser, server.url, sessions, pids)
                protocol = await _protocol(server.url, sessions, runs)
        finally:
            await browser.close()
    return {
        "single": single,
        "single_errors": single_errors,
        "burst": burst,
        "idle_rss": idle_rss,
        "loaded_rss": loaded_rss,
        "protocol": protocol,
    }


def _report(label: str, result: dict, sessions: int) -> dict[str, float]:
    burst: Burst = result["burst"]
    protocol = result["protocol"]
    nan = float("nan")
    single = median(result["single"]) if result["single"] else nan
    p95 = percentile(burst.times, 95) if burst.times else nan
    server_single = median(protocol["single"])
    server_p95 = percentile(protocol["burst"], 95) if protocol["burst"] else nan
    per_session = (result["loaded_rss"] - result["idle_rss"]) / sessions
    errors = len(burst.errors) + len(result["single_errors"]) + len(protocol["errors"])
    audience = single + server_p95 - server_single
    print(
        f"{label:<5} browser: single {single:6.2f} s | {sessions} at once: median "
        f"{median(burst.times) if burst.times else nan:6.2f} s, p95 {p95:6.2f} s, all done in {burst.wall_s:6.2f} s"
        f" -> {p95 / single:5.2f}x"
    )
    print(
        f"{'':<5} server only: single {server_single:6.3f} s | {sessions} at once: p95 {server_p95:6.3f} s "
        f"-> {server_p95 / server_single:5.2f}x | audience estimate p95 {audience:5.2f} s -> {audience / single:4.2f}x"
    )
    print(
        f"{'':<5} errors {errors} | RSS {result['idle_rss']:.0f} -> {result['loaded_rss']:.0f} MB "
        f"({per_session:.1f} MB per session)"
    )
    for error in (result["single_errors"] + burst.errors + protocol["errors"])[:5]:
        print(f"       {error}")
    return {
        "single": single,
        "p95": p95,
        "ratio": p95 / single,
        "server_single": server_single,
        "server_p95": server_p95,
        "server_ratio": server_p95 / server_single,
        "audience": audience,
        "audience_ratio": audience / single,
        "errors": errors,
        "mb": per_session,
        "idle_rss": result["idle_rss"],
        "loaded_rss": result["loaded_rss"],
    }


def run(runs: int = 5, sessions: int = 30) -> list[Figure]:
    if not 1 <= sessions <= 60:
        raise ValueError("sessions must be between 1 and 60")
    with tempfile.TemporaryDirectory(prefix="bench-concurrent-") as tmp:
        bare_script = write_bare_apps(Path(tmp))["single"]
        print(f"concurrent sessions: bare app, {sessions} at once ...", flush=True)
        bare_result = asyncio.run(measure(bare_script, sessions, runs))
        print(f"concurrent sessions: this app, {sessions} at once ...", flush=True)
        app_result = asyncio.run(measure(APP, sessions, runs))
    print()
    bare = _report("bare", bare_result, sessions)
    app = _report("app", app_result, sessions)
    return [
        Figure(
            "concurrent",
            f"p95 of {sessions} browser sessions vs single",
            app["ratio"],
            "x",
            TARGET_RATIO,
            seconds=app["p95"],
            detail=f"single {app['single']:.2f} s, all {sessions} browsers on this machine; "
            f"bare app {bare['ratio']:.1f}× ({bare['p95']:.1f} s)",
        ),
        Figure(
            "concurrent",
            f"server only: p95 of {sessions} vs single",
            app["server_ratio"],
            "x",
            TARGET_RATIO,
            seconds=app["server_p95"],
            detail=f"single {app['server_single']:.3f} s; bare app "
            f"{bare['server_ratio']:.1f}× ({bare['server_p95']:.2f} s)",
        ),
        Figure(
            "concurrent",
            "audience estimate: p95 vs single",
            app["audience_ratio"],
            "x",
            TARGET_RATIO,
            seconds=app["audience"],
            detail=f"browser single + server-only queueing; bare app "
            f"{bare['audience_ratio']:.2f}× ({bare['audience']:.2f} s)",
        ),
        Figure(
            "concurrent",
            "bare app: browser p95 vs single",
            bare["ratio"],
            "x",
            seconds=bare["p95"],
            detail="reference: the same burst against a one-chart app",
        ),
        Figure(
            "concurrent", "bare app: server only p95 vs single", bare["server_ratio"], "x", seconds=bare["server_p95"]
        ),
        Figure("concurrent", "bare app: audience estimate", bare["audience_ratio"], "x", seconds=bare["audience"]),
        Figure("concurrent", "errors", float(app["errors"]), "", 0.0, detail=f"bare app {bare['errors']}"),
        Figure(
            "concurrent",
            "server RSS per extra session",
            app["mb"],
            "MB",
            TARGET_MB_PER_SESSION,
            detail=f"{app['idle_rss']:.0f} -> {app['loaded_rss']:.0f} MB; bare app {bare['mb']:.1f} MB",
        ),
    ]
