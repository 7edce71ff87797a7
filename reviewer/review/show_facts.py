"""What `reviewer show --json` reads from Plaid's responses, as plain JSON stored per snapshot.

`show --json` carries the applicant's identity claims and each document's status, error and
origin, all read from the typed case model. Building that model means validating Plaid's
responses through the generated models (about a second of imports and schema building), which
a command that only prints a stored case must not pay each time. So the facts are shaped here
once, when the snapshot's findings are computed (after each fetch, off the GUI thread), stored
beside the snapshot with `FACTS_VERSION`, and read back as they are. A snapshot without them
(or with another version) gets them from its case model, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.review.model import CaseModel

# bump when the shape below changes: stored facts of another version are rebuilt
FACTS_VERSION = "1"


def facts_from_model(model: CaseModel) -> dict[str, Any]:
    """The show facts of a case model: ``{"identity": [...], "documents": {id: {...}}}``."""
    return {
        "identity": [
            {
                "source": claim.source,
                "document_id": claim.document_id,
                "name": claim.name,
                "address": claim.address.one_line() if claim.address else None,
                "kind": claim.kind,
                "emails": list(claim.emails),
                "phone_numbers": list(claim.phone_numbers),
            }
            for claim in model.identity
        ],
        "documents": {
            info.document_id: {
                "status": info.status,
                "error_message": info.error_message,
                "origin": info.origin,
            }
            for info in model.documents
        },
    }


def readable(facts: object) -> dict[str, Any] | None:
    """Stored facts if they have the expected shape (a damaged row is rebuilt, not trusted)."""
    if not isinstance(facts, dict):
        return None
    identity, documents = facts.get("identity"), facts.get("documents")
    if not isinstance(identity, list) or not all(isinstance(c, dict) for c in identity):
        return None
    if not isinstance(documents, dict) or not all(isinstance(d, dict) for d in documents.values()):
        return None
    return facts
