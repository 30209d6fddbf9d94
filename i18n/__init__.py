"""UI text in English, Japanese and Traditional Chinese (Taiwan), from plain YAML catalogs.

`t("key", name=value)` looks the key up in the active language's catalog and fills `{name}`
placeholders. The active language is thread-local, set by app.py at the top of each run: a
Streamlit run executes in its own script thread (so sessions never see each other's choice), and
runs the page in a fresh contextvars context, which is why this is not a ContextVar. Outside the
app it is English. Dates and numbers go through Babel for the same language.
A missing key is a bug: tests compare every catalog against the keys the code uses.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES = {"en": "English", "ja": "日本語", "zh-TW": "繁體中文"}
DEFAULT = "en"
_BABEL = {"en": "en_GB", "ja": "ja_JP", "zh-TW": "zh_Hant_TW"}
_FILES = {"en": "en.yaml", "ja": "ja.yaml", "zh-TW": "zh_TW.yaml"}

_state = threading.local()


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, f"{name}."))
        else:
            out[name] = str(value)
    return out


# libyaml's safe loader when PyYAML has it (its wheels do): the same result as yaml.safe_load, and English's
# catalog loads in 5 ms instead of 50 on every start of the dashboard.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def catalog(language: str) -> dict[str, str]:
    path = LOCALES_DIR / _FILES[language]
    return _flatten(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {})


def use(language: str) -> str:
    """Make `language` the active one for this thread's context; unknown codes fall back to English."""
    chosen = language if language in LANGUAGES else DEFAULT
    _state.language = chosen
    return chosen


def current() -> str:
    return getattr(_state, "language", DEFAULT)


def t(key: str, **values) -> str:
    text = catalog(current()).get(key)
    if text is None:
        text = catalog(DEFAULT)[key]  # KeyError here = a key missing from the English catalog: a bug
    return text.format(**values) if values else text


def t_or(key: str, default: str) -> str:
    """t(key), or `default` where the catalog has no such key: text that ships with the data (a snapshot
    table's manifest title) is translated once the catalog knows it, and still shown before that."""
    return t(key) if key in catalog(DEFAULT) else default


def local_name(frame_or_row, prefix: str = "name") -> Any:
    """The catalog's own name in the active language (`name_en`, `name_ja`, `name_zh_tw`), English
    where a translation is missing. Works on a row (returns a str) or a DataFrame (returns a Series)."""
    column = {"en": f"{prefix}_en", "ja": f"{prefix}_ja", "zh-TW": f"{prefix}_zh_tw"}[current()]
    english = frame_or_row[f"{prefix}_en"]
    if column not in frame_or_row or column == f"{prefix}_en":
        return english
    value = frame_or_row[column]
    if hasattr(value, "where"):  # a Series
        return value.where(value.notna() & (value.astype("str").str.strip() != ""), english)
    return value if isinstance(value, str) and value.strip() else english


def day(value: date | datetime, style: str = "medium") -> str:
    """A date as people write it in the active language (e.g. 22 Aug 2026 / 2026/08/22)."""
    return format_date(value, format=style, locale=_BABEL[current()])


def month_abbr(month: int) -> str:
    return format_date(date(2000, month, 1), format="MMM", locale=_BABEL[current()])


def weekday_abbr(weekday: int) -> str:
    """Monday = 0."""
    return format_date(date(2024, 1, 1 + weekday), format="EEE", locale=_BABEL[current()])


def date_axis_format() -> str:
    """Plotly tick format for date axes: plotly.js names months in English only, so other
    languages get numeric year/month ticks instead of English month names."""
    return "" if current() == "en" else "%Y/%m"
