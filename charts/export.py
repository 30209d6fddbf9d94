"""Static figure export (PNG, SVG, PDF) through plotly + kaleido, in two report sizes.

Kaleido drives the system Chromium (Debian's `chromium`, found on PATH or via BROWSER_PATH),
so exports work offline. Sizes are in CSS pixels; PNGs are rendered at 2x for print.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import plotly.graph_objects as go

from charts.theme import scaled

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


@dataclass(frozen=True)
class Size:
    label: str
    width: int
    height: int
    type_scale: float  # slides are read from further away than a printed page


SIZES = {
    "a4": Size("A4 report column", 1000, 620, 1.0),  # ~17 cm wide at 150 dpi-equivalent
    "slide": Size("16:9 slide", 1600, 900, 1.35),
}
PNG_SCALE = 2


def for_export(fig: go.Figure, size: Size) -> go.Figure:
    """A copy sized for the page; the interactive-only bits (hover, modebar) do not matter in print."""
    out = scaled(copy.deepcopy(fig), size.type_scale)
    out.update_layout(width=size.width, height=size.height)
    return out


def image_bytes(fig: go.Figure, fmt: str = "png", size: str = "a4") -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    chosen = SIZES[size]
    scale = PNG_SCALE if fmt == "png" else 1
    return for_export(fig, chosen).to_image(format=fmt, width=chosen.width, height=chosen.height, scale=scale)


def main(argv: list[str] | None = None) -> int:
    """CLI: the report pack of a deck, written as a ZIP (and unpacked) into --out."""
    import argparse
    import sys
    import warnings
    import zipfile
    from pathlib import Path

    import kaleido

    import settings
    from deck.model import DeckError, load
    from deck.pack import build_zip
    from deck.tables import FolderTables

    parser = argparse.ArgumentParser(prog="python -m charts.export", description=main.__doc__)
    parser.add_argument("--deck", type=Path, required=True, help="deck file (YAML or JSON)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--size", choices=sorted(SIZES), default="slide")
    parser.add_argument("--snapshot", type=Path, default=settings.SNAPSHOT_DIR)
    args = parser.parse_args(argv)
    try:
        deck = load(args.deck)
    except DeckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore", message="The kopts argument is ignored")
    say = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
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


if __name__ == "__main__":
    raise SystemExit(main())
