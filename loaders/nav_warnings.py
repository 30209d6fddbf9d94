"""China MSA navigation warnings for military training and live fire -> `nav_warnings` (+ `nav_warnings_qc`).

Source: pla-data-dashboard scrapes msa.gov.cn (12 regional MSA bureaus) into
`navigation_warnings/military_exercises.csv`, one row per published notice. Each row has the
upstream's decimal vertex list (`coordinates`, "lat,lon; …"), the same vertices as printed
(`coordinates_raw`), the first 500 characters of the notice text (`content_preview`) and the
period the upstream read from it (`start_date`, `end_date`).

The rule for bad input (tested in tests/test_loader_nav_warnings.py):

* A broken FILE stops the refresh with a LoaderError naming file, row and column: missing file or
  column, not UTF-8, no rows, an unreadable `publish_date`, a blank `url` or `title`. So does a
  file where more than half of the notices cannot be drawn (the upstream format has changed).
* A broken NOTICE is reported and skipped, never drawn at a guessed place (and never at 0,0):
  it gets a row in `nav_warnings_qc` with action "skipped". One bad notice among hundreds must not
  block the refresh, and the upstream scrape cannot be corrected here. A notice whose `url` is not an
  http(s) address is skipped too (check `bad_url`): the map shows it as a clickable link.
* A notice drawn with a caveat (circle drawn as its centre, period not stated upstream, …) gets a
  QC row with action "kept" and the same words in its `notes` column, so the map can say so.

A notice is drawn only when its vertex list can be trusted as the notice's own outline: vertices
parse, lie on Earth and in the China seas, agree with the printed positions, the notice text lists
the same number of positions (the upstream parser misses some formats and the text is cut at 500
characters), the text describes one area (several areas are flattened into one list upstream, and
joining them would draw a shape nobody announced), and a polygon does not cross itself.

Times: Chinese notices give Beijing time (UTC+8), English ones UTC; `start`/`end` are the
upstream's calendar dates of each notice's own times, kept as published.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd
import shapely
from shapely.geometry import LineString, Point, Polygon

from loaders.contract import PLA_DATA_DASHBOARD, Column, RawFolder, Source, TableSpec, UpstreamFile, conform
from loaders.coords import find_vertices, parse_vertex
from loaders.errors import LoaderError
from loaders.raw_csv import FIRST_DATE, LAST_DATE, line_of, parse_dates, read_csv_strings
from loaders.snapshot import BuiltTable, input_record

RAW_FILE = UpstreamFile(
    path="pla-data-dashboard/navigation_warnings/military_exercises.csv",
    upstream_path="data/navigation_warnings/military_exercises.csv",
    sha256="0a614dd010b2db93ea60d5fef88db6eef1a0bf923e0657af0656dec3c1727645",
)

SOURCE = Source(
    name="China Maritime Safety Administration navigation warnings, via pla-data-dashboard",
    publisher="China Maritime Safety Administration (msa.gov.cn); scraped by s0914712/pla-data-dashboard",
    **PLA_DATA_DASHBOARD.fields(),
    licence="None stated upstream (no LICENSE file); facts from public MSA notices",
    files=(RAW_FILE,),
)

REQUIRED = [
    "publish_date",
    "title",
    "channel",
    "time_periods",
    "coordinate_count",
    "coordinates",
    "coordinates_raw",
    "content_preview",
    "url",
    "start_date",
    "end_date",
]

# Plausibility box for the China seas (Bohai to the South China Sea); anything outside is a typo.
REGION = (105.0, 15.0, 135.0, 42.0)  # lon_min, lat_min, lon_max, lat_max
RAW_TOLERANCE_DEG = 0.001  # decimal list vs printed positions: rounding only (~100 m)
TEXT_CAP = 500  # upstream keeps the first 500 characters of each notice
MAX_SKIPPED_SHARE = 0.5

BUREAUS_EN = {
    "辽宁海事局": "Liaoning MSA",
    "河北海事局": "Hebei MSA",
    "天津海事局": "Tianjin MSA",
    "山东海事局": "Shandong MSA",
    "连云港海事局": "Lianyungang MSA",
    "江苏海事局": "Jiangsu MSA",
    "上海海事局": "Shanghai MSA",
    "浙江海事局": "Zhejiang MSA",
    "福建海事局": "Fujian MSA",
    "广东海事局": "Guangdong MSA",
    "深圳海事局": "Shenzhen MSA",
    "广西海事局": "Guangxi MSA",
    "海南海事局": "Hainan MSA",
}

# Notice type from the title, longest phrase first ("rocket debris" before "rocket launch").
ACTIVITIES = (
    ("火箭残骸", "rocket debris fall"),
    ("火箭发射", "rocket launch"),
    ("军事活动结束", "military activity ended"),
    ("实弹射击", "live firing"),
    ("军事训练", "military training"),
    ("军事演习", "military exercise"),
    ("军事演练", "military drill"),
    ("军事任务", "military mission"),
    ("军事行动", "military operation"),
    ("军事活动", "military activity"),
    ("禁航区", "no-entry zone"),
    ("搜救演习", "search and rescue drill"),
    ("应急演习", "emergency drill"),
    ("ACTIVITY COMPLETED", "military activity ended"),
    ("GUN FIRING", "live firing"),
    ("MILITARY TRAINING", "military training"),
    ("MILITARY EXERCISE", "military exercise"),
    ("MILITARY MISSION", "military mission"),
    ("MILITARY OPERATION", "military operation"),
    ("MILITARY ACTIVIT", "military activity"),
)

WARNINGS = TableSpec(
    name="nav_warnings",
    title="China MSA navigation warnings for military activity, with their areas",
    description=(
        "Navigation warnings published by China's Maritime Safety Administration for military training, "
        "live fire, rocket launches and similar closures, one row per notice that could be drawn, with "
        "its area as WGS84 geometry. English and Chinese notices of the same closure are separate rows."
    ),
    source=SOURCE,
    columns=(
        Column(
            "warning_id",
            "str",
            "Stable id: first 12 hex digits of SHA-1 of the notice URL (without its per-visit hav= token)",
            nullable=False,
        ),
        Column("notice", "str", "Notice number as published, e.g. 桂航警51/26 or GX20/26", nullable=False),
        Column("publish_date", "datetime64[ns]", "Day the notice was published", nullable=False),
        Column("start", "datetime64[ns]", "First day of the closure (empty if the upstream could not read it)"),
        Column("end", "datetime64[ns]", "Last day of the closure (empty if the upstream could not read it)"),
        Column("bureau", "str", "Issuing MSA bureau as published (Chinese)", nullable=False),
        Column("bureau_en", "str", "Issuing bureau in English (empty if not in the loader's list)", nullable=False),
        Column("title", "str", "Notice title as published (Chinese or English)", nullable=False),
        Column(
            "activity_en", "str", "Kind of activity read from the title, in English ('other' if none)", nullable=False
        ),
        Column("language", "str", "zh | en: language of the notice", nullable=False),
        Column("geometry_type", "str", "polygon | point | line", nullable=False),
        Column("geometry_wkt", "str", "Area as WKT, longitude/latitude in WGS84 degrees", nullable=False),
        Column("centroid_lon", "float64", "Centre of the area, longitude", unit="degrees E", nullable=False),
        Column("centroid_lat", "float64", "Centre of the area, latitude", unit="degrees N", nullable=False),
        Column("coordinate_count", "Int64", "Number of vertices published", unit="vertices", nullable=False),
        Column("url", "str", "Notice on msa.gov.cn", nullable=False),
        Column("notes", "str", "Caveats for this notice (also in nav_warnings_qc); empty if none", nullable=False),
    ),
    key=("publish_date", "warning_id"),
    date_column="publish_date",
    notes=(
        "Notices whose area cannot be trusted are skipped, never placed at a guessed position; every skip "
        "and its reason is in nav_warnings_qc (no coordinates, malformed or out-of-region vertices, the notice "
        "text lists more positions than the upstream extracted, text cut at 500 characters, several areas "
        "flattened into one list, circles or arcs with more than one vertex, self-crossing outlines).",
        "A circle given by its centre and radius is drawn as its centre point (noted per row).",
        "Chinese notices give Beijing time, English notices UTC; start/end are the calendar days as published. "
        "A notice without a readable period keeps empty start/end (noted per row).",
        "Repeated copies of the same notice (same number, date and vertices) are kept once.",
    ),
)

QC = TableSpec(
    name="nav_warnings_qc",
    title="Data-quality log for the navigation warnings",
    description="Every notice skipped or kept with a caveat while building nav_warnings, with the reason.",
    source=SOURCE,
    columns=(
        Column("row", "Int64", "Spreadsheet row in the raw file", nullable=False),
        Column("notice", "str", "Notice number", nullable=False),
        Column("publish_date", "datetime64[ns]", "Day the notice was published", nullable=False),
        Column("check", "str", "Which rule fired (e.g. several_areas, truncated_text, circle_centre)", nullable=False),
        Column("action", "str", "skipped | kept", nullable=False),
        Column("detail", "str", "What was found, in words", nullable=False),
    ),
    key=(),
    date_column=None,
)

TABLES = (WARNINGS, QC)

_WEB_ADDRESS = re.compile(r"^https?://\S+$", re.IGNORECASE)
_SEP_ONLY = re.compile(r"^[\s,;，；、/．.:：()（）\d）]*$")
_JOINER = re.compile(r"^[\s,;，；、/．.:：()（）\d）]*(?:AND|和|及)[\s,;，；、/．.:：()（）\d）]*$", re.IGNORECASE)
_CIRCLE = re.compile(r"半径|圆弧|圆心|RADIUS|CIRCLE|ARC\b", re.IGNORECASE)
_NEAR_LINE = re.compile(r"连线附近|NEAR BY THE LINE|NEAR THE LINE", re.IGNORECASE)
_RADIUS = re.compile(
    r"(\d+(?:\.\d+)?)\s*(海里|千米|公里|MILES?|NM|KM)\s*(?:为)?\s*(?:的)?\s*半径|半径\s*(\d+(?:\.\d+)?)\s*(海里|千米|公里)"
    r"|(\d+(?:\.\d+)?)\s*(MILES?|NM|KM)\s+RADIUS",
    re.IGNORECASE,
)


class Skip(Exception):
    """This notice cannot be drawn faithfully; the message says why (goes to the QC log)."""

    def __init__(self, check: str, detail: str) -> None:
        super().__init__(detail)
        self.check = check
        self.detail = detail


def notice_of(title: str) -> str:
    """The notice number is the part of the title after the em dash: '军事训练—桂航警51/26' -> '桂航警51/26'."""
    return title.split("—")[-1].strip()


def activity_of(title: str) -> str:
    upper = title.upper()
    for phrase, english in ACTIVITIES:
        if phrase in upper:
            return english
    return "other"


def language_of(title: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", title) else "en"


def parse_decimal_list(text: str) -> list[tuple[float, float]]:
    """The upstream 'lat,lon; lat,lon' list; any malformed pair is a Skip (never a guess)."""
    points = []
    for pair in text.split(";"):
        parts = [p.strip() for p in pair.split(",")]
        if len(parts) != 2:
            raise Skip("malformed_coordinates", f"'{pair.strip()}' is not a 'lat,lon' pair")
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            raise Skip("malformed_coordinates", f"'{pair.strip()}' is not a pair of numbers") from None
        if lat != lat or lon != lon:  # NaN
            raise Skip("malformed_coordinates", f"'{pair.strip()}' is not a pair of numbers")
        points.append((lat, lon))
    return points


def check_ranges(points: list[tuple[float, float]]) -> None:
    lon_min, lat_min, lon_max, lat_max = REGION
    for lat, lon in points:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise Skip("out_of_range", f"vertex {lat},{lon} is not a position on Earth")
        if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
            raise Skip(
                "outside_region",
                f"vertex {lat:.4f}N {lon:.4f}E lies outside the China seas box "
                f"{lon_min:g}–{lon_max:g}E, {lat_min:g}–{lat_max:g}N",
            )


def check_printed(points: list[tuple[float, float]], raw: str) -> None:
    """The decimal list must be the printed positions, converted: same count, same places."""
    printed = [parse_vertex(item) for item in raw.split(";") if item.strip()]
    if any(v is None for v in printed):
        bad = next(item for item in raw.split(";") if item.strip() and parse_vertex(item) is None)
        raise Skip("unreadable_printed_position", f"printed position '{bad.strip()}' cannot be read to check the list")
    if len(printed) != len(points):
        raise Skip("printed_mismatch", f"{len(points)} decimal vertices but {len(printed)} printed positions")
    for (lat, lon), v in zip(points, [v for v in printed if v is not None]):  # unreadable ones were refused above
        if abs(lat - v.lat) > RAW_TOLERANCE_DEG or abs(lon - v.lon) > RAW_TOLERANCE_DEG:
            raise Skip(
                "printed_mismatch", f"decimal vertex {lat},{lon} differs from printed position {v.lat:.4f},{v.lon:.4f}"
            )


def vertex_groups(text: str) -> list[int]:
    """Sizes of the runs of positions in the notice text that form one list.

    Positions separated only by commas, enumerations ('2）') or spaces belong together. Any words in
    between ('…连线范围内以及…', 'AND AREA B BOUNDED BY') start a new list. A lone 'AND'/'和'
    joins the last position of a list ('a, b, c AND d') but starts a new list when two or more
    positions follow it ('a、b、c、d AND e、f、g、h' = two areas).
    """
    found = find_vertices(text)
    groups: list[list[str]] = []  # per group, the gap kinds before each member
    for index, vertex in enumerate(found):
        gap = text[found[index - 1].end : vertex.start] if index else None
        if gap is None or not (_SEP_ONLY.match(gap) or _JOINER.match(gap)):
            groups.append(["start"])
        else:
            groups[-1].append("join" if _JOINER.match(gap) and not _SEP_ONLY.match(gap) else "sep")
    sizes: list[int] = []
    for kinds in groups:
        size = 0
        for position, kind in enumerate(kinds):
            if kind == "join" and len(kinds) - position >= 2:
                sizes.append(size)
                size = 0
            size += 1
        sizes.append(size)
    return sizes


def text_was_cut(text: str) -> bool:
    """Cut at the upstream's 500-character cap inside or right after the position list?"""
    if len(text) < TEXT_CAP:
        return False
    found = find_vertices(text)
    if not found:
        return True
    rest = re.sub(r"^[\s,;，；、/．.（(]+", "", text[found[-1].end :])
    return rest == "" or bool(re.match(r"^(\d|AND\b|和)", rest, re.IGNORECASE))


