"""Loaders: raw public files -> validated, tidy pandas tables -> the snapshot in data/snapshot.

Loaders never import Streamlit; the app reads only what `loaders.snapshot` wrote.
"""
