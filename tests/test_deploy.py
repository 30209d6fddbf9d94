"""deploy/: the nginx config the replicas script renders (and its compose twin) keeps the directives that matter."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from deploy.serve_replicas import nginx_path, render

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
ESSENTIAL = [
    "proxy_set_header Upgrade $http_upgrade;",
    "proxy_set_header Connection $connection_upgrade;",
    "proxy_http_version 1.1;",
    "proxy_read_timeout 86400s;",
    "hash $csi_replica consistent;",
    "proxy_set_header Host $http_host;",
]


def test_rendered_config_is_local_private_and_sticky(tmp_path: Path) -> None:
    text = render(tmp_path, 18080, [18501, 18502])
    assert "@" not in re.sub(r"#.*", "", text), "a template field was left unfilled"
    assert "listen 127.0.0.1:18080;" in text and "daemon off;" in text
    assert "server 127.0.0.1:18501;" in text and "server 127.0.0.1:18502;" in text
    for directive in ESSENTIAL:
        assert directive in text
    paths = re.findall(r"^\s*(?:pid|error_log|access_log|\w+_temp_path)\s+(\S+)", text, re.MULTILINE)
    assert len(paths) == 8 and all(p.startswith(str(tmp_path)) for p in paths), paths


def test_compose_config_keeps_the_same_directives() -> None:
    text = (DEPLOY / "nginx.compose.conf").read_text(encoding="utf-8")
    for directive in ESSENTIAL:
        assert directive in text
    assert (DEPLOY / "Dockerfile").is_file() and (DEPLOY / "compose.yaml").is_file()
    assert (DEPLOY / "csi-streamlit@.service").is_file()


def test_nginx_accepts_the_rendered_config(tmp_path: Path) -> None:
    binary = nginx_path()
    if binary is None:
        pytest.skip("nginx not installed (apt-get install nginx)")
    conf = tmp_path / "nginx.conf"
    conf.write_text(render(tmp_path, 18080, [18501, 18502]), encoding="utf-8")
    done = subprocess.run(
        [binary, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "e.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
