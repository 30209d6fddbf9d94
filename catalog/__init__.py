"""The chart catalog: every figure the product draws, one spec each, rendered by id.

Add a chart by writing one spec in the topic module it belongs to (activity, events, japan, trade,
sources, precedents, replay); it then shows on a page with `ui.blocks.show(id, settings)`, can be a briefing-deck slide,
and goes into handouts and report packs, with nothing else to change.
"""

from __future__ import annotations

from catalog import activity, events, japan, precedents, replay, sources, trade
from catalog.core import SETTING_NAMES, NothingToShow, Rendered, Settings, Spec, Tables
from charts.events import add_events
from charts.theme import plain

CATALOG: dict[str, Spec] = {
    spec.id: spec for module in (activity, events, japan, trade, sources, precedents, replay) for spec in module.SPECS
}

__all__ = ["CATALOG", "SETTING_NAMES", "NothingToShow", "Rendered", "Settings", "Spec", "Tables", "render"]


def render(
    tables: Tables, chart: str, settings: Settings | None = None, *, events: bool = False, title: str = ""
) -> Rendered:
    """A chart by id, with the event overlay on date axes when asked and a slide's own title when given.

    Raises KeyError for an unknown id, LookupError when the snapshot lacks a table the chart needs, and
    NothingToShow (a LookupError) when these settings leave nothing to draw."""
    if chart not in CATALOG:
        raise KeyError(f"unknown chart '{chart}'")
    spec = CATALOG[chart]
    missing = [name for name in spec.needs if not tables.has_table(name)]
    if missing:
        raise LookupError(f"chart '{chart}' needs table(s) {', '.join(missing)}, not in this snapshot")
    rendered = spec.build(tables, settings or Settings())
    if events and rendered.timeline and tables.has_table("events"):
        add_events(rendered.fig, tables.events_by_report_day())
    if title:
        rendered.fig.update_layout(title_text=f"<b>{plain(title)}</b>")
    return rendered