def radius_words(text: str) -> str:
    match = _RADIUS.search(text)
    if not match:
        return "of unstated radius"
    groups = [g for g in match.groups() if g]
    return f"of radius {groups[0]} {groups[1]}"


def check_text(points: list[tuple[float, float]], text: str) -> None:
    """The notice text must describe exactly these vertices as one area (see module docstring)."""
    if len(points) > 1 and _CIRCLE.search(text):
        raise Skip("circle_or_arc", "the area includes a circle or arc, which a vertex list cannot draw")
    if text_was_cut(text):
        raise Skip(
            "truncated_text", "the notice text is cut off inside its list of positions, so the list may be incomplete"
        )
    sizes = vertex_groups(text)
    if sum(sizes) != len(points):
        raise Skip(
            "text_vertex_mismatch", f"the notice text lists {sum(sizes)} positions, the upstream list has {len(points)}"
        )
    if len(sizes) > 1:
        raise Skip(
            "several_areas",
            f"the notice describes {len(sizes)} separate areas "
            f"({' + '.join(map(str, sizes))} positions) flattened into one list upstream",
        )


def geometry_of(points: list[tuple[float, float]], text: str) -> tuple[str, shapely.Geometry, str]:
    """(geometry_type, shapely geometry, note) from validated vertices, in lon/lat order."""
    xy = [(lon, lat) for lat, lon in points]
    if len(xy) == 1:
        note = f"circle {radius_words(text)} drawn as its centre point" if _CIRCLE.search(text) else ""
        return "point", Point(xy[0]), note
    if len(xy) == 2 or _NEAR_LINE.search(text):
        return "line", LineString(xy), ""
    polygon = Polygon(xy)
    if not polygon.is_valid:
        raise Skip(
            "self_intersecting",
            f"the outline joining the {len(xy)} vertices in published order crosses "
            f"itself ({shapely.is_valid_reason(polygon)})",
        )
    return "polygon", shapely.geometry.polygon.orient(polygon), ""


