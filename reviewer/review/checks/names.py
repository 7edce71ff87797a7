"""Tolerant comparison of people's names, company names and addresses across sources.

Sources print the same party differently: "MARIA K. LOPEZ" and "Maria Lopez", "Acme Corp" and
"ACME PAYROLL DIRECT DEP", "418 Maple Grove Lane" and "418 Maple Grove Ln". These helpers strip
what does not identify (case, punctuation, middle initials, legal suffixes, banking words,
street-type spellings) and compare the rest with rapidfuzz's token ratios.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from reviewer.review.model import Address

_WORD = re.compile(r"[a-z0-9]+")
_NAME_NOISE = {"mr", "mrs", "ms", "dr", "jr", "sr", "ii", "iii", "iv"}
_COMPANY_NOISE = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "ltd", "lp", "llp",
    "plc", "the", "of", "and", "group", "holdings",
    # what banks add around a depositor's name
    "payroll", "pay", "payrl", "direct", "dir", "dep", "deposit", "ach", "ppd", "id", "credit",
    "salary", "sal", "reg", "des", "indn", "entry", "web", "transfer", "xfer", "from",
}  # fmt: skip
_STREET = {
    "street": "st", "avenue": "ave", "av": "ave", "road": "rd", "drive": "dr", "lane": "ln",
    "boulevard": "blvd", "court": "ct", "place": "pl", "parkway": "pkwy", "highway": "hwy",
    "circle": "cir", "terrace": "ter", "suite": "ste", "apartment": "apt", "unit": "apt",
    "north": "n", "south": "s", "east": "e", "west": "w", "trail": "trl", "square": "sq",
}  # fmt: skip


def person_tokens(name: str | None) -> list[str]:
    """Lower-case name words without titles, suffixes and single-letter initials."""
    words = _WORD.findall((name or "").lower())
    return [w for w in words if w not in _NAME_NOISE and len(w) > 1]


def same_person(a: str | None, b: str | None) -> bool:
    """True when two printed names are the same person's (initials, case, order tolerated)."""
    ta, tb = person_tokens(a), person_tokens(b)
    if not ta or not tb:
        return False
    if ta[0] == tb[0] and ta[-1] == tb[-1]:
        return True
    return fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)) >= 90


def company_tokens(name: str | None) -> list[str]:
    """Lower-case company words without legal suffixes and bank-deposit words."""
    return [w for w in _WORD.findall((name or "").lower()) if w not in _COMPANY_NOISE]


def company_score(a: str | None, b: str | None) -> float:
    """0-100: how alike two company names are once the noise is gone."""
    ta, tb = company_tokens(a), company_tokens(b)
    if not ta or not tb:
        return 0.0
    # banks cut depositor names short: "HARBOR POINT LOG" is "Harbor Point Logistics"
    ta = [_expand(w, tb) for w in ta]
    tb = [_expand(w, ta) for w in tb]
    joined_a, joined_b = " ".join(ta), " ".join(tb)
    # "ACME PAYROLL DIRECT DEP" -> "acme" is a subset of "acme" of "Acme Corp": token_set
    return max(fuzz.token_set_ratio(joined_a, joined_b), fuzz.ratio(joined_a, joined_b))


def _expand(word: str, others: list[str]) -> str:
    if len(word) >= 3:
        for other in others:
            if len(other) > len(word) and other.startswith(word):
                return other
    return word


def same_company(a: str | None, b: str | None) -> bool:
    """True when two printed company names are the same employer or payer."""
    return company_score(a, b) >= 85


def address_key(addr: Address | None) -> str:
    """Street (with standard abbreviations), city, region and the 5-digit ZIP, lower case."""
    if addr is None:
        return ""
    street = " ".join(_STREET.get(w, w) for w in _WORD.findall((addr.street or "").lower()))
    zip5 = (addr.postal_code or "")[:5]
    return " ".join(
        p for p in (street, (addr.city or "").lower(), (addr.region or "").lower(), zip5) if p
    )


def same_address(a: Address | None, b: Address | None) -> bool:
    """True when two addresses are the same place (abbreviations and case tolerated)."""
    ka, kb = address_key(a), address_key(b)
    if not ka or not kb:
        return False
    zip_a, zip_b = (a.postal_code if a else None), (b.postal_code if b else None)
    if zip_a and zip_b and zip_a[:5] != zip_b[:5]:
        return False
    number_a = _WORD.findall((a.street or "").lower())[:1] if a else []
    number_b = _WORD.findall((b.street or "").lower())[:1] if b else []
    if number_a and number_b and number_a[0].isdigit() and number_a != number_b:
        return False
    return fuzz.token_sort_ratio(ka, kb) >= 88
