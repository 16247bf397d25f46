"""Rules of query parameters the OpenAPI schema states as patterns."""

from __future__ import annotations

__all__ = ["DATE_PATTERN"]

# YYYY, YYYY-MM or YYYY-MM-DD with a day the month has (29 February is left out: a pattern
# cannot know leap years, and the documents give none).
_MONTH_DAY = "(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31"
DATE_PATTERN = f"^[0-9]{{4}}(-(0[1-9]|1[0-2])|-({_MONTH_DAY}))?$"
