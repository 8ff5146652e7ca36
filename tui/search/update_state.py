"""What an index update carries between its steps: its running figures, and the segment being written."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import numpy as np


class OutOfStep(sqlite3.DatabaseError):
    """SQLite numbered paragraphs otherwise than the grams were numbered: something else wrote."""


@dataclass
class UpdateStats:
    files: int = 0
    changed: int = 0
    removed: int = 0
    skipped: int = 0
    bytes: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class PendingSegment:
    """Rows written since the last commit, and their grams, one sorted run per chunk."""
    next_id: int
    chars: int = 0
    runs: dict[str, list[np.ndarray]] = field(default_factory=dict)
