"""Reviewer: desktop review of Plaid Income data, documents and risk signals."""

# A literal (not importlib.metadata): it is read at every start, and the frozen app has no
# distribution metadata. pyproject.toml takes its version from here.
__version__ = "0.1.0"

__all__ = ["__version__"]
