"""Precedent cards and the comparison sheet: the computations on constructed series (peak and total over report
days, baselines never across MND's definition change, a trigger's 14 days), every card of the shipped snapshot,
the printed PDF (one A4 page per card, fonts embedded and not Type 3), the CLI, the page's tab, hostile text."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

import i18n
import settings
from analysis import events as ev
from analysis import precedents as calc
from catalog import Settings, render
from charts.theme import source_text
from deck.tables import FolderTables
from tests.conftest import open_section
from tests.hostile import MARKUP, hostile_snapshot
from tests.test_exports import need_chromium

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def daily(values: list, start: str = "2024-01-01", definition: str = "around_taiwan") -> pd.DataFrame:
    dates = pd.date_range(start, periods=len(values), freq="D", unit="ns")
    return pd.DataFrame(
        {
            "date": dates,
            "aircraft": pd.array(values, dtype="Int64"),
            "vessels": pd.array([5] * len(values), dtype="Int64"),
            "aircraft_definition": [definition] * len(values),
        }
    )


def event(id_: str, start: str, end: str, kind: str = "exercise") -> pd.Series:
    return pd.Series(
        {
            "id": id_,
            "kind": kind,
            "name_en": id_,
            "start": pd.Timestamp(start),
            "end": pd.Timestamp(end),
            "report_start": pd.Timestamp(start),
            "report_end": pd.Timestamp(end),
        }
    )


@pytest.fixture(scope="module")
def tables() -> FolderTables:
    return FolderTables(settings.SNAPSHOT_DIR)


def test_peak_and_total_over_report_days_with_a_missing_day_not_zero() -> None:
    values = [10] * 40 + [60, None, 80] + [10] * 5
    card = calc.exercise_card(event("x", "2024-02-10", "2024-02-12"), daily(values))
    row = card.measures.set_index("measure").loc["aircraft"]
    assert (row["peak"], row["total"], row["days_reported"], row["days"]) == (80, 140, 2, 3)
    assert row["peak_date"] == pd.Timestamp("2024-02-12") and row["status"] == "ok"
    assert row["baseline"] == 10.0 and row["excess"] == 120.0  # (60 - 10) + (80 - 10): the gap adds nothing


def test_a_day_with_no_report_at_all_is_not_reported() -> None:
    values = [10] * 40 + [None, None] + [10] * 5
    row = calc.exercise_card(event("x", "2024-02-10", "2024-02-11"), daily(values)).measures.iloc[0]
    assert row["status"] == "not_reported" and pd.isna(row["peak"]) and pd.isna(row["total"])


def test_baseline_only_within_one_definition() -> None:
    before = daily([3] * 30, start="2022-07-06", definition="adiz_entries")
    after = daily([20] * 30, start="2022-08-05")
    both = pd.concat([before, after], ignore_index=True)
    spanning = calc.exercise_card(event("a", "2022-08-03", "2022-08-07"), both).measures.iloc[0]
    assert spanning["status"] == "spans_break" and spanning["peak"] == 20
    assert pd.isna(spanning["total"]) and pd.isna(spanning["baseline"]) and pd.isna(spanning["excess"])
    just_after = calc.exercise_card(event("b", "2022-08-10", "2022-08-11"), both).measures.iloc[0]
    assert just_after["status"] == "no_baseline" and just_after["total"] == 40 and pd.isna(just_after["baseline"])
    # the same rule as the Exercises page's comparison
    catalog = pd.DataFrame([event("a", "2022-08-03", "2022-08-07"), event("b", "2022-08-10", "2022-08-11")])
    compared = ev.compare_exercises(both, catalog).set_index("id")
    assert not compared.loc["a", "comparable"] and pd.isna(compared.loc["b", "aircraft_baseline"])


def test_a_table_that_starts_later_is_not_covered() -> None:
    extra = pd.DataFrame(
        {
            "date": pd.date_range("2024-03-01", periods=5, freq="D", unit="ns"),
            "official_ships": pd.array([1] * 5, dtype="Int64"),
            "crossed_median": pd.array([2] * 5, dtype="Int64"),
        }
    )
    card = calc.exercise_card(event("x", "2024-02-10", "2024-02-11"), daily([10] * 60), extra=extra)
    assert card.measures.set_index("measure").loc["official_ships", "status"] == "not_covered"
    assert not calc.coverage(extra, pd.Timestamp("2024-02-10")).covered


def test_trigger_card_reads_the_14_days_after_against_the_30_before() -> None:
    values = [10] * 40 + [99] + [20] * 14 + [500] * 5  # the trigger's day itself, then 14 days, then later
    frame = daily(values)
    trigger = event("t", "2024-02-10", "2024-02-10", kind="political")
    catalog = pd.DataFrame(
        [trigger, event("drill", "2024-02-13", "2024-02-14"), event("late", "2024-03-20", "2024-03-21")]
    )
    card = calc.trigger_card(trigger, frame, catalog)
    row = card.measures.set_index("measure").loc["aircraft"]
    assert (row["days"], row["total"], row["peak"]) == (14, 280, 20)  # neither day 0 (99) nor day 15 (500)
    assert row["baseline"] == 10.0 and row["excess"] == 140.0
    assert card.related == ["drill"]


def test_japan_days_and_warnings_in_force() -> None:
    japan = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-02-09", "2024-02-10", "2024-02-10", "2024-02-11"]),
            "indicator": ["strait_transit", "strait_transit", "joint_drill", "strait_transit"],
            "strait": ["miyako", "miyako", "none", "yonaguni"],
            "flag": pd.array([1, 1, 1, 0], dtype="Int64"),
        }
    )
    days = calc.japan_days(japan, pd.Timestamp("2024-02-10"), pd.Timestamp("2024-02-11"))
    assert days.to_dict("records") == [
        {"indicator": "joint_drill", "strait": "none", "days": 1},
        {"indicator": "strait_transit", "strait": "miyako", "days": 1},
    ]
    warnings = pd.DataFrame(
        {
            "notice": ["a", "b", "c"],
            "start": pd.to_datetime(["2024-02-01", "2024-02-11", "2024-02-20"]),
            "end": pd.to_datetime(["2024-02-10", None, "2024-02-21"]),
        }
    )
    hit = calc.warnings_in_force(warnings, pd.Timestamp("2024-02-10"), pd.Timestamp("2024-02-11"))
    assert hit["notice"].tolist() == ["a", "b"]


# --- the shipped snapshot ---------------------------------------------------------------------------------


def test_every_card_renders_for_every_event_with_a_source_line(tables: FolderTables) -> None:
    events = tables.table("events")
    for _, row in events.iterrows():
        chart = "precedent_card" if row["kind"] == "exercise" else "trigger_card"
        rendered = render(tables, chart, Settings(exercise=row["id"]))
        assert rendered.key.endswith(row["id"]), (chart, row["id"])
        assert source_text(rendered.fig).startswith("Source: ")
        assert (rendered.fig.layout.width, rendered.fig.layout.height) == (794, 1123)
        texts = "".join(a.text for a in rendered.fig.layout.annotations).replace("<br>", "")
        assert row["name_ja"] in texts and row["name_zh_tw"] in texts


def test_joint_sword_2024a_against_the_snapshot_tables(tables: FolderTables) -> None:
    """23-24 May 2024, reported on 24-25 May: the card's figures are MND's published counts for those days."""
    data = render(tables, "precedent_card", Settings(exercise="joint-sword-2024a")).data.set_index("measure")
    raw = tables.table("air_sea_daily").set_index("date").loc["2024-05-24":"2024-05-25"]
    for column in ("aircraft", "vessels"):
        assert data.loc[column, "total"] == raw[column].sum() and data.loc[column, "peak"] == raw[column].max()
    assert (data.loc["aircraft", "total"], data.loc["vessels", "peak"]) == (111, 27)
    assert data.loc["official_ships", "status"] == "not_covered"  # mnd_daily_measures starts in Oct 2025


def test_comparison_sheet_matches_the_exercises_page(tables: FolderTables) -> None:
    sheet = render(tables, "precedent_sheet").data.set_index("id")
    compared = ev.compare_exercises(tables.table("air_sea_daily"), tables.events_by_report_day()).set_index("id")
    assert list(sheet.index) == list(compared.index) == list(calc.exercises(tables.table("events"))["id"])
    for column in compared.columns:
        pd.testing.assert_series_equal(sheet[column], compared[column], check_names=False)
    assert not sheet.loc["pla-drills-aug-2022", "comparable"] and pd.isna(
        sheet.loc["pla-drills-aug-2022", "aircraft_total"]
    )
    assert (
        sheet.loc["justice-mission-2025", "zones"] == 5
        and sheet.loc["justice-mission-2025", "official_ships_total"] == 16
    )


def _fonts(page) -> list[dict]:
    found = []

    def walk(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            found.append(font.get_object())
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                walk(xobject["/Resources"])

    walk(page.get("/Resources"))
    return found


def _embedded(font: dict) -> bool:
    fonts = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
    for item in fonts:
        descriptor = item.get("/FontDescriptor")
        if descriptor is not None and any(
            k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
        ):
            return True
    return False


def test_all_cards_pdf_is_one_a4_page_per_card_with_embedded_fonts(tables: FolderTables) -> None:
    need_chromium()
    import kaleido

    from deck import cards

    kaleido.start_sync_server(silence_warnings=True)
    try:
        data = cards.cards_pdf(tables, "ja")
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(tables.table("events"))
    names = set()
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - 595.28) < 0.5 and abs(float(box.height) - 841.89) < 0.5
        fonts = _fonts(page)
        assert fonts
        for font in fonts:
            assert font["/Subtype"] != "/Type3", font.get("/BaseFont")
            assert _embedded(font), font.get("/BaseFont")
            names.add(str(font.get("/BaseFont")))
    assert any("BIZUDPGothic" in n or "ZenHei" in n for n in names)  # the Japanese text is a real CJK font
    assert reader.metadata.title == i18n.catalog("ja")["events_page.cards"]
    assert i18n.current() == "en"  # the caller's language is put back


def test_cards_cli_writes_one_card_its_png_and_the_sheet(tmp_path: Path) -> None:
    need_chromium()
    from deck.__main__ import main

    out = tmp_path / "cards.pdf"
    code = main(
        [
            "cards",
            "--out",
            str(out),
            "--lang",
            "zh-TW",
            "--card",
            "joint-sword-2024a",
            "--png",
            str(tmp_path / "png"),
            "--sheet",
            str(tmp_path / "sheet.pdf"),
        ]
    )
    assert code == 0
    assert len(PdfReader(out).pages) == 1
    sheet = PdfReader(tmp_path / "sheet.pdf").pages[0].mediabox
    assert float(sheet.width) > float(sheet.height)  # A4 landscape
    pngs = list((tmp_path / "png").glob("*.png"))
    assert [p.name for p in pngs] == ["precedent-card-joint-sword-2024a-zh-TW.png"]
    assert pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["cards", "--out", str(tmp_path / "x.pdf"), "--card", "no-such-event"]) == 2


def test_events_page_cards_tab_shows_the_chosen_card_and_downloads() -> None:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("views/events.py").run()
    at = open_section(at, "cards")
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert {"This card (PDF)", "This card (PNG)", "Comparison sheet (PDF)"} <= set(labels)
    assert any(re.fullmatch(r"All \d+ cards \(PDF\)", label) for label in labels)
    assert len(at.get("plotly_chart")) == 1  # the card, drawn at its page's size
    # the A4 landscape comparison sheet is wider than a laptop's column: the screen shows its table
    (sheet,) = at.dataframe
    assert "justice-mission-2025" in set(sheet.value["id"]) and "aircraft_excess" in sheet.value
    at.selectbox(key="card_event").set_value("lai-inauguration-2024").run()
    assert not at.exception
    card = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert card["title"]["text"] == "Precedent card · Political event and the 14 days after it"  # the trigger's card


ALLOWED_TAGS = re.compile(r"<br>|<span style='color:#[0-9A-Fa-f]{6}'>|</span>")


def _figure_texts(fig) -> list[str]:
    texts = [a.text for a in fig.layout.annotations] + [fig.layout.title.text or ""]
    for trace in fig.data:
        if trace.type == "table":
            texts += [str(v) for v in trace.header.values]
            texts += [str(v) for column in trace.cells.values for v in column]
    return texts


def test_hostile_names_and_citations_are_escaped_on_cards(tmp_path: Path) -> None:
    hostile = FolderTables(hostile_snapshot(settings.SNAPSHOT_DIR, tmp_path / "snapshot"))
    events = hostile.table("events")
    exercise = events.loc[events["kind"] == "exercise", "id"].iloc[0]
    trigger = events.loc[events["kind"] != "exercise", "id"].iloc[0]
    for chart, chosen in (("precedent_card", exercise), ("trigger_card", trigger), ("precedent_sheet", None)):
        fig = render(hostile, chart, Settings(exercise=chosen)).fig
        for text in _figure_texts(fig):
            assert "<" not in ALLOWED_TAGS.sub("", text), (chart, text[:120])
            assert len(text) < 3_000, chart  # the 10 000-character payload is cut, not laid across the page
        joined = " ".join(_figure_texts(fig))
        assert "&lt;script&gt;" in joined or "&lt;img" in joined, chart  # the payloads are there, as text
    assert all("<" in payload for payload in MARKUP[:2])


def test_a_card_survives_presenter_scaling(tables: FolderTables) -> None:
    """Presenter mode and slide exports scale every figure (charts.theme.scaled), source line included."""
    from charts.theme import scaled

    fig = render(tables, "precedent_card", Settings(exercise="justice-mission-2025")).fig
    assert source_text(scaled(fig, 1.35))
