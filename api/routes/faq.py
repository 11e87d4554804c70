"""FAQ entries: what the offline Customer Agent answers from (per organisation, optionally
per LINE account), plus a preview of the agent's answer to a test question."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from api.deps import EditorDep, SessionDep, UserDep
from api.ownership import owned
from api.pagination import PageParams, page, page_params
from api.schemas.common import Page
from api.schemas.faq import FaqEntry as FaqOut
from api.schemas.faq import FaqPreview
from engine.customer_sessions import language_of
from engine.runtime.context import AgentRequest
from engine.storage.models import FaqEntry, LineAccount, User

router = APIRouter(tags=["faq"])


class FaqIn(BaseModel):
    question: str = Field(min_length=1, max_length=1000)
    answer: str = Field(min_length=1, max_length=5000)
    account_id: int | None = Field(default=None,
                                   description="Only for this LINE account (all when empty).")


class PreviewIn(BaseModel):
    text: str = Field(min_length=1, max_length=2000)
    account_id: int


def faq_out(e: FaqEntry) -> dict[str, Any]:
    return {"id": e.id, "question": e.question, "answer": e.answer,
            "account_id": e.account_id, "created_at": e.created_at,
            "updated_at": e.updated_at}


def _check_account(session: Session, user: User, account_id: int | None) -> None:
    if account_id is not None:
        owned(session, LineAccount, account_id, user, "account")


def _clean(body: FaqIn) -> tuple[str, str]:
    question, answer = body.question.strip(), body.answer.strip()
    if not question or not answer:
        raise HTTPException(422, [{"loc": ["body", "question" if not question else "answer"],
                                   "msg": "must not be blank", "type": "value_error"}])
    return question, answer


@router.get("/api/faq", response_model=Page[FaqOut])
def list_faq(user: UserDep, session: SessionDep,
             params: Annotated[PageParams, Depends(page_params)],
             account_id: int | None = None,
             q: Annotated[str | None, Query(max_length=100)] = None) -> dict[str, Any]:
    stmt = select(FaqEntry).where(FaqEntry.organisation_id == user.organisation_id)
    if account_id is not None:
        stmt = stmt.where(or_(FaqEntry.account_id.is_(None), FaqEntry.account_id == account_id))
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(or_(func.lower(FaqEntry.question).like(like),
                              func.lower(FaqEntry.answer).like(like)))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(FaqEntry.id).limit(params.limit)
                           .offset(params.offset)).all()
    return page([faq_out(e) for e in rows], total, params)


@router.post("/api/faq", status_code=201, response_model=FaqOut)
def create_faq(body: FaqIn, user: EditorDep, session: SessionDep) -> dict[str, Any]:
    _check_account(session, user, body.account_id)
    question, answer = _clean(body)
    entry = FaqEntry(organisation_id=user.organisation_id, account_id=body.account_id,
                     question=question, answer=answer)
    session.add(entry)
    session.commit()
    return faq_out(entry)


@router.get("/api/faq/{entry_id}", response_model=FaqOut)
def get_faq(entry_id: int, user: UserDep, session: SessionDep) -> dict[str, Any]:
    return faq_out(owned(session, FaqEntry, entry_id, user, "FAQ entry"))


@router.put("/api/faq/{entry_id}", response_model=FaqOut)
def update_faq(entry_id: int, body: FaqIn, user: EditorDep,
               session: SessionDep) -> dict[str, Any]:
    entry = owned(session, FaqEntry, entry_id, user, "FAQ entry")
    _check_account(session, user, body.account_id)
    entry.question, entry.answer = _clean(body)
    entry.account_id = body.account_id
    session.commit()
    return faq_out(entry)


@router.delete("/api/faq/{entry_id}", status_code=204)
def delete_faq(entry_id: int, user: EditorDep, session: SessionDep) -> None:
    session.delete(owned(session, FaqEntry, entry_id, user, "FAQ entry"))
    session.commit()


@router.post("/api/faq/preview", response_model=FaqPreview)
def preview(body: PreviewIn, user: UserDep, session: SessionDep,
            request: Request) -> dict[str, Any]:
    """What the Customer Agent would answer: lets a marketer test the FAQ before going live."""
    account = owned(session, LineAccount, body.account_id, user, "account")
    agent = request.app.state.services.customer_agent
    if agent is None:
        raise HTTPException(503, {"code": "unavailable",
                                  "message": "The Customer Agent is not available."})
    reply = agent.reply(AgentRequest(
        organisation_id=user.organisation_id, account_id=account.id, session_id=0,
        text=body.text, language=language_of(body.text, None), handoff_keyword="staff"))
    return {"text": reply.text, "known": reply.known, "sources": reply.sources,
            "provider": reply.provider}
