"""The position parser shared by the nav-warning loader and the transcribed exercise zones."""

from __future__ import annotations

import pytest

from loaders.coords import find_vertices, parse_vertex

FORMATS = {
    "21-23.00N 108-47.40E": (21 + 23 / 60, 108 + 47.4 / 60),
    "38-51.7N121-38.2E": (38 + 51.7 / 60, 121 + 38.2 / 60),
    "18-53.25N/111-51.58E": (18 + 53.25 / 60, 111 + 51.58 / 60),
    "19-37.12N /110-57.32E": (19 + 37.12 / 60, 110 + 57.32 / 60),
    "23-41.31N、117-31.49E": (23 + 41.31 / 60, 117 + 31.49 / 60),
    "21-10.17N，110-32.13E": (21 + 10.17 / 60, 110 + 32.13 / 60),
    "38-44N122-04E": (38 + 44 / 60, 122 + 4 / 60),
    "23-14-12N117-20-42E": (23 + 14 / 60 + 12 / 3600, 117 + 20 / 60 + 42 / 3600),
    "N 39°24′35″、E 119°13′44″": (39 + 24 / 60 + 35 / 3600, 119 + 13 / 60 + 44 / 3600),
    "北纬25°15′26″、东经120°29′20″": (25 + 15 / 60 + 26 / 3600, 120 + 29 / 60 + 20 / 3600),
    "北緯26°32′00〃、東經121°40′00〃": (26 + 32 / 60, 121 + 40 / 60),
}


@pytest.mark.parametrize("text", sorted(FORMATS))
def test_every_published_notation(text: str) -> None:
    vertex = parse_vertex(text)
    assert vertex is not None, text
    assert vertex.lat == pytest.approx(FORMATS[text][0]) and vertex.lon == pytest.approx(FORMATS[text][1])


@pytest.mark.parametrize(
    "text",
    [
        "21-61.00N 108-47.40E",
        "21-23.00N 108-47.40E-70",
        "21-23.00 108-47.40E",
        "21.38,108.79",
        "N 39°24′35″",
        "",
        "abc",
    ],
)
def test_malformed_positions_are_not_read(text: str) -> None:
    # minutes >= 60, trailing junk, no hemisphere on the latitude, decimal pairs, half a position: never guessed
    assert parse_vertex(text) is None


def test_missing_longitude_hemisphere_is_tolerated_inside_text() -> None:
    # Some Chinese notices drop the final E ("33-55.00N120-26.20诸点连线"); the position is still counted.
    found = find_vertices("在34-13.10N120-18.00E，33-55.00N120-26.20诸点连线范围内")
    assert len(found) == 2 and found[1].lon == pytest.approx(120 + 26.2 / 60)


def test_southern_and_western_hemispheres_are_negative() -> None:
    vertex = parse_vertex("10-30.00S 020-15.00W")
    assert vertex.lat == pytest.approx(-10.5) and vertex.lon == pytest.approx(-20.25)


def test_find_vertices_keeps_reading_order_and_skips_times() -> None:
    text = "2026-03-15 13:35 桂航警51/26，3月16日，在21-23.00N 108-47.40E；21-12.40N 108-58.00E连线"
    found = find_vertices(text)
    assert [round(v.lat, 4) for v in found] == [21.3833, 21.2067]
