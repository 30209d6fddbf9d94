"""Developer tools: a Streamlit server harness and a headless Chromium launcher (used by tests and bench)."""
