"""Planloom's core: plain Python, no frameworks, no I/O.

Time comes from the Clock port (passed in as a value or a callable), never from
``datetime.now()``; randomness comes from an injected seed.
"""
