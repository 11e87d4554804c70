"""Domain exceptions → JSON HTTP errors (never a 500 for bad input)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError

from engine.graph import DefinitionError, clean_loc
from engine.lifecycle import LifecycleRefused
from engine.workflows import NotFound, StaleRevision, UnknownTemplate


def error_body(code: str, message: str, **extra: object) -> dict[str, object]:
    return {"detail": {"code": code, "message": message, **extra}}


# A refused secret is not echoed back in the 422 (it would land in browser tools and proxies).
SECRET_FIELDS = frozenset({"password", "channel_secret", "access_token", "api_key",
                           "commerce_secret", "token"})


def _tagless(error: dict[str, Any], body: Any) -> dict[str, Any]:
    """The error's location without the tags of tagged unions (messages, actions…)."""
    loc = list(error.get("loc") or ())
    if loc and loc[0] == "body":
        return {**error, "loc": ["body", *clean_loc(loc[1:], body)]}
    return error


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_tagless({k: v for k, v in e.items() if k != "input"}
                           if SECRET_FIELDS.intersection(map(str, e.get("loc", ()))) else e,
                           exc.body)
                  for e in exc.errors()]
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    @app.exception_handler(DefinitionError)
    async def _definition(_: Request, exc: DefinitionError) -> JSONResponse:
        detail = [{**e, "loc": ["body", "definition", *e["loc"]]} for e in exc.errors]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(LifecycleRefused)
    async def _lifecycle(_: Request, exc: LifecycleRefused) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message,
                                       errors=[e.model_dump() for e in exc.errors]),
                            status_code=409)

    @app.exception_handler(StaleRevision)
    async def _stale(_: Request, exc: StaleRevision) -> JSONResponse:
        return JSONResponse(error_body("stale_revision", str(exc), field="If-Match",
                                       latest_revision=exc.latest), status_code=409)

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse(error_body("not_found", str(exc)), status_code=404)

    @app.exception_handler(UnknownTemplate)
    async def _template(_: Request, exc: UnknownTemplate) -> JSONResponse:
        return JSONResponse({"detail": [{"loc": ["body", "template"], "msg": str(exc),
                                         "type": "unknown_template"}]}, status_code=422)

    @app.exception_handler(OverflowError)  # SQLite: an integer beyond 64 bits
    @app.exception_handler(DataError)  # PostgreSQL: e.g. bigint out of range
    async def _out_of_range(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": [{"loc": ["request"], "type": "out_of_range",
                                         "msg": "A value is out of range (numbers and ids are "
                                                "at most 64-bit)."}]}, status_code=422)

    @app.exception_handler(IntegrityError)
    async def _integrity(_: Request, exc: IntegrityError) -> JSONResponse:
        return JSONResponse(error_body("conflict", "That conflicts with something that "
                                       "already exists."), status_code=409)
