"""Workplace conversation simulations. May import `finnish`, `retrieval` and `corpora`."""
