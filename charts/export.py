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
