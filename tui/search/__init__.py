"""Index & search: a persistent SQLite FTS5 paragraph index and a typo-tolerant ranker (no Textual here)."""
