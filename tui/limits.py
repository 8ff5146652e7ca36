"""Size limits, in one place, so that every command refuses the same input the same way.

A corpus file larger than ``MAX_FILE`` is skipped with a warning by ``articles``, ``show``, ``index`` and
the reader alike (a 3 GB sparse file must not be read whole); one line of JSON given to ``annotate
--jsonl`` or ``--queries`` is at most ``MAX_RECORD``; a paragraph range is checked against the article.
"""

from __future__ import annotations

MAX_FILE = 256 * 1024 * 1024
MAX_RECORD = 4 * 1024 * 1024
