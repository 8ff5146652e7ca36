"""Errors a user can cause and fix. Their own module, so that the CLI's commands and the core can raise
them without importing the CLI (which imports the commands)."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; printed as one line, exit status 1."""
