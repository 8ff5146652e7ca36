"""The corpus annotation store: every paragraph's spans, kept in the search index's database.

``schema`` holds the tables, ``work`` what the worker processes compute, ``build`` the pass that brings
the store up to date with the index, ``read`` the look-ups the reader, the entity index and the CLI make.
No Textual here.
"""
