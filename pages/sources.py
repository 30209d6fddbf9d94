"""Data & sources: what the snapshot holds, where it comes from, how it was checked; downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.activity import gap_runs
from ui import blocks, data, router

router.require("pages/sources.py")  # first visit on a fresh server: go through app.py

st.title("Data & sources")
manifest = data.manifest()
tables = manifest["tables"]

st.markdown(
    "Every number in this dashboard comes from the snapshot below, built by `python -m loaders refresh` "
    "from public raw files and checked against its manifest (SHA-256) each time it is read. "
    f"Snapshot built **{manifest['built_at']}**."
)

st.subheader("Tables in the snapshot")
overview = pd.DataFrame([
    {
        "table": name,
        "title": info["title"],
        "source": info["source"]["name"],
        "first day": info.get("first_date"),
        "last day (as of)": info.get("last_date"),
        "rows": info["rows"],
        "licence": info["source"]["licence"],
        "upstream": info["source"]["repo_url"],
        "commit": info["source"]["commit"][:12],
    }
    for name, info in tables.items()
])
st.dataframe(overview, hide_index=True, column_config={"upstream": st.column_config.LinkColumn("upstream")})

st.subheader("Data dictionary")
for name, info in tables.items():
    with st.expander(f"{name} — {info['title']}", expanded=name == "air_sea_daily"):
        st.write(info["description"])
        st.dataframe(pd.DataFrame(info["columns"]), hide_index=True)
        for line in info.get("notes", []):
            st.markdown(f"- {line}")
        inputs = pd.DataFrame(info.get("inputs", []))
        if not inputs.empty:
            st.caption("Raw inputs (SHA-256; 'matches pinned commit' means the file is the upstream copy recorded "
                       "in the provenance notes)")
            st.dataframe(inputs, hide_index=True)
        st.download_button(
            f"Download {name}.csv", blocks.csv_bytes(data.table(name)), file_name=f"{name}.csv", mime="text/csv",
            key=f"download_{name}", on_click="ignore",
        )

st.subheader("Data quality")
qc = data.table("air_sea_qc")
counts = qc["check"].value_counts()
st.markdown(
    f"Building the daily table found **{counts.get('duplicate_date', 0)}** repeated days (identical counts, kept once), "
    f"**{counts.get('conflict', 0)}** disagreements between the two upstream files, and "
    f"**{counts.get('filled_from_secondary', 0)}** days filled from the secondary file."
)
st.dataframe(qc, hide_index=True, column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD")})

st.markdown("**Days without a report** in the selected date range (runs of consecutive missing days):")
daily = data.clipped("air_sea_daily")
gaps = gap_runs(daily, "aircraft").sort_values("days", ascending=False)
missing = int(daily["aircraft"].isna().sum())
st.caption(f"{missing:,} of {len(daily):,} days have no aircraft count; {len(gaps):,} gaps; longest first.")
st.dataframe(gaps, hide_index=True, column_config={
    "start": st.column_config.DateColumn("from", format="YYYY-MM-DD"),
    "end": st.column_config.DateColumn("to", format="YYYY-MM-DD"),
})

# --- Second source: reconciliation (issue 4) ------------------------------------------------------
# Two independent transcriptions of MND's daily report compared day by day. Disagreements are
# listed with both values; nothing is averaged.
from analysis import reconcile  # noqa: E402
from charts import reconcile as reconcile_chart  # noqa: E402

st.subheader("Second source: reconciliation")
if not (data.has_table("pla_tracker_daily") and data.has_table("air_sea_daily")):
    st.info("The second transcription (pla_tracker_daily) is not in this snapshot, so there is nothing to compare.")
else:
    comparison = reconcile.compare_daily(data.clipped("air_sea_daily"), data.clipped("pla_tracker_daily"))
    if comparison.empty:
        st.info("The two sources do not overlap in the selected date range (the second one covers "
                f"{data.entry('pla_tracker_daily')['first_date']} – {data.entry('pla_tracker_daily')['last_date']}).")
    else:
        scores = reconcile.summary(comparison)
        st.markdown(
            "PLA Tracker types MND's daily report by hand; pla-data-dashboard scrapes it. Where both carry a value "
            "for the same report day they should be equal. Every day they differ is listed below with both values, "
            "and neither is preferred here."
        )
        columns = st.columns(len(scores))
        for column, score in zip(columns, scores.itertuples()):
            label = reconcile_chart.MEASURE_LABELS.get(score.measure, score.measure)
            column.metric(
                f"{label}: days that agree exactly", f"{score.share_agree:.0%}",
                help=f"{score.days_agree} of {score.days_compared} days compared, "
                     f"{score.first_day:%d %b %Y} – {score.last_day:%d %b %Y}",
            )
            column.caption(
                f"{score.days_agree} of {score.days_compared} days agree · mean absolute difference "
                f"{score.mean_abs_difference:.2f} · median difference on disagreeing days {score.median_disagreement:+.1f} "
                f"(tracker − dashboard) · largest {score.max_abs_difference} · {score.days_shifted_by_one} disagreeing "
                f"days match the neighbouring report day · days in one source only: dashboard "
                f"{score.days_only_dashboard}, tracker {score.days_only_tracker}"
            )
        recon_note = data.source_note("pla_tracker_daily")
        blocks.chart_block(reconcile_chart.differences(comparison, recon_note), comparison, key="reconciliation",
                           note=recon_note)
        st.markdown("**Days the two sources differ** (difference = tracker − dashboard; the full day-by-day "
                    "comparison is under the chart, with its CSV):")
        st.dataframe(reconcile.disagreements(comparison), hide_index=True,
                     column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD")})
