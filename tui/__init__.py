"""Yuelan (阅览): a terminal reader for collections of Chinese text.

The package is layered so that data flows one way:
``ingest`` (files → pages → articles) → ``model`` → ``annotate`` → ``search`` → ``export`` → ``ui``.
Everything except :mod:`tui.ui` is free of Textual imports, so the CLI and the tests use it directly.
"""

__version__ = "0.1.0"
