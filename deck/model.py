"""A deck file: a title and an ordered list of slides (chart id + settings), YAML or JSON.

Deck files travel between people, so loading validates everything and fails with one clear
line; unknown chart ids and bad settings never reach the renderer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from catalog import CATALOG, Settings
from i18n import current

MAX_SLIDES = 50
MAX_BYTES = 100_000  # .streamlit/config.toml sets server.maxUploadSize = 1 (MB) to match
MAX_DEPTH = 10  # deck -> slides -> slide -> settings -> value is 5


class DeckError(ValueError):
    pass


LANGUAGE_KEYS = {"en": "en", "ja": "ja", "zh_TW": "zh-TW", "zh-TW": "zh-TW"}  # as in i18n/locales file names too


class Localized(str):
    """A deck or slide title given per language (`title: {en: ..., ja: ..., zh_TW: ...}`). It is its English
    text wherever a plain string is expected (cache keys, file names, the YAML editor); `shown` picks the
    reader's language where a title is displayed."""

    translations: dict[str, str]

    def __new__(cls, translations: dict[str, str]) -> Localized:
        text = super().__new__(cls, translations.get("en") or next(iter(translations.values())))
        text.translations = dict(translations)
        return text

    def __reduce__(self):  # pickled (st.cache_data) with its translations
        return (Localized, (self.translations,))

    def to_yaml_value(self) -> dict[str, str]:
        return {key.replace("-", "_"): value for key, value in self.translations.items()}


def shown(text: str, language: str | None = None) -> str:
    """A deck text in `language` (by default the reader's), its English where that language is missing."""
    if not isinstance(text, Localized):
        return text
    return text.translations.get(language or current(), str.__str__(text))


def _title(value: object, what: str = "title", limit: int = 200) -> str:
    """A title: plain text, or a mapping of language (en, ja, zh_TW) to text."""
    if isinstance(value, dict):
        if not value or any(k not in LANGUAGE_KEYS for k in value):
            raise PydanticCustomError("deck", f"{what} must be text, or one text per language (keys en, ja, zh_TW)")
        if not all(isinstance(v, str) and len(v) <= limit for v in value.values()):
            raise PydanticCustomError("deck", f"{what} must be text (at most {limit} characters) in every language")
        return Localized({LANGUAGE_KEYS[k]: v for k, v in value.items()})
    if not isinstance(value, str) or len(value) > limit:
        raise PydanticCustomError("deck", f"{what} must be text (at most {limit} characters)")
    return value


def _deck_title(value: object) -> str:
    if isinstance(value, dict):
        return _title(value, "the deck title")
    if not _scalar(value) or isinstance(value, bool):
        raise PydanticCustomError("deck", "the deck title must be text")
    return str(value)[:200]


def _chart(value: object) -> str:
    if not isinstance(value, str) or value not in CATALOG:
        raise PydanticCustomError("deck", f"'chart' must be one of {', '.join(CATALOG)}")
    return value


def _events(value: object) -> bool:
    if not isinstance(value, bool):
        raise PydanticCustomError("deck", "events must be true or false")
    return value


def _settings_mapping(value: object) -> object:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PydanticCustomError("deck", "'settings' must be a mapping")
    return value


