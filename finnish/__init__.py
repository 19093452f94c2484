"""Everything that knows Finnish. Imports nothing else of Työkieli."""
