"""Deck command line: handouts and report packs from a deck file, without the app running.

python -m deck html DECK --out FILE.html [--lang en|ja|zh-TW] [--snapshot DIR]
python -m deck html DECK --site DIR      [--lang ...]
python -m deck pack DECK --out DIR       [--size slide|a4] [--snapshot DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import i18n
import settings
from charts import export
from deck.model import DeckError, load


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
    import warnings
    import zipfile

    import kaleido

    from deck.pack import build_zip
    from deck.tables import FolderTables

    try:
        deck = load(args.deck)
    except DeckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore", message="The kopts argument is ignored")

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    kaleido.start_sync_server(silence_warnings=True)
    try:
        data = build_zip(FolderTables(args.snapshot), deck, args.size, say)
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"{args.deck.stem}-report-pack.zip"
    target.write_bytes(data)
    with zipfile.ZipFile(target) as archive:
        archive.extractall(args.out)
    say(f"wrote {target} and its {len(deck.slides)} charts into {args.out}")
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

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
