"""Briefing deck: pick charts into an ordered deck, save/load it, present it slide by slide,
and download its report pack."""

from __future__ import annotations

from dataclasses import replace as with_changes

import streamlit as st

import i18n
from catalog import CATALOG, Settings
from catalog.measures import METRICS, metric_label
from charts.export import SIZES
from deck import handout
from deck.model import DeckError, Slide, parse, shown
from deck.pack import build_zip
from i18n import t
from ui import blocks, controls, data, decks

deck = decks.current()
count = len(deck.slides)
index = min(max(int(st.session_state.get(decks.SLIDE_KEY, 1)), 1), count)
st.session_state[decks.SLIDE_KEY] = index


def go(step: int) -> None:
    st.session_state[decks.SLIDE_KEY] = min(max(st.session_state[decks.SLIDE_KEY] + step, 1), count)


def show_slide(slide: Slide) -> None:
    try:
        blocks.slide(slide, number=index)
    except LookupError as exc:
        st.warning(t("deck_page.cannot_show", error=blocks.inert_md(exc)))


def slide_view() -> None:
    nav = st.columns([1.7, 1.5, 5, 1.6], vertical_alignment="center")
    nav[0].button(
        t("deck_page.previous"),
        key="deck_prev",
        on_click=go,
        args=(-1,),
        disabled=index == 1,
        shortcut="Left",
        width="stretch",
    )
    nav[1].button(
        t("deck_page.next"),
        key="deck_next",
        on_click=go,
        args=(1,),
        disabled=index == count,
        shortcut="Right",
        width="stretch",
    )
    nav[2].markdown(t("deck_page.position", title=blocks.inert_md(shown(deck.title)), index=index, count=count))
    if not controls.presenting():
        nav[3].button(
            t("deck_page.full_screen"),
            key="deck_present",
            icon=":material/fullscreen:",
            on_click=lambda: st.session_state.update({controls.PRESENTER_KEY: True}),
        )
    show_slide(deck.slides[index - 1])  # a slide title replaces the chart's own title


if controls.presenting():  # the slide alone: no page title, no tabs
    slide_view()
    st.stop()

st.title(t("deck_page.title"))


def edit_deck() -> None:
    current = decks.current()
    title = st.text_input(t("deck_page.deck_title"), shown(current.title), key="deck_title", max_chars=200)
    if title != shown(current.title):
        decks.replace(with_changes(current, title=title))
        current = decks.current()

    def move(i: int, step: int) -> None:
        slides = list(decks.current().slides)
        slides[i], slides[i + step] = slides[i + step], slides[i]
        decks.replace(with_changes(decks.current(), slides=tuple(slides)))

    def remove(i: int) -> None:
        slides = list(decks.current().slides)
        del slides[i]
        decks.replace(with_changes(decks.current(), slides=tuple(slides)))

    for i, item in enumerate(current.slides):
        row = st.columns([6, 1, 1, 1])
        settings_text = ", ".join(f"{k}={v}" for k, v in item.settings.to_dict().items())
        row[0].markdown(
            f"{i + 1}. **{blocks.inert_md(shown(item.title) or CATALOG[item.chart].title)}** — "
            f"{blocks.inert_md(item.chart)} · {blocks.inert_md(settings_text)}"
        )
        row[1].button(t("deck_page.up"), key=f"up_{i}", on_click=move, args=(i, -1), disabled=i == 0)
        row[2].button(
            t("deck_page.down"), key=f"down_{i}", on_click=move, args=(i, 1), disabled=i == len(current.slides) - 1
        )
        row[3].button(
            t("deck_page.remove"), key=f"remove_{i}", on_click=remove, args=(i,), disabled=len(current.slides) == 1
        )

    st.markdown(t("deck_page.add_intro"))
    add = st.columns([3, 2, 3, 2])
    chart = add[0].selectbox(
        t("deck_page.chart"), list(CATALOG), format_func=lambda c: CATALOG[c].title, key="add_chart"
    )
    metric = add[1].selectbox(t("controls.measure"), list(METRICS), format_func=metric_label, key="add_metric")
    slide_title = add[2].text_input(t("deck_page.slide_title"), key="add_title", max_chars=200)
    start, end = controls.current_date_range()

    def append() -> None:
        new = Slide(
            chart,
            Settings(
                metric=metric,
                start=start,
                end=end,
                exercise=st.session_state.get("exercise"),
                flow=st.session_state.get("trade_flow") or "export",
            ),
            slide_title,
        )
        latest = decks.current()
        decks.replace(with_changes(latest, slides=latest.slides + (new,)))

    add[3].button(t("deck_page.add"), key="add_slide", on_click=append, icon=":material/add:", disabled=count >= 50)

    st.divider()
    left, right = st.columns(2)
    left.download_button(
        t("deck_page.save"),
        current.to_yaml(),
        file_name="deck.yaml",
        mime="application/x-yaml",
        key="save_deck",
        on_click="ignore",
    )
    upload = right.file_uploader(t("deck_page.open"), type=["yaml", "yml", "json"], key="open_deck")
    if upload is not None and st.session_state.get("_opened") != upload.file_id:
        try:
            decks.replace(parse(upload.getvalue().decode("utf-8", errors="replace"), upload.name))
            st.session_state["_opened"] = upload.file_id
            st.rerun()
        except DeckError as exc:  # quotes the file name and values from the file: shown inert, never as markdown
            st.error(blocks.inert_md(exc), icon=":material/error:")
    shipped = decks.shipped()
    pick = st.selectbox(
        t("deck_page.ready_made"), list(shipped), format_func=lambda k: shown(shipped[k].title), key="shipped_deck"
    )
    st.button(t("deck_page.load_ready_made"), key="load_shipped", on_click=lambda: decks.replace(shipped[pick]))


def report_pack() -> None:
    st.markdown(t("deck_page.pack_intro"))
    size = st.radio(
        t("deck_page.figure_size"), list(SIZES), format_func=lambda s: SIZES[s].label, horizontal=True, key="pack_size"
    )

    def pack_zip() -> bytes:
        with blocks.exporter():
            return build_zip(data, decks.current(), size)

    st.download_button(
        t("deck_page.download_pack"),
        pack_zip,
        file_name="report-pack.zip",
        mime="application/zip",
        key="report_pack",
        on_click="ignore",
        icon=":material/folder_zip:",
    )

    st.markdown(t("deck_page.handout_intro"))
    chosen, language = decks.current(), i18n.current()  # taken now: the file is built later, on a server thread
    st.download_button(
        t("deck_page.download_handout"),
        lambda: handout.deck_html(data, chosen, language).encode("utf-8"),
        file_name="handout.html",
        mime="text/html",
        key="handout_html",
        on_click="ignore",
        icon=":material/slideshow:",
    )


controls.sections(
    "briefing",
    {
        "present": (t("deck_page.present"), slide_view),
        "edit": (t("deck_page.edit"), edit_deck),
        "pack": (t("deck_page.pack"), report_pack),
    },
)
