"""Offline HTML handouts: a deck (or one chart) as interactive plotly figures in plain HTML files.

A handout reaches readers the server never sees: a USB stick, an e-mail, a static web host. So it
must need nothing else: plotly.js comes from the installed plotly package (inline, or one local file
for a site), every text is HTML-escaped, and the page loads nothing from the network. Figures are
built by the same deck machinery as the app (`slide_chart`, then `compact`), so a handout shows what
the app shows.

    python -m deck html data/decks/pressure-on-taiwan.yaml --out handout.html [--lang ja]
    python -m deck html data/decks/pressure-on-taiwan.yaml --site site/
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

import i18n
from catalog import CATALOG, Tables
from charts.theme import SourceNote, compact
from deck.model import Deck, shown
from deck.pack import slide_chart
from i18n import t

PLOTLY_FILE = "plotly.min.js"  # the shared copy in a --site folder
# The app's chart options (ui/blocks.py PLOT_CONFIG), plus resizing with the window.
PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
PRINT_SIZE = (1000, 620)  # CSS px: the A4 report-column size of charts/export.py, on a landscape A4 page


@dataclass(frozen=True)
class Part:
    """One slide of a handout: its title, its figure (None when this snapshot cannot draw it), its note."""

    title: str
    fig: go.Figure | None
    note: SourceNote | None
    problem: str = ""


@contextmanager
def language(code: str) -> Iterator[str]:
    """Build in `code` (figures and page text), then give the caller's thread its language back."""
    previous = i18n.current()
    try:
        yield i18n.use(code)
    finally:
        i18n.use(previous)


def deck_parts(tables: Tables, deck: Deck) -> list[Part]:
    """Every slide's figure as the app draws it; a slide this snapshot cannot draw says why."""
    parts = []
    for slide in deck.slides:
        title = shown(slide.title) or CATALOG[slide.chart].title
        try:
            rendered = slide_chart(tables, slide)
        except LookupError as exc:
            parts.append(Part(title, None, None, t("deck_page.cannot_show", error=str(exc))))
            continue
        parts.append(Part(title, compact(rendered.fig), rendered.note))
    return parts


def figure_title(fig: go.Figure) -> str:
    """A figure's own title as plain text (it is stored as escaped HTML with <b> tags)."""
    text = fig.layout.title.text or ""
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _json(value: str) -> str:
    """JSON safe inside <script>: no '<' can close the element early (and '&' / '>' for good measure)."""
    return value.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _section(index: int, part: Part) -> str:
    e = html.escape
    if part.fig is None:
        body = f'<p class="problem">{e(part.problem)}</p>'
    else:
        body = (
            f'<div class="plot" role="img" aria-label="{e(part.title)}"></div>'
            f'<script type="application/json" class="figure">{_json(pio.to_json(part.fig, validate=False))}</script>'
        )
    # The figure draws its own title and source line; the same words as text serve search, copy and screen readers.
    caption = f'<figcaption><span class="title">{e(part.title)}</span>'
    if part.note is not None:
        caption += f' <span class="source">{e(part.note.line())}</span>'
    return (
        f'<section class="slide" id="slide-{index}" data-index="{index}">'
        f"<figure>{body}{caption}</figcaption></figure></section>"
    )


def _latest(parts: list[Part]) -> str:
    dates = [p.note.as_of for p in parts if p.note is not None]
    return max(dates) if dates else ""


STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:Inter,'Segoe UI','Helvetica Neue',Arial,'Noto Sans CJK JP','Noto Sans CJK TC',sans-serif;
 color:#1B1F24;background:#fff}
