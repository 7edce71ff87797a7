"""`reviewer export CASE --out FILE.pdf|FILE.json`: the case report for someone without the app.

Exit codes: 0 written, 1 the case is unknown or was never fetched (or the file cannot be
written), 2 the output name ends in neither .pdf nor .json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from reviewer import paths
from reviewer.documents.report_pdf import render_report_pdf
from reviewer.review.report import ReportUnavailable, build_report, report_document
from reviewer.review.service import ReviewService
from reviewer.review.unlocking import unlock_from_terminal

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def export_report(service: ReviewService, case: str, out: Path) -> Path:
    """Write the report of `case` (id or label) to `out`, PDF or JSON by its suffix."""
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".json"):
        raise ValueError("the output file must end in .pdf or .json")
    report = build_report(service, case)
    if suffix == ".json":
        data = json.dumps(report, indent=2, ensure_ascii=False).encode("utf-8")
    else:
        data = render_report_pdf(report_document(report))
    # a half-written report must never look like a finished one
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".report-", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def cmd_export(args: argparse.Namespace) -> int:
    """The `export` sub-command."""
    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".json"):
        print("reviewer: --out must end in .pdf or .json", file=sys.stderr)
        return EXIT_USAGE
    try:
        data_dir = paths.data_dir(
            getattr(args, "data_dir", None), demo=bool(getattr(args, "demo", False))
        )
        unlock_from_terminal(data_dir)
        service = ReviewService.open(data_dir, demo=bool(getattr(args, "demo", False)))
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        print(f"reviewer: cannot open the data directory: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        export_report(service, args.case, out)
    except (ReportUnavailable, OSError) as exc:
        print(f"reviewer: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        service.close()
    print(out)
    return EXIT_OK
