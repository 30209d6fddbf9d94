"""One place for paths and constants shared by loaders, charts and pages."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent

# The committed snapshot the app reads. Overridable so tests can point the app at a temp copy.
SNAPSHOT_DIR = Path(os.environ.get("CSI_SNAPSHOT_DIR", PROJECT_DIR / "data" / "snapshot"))

# Raw upstream files live beside the project, read-only, never copied in.
RAW_DIR = Path(os.environ.get("CSI_RAW_DIR", PROJECT_DIR.parent / "shared" / "data" / "raw"))

# Timezone of the MND report day (the date convention of every daily table).
REPORT_TZ = "Asia/Taipei"

# Default start of the date range shown in the app: MND reports become regular in 2020.
DEFAULT_START = "2020-01-01"

APP_TITLE = "Cross-Strait Security Indicators"

# Cited catalogs written in this project (press reports, corrections, reporting eras); tests point it elsewhere.
CATALOG_DIR = Path(os.environ.get("CSI_CATALOG_DIR", PROJECT_DIR / "data" / "catalog"))

# Readable GeoJSON copies of the map geometry, written from the snapshot on refresh. They sit in Streamlit's
# static folder, so the browser fetches the Map's land from here (and caches it) instead of getting it inside
# every deck; GEO_URL is that folder's address relative to any page of the app.
GEO_DIR = PROJECT_DIR / "static" / "geo"
GEO_URL = "app/static/geo"

# Data older than this (days since the last report) is flagged on every page header and in every export.
STALE_DAYS = 14
