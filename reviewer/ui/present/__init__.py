"""Qt-free presentation helpers: turn Plaid response dicts into rows and labelled fields.

Everything here is a pure function over plain dicts so tests can call it directly and the code
could later move down into `reviewer.review`. Plaid responses are read defensively: any field may
be missing or null.
"""
