"""Pure pandas computations on snapshot tables: what the charts plot and the headline figures."""
