"""Benchmarks, each reported as a ratio against a bare Streamlit app measured in the same run.

    python -m bench [--runs N]      # all benchmarks; appends a dated line to bench/RESULTS.md
"""
