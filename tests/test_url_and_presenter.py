"""Shareable views (query parameters, fuzzed) and presenter mode, through the real router."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import i18n
from tests.conftest import FRESHNESS_ICON, url_notices
from ui import controls, url

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def run_with(params: dict[str, str], page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def test_valid_parameters_restore_the_view() -> None:
    at = run_with(
        {
            "from": "2024-01-01",
            "to": "2024-12-31",
            "metric": "vessels",
            "events": "0",
            "year": "2024",
            "view": "calendar",
        },
        "views/activity.py",
    )
    assert not at.exception
    assert at.session_state["date_range"] == (date(2024, 1, 1), date(2024, 12, 31))
    assert at.caption[0].value.startswith("PLA Navy vessels · 1 Jan 2024 – 31 Dec 2024")
    assert at.selectbox(key="calendar_year").value == 2024
    assert not url_notices(at)


def test_state_is_written_back_to_the_url() -> None:
    at = run_with({"metric": "vessels"}, "views/activity.py")
    params = dict(at.query_params)
    assert params["metric"] == ["vessels"] or params["metric"] == "vessels"
    assert "from" in params and "to" in params
    at.session_state["section"] = "calendar"  # what picking the Calendar tab stores (by id)
    at.run()
    assert dict(at.query_params)["view"] in (["calendar"], "calendar")


def test_an_unknown_view_falls_back_to_the_first_tab() -> None:
    at = run_with({"view": "calendar"}, "views/japan.py")  # a tab the Japan page does not have
    assert not at.exception and not url_notices(at)
    assert at.session_state["section"] == "straits"
    assert len(at.get("plotly_chart")) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"from": "yesterday"},
        {"to": "2024-02-30"},
        {"metric": "<script>alert(1)</script>"},
        {"events": "yes"},
        {"present": "[x](javascript:alert(1))"},
        {"year": "99999"},
        {"exercise": "' OR 1=1 --"},
        {"from": "2" * 5000},
    ],
)
def test_bad_parameters_fall_back_with_a_notice(params: dict[str, str]) -> None:
    at = run_with(params)
    assert not at.exception
    assert at.title[0].value == "PLA pressure around Taiwan at a glance"
    notices = url_notices(at)
    assert len(notices) == 1 and "was ignored" in notices[0]
    value = next(iter(params.values()))
    assert all(value not in w for w in notices)  # never reflected


def test_range_outside_the_data_is_clamped() -> None:
    at = run_with({"from": "1990-01-01", "to": "2099-01-01"})
    assert not at.exception
    first, last = at.session_state["date_range"]
    assert first == date(2015, 3, 30) and last == date(2026, 8, 22)


@given(
    st.dictionaries(
        st.sampled_from(["from", "to", "metric", "events", "present", "year", "exercise", "x"]),
        st.text(max_size=30),
        max_size=4,
    )
)
@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzzed_parameters_never_crash(params: dict[str, str]) -> None:
    at = run_with(params)
    assert not at.exception
    # Every notice is one of the fixed messages (so no value is ever reflected; a value that merely
    # matches part of a message's own words, such as "valu", is not a reflection).
    why = [i18n.t(f"url.{key}") for key in ("not_date", "not_flag", "not_known", "not_year", "not_slide", "too_long")]
    names = ["from", "to", "metric", "events", "present", "year", "exercise", "lang", "slide", "view"]
    fixed = {i18n.t("url.ignored", name=n, why=w) for n in names for w in why}
    fixed |= {i18n.t("url.unknown", count=c) for c in range(1, 5)}
    for notice in url_notices(at):
        assert notice in fixed, notice


def test_parsers_refuse_what_they_should() -> None:
    assert url._iso_date("2024-02-29") == date(2024, 2, 29)
    for bad in ("2024-02-30", "", "2024/01/01"):
        with pytest.raises(url.Invalid):
            url._iso_date(bad)
    with pytest.raises(url.Invalid):
        url._flag("true")
    with pytest.raises(url.Invalid):
        url._year("１２３４")  # full-width digits are digits to str.isdigit but not a year here
    # Forms a lax parser would take: a Unix time as a date, signs, underscores and decimals in a year.
    for parse, bad in ((url._iso_date, "86400"), (url._year, "+2024"), (url._year, "2_024"), (url._year, "2024.0")):
        with pytest.raises(url.Invalid):
            parse(bad)
    assert url._year("2024") == 2024 and url._slide("3") == 3 and url._section("by_hand") == "by_hand"
    for parse, bad in ((url._slide, "51"), (url._section, "By-Hand"), (url._year, "1999")):
        with pytest.raises(url.Invalid):
            parse(bad)


def test_presenter_mode_hides_chrome_and_enlarges_charts() -> None:
    at = run_with({"present": "1"})
    assert not at.exception
    assert any(b.key == "exit_presenter" for b in at.button)
    assert not at.expander  # no data expanders while presenting
    chart = at.get("plotly_chart")[0]
    import json

    spec = json.loads(chart.proto.spec)
    assert spec["layout"]["title"]["font"]["size"] == 28  # 20 x 1.4
    at.button(key="exit_presenter").click().run()
    assert not at.exception
    assert at.session_state["presenter"] is False
    assert at.expander


def test_every_page_header_says_how_old_the_data_are() -> None:
    """The committed snapshot ends 22 Aug 2026: on a later day every page opens with its age, visibly."""
    from datetime import date as day

    age = (day.today() - day(2026, 8, 22)).days
    for page in ("views/overview.py", "views/activity.py", "views/sources.py", "views/map.py"):
        at = run_with({}, page)
        banners = [w.value for w in at.warning if w.icon == FRESHNESS_ICON]
        if age > 14:
            assert len(banners) == 1 and "22 Aug 2026" in banners[0] and f"{age:,} days ago" in banners[0], page
        else:
            assert not banners and any("22 Aug 2026" in c.value for c in at.caption), page


def _order(at: AppTest) -> list[str]:
    """Element types of the main area in page order (depth first)."""
    found: list[str] = []

    def walk(node) -> None:
        kind = getattr(node, "type", "")
        if kind in ("plotly_chart", "metric"):
            found.append(kind)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found


@pytest.mark.parametrize("page", [None, "views/japan.py", "views/trade.py"])
def test_presenter_mode_puts_the_main_chart_before_the_headline_figures(page: str | None) -> None:
    """The room's first screen shows the main chart whole; the figures that open the page follow it."""
    normal, presenting = _order(run_with({}, page)), _order(run_with({"present": "1"}, page))
    assert normal.index("metric") < normal.index("plotly_chart")
    assert presenting.index("plotly_chart") < presenting.index("metric")
    assert sorted(normal) == sorted(presenting)  # the same figures, only in another order


def test_share_link_reopens_this_view() -> None:
    """The sidebar's share popover holds the link to this exact view: page, language, measure and tab."""
    at = run_with({"lang": "ja", "metric": "vessels", "view": "month"}, "views/activity.py")
    assert not at.exception
    assert not at.sidebar.code  # sent only once the popover is opened
    at.session_state[controls.SHARE_KEY] = True
    at.run()
    assert not at.exception
    (link,) = [c.value for c in at.sidebar.code]
    assert "/activity?" in link and "lang=ja" in link and "metric=vessels" in link and "view=month" in link
    presenting = run_with({"present": "1"})
    assert not presenting.sidebar.code  # no sidebar while presenting
