"""Index & search: a persistent SQLite paragraph index with n-gram postings, and a typo-tolerant ranker
(no Textual here)."""