header{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;padding:.5rem 1rem;border-bottom:1px solid #E3E7EC}
header h1{font-size:1.05rem;margin:0;flex:1 1 auto}
header .meta{font-size:.8rem;color:#4A5561}
nav{display:flex;gap:.4rem;align-items:center;font-size:.85rem}
nav button,nav a{font:inherit;padding:.2rem .6rem;border:1px solid #9AA5B1;border-radius:4px;background:#fff;color:inherit;
 text-decoration:none;cursor:pointer}
nav button:disabled{opacity:.4;cursor:default}
main{padding:.5rem 1rem}
figure{margin:0}
.plot{width:100%;height:calc(100vh - 6.5rem);min-height:380px}
figcaption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.problem{padding:2rem;background:#FFF4E5;border-left:4px solid #E69F00}
ol.index li{margin:.6rem 0}
ol.index .source{display:block;font-size:.8rem;color:#4A5561}
@page{size:A4 landscape;margin:1cm}
@media print{
 nav{display:none}
 header{border:0;padding:0 0 .3rem 0}
 main{padding:0}
 .slide,.slide[hidden]{display:block!important;break-after:page;page-break-after:always}
 .slide:last-child{break-after:auto;page-break-after:auto}
 .plot{height:auto;min-height:0}
}
"""

SCRIPT = """
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll('section.slide'));
  var config = JSON.parse(document.getElementById('plot-config').textContent);
  var labels = JSON.parse(document.getElementById('labels').textContent);
  var printSize = labels.print_size;
  var counter = document.getElementById('position');
  var prev = document.getElementById('prev'), next = document.getElementById('next');
  var current = 0;
  function plotOf(section) { return section.querySelector('.plot'); }
  function draw(section) {
    var data = section.querySelector('script.figure');
    if (!data || section.getAttribute('data-drawn')) return;
    section.setAttribute('data-drawn', '1');
    var fig = JSON.parse(data.textContent);
    var div = plotOf(section);
    if (fig.layout && fig.layout.height) {  // a chart of a set height keeps it; the others fill the window
      div.style.height = fig.layout.height + 'px';
      div.setAttribute('data-height', fig.layout.height);
    }
    Plotly.newPlot(div, fig.data, fig.layout, config);
  }
  function follow(rel) {  // a one-slide page of a site: the arrows go to the neighbouring page
    var link = document.querySelector('a[rel="' + rel + '"]');
    if (link) window.location.href = link.href;
  }
  function show(i) {
    if (!slides.length) return follow(i < 0 ? 'prev' : 'next');
    if (i < 0) return follow('prev');
    if (i >= slides.length) return follow('next');
    current = i;
    slides.forEach(function (s, k) { s.hidden = k !== current; });
    draw(slides[current]);
    if (plotOf(slides[current]) && window.Plotly) Plotly.Plots.resize(plotOf(slides[current]));
    if (counter) counter.textContent = labels.position.replace('{i}', current + 1).replace('{n}', slides.length);
    if (prev) prev.disabled = current === 0 && !document.querySelector('a[rel="prev"]');
    if (next) next.disabled = current === slides.length - 1 && !document.querySelector('a[rel="next"]');
    if (slides.length > 1) history.replaceState(null, '', '#' + (current + 1));
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') { show(current + 1); e.preventDefault(); }
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') { show(current - 1); e.preventDefault(); }
    else if (e.key === 'Home') show(0);
    else if (e.key === 'End') show(slides.length - 1);
  });
  if (prev) prev.addEventListener('click', function () { show(current - 1); });
  if (next) next.addEventListener('click', function () { show(current + 1); });
  window.addEventListener('beforeprint', function () {  // every slide, drawn at the A4 size of the exports
    slides.forEach(function (s) { s.hidden = false; draw(s); });
    slides.forEach(function (s) {
      var div = plotOf(s);
      if (!div || !div._fullLayout) return;
      var height = Number(div.getAttribute('data-height')) || printSize[1];
      div.style.height = height + 'px';
      Plotly.relayout(div, {width: printSize[0], height: height});
    });
  });
  window.addEventListener('afterprint', function () {
    slides.forEach(function (s) {
      var div = plotOf(s);
      if (!div || !div._fullLayout) return;
      var height = Number(div.getAttribute('data-height')) || null;
      div.style.height = height ? height + 'px' : '';
      Plotly.relayout(div, {width: null, height: height});
    });
    show(current);
  });
  var start = parseInt((window.location.hash || '').slice(1), 10);
  if (slides.length) show(start >= 1 && start <= slides.length ? start - 1 : 0);  // an index page has none
})();
"""


def _page(*, title: str, lang: str, header: str, main: str, plotly: str) -> str:
    """One HTML document; `plotly` is the <script> that defines Plotly (inline or a local file)."""
    labels = {"position": t("handout.position", index="{i}", count="{n}"), "print_size": list(PRINT_SIZE)}
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{html.escape(lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            # Nothing may load from elsewhere: a handout works the same with the network off.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' 'unsafe-inline' "
            "'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">",
            f"<title>{html.escape(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            header,
            f"<main>{main}</main>",
            plotly,
            f'<script type="application/json" id="plot-config">{_json(json.dumps(PLOT_CONFIG))}</script>',
            f'<script type="application/json" id="labels">{_json(json.dumps(labels, ensure_ascii=False))}</script>',
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(title: str, as_of: str, count: int, links: str = "") -> str:
    e = html.escape
    built = f"{datetime.now(UTC):%Y-%m-%d}"
    meta = e(t("handout.meta", as_of=as_of or "—", built=built))
    buttons = (
        ""
        if count < 2
        else (
            f'<button id="prev" type="button" aria-label="{e(t("deck_page.previous"))}">←</button>'
            f'<span id="position" aria-live="polite"></span>'
            f'<button id="next" type="button" aria-label="{e(t("deck_page.next"))}">→</button>'
        )
    )
    return (
        f'<header><h1>{e(title)}</h1><span class="meta">{meta}</span>'
        f'<nav aria-label="{e(t("handout.slides"))}">{links}{buttons}</nav></header>'
    )


def _inline_plotly() -> str:
    return f'<script type="text/javascript">{get_plotlyjs()}</script>'


def document(title: str, parts: list[Part], lang: str) -> str:
    """One self-contained HTML file: plotly.js once, inline; every part one slide."""
    main = "".join(_section(i, part) for i, part in enumerate(parts, start=1))
    return _page(
        title=title, lang=lang, header=_header(title, _latest(parts), len(parts)), main=main, plotly=_inline_plotly()
    )


def deck_html(tables: Tables, deck: Deck, lang: str = "en") -> str:
    """The whole deck as one self-contained HTML file in language `lang`."""
    with language(lang) as chosen:
        return document(shown(deck.title), deck_parts(tables, deck), chosen)


def chart_html(fig: go.Figure, note: SourceNote, lang: str | None = None) -> str:
    """One chart (as the app shows it) as a self-contained HTML file: the download menu's "HTML"."""
    with language(lang or i18n.current()) as chosen:
        title = figure_title(fig) or note.source
        return document(title, [Part(title, compact(fig), note)], chosen)


