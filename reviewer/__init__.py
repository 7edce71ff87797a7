"""Reviewer: desktop review of Plaid Income data, documents and risk signals."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reviewer")
except PackageNotFoundError:  # frozen bundle without metadata
    __version__ = "0.1.0"

__all__ = ["__version__"]
