"""Shipped data and its loaders and importers. May import `finnish`."""
