"""A time of day as preferences store it and the API takes it: ``HH:MM``, 24-hour, zero-padded.

The patterns are written once, here, in the subset of regular expressions that Python and JSON Schema
(ECMA-262) read alike (``[0-9]``, not ``\\d``, which in Python also takes other scripts' digits), so the
OpenAPI document publishes the very pattern the domain checks."""
from __future__ import annotations

import re
from typing import Any

TIME_OF_DAY = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"                # 00:00 to 23:59
BOUNDARY_OF_DAY = r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"    # ... or 24:00, the end of a day
_PATTERNS = {False: re.compile(TIME_OF_DAY), True: re.compile(BOUNDARY_OF_DAY)}


def is_time_of_day(value: Any, *, end_of_day: bool = False) -> bool:
    """Whether ``value`` is an ``HH:MM`` string (``24:00`` too when ``end_of_day``); the whole of it, no
    trailing newline."""
    return isinstance(value, str) and _PATTERNS[end_of_day].fullmatch(value) is not None
