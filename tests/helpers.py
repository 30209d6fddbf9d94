"""Small helpers several test modules share (one copy each)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from loaders.errors import LoaderError


def quiet(_: str) -> None:
    """A progress printer that prints nothing."""


def folder_digest(folder: Path) -> dict[str, str]:
    """File name -> sha256 of every file in a folder (a snapshot compared before and after)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def loader_error(call: Callable[[], object], *fragments: str) -> LoaderError:
    """The LoaderError `call` raises, checked to be one line holding every fragment."""
    with pytest.raises(LoaderError) as caught:
        call()
    text = str(caught.value)
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in {text!r}"
    assert "\n" not in text  # one line, for a terminal or a log
    return caught.value
