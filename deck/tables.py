"""Snapshot tables for use outside the app (report-pack CLI): the same interface as ui.data."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.events import robust_scores, with_report_days
from charts.theme import Metric, SourceNote
from loaders.snapshot import read_manifest, read_table


class FolderTables:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.manifest = read_manifest(self.folder)
        self.table = lru_cache(maxsize=None)(self._table)
        self.surge_scores = lru_cache(maxsize=None)(self._surge_scores)
        self.events_by_report_day = lru_cache(maxsize=None)(self._events_by_report_day)

    def _table(self, name: str) -> pd.DataFrame:
        return read_table(self.folder, name)

    def _surge_scores(self, metric: str) -> pd.DataFrame:
        return robust_scores(self.table("air_sea_daily"), metric)

    def _events_by_report_day(self) -> pd.DataFrame:
        return with_report_days(self.table("events"), self.table("air_sea_daily"))

    def has_table(self, name: str) -> bool:
        return name in self.manifest["tables"]

    def entry(self, name: str) -> dict:
        return self.manifest["tables"][name]

    def source_note(self, name: str) -> SourceNote:
        return SourceNote.from_entry(self.entry(name))

    def metric(self, name: str, column: str, label: str) -> Metric:
        return Metric.from_entry(self.entry(name), column, label)
