"""Decks for the deck page: the shipped ones (read once, cached) and the one being edited."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import settings
from deck.model import Deck, load

DECKS_DIR = settings.PROJECT_DIR / "data" / "decks"
STATE_KEY = "deck"
SLIDE_KEY = "slide"


@st.cache_data(show_spinner=False)
def _shipped(folder: str) -> dict[str, Deck]:
    return {path.stem: load(path) for path in sorted(Path(folder).glob("*.yaml"))}


def shipped() -> dict[str, Deck]:
    return _shipped(str(DECKS_DIR))


def current() -> Deck:
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = next(iter(shipped().values()))
    return st.session_state[STATE_KEY]


def replace(deck: Deck) -> None:
    st.session_state[STATE_KEY] = deck
    st.session_state[SLIDE_KEY] = 1
