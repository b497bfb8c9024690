"""The one error type users see: a sentence saying what, where, and what to do.

Every stage raises :class:`SvsnaError` for problems a user can fix; the command
line prints its message alone (no traceback unless ``--debug``).
"""

from __future__ import annotations


class SvsnaError(Exception):
    """A problem the user can fix, described in one clear sentence."""

    def __init__(self, message: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
