"""Deck command line: handouts and report packs from a deck file, without the app running.

python -m deck html DECK --out FILE.html [--lang en|ja|zh-TW] [--snapshot DIR]
python -m deck html DECK --site DIR      [--lang ...]
python -m deck pack DECK --out DIR       [--size slide|a4] [--snapshot DIR]
python -m deck cards --out cards.pdf     [--lang ...] [--card EVENT_ID ...] [--png DIR] [--sheet FILE.pdf]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import i18n
import settings
from charts import export
from deck.model import DeckError, load


def say(message: str) -> None:
    """A progress line on stderr, so a command's output file can go to stdout or a pipe untouched."""
    print(message, file=sys.stderr, flush=True)


@contextmanager
def _exporting() -> Iterator[None]:
    """Kaleido's Chromium running for the figures a command renders (one start for all of them)."""
    import warnings

    import kaleido

    warnings.filterwarnings("ignore", message="The kopts argument is ignored")
    kaleido.start_sync_server(silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def _html(args: argparse.Namespace) -> int:
    from deck import handout
    from deck.tables import FolderTables

    try:
        deck = load(args.deck)
    except DeckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    tables = FolderTables(args.snapshot)
    if args.site:
        written = handout.write_site(tables, deck, args.site, args.lang)
        size = sum(path.stat().st_size for path in written)
        print(
            f"wrote {len(written)} files ({size / 1e6:.1f} MB) into {args.site}: open {args.site / 'index.html'}",
            file=sys.stderr,
        )
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(handout.deck_html(tables, deck, args.lang), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {len(deck.slides)} slides)", file=sys.stderr)
    return 0


def _pack(args: argparse.Namespace) -> int:
    """The report pack of a deck, written as a ZIP (and unpacked) into --out. It lives here, not in charts/,
    so that charts/ never imports deck/ (charts are pure figure builders; decks compose them)."""
    import zipfile

    from deck.pack import build_zip
    from deck.tables import FolderTables

    try:
        deck = load(args.deck)
    except DeckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with _exporting():
        data = build_zip(FolderTables(args.snapshot), deck, args.size, say)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"{args.deck.stem}-report-pack.zip"
    target.write_bytes(data)
    with zipfile.ZipFile(target) as archive:
        archive.extractall(args.out)
    say(f"wrote {target} and its {len(deck.slides)} charts into {args.out}")
    return 0


def _cards(args: argparse.Namespace) -> int:
    """Precedent cards as one A4 PDF (a page per card), optionally a PNG per card and the comparison sheet."""
    from deck import cards
    from deck.tables import FolderTables

    tables = FolderTables(args.snapshot)
    known = set(tables.table("events")["id"])
    unknown = [e for e in args.card or [] if e not in known]
    if unknown:
        print(
            f"error: no event {', '.join(map(repr, unknown))} in the catalog; known: {', '.join(sorted(known))}",
            file=sys.stderr,
        )
        return 2
    with _exporting():
        data = cards.cards_pdf(tables, args.lang, args.card, say)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(data)
        say(f"wrote {args.out} ({len(data) / 1e6:.1f} MB)")
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            with cards.language(args.lang):
                wanted = [(cards.chart_for(tables, e), e) for e in args.card] if args.card else cards.card_ids(tables)
                for chart, event in wanted:
                    target = args.png / f"{chart.replace('_', '-')}-{event}-{args.lang}.png"
                    target.write_bytes(cards.png(cards.figure(tables, chart, event)))
            say(f"wrote {len(wanted)} PNG files into {args.png}")
        if args.sheet:
            args.sheet.parent.mkdir(parents=True, exist_ok=True)
            args.sheet.write_bytes(cards.sheet_pdf(tables, args.lang))
            say(f"wrote {args.sheet}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deck", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)

    html = commands.add_parser("html", help="the deck as an offline HTML handout (one file, or a static site)")
    html.add_argument("deck", type=Path, help="deck file (YAML or JSON)")
    where = html.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="one self-contained HTML file")
    where.add_argument("--site", type=Path, help="a folder: index.html, one page per slide, plotly.js once")
    html.add_argument("--lang", choices=list(i18n.LANGUAGES), default=i18n.DEFAULT, help="language of the handout")
    html.add_argument("--snapshot", type=Path, default=settings.SNAPSHOT_DIR)
    html.set_defaults(run=_html)

    pack = commands.add_parser("pack", help="report pack: PNG + SVG + CSV per chart and a README, as a ZIP")
    pack.add_argument("deck", type=Path, help="deck file (YAML or JSON)")
    pack.add_argument("--out", type=Path, required=True, help="output folder")
    pack.add_argument("--size", choices=sorted(export.SIZES), default="slide")
    pack.add_argument("--snapshot", type=Path, default=settings.SNAPSHOT_DIR)
    pack.set_defaults(run=_pack)

    deck_cards = commands.add_parser("cards", help="precedent cards: one A4 page per exercise and trigger, as PDF")
    deck_cards.add_argument("--out", type=Path, required=True, help="the PDF to write")
    deck_cards.add_argument("--lang", choices=list(i18n.LANGUAGES), default=i18n.DEFAULT)
    deck_cards.add_argument("--card", action="append", metavar="EVENT_ID", help="only this event's card (repeatable)")
    deck_cards.add_argument("--png", type=Path, help="also a PNG per card, into this folder")
    deck_cards.add_argument("--sheet", type=Path, help="also the comparison sheet, as this A4 landscape PDF")
    deck_cards.add_argument("--snapshot", type=Path, default=settings.SNAPSHOT_DIR)
    deck_cards.set_defaults(run=_cards)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
