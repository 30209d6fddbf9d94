"""Start a Streamlit app on a free localhost port for tests and benchmarks, and launch the system Chromium.

    with streamlit_server(Path("app.py")) as server:   # waits for /_stcore/health == "ok"
        page.goto(server.url)
    # on exit the whole process group is terminated (then killed after 5 s)

The server log goes to a temp file; it is removed after a clean exit (set KEEP_STREAMLIT_LOGS=1 to keep it)
and kept when the block raised.

Offline by design: binds 127.0.0.1 only (which also skips Streamlit's external-IP lookup) and turns usage
stats off. Chromium is Debian's /usr/bin/chromium (env CHROMIUM_PATH overrides); no `playwright install`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-gpu",
]


class ServerError(RuntimeError):
    """The Streamlit server did not come up (the message ends with the tail of its log)."""


@dataclass(frozen=True)
class Server:
    url: str  # base URL, e.g. "http://127.0.0.1:54321"
    port: int
    process: subprocess.Popen
    log_path: Path
    started_at: float  # time.perf_counter() just before spawning

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self, lines: int = 40) -> str:
        return log_tail(self.log_path, lines)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM


def launch_chromium(playwright, **kwargs):
    """A headless Chromium from the system install (not Playwright's download)."""
    args = [*CHROMIUM_ARGS, *kwargs.pop("args", [])]
    return playwright.chromium.launch(executable_path=chromium_path(), args=args, **kwargs)


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(log unreadable: {exc})"
    return "\n".join(text.splitlines()[-lines:])


def health_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _stop(process: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM the process group, SIGKILL it if it is still there after `grace` seconds."""
    if process.poll() is not None:
        # The leader is gone, but children could still hold the group: make sure.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def streamlit_server(
    script: Path,
    port: int | None = None,
    env: dict | None = None,
    timeout: float = 60,
    cwd: Path | None = None,
    extra_args: list[str] | None = None,
) -> Iterator[Server]:
    """Run `streamlit run script` on 127.0.0.1 until the block exits; yield a `Server` once it is healthy.

    `env` is merged over os.environ. `cwd` defaults to the script's directory (so relative paths inside the
    app, and its .streamlit/config.toml, resolve as with `streamlit run` from the project root).
    """
    script = Path(script).resolve()
    if not script.is_file():
        raise FileNotFoundError(script)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *(extra_args or []),
    ]
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    fd, name = tempfile.mkstemp(prefix=f"streamlit-{port}-", suffix=".log")
    log_path = Path(name)
    started = time.perf_counter()
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(
            cmd,
            cwd=str(cwd or script.parent),
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own session => own process group, pgid == pid
        )
    try:
        deadline = started + timeout
        while True:
            if health_ok(url, timeout=1.0):
                break
            if process.poll() is not None:
                raise ServerError(
                    f"streamlit exited with code {process.returncode} before becoming healthy "
                    f"({script.name}, port {port}). Log tail ({log_path}):\n{log_tail(log_path)}"
                )
            if time.perf_counter() > deadline:
                raise ServerError(
                    f"streamlit did not answer {url}/_stcore/health within {timeout:.0f} s "
                    f"({script.name}). Log tail ({log_path}):\n{log_tail(log_path)}"
                )
            time.sleep(0.05)
        yield Server(url=url, port=port, process=process, log_path=log_path, started_at=started)
    except BaseException:
        _stop(process)
        raise  # keep the log for a post-mortem; its path is in the message or on the Server
    else:
        _stop(process)
        if not os.environ.get("KEEP_STREAMLIT_LOGS"):
            log_path.unlink(missing_ok=True)
