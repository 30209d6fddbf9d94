"""Offline HTML handouts (deck/handout.py, `python -m deck html`): one self-contained file, a static site,
every text escaped, nothing loaded from the network, the deck's language."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs

import i18n
import settings
from catalog import CATALOG
from charts.theme import source_text
from deck import handout, model
from deck.pack import slide_chart
from deck.tables import FolderTables

SHIPPED = settings.PROJECT_DIR / "data" / "decks" / "pressure-on-taiwan.yaml"
BUDGET_BYTES = 8_000_000
PLOTLY_BANNER = get_plotlyjs()[:60]  # "/**\n* plotly.js vX.Y.Z\n* Copyright ..."
# A tag that would fetch something from the network: script/link/img/iframe/... with an http(s) src or href.
REMOTE_TAG = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|href|data)\s*=\s*"
    r"[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def tables() -> FolderTables:
    return FolderTables(settings.SNAPSHOT_DIR)


@pytest.fixture(scope="module")
def deck() -> model.Deck:
    return model.load(SHIPPED)


@pytest.fixture(scope="module")
def page(tables, deck) -> str:
    return handout.deck_html(tables, deck, "en")


def figures(page: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/json" class="figure">(.*?)</script>', page)]


def test_one_file_with_plotly_once_every_title_and_source_line(page: str, deck: model.Deck, tables) -> None:
    assert len(page.encode("utf-8")) < BUDGET_BYTES
    assert page.count(PLOTLY_BANNER) == 1, "plotly.js must be inlined exactly once"
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert len(figures(page)) == len(deck.slides)
    for slide in deck.slides:
        assert slide.title and slide.title in page  # plain titles: nothing to escape in the shipped deck
        note = slide_chart(tables, slide).note
        assert note.line() in page and note.as_of in page


def test_no_remote_script_link_or_image(page: str) -> None:
    assert not REMOTE_TAG.search(page), REMOTE_TAG.search(page).group(0)
    assert "default-src 'none'" in page  # the page's own policy refuses any other request


def test_figures_are_the_apps(page: str, deck: model.Deck, tables) -> None:
    """Same traces and title as slide_chart gives the app (the handout adds nothing and drops nothing)."""
    for slide, fig in zip(deck.slides, figures(page)):
        rendered = slide_chart(tables, slide)
        assert [t.get("type") for t in fig["data"]] == [t.type for t in rendered.fig.data]
        assert fig["layout"]["title"]["text"] == rendered.fig.layout.title.text
        assert source_text(rendered.fig) in json.dumps(fig["layout"]["annotations"], ensure_ascii=False)


def test_hostile_deck_text_is_escaped(tables, deck: model.Deck) -> None:
    evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    hostile = replace(deck, title=evil, slides=(replace(deck.slides[0], title=evil), *deck.slides[1:2]))
    page = handout.deck_html(tables, hostile, "en")
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page
    assert page.count("</script>") == page.count("<script")  # no script element closed early by data


@pytest.mark.parametrize("language", ["ja", "zh-TW"])
def test_language_of_the_handout(tables, deck: model.Deck, language: str) -> None:
    before = i18n.current()
    page = handout.deck_html(tables, deck, language)
    assert i18n.current() == before, "building a handout must not change the caller's language"
    assert f'<html lang="{language}">' in page
    with handout.language(language):
        expected = slide_chart(tables, deck.slides[0]).note.line()
        gallery_title = CATALOG["trend"].title
    assert expected in page and expected != i18n.catalog("en")["chart.source_line"]
    assert gallery_title  # the catalog has a title in this language


def test_single_chart_html(tables, deck: model.Deck) -> None:
    rendered = slide_chart(tables, deck.slides[1])
    page = handout.chart_html(rendered.fig, rendered.note, "en")
    assert page.count(PLOTLY_BANNER) == 1 and len(figures(page)) == 1
    assert deck.slides[1].title in page and rendered.note.line() in page
    assert 'id="prev"' not in page  # one chart: no slide navigation


def test_site_has_index_one_page_per_slide_and_one_local_plotly(tmp_path: Path, tables, deck: model.Deck) -> None:
    written = handout.write_site(tables, deck, tmp_path / "site", "en")
    names = sorted(p.name for p in written)
    assert names == sorted(["index.html", handout.PLOTLY_FILE, *(f"slide-{i:02d}.html" for i in range(1, 9))])
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for i, slide in enumerate(deck.slides, start=1):
        assert f'href="slide-{i:02d}.html"' in index and slide.title in index
        page = (tmp_path / "site" / f"slide-{i:02d}.html").read_text(encoding="utf-8")
        assert PLOTLY_BANNER not in page and f'<script src="{handout.PLOTLY_FILE}"></script>' in page
        assert not REMOTE_TAG.search(page)
        assert ('<a rel="next"' in page) == (i < len(deck.slides)) and ('<a rel="prev"' in page) == (i > 1)
    assert (tmp_path / "site" / handout.PLOTLY_FILE).read_text(encoding="utf-8") == get_plotlyjs()


def test_cli_writes_the_file_and_refuses_a_bad_deck(tmp_path: Path) -> None:
    out = tmp_path / "handout.html"
    done = subprocess.run(
        [sys.executable, "-m", "deck", "html", str(SHIPPED), "--out", str(out), "--lang", "ja"],
        cwd=settings.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert '<html lang="ja">' in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nslides:\n  - chart: pie\n", encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "deck", "html", str(bad), "--out", str(out)],
        cwd=settings.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 2 and refused.stderr.startswith("error: bad.yaml")


def test_briefing_page_offers_the_handout() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(settings.PROJECT_DIR / "app.py"), default_timeout=60).run()
    at.switch_page("views/briefing.py").run()
    at.session_state["section"] = "pack"
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download handout (HTML)" in labels and "Download report pack (ZIP)" in labels
