"""A local, stateful stand-in for Plaid's Income API with demo applicants and real documents.

Use it in process (no sockets) or over HTTP on loopback:

    sb = Sandbox()                                    # DEMO_CLIENT_ID / DEMO_SECRET
    client = httpx.Client(transport=sb.transport(), base_url=sb.base_url)
    server = serve(sb, port=0); server.base_url; server.shutdown()
    sb.faults.add(Fault(kind="http_429", endpoint="/credit/payroll_income/get", times=2))

Default credentials (documented, demo only): client_id ``reviewer-demo-client``,
secret ``reviewer-demo-secret``. A Sandbox accepts exactly the pair it was created with.

Demo users (``reviewer sandbox users`` prints tokens; all but the last have a user_token):

- clean: Maria Gonzalez, nurse; payroll stubs + W-2 agree, scores < 10; refresh SUCCESSFUL.
- tampered_paystub: Derek Whitfield; net pay white-boxed and retyped +$1,000 in another font
  (MASKING/FONT/EDITED_TEXT, score 94); refresh USER_PRESENCE_REQUIRED.
- edited_statement: Priya Raman; 32-page statement, one page's balance overlaid (score 88).
- w2_1099: Jasmine Carter; a W-2 and a 1099-MISC.
- inconsistent_docs: Kevin Tran; pay stub and W-2 employers differ (multi-document signal).
- upload_problems: Lena Novak; a stub still PROCESSING, DOCUMENT_ERROR, PASSWORD_PROTECTED.
- photo_paystub: Andre Baptiste; pay stub uploaded as a JPEG photo (file type IMAGE).
- bank_five_sources: Marcus Bell; Bank Income with five sources (salary, rent, child support,
  gig, interest) and bank employment.
- bank_many_employers: Tyler Brooks; seven payroll depositors in 90 days.
- bank_gig_worker: Sofia Ramirez; DoorDash/Uber/Instacart.
- bank_social_security: Harold Jensen; Social Security and a pension.
- employment_history: Olivia Chen; employment + bank employment, Link sessions of every result
  kind; refresh NOT_FOUND.
- plaid_risk_score_70: mirror of Plaid's test user (score 70; MASKING page 1 expected 25.09,
  actual 2.00; METADATA_DATES_OUTSIDE_WINDOW page 0).
- plaid_failures: mirror of Plaid's OCR failure, risk-processing failure, password-protected
  and virus-detected uploads.
- user_id_only: Nadia Haddad, created with the new User APIs: only a user_id; endpoints that
  need a user_token answer 400 MISSING_FIELDS (as plaid-node#698).
- missing_deposit: Camila Ortiz; three consistent stubs, but the newest one's net pay never
  arrives in her uploaded bank statement (Reviewer's reconciliation check).
- fabricated_packet: Ray Delgado; stubs, W-2, 1099-K and statements where each figure fails
  one of Reviewer's own checks (arithmetic, dates, identity, reconciliation).

Download URLs are zips, single use, and expire 120 s after issue by the injected clock.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.sandbox.app import (
        DroppedConnection,
        Sandbox,
        SandboxRequest,
        SandboxResponse,
    )
    from reviewer.sandbox.credentials import DEMO_CLIENT_ID, DEMO_SECRET
    from reviewer.sandbox.faults import Fault, Faults
    from reviewer.sandbox.server import RunningServer, serve
    from reviewer.sandbox.users import DemoUser, demo_users

# each name's module, imported when the name is first asked for: a first demo run starts the
# sandbox's process (reviewer.sandbox.process) from the window's first frame, and importing
# the whole sandbox (its HTTP server, httpx) then would cost that frame
_HOMES = {
    "DEMO_CLIENT_ID": "credentials",
    "DEMO_SECRET": "credentials",
    "DroppedConnection": "app",
    "Sandbox": "app",
    "SandboxRequest": "app",
    "SandboxResponse": "app",
    "Fault": "faults",
    "Faults": "faults",
    "RunningServer": "server",
    "serve": "server",
    "DemoUser": "users",
    "demo_users": "users",
}

__all__ = [
    "DEMO_CLIENT_ID",
    "DEMO_SECRET",
    "DemoUser",
    "DroppedConnection",
    "Fault",
    "Faults",
    "RunningServer",
    "Sandbox",
    "SandboxRequest",
    "SandboxResponse",
    "demo_users",
    "serve",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found once: later lookups are plain attribute reads
    return value
