"""The app's settings, secrets and directories as the UI may see them.

The UI reaches everything below it through `reviewer.review` (the layers contract in
pyproject.toml): the settings file, the keyring and the platform directories included.
"""

from __future__ import annotations

from reviewer.paths import data_dir, log_dir
from reviewer.settings import SecretStore, Settings

__all__ = ["SecretStore", "Settings", "data_dir", "log_dir"]
