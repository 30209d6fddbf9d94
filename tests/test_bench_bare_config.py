"""The bare app the benchmarks compare against: this app's look, Streamlit's own speed settings."""

from __future__ import annotations

import tomllib

from bench.common import PROJECT, TUNING_SECTIONS, bare_config


def test_the_bare_app_draws_like_ours_but_runs_as_streamlit_ships_it() -> None:
    ours = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    bare, tuned = tomllib.loads(bare_config()), tomllib.loads(bare_config(tuned=True))
    tuning = {section.strip("[]") for section in TUNING_SECTIONS}
    assert tuning <= set(ours), "the app's speed settings moved: bench.common.TUNING_SECTIONS names them"
    assert not tuning & set(bare)
    assert {name: ours[name] for name in ours if name not in tuning} == bare  # theme, client, server: the same
    assert tuned == ours
