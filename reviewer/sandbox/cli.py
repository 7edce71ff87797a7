"""`reviewer sandbox serve` and `reviewer sandbox users`."""

from __future__ import annotations

import argparse
import json
import sys
import threading

from reviewer.sandbox.app import Sandbox
from reviewer.sandbox.credentials import DEMO_CLIENT_ID, DEMO_SECRET
from reviewer.sandbox.users import demo_users


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the sandbox; print the base URL as the first stdout line; run until terminated."""
    sandbox = Sandbox(
        client_id=args.client_id or DEMO_CLIENT_ID,
        secret=args.secret or DEMO_SECRET,
    )
    from reviewer.sandbox.server import serve

    running = serve(sandbox, host=args.host, port=args.port)
    print(running.base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.shutdown()
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    """List the demo users, as a table or as JSON."""
    users = demo_users()
    if args.json:
        rows = [
            {
                "key": u.key,
                "user_token": u.user_token,
                "user_id": u.user_id,
                "label": u.label,
                "applicant": u.applicant,
                "story": u.story,
                "flags": list(u.flags),
            }
            for u in users
        ]
        json.dump(rows, sys.stdout, indent=2)
        print()
        return 0
    for u in users:
        ident = f"user_token={u.user_token}" if u.user_token else f"user_id={u.user_id}"
        print(f"{u.key:22} {u.label:9} {u.applicant:26} {ident}")
        print(f"{'':22} {u.story}")
    return 0
