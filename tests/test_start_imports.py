"""What the dashboard's first run imports: nothing that only a refresh, the Map or a download needs.

The first visitor of a freshly started server waits for every import of the first script run before the first
chart (the cold start of bench/cold_start.py). pandera (only a refresh validates tables), pydeck with jinja2 and
shapely (the Map), and plotly.offline (offline HTML downloads) were 0.3 s of it; they are imported where used.
Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from streamlit.runtime.scriptrunner_utils import script_run_context
from streamlit.testing.v1 import AppTest

from settings import PROJECT_DIR
from ui import preload

# What app.py and the Overview (the default page) import.
FIRST_RUN = ("i18n", "settings", "loaders.snapshot", "ui.blocks", "ui.controls", "ui.data", "ui.presenter", "ui.url")
FIRST_RUN += ("analysis.activity", "catalog", "catalog.measures")
NOT_AT_START = ("pandera", "pydeck", "jinja2", "plotly.offline", "deck.handout", "charts.map")


def test_the_first_run_imports_nothing_only_a_refresh_the_map_or_a_download_needs() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {FIRST_RUN!r}: importlib.import_module(name)\n"
        f"print(json.dumps([m for m in {NOT_AT_START!r} if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def _elements_sent(at: AppTest) -> list[str]:
    """Run the app once; the type of every element it sends, in order (before the run's end clears any)."""
    sent: list[str] = []
    enqueue = script_run_context.ScriptRunContext.enqueue

    def record(self, msg) -> None:
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            sent.append(msg.delta.new_element.WhichOneof("type"))
        enqueue(self, msg)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(script_run_context.ScriptRunContext, "enqueue", record)
        at.run()
    assert not at.exception
    return sent


def test_the_first_run_sends_a_hidden_empty_chart_first_and_later_runs_do_not() -> None:
    """ui/preload.py: the browser starts loading plotly.js with the first elements of a session's first run."""
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=60)
    first = _elements_sent(at)
    assert first[:3] == ["empty", "html", "plotly_chart"], first[:5]  # its slot, the style hiding it, the chart
    assert preload.HIDE_CSS in [h.proto.body for h in at.get("html")]
    assert not at.sidebar.get("plotly_chart")  # cleared before the page ran
    assert at.main.get("plotly_chart")  # the Overview's own chart
    later = _elements_sent(at)
    assert later.count("plotly_chart") == len(at.main.get("plotly_chart")), later  # the page's charts only
