"""A deck file: a title and an ordered list of slides (chart id + settings), YAML or JSON.

Deck files travel between people, so loading validates everything and fails with one clear
line; unknown chart ids and bad settings never reach the renderer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml
from pydantic import ValidationError

from catalog import CATALOG, Settings
from catalog.core import problems

MAX_SLIDES = 50
MAX_BYTES = 100_000  # .streamlit/config.toml sets server.maxUploadSize = 1 (MB) to match
MAX_DEPTH = 10  # deck -> slides -> slide -> settings -> value is 5


class DeckError(ValueError):
    pass


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
            out["title"] = self.title
        return out


@dataclass(frozen=True)
class Deck:
    title: str
    slides: tuple[Slide, ...]

    def to_yaml(self) -> str:
        body = {"title": self.title, "slides": [s.to_dict() for s in self.slides]}
        return yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


def _settings(raw: dict, where: str) -> Settings:
    if not isinstance(raw, dict):
        raise DeckError(f"{where}: 'settings' must be a mapping")
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise DeckError(f"{where}: {problems(exc)}") from None


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
    if not 1 <= len(body["slides"]) <= MAX_SLIDES:
        raise DeckError(f"{name}: a deck has 1 to {MAX_SLIDES} slides")
    slides = []
    for i, raw in enumerate(body["slides"], start=1):
        where = f"{name}: slide {i}"
        if not isinstance(raw, dict) or not isinstance(raw.get("chart"), str) or raw["chart"] not in CATALOG:
            raise DeckError(f"{where}: 'chart' must be one of {', '.join(CATALOG)}")
        title = raw.get("title", "")
        if not isinstance(title, str) or len(title) > 200:
            raise DeckError(f"{where}: title must be text (at most 200 characters)")
        events = raw.get("events", True)
        if not isinstance(events, bool):
            raise DeckError(f"{where}: events must be true or false")
        slides.append(Slide(raw["chart"], _settings(raw.get("settings", {}) or {}, where), title, events))
    title = body.get("title", "Untitled deck")
    if not _scalar(title) or isinstance(title, bool):
        raise DeckError(f"{name}: the deck title must be text")
    return Deck(str(title)[:200], tuple(slides))


def load(path: Path) -> Deck:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DeckError(f"{path}: cannot read ({exc})") from None
    return parse(text, Path(path).name)


def to_json(deck: Deck) -> str:
    return json.dumps({"title": deck.title, "slides": [s.to_dict() for s in deck.slides]}, ensure_ascii=False, indent=2)
