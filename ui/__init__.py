"""Streamlit glue shared by pages: cached data access, shared controls, chart blocks."""
