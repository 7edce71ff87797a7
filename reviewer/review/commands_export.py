"""`reviewer export CASE --out FILE.pdf|FILE.json`: the case report for someone without the app.

Exit codes: 0 written, 1 the case is unknown or was never fetched (or the file cannot be
written), 2 the output name ends in neither .pdf nor .json, its folder does not exist, or it
exists and --force was not given. Document paths in the JSON are relative to the data
directory (no local absolute paths leave the machine in a report).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from reviewer import paths
from reviewer.documents.report_pdf import ReportCrop, render_report_pdf
from reviewer.review.commands import no_case_message
from reviewer.review.demo import ensure_demo_cases
from reviewer.review.report import ReportUnavailable, build_report, report_document
from reviewer.review.service import CaseService
from reviewer.review.unlocking import unlock_from_terminal
from reviewer.store import CaseStore, StoreMissing

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def export_report(service: CaseService, case: str, out: Path, *, force: bool = False) -> Path:
    """Write the report of `case` (id or label) to `out`, PDF or JSON by its suffix.

    `out`'s directory must exist; an existing file is replaced only with `force`. Crops of
    flagged pages are rendered by the documents worker (service.backend), never here.
    """
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".json"):
        raise ValueError("the output file must end in .pdf or .json")
    if not out.parent.is_dir():
        raise ExportRefused(f"the folder {out.parent} does not exist (it is not created)")
    if out.exists() and not force:
        raise ExportRefused(f"{out} exists; choose another name or pass --force to replace it")
    report = build_report(service, case)
    if suffix == ".json":
        data = json.dumps(report, indent=2, ensure_ascii=False).encode("utf-8")
    else:
        document = report_document(report)
        for section in document.sections:
            section.crops = [_rendered(service, crop) for crop in section.crops]
        data = render_report_pdf(document)
    # a half-written report must never look like a finished one
    fd, tmp = tempfile.mkstemp(prefix=".report-", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


class ExportRefused(OSError):
    """The output file cannot be written as asked (exists, or its folder is missing)."""


def _rendered(service: CaseService, crop: ReportCrop) -> ReportCrop:
    """The crop with its PNG from the documents worker, or the reason there is none."""
    if not crop.document_path:
        return replace(crop, problem="document not downloaded or failed its integrity check")
    path = Path(service.store.data_dir) / crop.document_path  # the report holds it relative
    try:
        png, marks = service.backend.crop(path, crop.page, list(crop.rects))
    except Exception as exc:  # noqa: BLE001 - a hostile document costs its picture only
        return replace(crop, problem=" ".join(str(exc).split())[:200] or type(exc).__name__)
    return replace(crop, image=png, marks=marks)


def cmd_export(args: argparse.Namespace) -> int:
    """The `export` sub-command."""
    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".json"):
        print("reviewer: --out must end in .pdf or .json", file=sys.stderr)
        return EXIT_USAGE
    if not out.parent.is_dir() or (out.exists() and not getattr(args, "force", False)):
        why = "does not exist" if not out.parent.is_dir() else "exists (pass --force to replace)"
        what = out.parent if not out.parent.is_dir() else out
        print(f"reviewer: {what} {why}", file=sys.stderr)
        return EXIT_USAGE
    demo = bool(getattr(args, "demo", False))
    try:
        data_dir = paths.data_dir(getattr(args, "data_dir", None), demo=demo)
        missing = CaseStore.missing(data_dir)
        if missing is not None and not demo:  # nothing to unlock, nothing to create
            raise missing
        unlock_from_terminal(data_dir)
        # the demo store is created and filled on first use, as `reviewer --demo` does
        service = CaseService.open(data_dir, demo=demo, create=demo, isolated_documents=True)
    except StoreMissing as exc:
        print(f"reviewer: {no_case_message(args, args.case, str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        words = " ".join(str(exc).split())
        print(f"reviewer: cannot open the data directory: {words}", file=sys.stderr)
        return EXIT_FAILED
    try:
        if demo:
            ensure_demo_cases(service, lambda line: print(f"reviewer: {line}", file=sys.stderr))
        elif service.find_case(args.case) is None:
            print(f"reviewer: {no_case_message(args, args.case)}", file=sys.stderr)
            return EXIT_FAILED
        export_report(service, args.case, out, force=bool(getattr(args, "force", False)))
    except (ReportUnavailable, OSError) as exc:
        print(f"reviewer: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        service.close()
    print(out)
    return EXIT_OK