def _slide_file(index: int) -> str:
    return f"slide-{index:02d}.html"


def write_site(tables: Tables, deck: Deck, folder: Path, lang: str = "en") -> list[Path]:
    """A static folder: index.html, one page per slide, plotly.js once as a local file beside them."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / PLOTLY_FILE).write_text(get_plotlyjs(), encoding="utf-8")
    shared = f'<script src="{PLOTLY_FILE}"></script>'
    e = html.escape
    written = [folder / PLOTLY_FILE]
    with language(lang) as chosen:
        parts = deck_parts(tables, deck)
        as_of = _latest(parts)
        count = len(parts)
        for index, part in enumerate(parts, start=1):
            links = f'<a href="index.html">{e(t("handout.contents"))}</a>'
            if index > 1:
                links += f'<a rel="prev" href="{_slide_file(index - 1)}">←</a>'
            links += f"<span>{e(t('handout.position', index=index, count=count))}</span>"
            if index < count:
                links += f'<a rel="next" href="{_slide_file(index + 1)}">→</a>'
            header = _header(shown(deck.title), as_of, 1, links)
            page = _page(
                title=f"{part.title} · {shown(deck.title)}",
                lang=chosen,
                header=header,
                main=_section(index, part),
                plotly=shared,
            )
            written.append(folder / _slide_file(index))
            written[-1].write_text(page, encoding="utf-8")
        items = "".join(
            f'<li><a href="{_slide_file(i)}">{e(p.title)}</a>'
            + (f'<span class="source">{e(p.note.line())}</span>' if p.note else "")
            + "</li>"
            for i, p in enumerate(parts, start=1)
        )
        first = f'<a rel="next" href="{_slide_file(1)}">→</a>'
        index_page = _page(
            title=shown(deck.title),
            lang=chosen,
            header=_header(shown(deck.title), as_of, 0, first),
            main=f'<ol class="index">{items}</ol>',
            plotly="",
        )
        written.append(folder / "index.html")
        written[-1].write_text(index_page, encoding="utf-8")
    return written
