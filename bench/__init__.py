"""Benchmarks, each reported against a bare Streamlit app measured in the same run (or a fixed target).

python -m bench [--runs N] [--only cold|switch|concurrent|refresh]   # see bench/__main__.py
"""
