"""The Replay page through the router (AppTest): exercise pick, previous/next, play, links, bad links, presenter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import chart_source_lines, url_notices

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGE = "views/replay.py"
JM = "justice-mission-2025"


def open_replay(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in (params or {}).items():
        at.query_params[name] = value
    return at.switch_page(PAGE).run()  # the router runs first, as for a shared link


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def cards(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "class='replay-cards'" in m.value)


def position(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "report day" in m.value or "報告日" in m.value)


def test_opens_on_the_latest_exercise_with_its_first_day() -> None:
    at = open_replay()
    ok(at)
    assert at.title[0].value == "Exercise replay"
    assert at.selectbox(key="replay").value == JM
    assert at.session_state["replay_day"] == date(2025, 12, 27)  # three days before the first report day
    assert "report day 1 of 8" in position(at) and "before the exercise" in position(at)
    assert len(at.main.get("plotly_chart")) == 1 and len(at.get("deck_gl_json_chart")) == 1
    assert any("Data to 2026-08-22" in line for line in chart_source_lines(at))
    assert "Running totals start" in " ".join(c.value for c in at.caption)


def test_next_and_previous_step_one_report_day_with_the_day_s_figures() -> None:
    at = open_replay({"replay": JM, "day": "2025-12-29"})
    ok(at)
    at.button(key="replay_next").click().run()
    ok(at)
    assert at.session_state["replay_day"] == date(2025, 12, 30)
    figures = cards(at)
    assert ">130<" in figures and ">14<" in figures and ">90<" in figures and ">8<" in figures
    assert "exercise report day 1 of 2" in position(at)
    at.button(key="replay_next").click().run()
    figures = cards(at)
    assert ">77<" in figures and ">35<" in figures and ">207<" in figures and ">31<" in figures  # totals
    at.button(key="replay_prev").click().run()
    assert at.session_state["replay_day"] == date(2025, 12, 30)
    assert "Map: in force on 29 Dec 2025" in " ".join(c.value for c in at.caption)


def test_the_ends_of_the_window_disable_their_button() -> None:
    at = open_replay({"replay": JM, "day": "2026-01-03"})
    ok(at)
    assert at.button(key="replay_next").disabled and not at.button(key="replay_prev").disabled
    assert "after the exercise" in position(at)


def test_picking_another_exercise_starts_on_its_first_day() -> None:
    at = open_replay({"replay": JM, "day": "2025-12-31"})
    at.selectbox(key="replay").set_value("pla-drills-aug-2022").run()
    ok(at)
    assert at.session_state["replay_day"] == date(2022, 8, 1)
    at.session_state["replay_day"] = date(2022, 8, 6)
    at.run()
    ok(at)
    figures = cards(at)
    assert "(new count)" in figures  # the aircraft total restarts at the definition break, and says so
    assert "not reported" in figures  # MND's own measures of Oct 2025 on are absent in 2022: never 0


def test_the_sidebar_range_can_be_replayed() -> None:
    at = open_replay({"replay": "range", "from": "2026-01-01", "to": "2026-01-10", "day": "2026-01-05"})
    ok(at)
    assert at.session_state["replay_day"] == date(2026, 1, 5)
    assert "report day 5 of 10" in position(at)
    japan = next(m.value for m in at.markdown if "Japan MOD" in m.value)
    assert "Miyako Strait" in japan or "Ship passage" in japan


def test_playing_moves_one_day_per_tick_and_stops_at_the_end() -> None:
    at = open_replay({"replay": JM, "day": "2026-01-02"})
    at.button(key="replay_play").click().run()
    ok(at)
    assert at.session_state["replay_playing"] is True
    assert at.session_state["replay_day"] == date(2026, 1, 2)  # the click itself does not step
    at.session_state["_replay_stepped_at"] = 0.0  # the timer is due
    at.run()
    assert at.session_state["replay_day"] == date(2026, 1, 3)
    at.session_state["_replay_stepped_at"] = 0.0
    at.run()
    ok(at)
    assert at.session_state["replay_playing"] is False and at.session_state["replay_day"] == date(2026, 1, 3)


def test_a_link_opens_the_step_it_names() -> None:
    at = open_replay({"replay": JM, "day": "2025-12-31", "lang": "ja"})
    ok(at)
    assert at.session_state["replay_day"] == date(2025, 12, 31)
    assert "2025/12/31" in position(at)
    assert dict(at.query_params)["day"] in (["2025-12-31"], "2025-12-31")
    assert not url_notices(at)


@pytest.mark.parametrize(
    "params, fragment",
    [
        ({"replay": "<script>alert(1)</script>"}, "“replay” was ignored"),
        ({"replay": JM, "day": "2025-13-01"}, "“day” was ignored"),
        ({"replay": JM, "day": "2024-05-20"}, "“day” was ignored (not one of this replay's days"),
        ({"replay": "taiwan-election-2024"}, "“replay” was ignored"),  # an event, but not an exercise
    ],
)
def test_bad_link_values_are_dropped_with_a_notice(params: dict[str, str], fragment: str) -> None:
    at = open_replay(params)
    ok(at)
    notices = url_notices(at)
    assert len(notices) == 1 and fragment in notices[0], notices
    assert "<script>" not in notices[0]
    assert at.selectbox(key="replay").value == JM


def test_presenter_mode_shows_the_step_alone() -> None:
    at = open_replay({"replay": JM, "day": "2025-12-30", "present": "1"})
    ok(at)
    assert not at.title  # no page title, no picker: the step line names the exercise
    assert not [s for s in at.selectbox if s.key == "replay"]
    assert "**Justice Mission\\-2025**" in position(at)
    assert len(at.main.get("plotly_chart")) == 1 and not at.expander  # the strip alone, no downloads
    at.button(key="replay_next").click().run()
    assert at.session_state["replay_day"] == date(2025, 12, 31)
