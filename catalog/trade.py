"""Cross-strait trade: Taiwan's exports and imports with mainland China + Hong Kong, the US and Japan,
chips by destination, the hand-added customs and mirror tables, and trade beside PLA pressure."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis import trade as calc
from analysis.activity import definition_break
from catalog.core import NothingToShow, Rendered, Settings, Spec, Tables, bounds, clipped
from catalog.measures import DAILY
from charts import trade as figs
from charts.theme import SourceNote
from i18n import t

MOF, CHIPS, CUSTOMS, MIRROR = "trade_partner", "trade_hs8542", "trade_mof_customs", "trade_comtrade_mirror"
RANGE = ("start", "end")
FLOW = ("flow", "start", "end")


def note_for(tables: Tables, name: str) -> SourceNote:
    """Source line from the manifest; 'data to' is the last period the figures cover, not a period start."""
    base, frame = tables.source_note(name), tables.table(name)
    if not len(frame):
        return base
    if "period_end" in frame:
        return SourceNote(source=base.source, as_of=f"{frame['period_end'].max():%Y-%m-%d}")
    last = frame.loc[frame["period"].idxmax()]
    year = f"{last['period']:%Y}"
    part_year = last.get("period_type") == "year_to_date"
    return SourceNote(source=base.source, as_of=t("trade.part_year", year=year) if part_year else year)


def _periods(tables: Tables, name: str, s: Settings) -> pd.DataFrame:
    return calc.clip_periods(tables.table(name), *bounds(s))


def _noun(s: Settings) -> str:
    return t(f"trade.flow_noun.{s.flow}")


def _values(period_type: str) -> Callable[[Tables, Settings], Rendered]:
    def build(tables: Tables, s: Settings) -> Rendered:
        data = calc.series(_periods(tables, MOF, s), s.flow, period_type)
        if data.empty:
            flow = _noun(s)
            raise NothingToShow(
                t("trade.no_annual", flow=flow) if period_type == "year" else t("trade.no_monthly", flow=flow)
            )
        note = note_for(tables, MOF)
        fig = figs.partner_values(data, note, flow=s.flow, period_type=period_type)
        label = "annual" if period_type == "year" else "monthly"
        return Rendered(fig, data, note, f"trade-{label}-{s.flow}", timeline=period_type == "month")

    return build


def shares(tables: Tables, s: Settings) -> Rendered:
    data = calc.shares(_periods(tables, MOF, s), s.flow, "year")
    if data.empty:
        raise NothingToShow(t("trade.no_shares"))
    note = note_for(tables, MOF)
    return Rendered(figs.partner_shares(data, note, flow=s.flow), data, note, f"trade-shares-{s.flow}")


def year_over_year(tables: Tables, s: Settings) -> Rendered:
    data = calc.year_over_year(_periods(tables, MOF, s), s.flow)
    if data.empty:
        raise NothingToShow(t("trade.no_yoy"))
    note = note_for(tables, MOF)
    return Rendered(figs.year_over_year(data, note, flow=s.flow), data, note, f"trade-yoy-{s.flow}")


def chips(tables: Tables, s: Settings) -> Rendered:
    data = calc.chips_by_destination(_periods(tables, CHIPS, s))
    if data.empty:
        raise NothingToShow(t("trade.no_chips_range"))
    note = note_for(tables, CHIPS)
    return Rendered(figs.chips(data, note), data, note, "trade-chips")


def _security(period_type: str) -> Callable[[Tables, Settings], Rendered]:
    def build(tables: Tables, s: Settings) -> Rendered:
        daily = clipped(tables, DAILY, s)
        both = calc.with_security(
            _periods(tables, MOF, s), daily, flow=s.flow, partner="china_hk", period_type=period_type
        )
        both = both[both["pla_aircraft"].notna()]
        if both.empty:
            raise NothingToShow(t("trade.no_security_overlap"))
        fig = figs.trade_and_security(
            both,
            note_for(tables, MOF),
            security_note=tables.source_note(DAILY),
            flow=s.flow,
            partner="china_hk",
            period_type=period_type,
            break_day=definition_break(daily),
        )
        key = f"trade-security-{period_type}-{s.flow}"
        return Rendered(fig, both, tables.source_note(MOF), key, timeline=period_type == "month")

    return build


def customs(tables: Tables, s: Settings) -> Rendered:
    by_country = calc.china_hk_from_countries(_periods(tables, CUSTOMS, s))
    data = calc.series(by_country, s.flow, "month", ["china_hk", "china", "hong_kong", "us", "japan"])
    if data.empty:
        raise NothingToShow(t("trade.no_customs_range"))
    note = note_for(tables, CUSTOMS)
    fig = figs.partner_values(data, note, flow=s.flow, period_type="month")
    return Rendered(fig, data, note, f"trade-customs-{s.flow}", timeline=True)


def mirror(tables: Tables, s: Settings) -> Rendered:
    data = _periods(tables, MIRROR, s)
    if data.empty:
        raise NothingToShow(t("trade.no_mirror_range"))
    note = note_for(tables, MIRROR)
    return Rendered(figs.mirror(data, note), data, note, "trade-mirror")


SPECS = (
    Spec("trade_annual", _values("year"), "trade", (MOF,), FLOW),
    Spec("trade_monthly", _values("month"), "trade", (MOF,), FLOW),
    Spec("trade_shares", shares, "trade", (MOF,), FLOW),
    Spec("trade_yoy", year_over_year, "trade", (MOF,), FLOW),
    Spec("trade_chips", chips, "trade", (CHIPS,), RANGE),
    Spec("trade_security_year", _security("year"), "trade", (MOF, DAILY), FLOW),
    Spec("trade_security_month", _security("month"), "trade", (MOF, DAILY), FLOW),
    Spec("trade_customs", customs, "trade", (CUSTOMS,), FLOW),
    Spec("trade_mirror", mirror, "trade", (MIRROR,), RANGE),
)