def warning_id(url: str) -> str:
    """SHA-1 of the notice URL without msa.gov.cn's per-visit `hav` token (it changes between scrapes)."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "hav"])
    stable = urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    return hashlib.sha1(stable.encode("utf-8")).hexdigest()[:12]


def _qc(row: int, notice: str, day, check: str, action: str, detail: str) -> dict:
    return {"row": row, "notice": notice, "publish_date": day, "check": check, "action": action, "detail": detail}


def load(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Raw file -> (drawable warnings, QC log)."""
    raw = read_csv_strings(path, REQUIRED)
    published = parse_dates(raw["publish_date"], path, "publish_date", "%Y-%m-%d")
    for column in ("publish_date", "title", "url", "channel"):
        blank = raw[column].str.strip() == ""
        if blank.any():
            raise LoaderError(path, "value missing", row=line_of(raw.index[blank][0]), column=column)
    rows: list[dict] = []
    qc: list[dict] = []
    seen: dict[tuple, int] = {}
    used_ids: dict[str, int] = {}
    for index, record in raw.iterrows():
        line = line_of(index)
        title = record["title"].strip()
        notice = notice_of(title)
        day = published[index]
        identity = (notice, day, record["coordinates"].strip())
        if identity in seen:
            qc.append(
                _qc(
                    line, notice, day, "duplicate", "skipped", f"same notice, date and vertices as row {seen[identity]}"
                )
            )
            continue
        seen[identity] = line
        text = record["content_preview"]
        try:
            if not _WEB_ADDRESS.match(record["url"].strip()):  # the map links to it: http(s) only, never javascript:
                raise Skip("bad_url", f"notice URL '{record['url'].strip()[:80]}' is not an http(s) web address")
            if not record["coordinates"].strip():
                in_text = len(find_vertices(text))
                raise Skip(
                    "no_coordinates",
                    "no vertices extracted upstream"
                    + (
                        f"; the notice text shows {in_text} positions the upstream parser did not read"
                        if in_text
                        else ""
                    ),
                )
            points = parse_decimal_list(record["coordinates"])
            stated = record["coordinate_count"].strip()
            if stated != str(len(points)):
                raise Skip("count_mismatch", f"coordinate_count says {stated!r} but {len(points)} vertices are listed")
            check_ranges(points)
            check_printed(points, record["coordinates_raw"])
            check_text(points, text)
            kind, shape, note = geometry_of(points, text)
        except Skip as skip:
            qc.append(_qc(line, notice, day, skip.check, "skipped", skip.detail))
            continue
        wid = warning_id(record["url"])
        if wid in used_ids:
            qc.append(_qc(line, notice, day, "duplicate", "skipped", f"same notice URL as row {used_ids[wid]}"))
            continue
        used_ids[wid] = line
        notes = [note] if note else []
        if note:
            qc.append(_qc(line, notice, day, "circle_centre", "kept", note))
        start, end = _period(record, path, index, line, notice, day, qc, notes)
        centre = shape.centroid
        rows.append(
            {
                "warning_id": wid,
                "notice": notice,
                "publish_date": day,
                "start": start,
                "end": end,
                "bureau": record["channel"].strip(),
                "bureau_en": BUREAUS_EN.get(record["channel"].strip(), ""),
                "title": title,
                "activity_en": activity_of(title),
                "language": language_of(title),
                "geometry_type": kind,
                "geometry_wkt": shapely.to_wkt(shape, rounding_precision=6),
                "centroid_lon": round(centre.x, 6),
                "centroid_lat": round(centre.y, 6),
                "coordinate_count": len(points),
                "url": record["url"].strip(),
                "notes": "; ".join(notes),
            }
        )
    skipped = sum(1 for q in qc if q["action"] == "skipped")
    if skipped > MAX_SKIPPED_SHARE * len(raw):
        raise LoaderError(
            path,
            f"{skipped} of {len(raw)} notices could not be drawn (over half): has the upstream "
            "format changed? See the rules in loaders/nav_warnings.py",
        )
    return _frame(rows), _qc_frame(qc)


