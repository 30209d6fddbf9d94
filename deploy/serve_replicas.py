"""N Streamlit replicas behind nginx on this machine: sticky sessions, WebSocket upgrade, 127.0.0.1 only.

    make serve-replicas N=2             # or: .venv/bin/python -m deploy.serve_replicas --replicas 2 --port 8501

One Streamlit process runs every session's script in one Python process, so a roomful of sessions queues
on one core; N processes use N cores. nginx (Debian package `nginx`) runs unprivileged-friendly: its pid,
logs and temp files live in a private temp folder, `daemon off` under this process, listening on
127.0.0.1 only. Ctrl-C (or SIGTERM) stops nginx and every replica. Tests and the benchmark use
`replicas()` as a context manager.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tools.server import Server, ServerError, free_port, health_ok, log_tail, streamlit_server
from tools.server import _stop as stop_process  # SIGTERM the process group, SIGKILL after a grace period

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx")


class ProxyError(RuntimeError):
    """nginx did not start or did not answer (the message ends with its error log)."""


@dataclass(frozen=True)
class Replicas:
    url: str  # the proxy, e.g. "http://127.0.0.1:8501"
    port: int
    servers: tuple[Server, ...]  # the Streamlit processes behind it
    nginx: subprocess.Popen
    run_dir: Path

    @property
    def pids(self) -> list[int]:
        return [server.pid for server in self.servers]


def nginx_path() -> str | None:
    """The nginx binary: NGINX_PATH, PATH, or Debian's /usr/sbin (not on a normal user's PATH)."""
    found = os.environ.get("NGINX_PATH") or shutil.which("nginx")
    if found:
        return found
    return next((path for path in NGINX_CANDIDATES if os.access(path, os.X_OK)), None)


def render(run_dir: Path, listen_port: int, replica_ports: list[int]) -> str:
    """The nginx config for this machine, from deploy/nginx.conf.template."""
    servers = "\n".join(f"        server 127.0.0.1:{port};" for port in replica_ports)
    text = TEMPLATE.read_text(encoding="utf-8")
    for field, value in (("@RUN_DIR@", str(run_dir)), ("@LISTEN@", f"127.0.0.1:{listen_port}"), ("@SERVERS@", servers)):
        text = text.replace(field, value)
    return text


@contextlib.contextmanager
def nginx(
    replica_ports: list[int], port: int | None = None, timeout: float = 20
) -> Iterator[tuple[subprocess.Popen, int, Path]]:
    """nginx in front of `replica_ports` until the block exits; yields (process, listen port, run folder)."""
    binary = nginx_path()
    if binary is None:
        raise ProxyError("nginx not found (apt-get install nginx, or set NGINX_PATH)")
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="csi-nginx-") as tmp:
        run_dir = Path(tmp)
        run_dir.chmod(0o755)  # started as root, nginx's workers run as nobody and need to reach their temp files
        conf = run_dir / "nginx.conf"
        conf.write_text(render(run_dir, port, replica_ports), encoding="utf-8")
        error_log = run_dir / "error.log"
        command = [binary, "-p", str(run_dir), "-c", str(conf), "-e", str(error_log)]
        check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, timeout=30)
        if check.returncode != 0:
            raise ProxyError(f"nginx config test failed: {check.stderr.strip()[-2000:]}")
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.perf_counter() + timeout
            while not health_ok(url, timeout=1.0):
                if process.poll() is not None or time.perf_counter() > deadline:
                    raise ProxyError(
                        f"nginx on port {port} did not answer {url}/_stcore/health (exit "
                        f"{process.poll()}). Error log:\n{log_tail(error_log)}"
                    )
                time.sleep(0.05)
            yield process, port, run_dir
        finally:
            stop_process(process)


@contextlib.contextmanager
def replicas(
    count: int = 2, script: Path = PROJECT / "app.py", port: int | None = None, timeout: float = 60
) -> Iterator[Replicas]:
    """`count` Streamlit processes of `script` on free local ports, nginx in front; stopped on exit."""
    if not 1 <= count <= 32:
        raise ValueError("between 1 and 32 replicas")
    with contextlib.ExitStack() as stack:
        servers = tuple(
            stack.enter_context(streamlit_server(script, timeout=timeout, cwd=PROJECT)) for _ in range(count)
        )
        process, listen, run_dir = stack.enter_context(nginx([s.port for s in servers], port))
        yield Replicas(f"http://127.0.0.1:{listen}", listen, servers, process, run_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.serve_replicas",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--replicas", "-n", type=int, default=2, help="Streamlit processes (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="the proxy's port on 127.0.0.1 (default 8501)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop everything as Ctrl-C does
    try:
        with replicas(args.replicas, port=args.port) as running:
            ports = ", ".join(str(s.port) for s in running.servers)
            print(
                f"serving {running.url} : nginx (logs in {running.run_dir}) -> {args.replicas} Streamlit "
                f"replicas on 127.0.0.1 ports {ports}. Ctrl-C stops all.",
                flush=True,
            )
            while running.nginx.poll() is None and all(s.process.poll() is None for s in running.servers):
                time.sleep(1)
            print("a process exited; stopping the rest", file=sys.stderr)
            return 1
    except (ProxyError, ServerError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
