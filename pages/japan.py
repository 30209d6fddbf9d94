"""Japan view: what Japan's Ministry of Defense reported near Japan, beside the Taiwan-side counts."""

from __future__ import annotations

import streamlit as st

from analysis import japan as calc
from analysis.activity import with_rolling
from charts import japan as figs
from ui import blocks, controls, data
from ui import router

router.require("pages/japan.py")  # first visit on a fresh server: go through app.py

TABLE = "japan_side_events"
QC_TABLE = "japan_side_qc"
TAIWAN = "air_sea_daily"

st.title("Japan view")

if not data.has_table(TABLE):
    st.info("This snapshot has no Japan-side data yet. Run `python -m loaders refresh` to add it.")
    st.stop()

note = data.source_note(TABLE)
events = data.clipped(TABLE)
if events.empty:
    st.info("Japan's Ministry of Defense reports in this dataset start in January 2024: there are none in the "
            "selected date range. Widen the range in the sidebar.")
    st.stop()

counts = calc.summary_counts(events)
st.caption(
    f"{events['date'].min():%d %b %Y} – {events['date'].max():%d %b %Y} · {counts['days_recorded']:,} days with a "
    "Japan-side record. Japan's Joint Staff Office reports are transcribed upstream as yes/no flags, not counts; "
    "2024–2025 were transcribed selectively (only days marked 'yes'), every report from January 2026 — so a day "
    "without a mark is not a day without activity."
)
cols = st.columns(4)
cols[0].metric("Days with a Japan-side record", f"{counts['days_recorded']:,}")
cols[1].metric("Days with a strait passage", f"{counts['strait_passage_days']:,}")
cols[2].metric("Days with carrier activity", f"{counts['carrier_days']:,}")
cols[3].metric("Strait flags withheld as impossible", f"{counts['withheld_flags']:,}")

st.subheader("Passages by strait and month")
months = calc.strait_months(events)
if months.empty:
    st.info("No strait passage was reported in the selected date range.")
else:
    blocks.chart_block(figs.strait_passages(months, note), months, key="japan-straits", note=note, timeline=True)
    qc = data.table(QC_TABLE) if data.has_table(QC_TABLE) else None
    if qc is not None:
        flagged = calc.clip_dates(qc.dropna(subset=["date"]), *controls.current_date_range())
        flagged = flagged[flagged["check"].isin(["impossible_strait_combination", "suspect_back_reference"])]
        with st.expander(f"Strait flags withheld or in doubt ({len(flagged)})"):
            st.caption("A report day cannot have the same ships in straits more than 7° of latitude apart; those "
                       "flags are withheld (grey above). Flags the upstream's own log ties to a look-back at an "
                       "earlier passage are kept but listed. Full log: Data & sources → japan_side_qc.")
            st.dataframe(flagged[["date", "check", "detail"]], hide_index=True)

st.subheader("Carrier activity periods")
carriers = calc.carrier_periods(events)
if carriers.empty:
    st.info("No aircraft-carrier activity was reported in the selected date range.")
else:
    blocks.chart_block(figs.carrier_periods(carriers, note), carriers, key="japan-carriers", note=note)

st.subheader("Joint China–Russia activity")
joint = calc.joint_activity(events)
if joint.empty:
    st.info("No joint China–Russia activity was reported in the selected date range.")
else:
    blocks.chart_block(figs.joint_activity(joint, note), calc.joint_days(events), key="japan-joint", note=note)

st.subheader("Taiwan-side counts and Japan-side events on one time axis")
strip = calc.event_strip(events)
taiwan = data.clipped(TAIWAN)
taiwan = taiwan[taiwan["date"] >= events["date"].min()]
if strip.empty or taiwan["aircraft"].notna().sum() == 0:
    st.info("Taiwan-side counts and Japan-side events do not overlap in the selected date range.")
else:
    rolling = with_rolling(taiwan, "aircraft", windows=(7,))
    figure = figs.combined(rolling, strip, note, taiwan_note=data.source_note(TAIWAN))
    blocks.chart_block(figure, calc.combined_table(rolling, strip), key="japan-combined", note=note, timeline=True)
    st.caption("Dates: MND report day (24 h to 06:00 Taipei time) above; Japan MOD report day below — the two can "
               "differ by a day.")
