"""Render the data dictionary (data/README.md) from the snapshot manifest, so it never drifts."""

from __future__ import annotations

CONVENTIONS = """\
## Conventions (the contract every page and later dataset relies on)

- **Date = MND report day.** Taiwan's Ministry of National Defense publishes each morning the
  PLA activity of the 24 hours up to 06:00 Taipei time (UTC+8); `date` is that report's day.
  Dates are naive `datetime64[ns]` in Taipei local calendar days, never UTC instants.
- **Missing is not zero.** A day without a report has null counts. Daily tables hold every
  calendar day between the first and last report so that gaps stay visible.
- **Counts** are nullable `Int64`, never negative.
- **Snapshot = parquet + `manifest.json`.** Each table's checksum, rows, coverage, source
  (repository, commit, licence as stated) and raw inputs (with SHA-256 and whether they match the
  pinned upstream commit) are in the manifest. The app verifies the checksum on every read.
- **Atomic refresh.** `python -m loaders refresh` validates everything first, writes a new folder
  beside the old one and swaps it in with renames; a failed refresh leaves the old snapshot
  byte-for-byte unchanged.
- **The app reads only `data/snapshot/`**: it runs with no `../shared` folder and no network.
"""


def _cell(value) -> str:
    return str(value if value not in (None, "") else "").replace("|", "\\|").replace("\n", " ")


def render(manifest: dict) -> str:
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated from data/snapshot/manifest.json by `python -m loaders dictionary`; do not edit by hand. -->",
        "",
        CONVENTIONS,
    ]
    for name, entry in manifest["tables"].items():
        source = entry["source"]
        lines += [
            f"## `{name}` — {entry['title']}",
            "",
            entry["description"],
            "",
            f"- File: `data/snapshot/{entry['file']}` · rows: {entry['rows']:,}"
            + (f" · coverage: {entry['first_date']} → {entry['last_date']}" if entry.get("first_date") else ""),
            f"- Key: {', '.join(f'`{k}`' for k in entry['key']) or '—'}",
            f"- Source: {source['name']} — {source['publisher']}",
            (
                f"- Upstream: {source['repo_url']} at commit `{source['commit']}` ({source['commit_date']})"
                if source["repo_url"]
                else "- Upstream: none (written in this project; sources cited per row)"
            ),
            f"- Licence: {source['licence']}",
            "",
            "| column | type | unit | nullable | meaning |",
            "|---|---|---|---|---|",
        ]
        for col in entry["columns"]:
            lines.append(
                f"| `{col['name']}` | {col['dtype']} | {_cell(col['unit'])} | {'yes' if col['nullable'] else 'no'} | {_cell(col['description'])} |"
            )
        if entry.get("notes"):
            lines += ["", "Notes:", ""] + [f"- {note}" for note in entry["notes"]]
        if entry.get("inputs"):
            lines += ["", "Raw inputs:", ""] + [
                f"- `{i['path']}` (upstream `{i['upstream_path']}`), sha256 `{i['sha256'][:16]}…`"
                for i in entry["inputs"]
            ]
        lines.append("")
    return "\n".join(lines)
