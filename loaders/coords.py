"""Read the latitude/longitude notations used in Chinese maritime notices and PLA announcements.

Notices write positions in several ways, all degrees-minutes(-seconds), never decimal:

    21-23.00N 108-47.40E      degrees-decimal minutes (MSA English and Chinese notices)
    38-51.7N121-38.2E         the same without a space
    18-53.25N/111-51.58E      with a slash
    23-41.31N、117-31.49E     with a Chinese enumeration comma
    23-14-12N117-20-42E       degrees-minutes-seconds with dashes
    N 39°24′35″、E 119°13′44″ hemisphere first, with degree/minute/second signs
    北纬25°15′26″、东经120°29′20″  (Xinhua notices; hemisphere as 北纬/東經)

One parser for all of them keeps the nav-warning loader and the hand-transcribed exercise zones
consistent. It never guesses: a minute or second of 60 or more, or a missing part, is no match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d{1,2}(?:\.\d+)?"
_SEP = r"\s*[/、,，]?\s*"

# Dash notation: DD-MM(.mm)[-SS]N  DDD-MM(.mm)[-SS]E. The longitude's E is optional because some
# Chinese notices drop it ("33-55.00N120-26.20诸点连线").
DASH = re.compile(
    rf"(?P<lat_d>\d{{1,2}})-(?P<lat_m>{_NUM})(?:-(?P<lat_s>{_NUM}))?\s*(?P<lat_h>[NS])"
    rf"{_SEP}(?P<lon_d>\d{{1,3}})-(?P<lon_m>{_NUM})(?:-(?P<lon_s>{_NUM}))?(?:\s*(?P<lon_h>[EW]))?"
    r"(?![\d.])"
)

# Sign notation: N 39°24′35″ E 119°13′44″ or 北纬25°15′26″ 东经120°29′20″ (″ may be typed as 〃 or ").
_MIN_MARK = r"[′'’]"
_SEC_MARK = r"(?:[″\"”〃]|′′|'')"
SIGN = re.compile(
    rf"(?P<lat_h>N|S|北纬|北緯|南纬|南緯)\s*(?P<lat_d>\d{{1,2}})\s*°\s*(?P<lat_m>{_NUM})\s*{_MIN_MARK}\s*"
    rf"(?:(?P<lat_s>{_NUM})\s*{_SEC_MARK})?"
    rf"{_SEP}(?P<lon_h>E|W|东经|東經|西经|西經)\s*(?P<lon_d>\d{{1,3}})\s*°\s*(?P<lon_m>{_NUM})\s*{_MIN_MARK}\s*"
    rf"(?:(?P<lon_s>{_NUM})\s*{_SEC_MARK})?"
)


@dataclass(frozen=True)
class Vertex:
    """One position in decimal degrees, plus where it was found in the text."""

    lat: float
    lon: float
    start: int
    end: int


def _decimal(degrees: str, minutes: str, seconds: str | None) -> float | None:
    d, m, s = float(degrees), float(minutes), float(seconds or 0)
    if m >= 60 or s >= 60:
        return None
    return d + m / 60 + s / 3600


def _vertex(match: re.Match) -> Vertex | None:
    g = match.groupdict()
    lat = _decimal(g["lat_d"], g["lat_m"], g["lat_s"])
    lon = _decimal(g["lon_d"], g["lon_m"], g["lon_s"])
    if lat is None or lon is None:
        return None
    if g["lat_h"] in ("S", "南纬", "南緯"):
        lat = -lat
    if g["lon_h"] in ("W", "西经", "西經"):
        lon = -lon
    return Vertex(lat=lat, lon=lon, start=match.start(), end=match.end())


def find_vertices(text: str) -> list[Vertex]:
    """Every well-formed position in `text`, in reading order (malformed ones are left out)."""
    found = [v for pattern in (DASH, SIGN) for m in pattern.finditer(text) if (v := _vertex(m))]
    return sorted(found, key=lambda v: v.start)


def parse_vertex(text: str) -> Vertex | None:
    """Exactly one position making up the whole of `text` (surrounding spaces allowed), else None."""
    stripped = text.strip()
    for pattern in (DASH, SIGN):
        match = pattern.fullmatch(stripped)
        if match:
            return _vertex(match)
    return None
