"""Every catalog chart laid out by plotly.js in Chromium, as exported (A4 column), as presented and as a
1280 px screen shows it: no text cut off at the figure's edge and no two texts of different parts
overlapping, in all three languages (tools.layout_check). The checker itself is tested on measured boxes
made up here."""

from __future__ import annotations

import pytest

from tests.test_browser import _require_chromium
from tools import layout_check


def box(part: str, text: str, left: float, right: float, top: float, bottom: float, id: str | None = None) -> dict:
    return dict(part=part, text=text, left=left, right=right, top=top, bottom=bottom, id=id)


def test_checker_finds_cut_and_overlapping_text_and_lets_ticks_and_one_label_be() -> None:
    measured = {
        "width": 600,
        "height": 400,
        "texts": [
            box("title", "Title", 10, 200, 5, 25),
            box("legend", "Key over the title", 100, 180, 20, 32),  # overlaps the title
            box("annotation", "Source: cut", 10, 640, 380, 396),  # runs past the right edge
            box("xticks", "2020", 50, 80, 350, 362),
            box("xticks", "2021", 78, 108, 350, 362),  # ticks of one axis may touch
            box("annotation", "line one", 300, 360, 100, 112, id="3"),
            box("annotation", "line two", 300, 360, 111, 123, id="3"),  # one annotation's own lines
            box("yticks", "Joint Sword 2023<br>8 Apr 2023", 5, 45, 200, 230),
            box("yticks", "Aug 2023 patrols<br>19 Aug 2023", 5, 45, 222, 252),  # rows of labels run together
            box("datatext", "Pelosi visit", 300, 380, 300, 312),
            box("datatext", "Aug 2022 drills", 370, 450, 305, 317),  # labels drawn as data, over each other
        ],
    }
    found = layout_check.problems_in(measured)
    assert any(p.startswith("overlap: title 'Title' and legend") for p in found), found
    assert any(p.startswith("cut: annotation 'Source: cut'") for p in found), found
    assert any(p.startswith("overlap: yticks 'Joint Sword 2023") for p in found), found
    assert any(p.startswith("overlap: datatext 'Pelosi visit'") for p in found), found
    assert len(found) == 4, found


@pytest.mark.browser
def test_no_chart_has_cut_or_overlapping_text() -> None:
    _require_chromium()
    import i18n

    before = i18n.current()
    found = layout_check.check(layout_check.catalog_figures(["en", "ja", "zh-TW"], ["a4", "presenter", "screen-1280"]))
    assert i18n.current() == before  # the checker leaves the language as it found it (other tests read English)
    assert not found, "\n".join(found)