def _period(record, path: Path, index, line: int, notice: str, day, qc: list[dict], notes: list[str]):
    """Upstream start/end dates; missing or unreadable ones stay empty and are reported, not guessed."""
    values = []
    for column in ("start_date", "end_date"):
        text = record[column].strip()
        value = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce") if text else pd.NaT
        if pd.notna(value) and not FIRST_DATE <= value <= LAST_DATE:
            value = pd.NaT  # e.g. year 9999: a typo the snapshot cannot even store; reported as unreadable
        if text and pd.isna(value):
            qc.append(_qc(line, notice, day, "bad_period", "kept", f"{column} '{text}' is not a date; left empty"))
            notes.append(f"{column} unreadable upstream")
        values.append(value)
    start, end = values
    if pd.isna(start) and pd.isna(end) and not any("unreadable" in n for n in notes):
        detail = "period not read upstream" + (
            f" (notice says '{record['time_periods'].strip()}')" if record["time_periods"].strip() else ""
        )
        qc.append(_qc(line, notice, day, "no_period", "kept", detail))
        notes.append("period not stated in the data; see the notice")
    elif pd.notna(start) and pd.notna(end) and end < start:
        qc.append(_qc(line, notice, day, "bad_period", "kept", f"end {end:%Y-%m-%d} is before start {start:%Y-%m-%d}"))
        notes.append("end before start as published")
    elif pd.notna(start) and start < day - pd.Timedelta(days=1):
        qc.append(
            _qc(
                line,
                notice,
                day,
                "period_before_publication",
                "kept",
                f"closure starts {start:%Y-%m-%d}, {(day - start).days} days before the notice was published "
                "(possible typo in the notice; kept as published)",
            )
        )
        notes.append("period starts before publication (as published)")
    return start, end


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[c.name for c in WARNINGS.columns])
    frame = conform(frame, WARNINGS)
    return frame.sort_values(["publish_date", "warning_id"]).reset_index(drop=True)


def _qc_frame(qc: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(qc, columns=[c.name for c in QC.columns])
    return conform(frame, QC)


def build(raw: RawFolder) -> list[BuiltTable]:
    path = raw.locate(RAW_FILE)
    warnings, qc = load(path)
    inputs = [input_record(SOURCE, RAW_FILE, path)]
    return [BuiltTable(WARNINGS, warnings, inputs), BuiltTable(QC, qc, inputs)]