class SlideFile(BaseModel):
    """One slide as a deck file holds it; every field is checked here (keys it does not know are ignored)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    chart: Annotated[str, BeforeValidator(_chart)]
    settings: Annotated[Settings, BeforeValidator(_settings_mapping)] = Field(default_factory=lambda: Settings())
    title: Annotated[Any, BeforeValidator(_title)] = ""  # Any: a Localized title is kept as it is (not made a str)
    events: Annotated[bool, BeforeValidator(_events)] = True


class DeckFile(BaseModel):
    """A deck file: a title and 1 to MAX_SLIDES slides."""

    title: Annotated[Any, BeforeValidator(_deck_title)] = "Untitled deck"  # str or Localized, kept as it is
    slides: list[SlideFile]

    @field_validator("slides", mode="before")
    @classmethod
    def _count(cls, value: object) -> object:
        if isinstance(value, list) and not 1 <= len(value) <= MAX_SLIDES:
            raise PydanticCustomError("deck", f"a deck has 1 to {MAX_SLIDES} slides")
        return value


def _problem(error: ErrorDetails, name: str) -> str:
    """One pydantic error as the deck file's author reads it: where (the slide), then what."""
    loc = error["loc"]
    where = f"{name}: slide {int(loc[1]) + 1}" if len(loc) >= 2 and loc[0] == "slides" else name
    if error["type"] in ("deck", "setting"):
        words = error["msg"]
    elif error["type"] == "extra_forbidden" and "settings" in loc:
        words = f"unknown setting(s) {' '.join(str(loc[-1]).split())[:40]}"
    elif error["type"] == "model_type" and "settings" in loc:
        words = "'settings' must be a mapping"
    elif loc == ("slides",):
        words = "expected a mapping with 'title' and a list 'slides'"
    elif len(loc) == 2 and loc[0] == "slides":
        words = f"'chart' must be one of {', '.join(CATALOG)}"  # a slide that is not a mapping
    elif "settings" in loc:
        words = f"setting '{loc[-1]}': {' '.join(error['msg'].split())}"
    else:
        words = " ".join(error["msg"].split())
    return f"{where}: {words}"


def _yaml_title(text: str) -> str | dict[str, str]:
    return text.to_yaml_value() if isinstance(text, Localized) else text


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases before anything is built from them.

    Aliases let under 1 kB of YAML expand to gigabytes ("billion laughs") once anything walks or
    prints the result, freezing the server for every user. A deck never needs them, so the
    composer stops at the first `&anchor` or `*alias` event, before any expansion."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1 if event.start_mark else "?"
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise DeckError(f"line {line}: YAML anchors and aliases (&name, *name) are not allowed in a deck")
        if self.depth >= MAX_DEPTH:  # checked as the parser goes, so a file of 100 000 '[' stops at once
            raise DeckError(f"line {line}: nested more than {MAX_DEPTH} levels deep; a deck is never that deep")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _scalar(value: object) -> bool:
    """True for a plain YAML scalar a setting can hold (text, number, true/false, a date), not a list,
    mapping or timestamp."""
    return isinstance(value, (str, int, float, bool, date)) and not isinstance(value, datetime)


@dataclass(frozen=True)
class Slide:
    chart: str
    settings: Settings = field(default_factory=lambda: Settings())
    title: str = ""  # optional speaker title shown above the chart
    events: bool = True  # mark catalog events on time-series charts

    def to_dict(self) -> dict:
        out = {"chart": self.chart, "settings": self.settings.to_dict(), "events": self.events}
        if self.title:
            out["title"] = _yaml_title(self.title)
        return out


@dataclass(frozen=True)
class Deck:
    title: str
    slides: tuple[Slide, ...]

    def to_yaml(self) -> str:
        body = {"title": _yaml_title(self.title), "slides": [s.to_dict() for s in self.slides]}
        return yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


def parse(text: str, name: str = "deck") -> Deck:
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise DeckError(f"{name}: file too large for a deck")
    try:
        body = yaml.load(text, Loader=_PlainLoader)  # JSON is YAML too  # noqa: S506 - a SafeLoader subclass
    except DeckError as exc:
        raise DeckError(f"{name}: {exc}") from None
    except RecursionError:  # the composer recurses once per nesting level
        raise DeckError(f"{name}: not valid YAML/JSON (nested too deeply for a deck)") from None
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: PyYAML builds an impossible date (2024-02-30) itself
        raise DeckError(f"{name}: not valid YAML/JSON ({str(exc).splitlines()[0]})") from None
    if not isinstance(body, dict) or not isinstance(body.get("slides"), list):
        raise DeckError(f"{name}: expected a mapping with 'title' and a list 'slides'")
    try:
        checked = DeckFile.model_validate(body)
    except ValidationError as exc:
        raise DeckError(_problem(exc.errors()[0], name)) from None
    slides = tuple(Slide(s.chart, s.settings, s.title, s.events) for s in checked.slides)
    return Deck(checked.title, slides)


def load(path: Path) -> Deck:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DeckError(f"{path}: cannot read ({exc})") from None
    return parse(text, Path(path).name)


def to_json(deck: Deck) -> str:
    body = {"title": _yaml_title(deck.title), "slides": [s.to_dict() for s in deck.slides]}
    return json.dumps(body, ensure_ascii=False, indent=2)
