"""Charts on a normal screen are laid out for the column they are drawn in, as presenter mode and exports
are (charts.export.for_export): titles, legends and the source line wrapped to the width, the margins grown
to hold them. Drawn as plotly gives them, a title ran past the right edge of a 1280 px screen's column and
legends sat on subtitles (tools.layout_check --size screen-1280 found 159 such texts)."""

from __future__ import annotations

import copy

import plotly.graph_objects as go

from charts import export
from charts.export import PT_PER_PX, Size, px_to_cm
from charts.theme import BODY_SIZE, SMALL_SIZE, scaled
from ui import presenter

# px: the main column of a 1280 px wide screen with the sidebar open, measured in Chromium. A chart is laid
# out for it and drawn as wide as the column: a wider screen only gives the text more room.
COLUMN_WIDTH = 820
HEIGHT = 450  # px: st.plotly_chart's height for a figure that sets none


def size_for(fig) -> Size:
    """A screen size at the house type (no scaling), the figure's own height kept."""
    return Size(
        "screen",
        width_cm=px_to_cm(COLUMN_WIDTH),
        height_cm=px_to_cm(fig.layout.height or HEIGHT),
        body_pt=BODY_SIZE * PT_PER_PX,
        small_pt=SMALL_SIZE * PT_PER_PX,
        print_=False,
    )


def laid_out(fig: go.Figure, *, presenting: bool, strip: bool = False, in_place: bool = False) -> go.Figure:
    """The figure as the app draws it (ui.blocks; tools.layout_check checks exactly this): laid out for the
    room's screen when presenting, else for a 1280 px screen's column, and drawn as wide as the column. A strip
    under other content keeps its own margins (presenting: slightly larger type, short); a printed page keeps
    its page. `in_place`: the caller's own, just built figure."""
    if export.own_page(fig) or (strip and not presenting):
        return fig if in_place else copy.deepcopy(fig)
    if strip:
        out = scaled(fig if in_place else copy.deepcopy(fig), presenter.STRIP_SCALE)
        out.update_layout(height=presenter.STRIP_HEIGHT)
        return out
    out = export.for_export(fig, presenter.size_for(fig) if presenting else size_for(fig), in_place=in_place)
    out.layout.width = None  # as wide as the screen's column; laid out for the narrowest
    return out
