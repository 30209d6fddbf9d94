"""Data & sources: what the snapshot holds, where it comes from, how it was checked; downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import reconcile
from analysis.activity import gap_runs
from charts import reconcile as reconcile_chart
from i18n import day, t
from ui import blocks, controls, data, router

router.require("pages/sources.py")  # first visit on a fresh server: go through app.py

st.title(t("sources.title"))
manifest = data.manifest()
tables = manifest["tables"]

st.markdown(t("sources.intro", built=blocks.inert_md(manifest["built_at"])))



def snapshot_tables() -> None:
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
    # Column names stay as they are (they are the CSV's); only the headers shown are translated.
    headers = {"table": "table", "title": "title", "source": "source", "first day": "first_day",
               "last day (as of)": "last_day", "rows": "rows", "licence": "licence", "upstream": "upstream",
               "commit": "commit"}
    columns = {name: st.column_config.Column(t(f"sources.column.{key}")) for name, key in headers.items()}
    columns["upstream"] = st.column_config.LinkColumn(t("sources.column.upstream"))
    st.dataframe(overview, hide_index=True, column_config=columns)


def dictionary() -> None:
    for name, info in tables.items():
        with blocks.lazy_expander(f"{name} — {info['title']}", key=f"dictionary_{name}",
                                  expanded=name == "air_sea_daily") as opened:
            if not opened:
                continue
            st.write(info["description"])
            st.dataframe(pd.DataFrame(info["columns"]), hide_index=True)
            for line in info.get("notes", []):
                st.markdown(f"- {line}")
            inputs = pd.DataFrame(info.get("inputs", []))
            if not inputs.empty:
                st.caption(t("sources.raw_inputs"))
                st.dataframe(inputs, hide_index=True)
            st.download_button(
                t("sources.download", name=name), lambda name=name: blocks.csv_bytes(data.table(name)),
                file_name=f"{name}.csv", mime="text/csv", key=f"download_{name}", on_click="ignore",
            )


def quality() -> None:
    qc = data.table("air_sea_qc")
    counts = qc["check"].value_counts()
    st.markdown(t("sources.quality_summary", duplicates=counts.get("duplicate_date", 0),
                  conflicts=counts.get("conflict", 0), filled=counts.get("filled_from_secondary", 0)))
    st.dataframe(qc, hide_index=True, column_config=blocks.date_columns(qc))
    st.markdown(t("sources.gaps"))
    daily = data.clipped("air_sea_daily")
    gaps = gap_runs(daily, "aircraft").sort_values("days", ascending=False)
    missing = int(daily["aircraft"].isna().sum())
    st.caption(t("sources.gaps_caption", missing=f"{missing:,}", days=f"{len(daily):,}", gaps=f"{len(gaps):,}"))
    st.dataframe(gaps, hide_index=True, column_config={
        "start": st.column_config.DateColumn(t("sources.gap_from"), format="YYYY-MM-DD"),
        "end": st.column_config.DateColumn(t("sources.gap_to"), format="YYYY-MM-DD"),
    })


WITNESSES = ("madeye", "press", "lioneer", "tracks")


def changes() -> None:
    """Every change the refresh made to an upstream daily value, with its evidence (loaders/alignment.py)."""
    if not data.has_table("air_sea_changes"):
        st.info(t("sources.changes_missing"))
        return
    st.markdown(t("sources.changes_intro"))
    agreement = data.table("air_sea_agreement")
    columns = st.columns(len(WITNESSES))
    for column, witness in zip(columns, WITNESSES):
        rows = agreement[(agreement["witness"] == witness) & (agreement["field"] == "aircraft")].set_index("stage")
        if rows.empty or not rows.at["after", "days_compared"]:
            continue
        share = {stage: rows.at[stage, "days_agree"] / rows.at[stage, "days_compared"] for stage in ("before", "after")}
        column.metric(t(f"sources.witness_{witness}"), f"{share['after']:.1%}",
                      delta=t("sources.agree_before", share=f"{share['before']:.1%}"), delta_color="off",
                      delta_arrow="off", help=t("sources.agree_help", agree=int(rows.at["after", "days_agree"]),
                                                compared=int(rows.at["after", "days_compared"])))
    with blocks.lazy_expander(t("sources.agreement_table"), key="agreement_table") as opened:
        if opened:
            st.dataframe(agreement, hide_index=True)
    changed = data.table("air_sea_changes")
    runs = changed[changed["run"].notna() & (changed["run"] != "") & (changed["action"] == "realigned")]
    summary = runs.groupby("run").agg(report_days=("date", "nunique")).reset_index()
    st.markdown(t("sources.runs", runs=len(summary), moved=f"{runs['date'].nunique():,}"))
    st.dataframe(summary, hide_index=True)
    corrected = changed[changed["action"].isin(["corrected", "replaced", "filled"])]
    st.markdown(t("sources.corrected", n=len(corrected)))
    st.dataframe(corrected.drop(columns=["run"]), hide_index=True, column_config=blocks.date_columns(corrected))
    actions = ["all", *sorted(changed["action"].unique())]
    action = st.selectbox(t("sources.action"), actions, key="changes_action",
                          format_func=lambda a: t("sources.action_all") if a == "all" else a)
    shown = data.clipped("air_sea_changes")
    shown = shown if action == "all" else shown[shown["action"] == action]
    st.caption(t("sources.changes_caption", rows=f"{len(shown):,}"))
    st.dataframe(shown, hide_index=True, column_config=blocks.date_columns(shown))
    blocks.table_downloads(data.table("air_sea_changes"), key="air_sea_changes", note=data.source_note("air_sea_changes"))
    disputed = data.table("air_sea_disputes")
    st.markdown(t("sources.disputes", days=f"{disputed['date'].nunique():,}"))
    st.dataframe(disputed, hide_index=True, column_config=blocks.date_columns(disputed))
    if data.has_table("reporting_eras"):
        st.markdown(t("sources.eras"))
        eras = data.table("reporting_eras")
        st.dataframe(eras, hide_index=True, column_config={
            **blocks.date_columns(eras), "source_url": st.column_config.LinkColumn("source_url")})


def reconciliation() -> None:
    """Second source: two independent transcriptions of MND's daily report compared day
    by day. Disagreements are listed with both values; nothing is averaged."""
    if not (data.has_table("pla_tracker_daily") and data.has_table("air_sea_daily")):
        st.info(t("reconcile.missing"))
        return
    comparison = reconcile.compare_daily(data.clipped("air_sea_daily"), data.clipped("pla_tracker_daily"))
    if comparison.empty:
        entry = data.entry("pla_tracker_daily")
        st.info(t("reconcile.no_overlap", start=entry["first_date"], end=entry["last_date"]))
    else:
        scores = reconcile.summary(comparison)
        st.markdown(t("reconcile.intro"))
        columns = st.columns(len(scores))
        for column, score in zip(columns, scores.itertuples()):
            label = reconcile_chart.measure_label(score.measure)
            column.metric(
                t("reconcile.agree", measure=label), f"{score.share_agree:.0%}",
                help=t("reconcile.agree_help", agree=score.days_agree, compared=score.days_compared,
                       start=day(score.first_day), end=day(score.last_day)),
            )
            column.caption(t(
                "reconcile.details", agree=score.days_agree, compared=score.days_compared,
                mean=f"{score.mean_abs_difference:.2f}", median=f"{score.median_disagreement:+.1f}",
                largest=score.max_abs_difference, shifted=score.days_shifted_by_one,
                only_dashboard=score.days_only_dashboard, only_tracker=score.days_only_tracker,
            ))
        recon_note = data.source_note("pla_tracker_daily")
        blocks.chart(reconcile_chart.differences, comparison, recon_note, data=comparison, key="reconciliation",
                     note=recon_note)
        st.markdown(t("reconcile.differ_list"))
        disagreements = reconcile.disagreements(comparison)
        st.dataframe(disagreements, hide_index=True, column_config=blocks.date_columns(disagreements))


controls.sections("sources", {
    "tables": (t("sources.tables"), snapshot_tables),
    "dictionary": (t("sources.dictionary"), dictionary),
    "quality": (t("sources.quality"), quality),
    "changes": (t("sources.changes"), changes),
    "reconcile": (t("reconcile.title"), reconciliation),
})
