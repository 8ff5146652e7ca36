"""The corpus's entities: who and what is named, how often, where and with whom; and its figures.

Built from the annotation store (``tui.store``). ``names`` makes the keys that variants share,
``consistency`` finds a confidently recognised name where the rules missed it, ``derive`` builds the
entity tables, ``queries`` answers the screens and the CLI, ``figures`` lists the numbers. No Textual here.
"""
