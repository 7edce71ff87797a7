"""Income endpoint handlers: each turns a validated request into a spec-shaped response body."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reviewer.plaid import endpoint_paths as paths
from reviewer.sandbox import errors
from reviewer.sandbox.common import GENERATED_AT
from reviewer.sandbox.model import PayrollItem, RiskSpec, StatementItem
from reviewer.sandbox.state import UserState

if TYPE_CHECKING:
    from reviewer.sandbox.app import Sandbox

Body = dict[str, Any]
Handler = Callable[["Sandbox", UserState, Body, str], Body]


def _item_filter(body: Body) -> set[str] | None:
    options = body.get("options") or {}
    if not isinstance(options, dict):
        raise errors.invalid_field("options must be an object")
    ids = options.get("item_ids")
    if ids is None:
        return None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise errors.invalid_field("options.item_ids must be a list of strings")
    return set(ids)


def _with_url(sb: Sandbox, st: UserState, doc: Body, origin: str) -> Body:
    out = copy.deepcopy(doc)
    spec = st.profile.docs.get(doc.get("document_id") or "")
    meta = out["document_metadata"]
    if spec is not None and spec.downloadable:
        meta["download_url"] = sb.downloads.issue(origin, st.key, (spec.document_id,))
    else:
        meta["download_url"] = None
    return out


def payroll_income_get(sb: Sandbox, st: UserState, body: Body, origin: str) -> Body:
    """/credit/payroll_income/get: pay stubs, W-2s and 1099s with fresh download URLs."""
    wanted = _item_filter(body)
    items = []
    for item in st.profile.payroll_items:
        if wanted is not None and item.item_id not in wanted:
            continue
        ready = item.processing_status == "PROCESSING_COMPLETE"
        items.append(
            {
                "item_id": item.item_id,
                "institution_id": item.institution_id,
                "institution_name": item.institution_name,
                # only a payroll provider link has an account and a rate of pay
                "accounts": [
                    {
                        "account_id": item.account_id,
                        "rate_of_pay": {"pay_rate": item.pay_rate, "pay_amount": item.pay_amount},
                        "pay_frequency": item.pay_frequency,
                    }
                ]
                if item.account_id and ready
                else [],
                # an item Plaid is still processing has no data yet
                "payroll_income": [
                    {
                        "account_id": item.account_id,
                        "pay_stubs": [_with_url(sb, st, d, origin) for d in item.pay_stubs],
                        "w2s": [_with_url(sb, st, d, origin) for d in item.w2s],
                        "form1099s": [_with_url(sb, st, d, origin) for d in item.form1099s],
                        # plaid-python 46 requires this newer field; the 2020-09-14 spec allows it
                        "i20s": [],
                    }
                ]
                if ready
                else [],
                "status": {"processing_status": item.processing_status},
                "updated_at": item.updated_at or GENERATED_AT,
            }
        )
    return {"items": items}


def bank_statements_uploads_get(sb: Sandbox, st: UserState, body: Body, origin: str) -> Body:
    """/credit/bank_statements/uploads/get: uploaded statements with fresh download URLs."""
    wanted = _item_filter(body)
    return {
        "items": [
            {
                "item_id": item.item_id,
                "bank_statements": [_with_url(sb, st, s, origin) for s in item.statements]
                if item.processing_status == "PROCESSING_COMPLETE"
                else [],
                "status": {"processing_status": item.processing_status},
                "updated_at": GENERATED_AT,
            }
            for item in st.profile.statement_items
            if wanted is None or item.item_id in wanted
        ]
    }


def _reference(risk: RiskSpec, status: str) -> Body:
    return {
        "document_id": risk.document_id,
        "document_name": risk.document_name,
        "status": status,
        "document_type": risk.document_type,
        "file_type": risk.file_type,
    }


def _signals(item_id: str, risk_signals: list[Any]) -> list[Body]:
    return [
        {
            "type": s.type,
            "field": s.field,
            "has_fraud_risk": s.has_fraud_risk,
            "institution_metadata": {"item_id": item_id},
            "expected_value": s.expected_value,
            "actual_value": s.actual_value,
            "signal_description": s.signal_description or None,
            "page_number": s.page_number,
        }
        for s in risk_signals
    ]


def _item_risk(sb: Sandbox, st: UserState, item: PayrollItem | StatementItem) -> Body:
    pending = sb.clock() < st.risk_ready_at.get(item.item_id, float("-inf"))
    single = []
    for risk in item.risk:
        status = "PROCESSING" if pending and risk.status == "PROCESSING_COMPLETE" else risk.status
        done = status == "PROCESSING_COMPLETE"
        single.append(
            {
                "document_reference": _reference(risk, status),
                "risk_signals": _signals(item.item_id, risk.signals) if done else [],
                "risk_summary": {"risk_score": risk.risk_score if done else None},
            }
        )
    multi = []
    by_id = {r.document_id: r for r in item.risk}
    for m in [] if pending else getattr(item, "multi_risk", []):
        multi.append(
            {
                "document_references": [
                    _reference(by_id[d], by_id[d].status) for d in m.document_ids
                ],
                "risk_signals": _signals(item.item_id, m.signals),
            }
        )
    return {
        "item_id": item.item_id,
        "verification_risk_signals": [
            {
                "account_id": None,
                "single_document_risk_signals": single,
                "multi_document_risk_signals": multi,
            }
        ],
    }


def risk_signals_get(sb: Sandbox, st: UserState, body: Body, origin: str) -> Body:
    """/credit/payroll_income/risk_signals/get: per-document scores and signals."""
    st.prepare_documents(sb.renderer)
    return {"items": [_item_risk(sb, st, i) for i in st.items_with_risk() if i.risk]}


def parsing_config_update(sb: Sandbox, st: UserState, body: Body, origin: str) -> Body:
    """/credit/payroll_income/parsing_config/update: risk_signals restarts risk processing."""
    config = body.get("parsing_config")
    if config is None:
        raise errors.missing_fields("parsing_config")
    if not isinstance(config, list) or not set(config) <= {"ocr", "risk_signals"}:
        raise errors.invalid_field("parsing_config must be a list of 'ocr' and 'risk_signals'")
    item_id = body.get("item_id")
    items = st.items_with_risk()
    if item_id is not None:
        items = [i for i in items if i.item_id == item_id]
        if not items:
            raise errors.PlaidApiError(
                400, "INVALID_INPUT", "INVALID_FIELD", "item_id does not belong to this user"
            )
    if "risk_signals" in config:
        for item in items:
            st.risk_ready_at[item.item_id] = sb.clock() + sb.risk_processing_delay
    return {}


def refresh(sb: Sandbox, st: UserState, body: Body, origin: str) -> Body:
    """/credit/payroll_income/refresh: the user's scenario decides the outcome."""
    _item_filter(body)
    return {"verification_refresh_status": st.apply_refresh()}


