"""Deep links on a freshly started server.

Until some session's app.py has called st.navigation, Streamlit treats a `pages/` folder the
old (v1) way: a first visit to `/activity?...` runs pages/activity.py directly, without the router
and its sidebar. Each page calls `require()` first: when the router has not run in this session,
it remembers the requested page and its query parameters and restarts through app.py, which
then switches to that page with those parameters. One extra rerun, once per server start.
"""

from __future__ import annotations

import streamlit as st

ACTIVE_KEY = "_router_active"
DEEP_LINK_KEY = "_deep_link"


def require(page_file: str) -> None:
    if st.session_state.get(ACTIVE_KEY):
        return
    st.session_state[DEEP_LINK_KEY] = (page_file, {k: st.query_params.get_all(k) for k in st.query_params})
    st.switch_page("app.py")


def mark_active() -> None:
    st.session_state[ACTIVE_KEY] = True


def pending() -> tuple[str, dict] | None:
    """The page (file name, e.g. 'pages/activity.py') and query parameters of a deep link, once."""
    return st.session_state.pop(DEEP_LINK_KEY, None)
