"""Ingestion: find files, decode them, parse pages into articles and paragraphs (no Textual here)."""

from tui.ingest.loader import load_corpus, load_page, resolve_corpus

__all__ = ["load_corpus", "load_page", "resolve_corpus"]
