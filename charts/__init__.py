"""Figure builders: plain functions DataFrame -> plotly Figure, in the house style. No file I/O."""
