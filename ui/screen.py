"""Charts on a normal screen are laid out for the column they are drawn in, as presenter mode and exports
are (charts.export.for_export): titles, legends and the source line wrapped to the width, the margins grown
to hold them. Drawn as plotly gives them, a title ran past the right edge of a 1280 px screen's column and
legends sat on subtitles (tools.layout_check --size screen-1280 found 159 such texts)."""

from __future__ import annotations

from charts.export import CM_PER_INCH, PT_PER_PX, PX_PER_INCH, Size
from charts.theme import BODY_SIZE, SMALL_SIZE

# px: the main column of a 1280 px wide screen with the sidebar open, measured in Chromium. A chart is laid
# out for it and drawn as wide as the column: a wider screen only gives the text more room.
COLUMN_WIDTH = 820
HEIGHT = 450  # px: st.plotly_chart's height for a figure that sets none


def _cm(px: float) -> float:
    return px / PX_PER_INCH * CM_PER_INCH


def size_for(fig) -> Size:
    """A screen size at the house type (no scaling), the figure's own height kept."""
    return Size(
        "screen",
        width_cm=_cm(COLUMN_WIDTH),
        height_cm=_cm(fig.layout.height or HEIGHT),
        body_pt=BODY_SIZE * PT_PER_PX,
        small_pt=SMALL_SIZE * PT_PER_PX,
        print_=False,
    )
