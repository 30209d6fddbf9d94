"""What the dashboard's first run imports: nothing that only a refresh, the Map or a download needs.

The first visitor of a freshly started server waits for every import of the first script run before the first
chart (the cold start of bench/cold_start.py). pandera (only a refresh validates tables), pydeck with jinja2 and
shapely (the Map), and plotly.offline (offline HTML downloads) were 0.3 s of it; they are imported where used.
Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

from settings import PROJECT_DIR

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
