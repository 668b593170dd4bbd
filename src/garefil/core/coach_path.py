"""Where the coach's own settings file is: asked at every start (its `langue`), so kept apart
from settings.py and its value classes, which only `garefil config` and a few commands need."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def coach_file(environ: Mapping[str, str]) -> Path:
    """The coach's own settings file: $XDG_CONFIG_HOME/garefil/config.toml, else ~/.config/…."""
    base = environ.get("XDG_CONFIG_HOME", "").strip()
    folder = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return folder / "garefil" / "config.toml"
