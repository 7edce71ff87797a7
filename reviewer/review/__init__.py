"""Qt-free use cases: fetch a case, act on it, decide, report."""
