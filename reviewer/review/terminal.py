"""Text from applicants and servers, made safe to print on a reviewer's terminal.

Names, file names and error messages come from applicants' documents or from whatever a
server answered. Printed raw, an escape sequence in them can move the cursor, recolour or
rewrite what is already on screen ("risk 99" becoming "risk 1"), and bidirectional overrides
can reorder a line. Every control and format character is therefore shown as U+FFFD.
"""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"


def terminal_safe(text: str) -> str:
    """`text` with every control/format character (ESC, CR, newline, bidi overrides...)
    replaced by U+FFFD, so it prints as one inert line."""
    if text.isprintable():
        return text
    return "".join(
        REPLACEMENT if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )
