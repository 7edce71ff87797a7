"""The demo users: who they are, how to address them, and which story each tells."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from reviewer.sandbox import stories_bank as bank
from reviewer.sandbox import stories_checks as checks
from reviewer.sandbox import stories_docs as docs
from reviewer.sandbox import stories_docs2 as docs2
from reviewer.sandbox import stories_shared as shared
from reviewer.sandbox.model import Profile
from reviewer.sandbox.payroll_data import Party

ProfileBuilder = Callable[[str, str], Profile]


@dataclass(frozen=True)
class DemoUser:
    """One demo applicant. `user_token` is None for a user known only by `user_id` (User APIs)."""

    key: str
    user_token: str | None
    user_id: str | None
    label: str
    applicant: str
    story: str
    flags: tuple[str, ...] = ()
    build: ProfileBuilder = field(default=docs.clean, repr=False, compare=False)

    @property
    def identifiers(self) -> frozenset[str]:
        """Every string a fault or a request may use to name this user."""
        return frozenset(x for x in (self.key, self.user_token, self.user_id) if x)


def _token(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()
    return (
        f"user-sandbox-{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    )


def _user_id(key: str, new_api: bool = False) -> str:
    digest = hashlib.sha256(("id/" + key).encode()).hexdigest()
    return f"usr_{digest[:22]}" if new_api else digest


def _u(
    key: str, label: str, applicant: str, story: str, flags: tuple[str, ...], build: ProfileBuilder
) -> DemoUser:
    return DemoUser(key, _token(key), _user_id(key), label, applicant, story, flags, build)


def user_id_only(key: str, token_user: str) -> Profile:
    """Nadia Haddad: created with the new User APIs; only endpoints accepting user_id work."""
    p = docs.clean(
        key,
        token_user,
        person=Party("Nadia Haddad", "418 Cedar Bluff Rd", "Knoxville", "TN", "37923"),
        employer=Party("Smoky Ridge Logistics Inc", "9000 Parkside Dr", "Knoxville", "TN", "37922"),
        gross=2_746.15,
        wages=70_154.90,
    )
    p.sessions.clear()
    p.employment_items.clear()
    p.refresh_outcome = "NOT_FOUND"
    return p


_USERS: tuple[DemoUser, ...] = (
    _u(
        "clean",
        "APP-1001",
        "Maria Gonzalez",
        "Registered nurse, payroll-connected pay stubs and W-2 that agree; risk scores under 10; refresh SUCCESSFUL adds a newer stub.",
        ("clean", "payroll", "w2", "employment", "refresh_successful"),
        docs.clean,
    ),
    _u(
        "tampered_paystub",
        "APP-1002",
        "Derek Whitfield",
        "Net pay white-boxed and retyped $1,000 higher in another font (MASKING/FONT, score 94); refresh needs the user.",
        ("tampered", "masking", "refresh_user_presence_required"),
        docs.tampered_paystub,
    ),
    _u(
        "edited_statement",
        "APP-1003",
        "Priya Raman",
        "32-page bank statement with one page's balance raised by an overlay (OVERLAID_TEXT, score 88).",
        ("tampered", "bank_statement", "multi_page"),
        bank.edited_statement,
    ),
    _u(
        "w2_1099",
        "APP-1004",
        "Jasmine Carter",
        "Dental hygienist with a W-2 and a 1099-MISC for weekend photography; low risk.",
        ("w2", "1099"),
        docs2.w2_and_1099,
    ),
    _u(
        "inconsistent_docs",
        "APP-1005",
        "Kevin Tran",
        "Pay stub and W-2 name different employers: a multi-document signal.",
        ("multi_document_signal", "w2"),
        docs2.inconsistent_documents,
    ),
    _u(
        "upload_problems",
        "APP-1006",
        "Lena Novak",
        "One stub still PROCESSING, an offer letter rejected with DOCUMENT_ERROR, a PASSWORD_PROTECTED PDF.",
        ("processing", "document_error", "password_protected"),
        docs2.upload_problems,
    ),
    _u(
        "photo_paystub",
        "APP-1007",
        "Andre Baptiste",
        "Pay stub photographed with a phone: a JPEG with no text layer (file type IMAGE).",
        ("photo", "jpeg"),
        docs2.photo_paystub,
    ),
    _u(
        "bank_five_sources",
        "APP-1008",
        "Marcus Bell",
        "Bank Income with five sources over 90 days: salary, rent, child support, Lyft, interest.",
        ("bank_income", "five_sources", "bank_employment"),
        bank.five_sources,
    ),
    _u(
        "bank_many_employers",
        "APP-1009",
        "Tyler Brooks",
        "Seven payroll depositors in 90 days: staffing churn or stacked short jobs.",
        ("bank_income", "many_employers", "bank_employment"),
        bank.many_employers,
    ),
    _u(
        "bank_gig_worker",
        "APP-1010",
        "Sofia Ramirez",
        "Gig worker: DoorDash, Uber and Instacart payouts, no W-2 employer.",
        ("bank_income", "gig"),
        bank.gig_worker,
    ),
    _u(
        "bank_social_security",
        "APP-1011",
        "Harold Jensen",
        "Retiree: monthly Social Security benefit and a state pension.",
        ("bank_income", "social_security"),
        bank.social_security,
    ),
    _u(
        "employment_history",
        "APP-1012",
        "Olivia Chen",
        "Employment and bank employment data and a Link session history with every result kind; refresh NOT_FOUND.",
        ("employment", "bank_income", "bank_employment", "sessions", "refresh_not_found"),
        bank.employment_and_history,
    ),
    _u(
        "plaid_risk_score_70",
        "APP-1013",
        "Alberta Bobbeth Charleson",
        "Plaid Sandbox mirror: pay stub scored 70, MASKING on page 1 (25.09 vs 2.00), metadata dates outside the window.",
        ("plaid_mirror", "masking", "metadata_dates"),
        docs2.plaid_risk_score_70,
    ),
    _u(
        "plaid_failures",
        "APP-1014",
        "Alberta Bobbeth Charleson",
        "Plaid Sandbox mirror: OCR failure, risk-signal processing failure, password-protected and virus-detected uploads.",
        ("plaid_mirror", "processing_error", "password_protected", "virus_detected"),
        docs2.plaid_failures,
    ),
    DemoUser(
        "user_id_only",
        None,
        _user_id("user_id_only", new_api=True),
        "APP-1015",
        "Nadia Haddad",
        "Created through the new User APIs: has only a user_id, so user_token-only endpoints fail (plaid-node#698).",
        ("user_id_only",),
        user_id_only,
    ),
    _u(
        "shared_statement",
        "APP-1016",
        "Jordan Ellis",
        "Salary in Bank Income, an uploaded bank statement that is byte for byte the file APP-1003 (Priya Raman) submitted, and a pay stub that is APP-1017's (Camila Ortiz) with his name typed in.",
        ("bank_income", "bank_statement", "seen_before"),
        shared.borrowed_statement,
    ),
    _u(
        "missing_deposit",
        "APP-1017",
        "Camila Ortiz",
        "Three pay stubs that add up and a bank statement: the newest stub's net pay never reached the bank (Reviewer check).",
        ("reconciliation", "bank_statement", "reviewer_checks"),
        checks.missing_deposit,
    ),
    _u(
        "fabricated_packet",
        "APP-1018",
        "Ray Delgado",
        "Stubs, W-2, 1099-K and statements that do not add up: each figure fails one of Reviewer's own checks.",
        ("arithmetic", "dates", "identity", "bank_income", "reviewer_checks"),
        checks.fabricated_packet,
    ),
)


def demo_users() -> list[DemoUser]:
    """Every demo user, in presentation order."""
    return list(_USERS)


def long_statement_user() -> DemoUser:
    """Not a demo case: the 300-page statement (benchmarks add it with `Sandbox.add_user`)."""
    return _u(
        "long_statement",
        "APP-1900",
        "Priya Raman",
        "A 300-page bank statement; one balance deep inside it was raised by $9,000.",
        ("tampered", "bank_statement", "long_document"),
        bank.long_edited_statement,
    )