def sessions_get(sb: Sandbox, st: UserState, body: Body, origin: str) -> Body:
    """/credit/sessions/get: newest first, as Plaid lists them."""
    sessions = sorted(
        st.profile.sessions, key=lambda s: str(s.get("session_start_time") or ""), reverse=True
    )
    return {"sessions": copy.deepcopy(sessions)}


def bank_income_get(sb: Sandbox, st: UserState, body: Body, origin: str) -> Body:
    """/credit/bank_income/get: the newest `options.count` reports (default 1), newest first."""
    options = body.get("options") or {}
    count = options.get("count", 1) if isinstance(options, dict) else 1
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise errors.invalid_field("options.count must be a positive integer")
    return {"bank_income": copy.deepcopy(st.profile.bank_income[:count])}


def employment_get(sb: Sandbox, st: UserState, body: Body, origin: str) -> Body:
    """/credit/employment/get."""
    return {"items": copy.deepcopy(st.profile.employment_items)}


def bank_employment_get(sb: Sandbox, st: UserState, body: Body, origin: str) -> Body:
    """/beta/credit/v1/bank_employment/get."""
    return {"bank_employment_reports": copy.deepcopy(st.profile.bank_employment_reports)}


# Endpoints that accept `user_id` in place of `user_token` (per the spec's request schemas:
# parsing_config/update, refresh and bank_income/pdf/get list user_id but require user_token).
USER_ID_OK = set(paths.USER_ID_ENDPOINTS)

USER_ENDPOINTS: dict[str, Handler] = {
    paths.PAYROLL: payroll_income_get,
    paths.STATEMENTS: bank_statements_uploads_get,
    paths.RISK_SIGNALS: risk_signals_get,
    paths.PARSING_CONFIG_UPDATE: parsing_config_update,
    paths.PAYROLL_REFRESH: refresh,
    paths.SESSIONS: sessions_get,
    paths.BANK_INCOME: bank_income_get,
    paths.EMPLOYMENT: employment_get,
    paths.BANK_EMPLOYMENT: bank_employment_get,
}
