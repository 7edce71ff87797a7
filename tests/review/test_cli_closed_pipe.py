"""A reader that leaves early (`reviewer sandbox users | head -1`) costs no traceback.

The pipe's read end is closed before the command starts, so its first write fails for certain
(Python ignores SIGPIPE and raises BrokenPipeError instead).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUN = "import sys; from reviewer.cli import main; sys.exit(main(sys.argv[1:]))"


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    command = ["sandbox", "users"]  # prints 18 stories at once (`show`, `cases`: same handler)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-c", RUN, *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, REVIEWER_DATA_DIR=str(tmp_path / "data")),
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
