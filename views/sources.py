"""Data & sources: what the snapshot holds, where it comes from, how it was checked; downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import reconcile, witnesses
from analysis.activity import gap_runs
from catalog import Settings
from catalog import sources as catalog_sources
from charts import reconcile as reconcile_chart
from i18n import t, t_or
from ui import blocks, controls, data

st.title(t("sources.title"))
manifest = data.manifest()
tables = manifest["tables"]

st.markdown(t("sources.intro", built=blocks.inert_md(manifest["built_at"])))


def snapshot_tables() -> None:
    overview = pd.DataFrame(
        [
            {
                "table": name,
                "title": t_or(f"sources.table.{name}", info["title"]),
                "source": info["source"]["name"],
                "first day": info.get("first_date"),
                "last day (as of)": info.get("last_date"),
                "rows": info["rows"],
                "licence": info["source"]["licence"],
                "upstream": info["source"]["repo_url"],
                "commit": info["source"]["commit"][:12],
            }
            for name, info in tables.items()
        ]
    )
    # Column names stay as they are (they are the CSV's); only the headers shown are translated.
    headers = {
        "table": "table",
        "title": "title",
        "source": "source",
        "first day": "first_day",
        "last day (as of)": "last_day",
        "rows": "rows",
        "licence": "licence",
        "upstream": "upstream",
        "commit": "commit",
    }
    columns = {name: st.column_config.Column(t(f"sources.column.{key}")) for name, key in headers.items()}
    columns["upstream"] = st.column_config.LinkColumn(t("sources.column.upstream"))
    st.dataframe(overview, hide_index=True, column_config=columns)


def dictionary() -> None:
    for name, info in tables.items():
        with blocks.lazy_expander(
            f"{name} — {t_or(f'sources.table.{name}', info['title'])}",
            key=f"dictionary_{name}",
            expanded=name == "air_sea_daily",
        ) as opened:
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
                t("sources.download", name=name),
                lambda name=name: blocks.csv_bytes(data.table(name)),
                file_name=f"{name}.csv",
                mime="text/csv",
                key=f"download_{name}",
                on_click="ignore",
            )


def quality() -> None:
    qc = data.table("air_sea_qc")
    counts = qc["check"].value_counts()
    st.markdown(
        t(
            "sources.quality_summary",
            duplicates=counts.get("duplicate_date", 0),
            conflicts=counts.get("conflict", 0),
            filled=counts.get("filled_from_secondary", 0),
        )
    )
    st.dataframe(qc, hide_index=True, column_config=blocks.date_columns(qc))
    st.markdown(t("sources.gaps"))
    daily = data.clipped("air_sea_daily")
    gaps = gap_runs(daily, "aircraft").sort_values("days", ascending=False)
    missing = int(daily["aircraft"].isna().sum())
    st.caption(t("sources.gaps_caption", missing=f"{missing:,}", days=f"{len(daily):,}", gaps=f"{len(gaps):,}"))
    st.dataframe(
        gaps,
        hide_index=True,
        column_config={
            "start": st.column_config.DateColumn(t("sources.gap_from"), format="YYYY-MM-DD"),
            "end": st.column_config.DateColumn(t("sources.gap_to"), format="YYYY-MM-DD"),
        },
    )


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
        column.metric(
            t(f"sources.witness_{witness}"),
            f"{share['after']:.1%}",
            delta=t("sources.agree_before", share=f"{share['before']:.1%}"),
            delta_color="off",
            delta_arrow="off",
            help=t(
                "sources.agree_help",
                agree=int(rows.at["after", "days_agree"]),
                compared=int(rows.at["after", "days_compared"]),
            ),
        )
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
    action = st.selectbox(
        t("sources.action"),
        actions,
        key="changes_action",
        format_func=lambda a: t("sources.action_all") if a == "all" else a,
    )
    shown = data.clipped("air_sea_changes")
    shown = shown if action == "all" else shown[shown["action"] == action]
    st.caption(t("sources.changes_caption", rows=f"{len(shown):,}"))
    st.dataframe(shown, hide_index=True, column_config=blocks.date_columns(shown))
    blocks.table_downloads(
        data.table("air_sea_changes"), key="air_sea_changes", note=data.source_note("air_sea_changes")
    )
    disputed = data.table("air_sea_disputes")
    st.markdown(t("sources.disputes", days=f"{disputed['date'].nunique():,}"))
    st.dataframe(disputed, hide_index=True, column_config=blocks.date_columns(disputed))
    if data.has_table("reporting_eras"):
        st.markdown(t("sources.eras"))
        eras = data.table("reporting_eras")
        st.dataframe(
            eras,
            hide_index=True,
            column_config={**blocks.date_columns(eras), "source_url": st.column_config.LinkColumn("source_url")},
        )


def _witness_columns(frame: pd.DataFrame) -> dict:
    config = blocks.date_columns(frame)
    for name in ("snapshot", "stored", "madeye", "lioneer", "press", "drawn"):
        config[name] = st.column_config.NumberColumn(reconcile_chart.witness_label(name), format="%d")
    for name in ("action", "detail", "disputed"):
        config[name] = st.column_config.TextColumn(t(f"reconcile.column.{name}"))
    config["report_url"] = st.column_config.LinkColumn(t("reconcile.column.report_url"))
    return config


def reconciliation() -> None:
    """Every witness of a report day side by side: pla-data-dashboard as stored, madeye, lioneer,
    The Reporter's drawn aircraft, press reports, and the value the snapshot uses with why. Nothing averaged."""
    if not all(data.has_table(n) for n in catalog_sources.NEEDED):
        st.info(t("reconcile.missing"))
        return
    st.markdown(t("reconcile.intro3"))
    start, end = controls.current_date_range()
    settings = Settings(start=start, end=end)
    daily = data.table("air_sea_daily")
    wide = catalog_sources.side_by_side(data, settings)
    pairs = witnesses.pair_agreement(wide)
    field = st.segmented_control(
        t("reconcile.field"),
        list(witnesses.FIELDS),
        key="reconcile_field",
        format_func=lambda f: t(f"metric.{f}"),
        **controls.initial("reconcile_field", "default", "aircraft"),
    )
    field = field or "aircraft"
    mine = pairs[(pairs["field"] == field) & (pairs["first"] == "snapshot")]
    if pairs.empty:
        st.info(t("reconcile.no_witness"))
        return
    for column, row in zip(st.columns(max(len(mine), 1)), mine.itertuples()):
        column.metric(
            t("reconcile.snapshot_vs", witness=reconcile_chart.witness_label(row.second)),
            f"{row.share_agree:.0%}",
            help=t("reconcile.pair_help", agree=row.days_agree, compared=row.days_compared),
        )
    bound = witnesses.bound_agreement(wide["aircraft"])
    drawn = bound[bound["second"] == "snapshot"]
    if field == "aircraft" and len(drawn):
        st.caption(
            t("reconcile.bound", agree=int(drawn["days_agree"].iloc[0]), compared=int(drawn["days_compared"].iloc[0]))
        )
    blocks.show("witness_pairs", settings)
    shown = wide[field].copy()
    shown["action"] = shown["action"].replace(witnesses.AS_PUBLISHED, t("reconcile.as_published"))
    st.markdown(t("reconcile.days_table", days=f"{len(shown):,}"))
    st.dataframe(shown, hide_index=True, column_config=_witness_columns(shown))
    blocks.table_downloads(wide[field], key=f"witnesses_{field}", note=catalog_sources.witness_note(data))
    if data.has_table("air_sea_disputes"):
        disputed = data.clipped("air_sea_disputes")
        links = daily.set_index("date")["report_url"] if "report_url" in daily else pd.Series(dtype="str")
        disputed = disputed.assign(report_url=links.reindex(disputed["date"]).to_numpy())
        st.markdown(t("reconcile.disputed", days=f"{disputed['date'].nunique():,}"))
        st.dataframe(
            disputed,
            hide_index=True,
            column_config={
                **blocks.date_columns(disputed),
                "report_url": st.column_config.LinkColumn(t("reconcile.column.report_url")),
            },
        )
    with blocks.lazy_expander(t("reconcile.lioneer_days"), key="lioneer_days") as opened:
        if opened and blocks.show("tracker_differences", settings):
            st.markdown(t("reconcile.differ_list"))
            comparison = reconcile.compare_daily(data.clipped("air_sea_daily"), data.clipped("pla_tracker_daily"))
            disagreements = reconcile.disagreements(comparison)
            st.dataframe(disagreements, hide_index=True, column_config=blocks.date_columns(disagreements))


controls.sections(
    "sources",
    {
        "tables": (t("sources.tables"), snapshot_tables),
        "dictionary": (t("sources.dictionary"), dictionary),
        "quality": (t("sources.quality"), quality),
        "changes": (t("sources.changes"), changes),
        "reconcile": (t("reconcile.title"), reconciliation),
    },
)
