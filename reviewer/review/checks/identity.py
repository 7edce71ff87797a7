"""Identity across sources: the applicant's name and address on every document and every bank
account owner, and the employer's name and address across documents."""

from __future__ import annotations

from reviewer.review.checks.names import same_address, same_company, same_person
from reviewer.review.findings import Finding, failed, not_applicable, passed
from reviewer.review.model import CaseModel, IdentityClaim

APPLICANT_NAME = "identity.applicant_name"
APPLICANT_ADDRESS = "identity.applicant_address"
EMPLOYER_NAME = "identity.employer_name"
EMPLOYER_ADDRESS = "identity.employer_address"


def _ids(claims: list[IdentityClaim]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.document_id for c in claims if c.document_id))


def check_identity(model: CaseModel) -> list[Finding]:
    """Applicant name and address across sources, employer name and address across documents."""
    return [*_applicant(model), *_employer(model)]


def _applicant(model: CaseModel) -> list[Finding]:
    claims = [c for c in model.identity if c.names]
    out: list[Finding] = []
    if len(claims) < 2:
        out.append(
            not_applicable(
                APPLICANT_NAME,
                "identity",
                "fewer than two sources name the applicant",
                document_ids=_ids(claims),
            )
        )
    else:
        # the name most sources agree with is the reference; every other source is compared to it
        reference = max(claims, key=lambda c: sum(same_person(c.name, o.name) for o in claims))
        odd = [c for c in claims if not any(same_person(n, reference.name) for n in c.names)]
        if odd:
            c = odd[0]
            out.append(
                failed(
                    APPLICANT_NAME, "identity", "high",
                    f"The applicant's name differs: {c.name!r} on {c.source}, {reference.name!r} "
                    f"on {reference.source}" + (f" (+{len(odd) - 1} more sources)" if len(odd) > 1 else ""),
                    document_ids=_ids([reference, *odd]),
                    values={"expected": reference.name, "found": c.name, "sources": len(claims)},
                    where=[(c.document_id, 0, c.name or "")] if c.document_id and c.name else [],
                )
            )  # fmt: skip
        else:
            out.append(passed(APPLICANT_NAME, "identity", f"The applicant's name agrees across {len(claims)} sources ({reference.name})", document_ids=_ids(claims), values={"sources": len(claims)}))  # fmt: skip
    located = [c for c in model.identity if c.address is not None]
    if len(located) < 2:
        out.append(
            not_applicable(
                APPLICANT_ADDRESS,
                "identity",
                "fewer than two sources give the applicant's address",
                document_ids=_ids(located),
            )
        )
        return out
    reference = max(located, key=lambda c: sum(same_address(c.address, o.address) for o in located))
    odd = [c for c in located if not any(same_address(a, reference.address) for a in c.addresses)]
    if odd:
        c = odd[0]
        assert c.address is not None
        assert reference.address is not None
        out.append(
            failed(
                APPLICANT_ADDRESS, "identity", "medium",
                f"The applicant's address differs: {c.address.one_line()!r} on {c.source}, "
                f"{reference.address.one_line()!r} on {reference.source}"
                + (f" (+{len(odd) - 1} more sources)" if len(odd) > 1 else ""),
                document_ids=_ids([reference, *odd]),
                values={"expected": reference.address.one_line(), "found": c.address.one_line()},
                where=[(c.document_id, 0, c.address.street)] if c.document_id and c.address.street else [],
            )
        )  # fmt: skip
    else:
        out.append(passed(APPLICANT_ADDRESS, "identity", f"The applicant's address agrees across {len(located)} sources", document_ids=_ids(located), values={"sources": len(located)}))  # fmt: skip
    return out


def _employer(model: CaseModel) -> list[Finding]:
    """A W-2's or employment record's employer should be one the pay stubs name, and vice versa
    for W-2s of the stubs' years; the same employer's address should agree across documents."""
    stubs = model.pay_stubs
    out: list[Finding] = []
    if not stubs or not (model.w2s or model.employments):
        return [
            not_applicable(
                EMPLOYER_NAME,
                "identity",
                "no pay stub with a W-2 or employment record to compare employers with",
            )
        ]
    stub_employers = [s.employer.name for s in stubs if s.employer.name]
    stub_years = {s.pay_date.year for s in stubs if s.pay_date}
    odd: list[tuple[str, str, str | None]] = []  # (name, where, document id)
    for w2 in model.w2s:
        name = w2.employer.name
        if name and not any(same_company(name, e) for e in stub_employers):
            # a W-2 of another year may be a previous job: only the stubs' years must agree
            if (
                w2.tax_year
                and w2.tax_year[:4].isdigit()
                and int(w2.tax_year[:4]) not in stub_years | {y - 1 for y in stub_years}
            ):
                continue
            odd.append((name, f"the {w2.tax_year} W-2", w2.document.document_id))
    for job in model.employments:
        if (
            job.employer
            and (job.end is None)
            and not any(same_company(job.employer, e) for e in stub_employers)
        ):
            odd.append((job.employer, "the payroll employment record", None))
    ids = tuple(
        dict.fromkeys(
            [*(s.document.document_id for s in stubs), *(w.document.document_id for w in model.w2s)]
        )
    )
    if odd:
        name, where, doc = odd[0]
        out.append(
            failed(
                EMPLOYER_NAME, "identity", "high",
                f"The employer differs between documents: {name!r} on {where}, "
                f"{stub_employers[0]!r} on the pay stubs",
                document_ids=ids, values={"pay_stubs": stub_employers[0], "found": name},
                where=[(doc, 0, name)] if doc else [],
            )
        )  # fmt: skip
    else:
        out.append(passed(EMPLOYER_NAME, "identity", f"The employer on the pay stubs ({stub_employers[0] if stub_employers else 'unnamed'}) matches the W-2s and employment data", document_ids=ids))  # fmt: skip
    # the same employer's address on its stubs and W-2s
    parties = [(s.employer, s.document.document_id) for s in stubs] + [
        (w.employer, w.document.document_id) for w in model.w2s
    ]
    for party, doc in parties:
        for other, other_doc in parties:
            if other_doc == doc or not same_company(party.name, other.name):
                continue
            if (
                party.address is not None
                and other.address is not None
                and not same_address(party.address, other.address)
            ):
                out.append(
                    failed(
                        EMPLOYER_ADDRESS, "identity", "medium",
                        f"{party.name}'s address differs between documents: {party.address.one_line()!r} "
                        f"and {other.address.one_line()!r}",
                        document_ids=(doc, other_doc),
                        values={"first": party.address.one_line(), "second": other.address.one_line()},
                        where=[(other_doc, 0, other.address.street or "")],
                    )
                )  # fmt: skip
                return out
    addressed = [p for p, _ in parties if p.address is not None]
    if len(addressed) < 2:
        out.append(
            not_applicable(
                EMPLOYER_ADDRESS, "identity", "fewer than two documents give the employer's address"
            )
        )
    else:
        out.append(passed(EMPLOYER_ADDRESS, "identity", f"Each employer's address agrees across its {len(addressed)} documents", document_ids=ids))  # fmt: skip
    return out
