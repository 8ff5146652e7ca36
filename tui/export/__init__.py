"""Passages with citations: the basket (state database) and the writers (md, jsonl, csv, txt)."""
