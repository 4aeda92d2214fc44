"""The NinjaAPI instance: routers, the error object for every failure, the audit trail
of token uses, and a documentation page that needs nothing from outside the site."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import DocsBase

from igfplus.api import network, outcomes, programme, search
from igfplus.api.errors import (
    BAD_REQUEST,
    INVALID,
    MISSING_TOKEN,
    NO_SUCH_ENDPOINT,
    NOT_AUTHENTICATED,
    NOT_FOUND,
    SERVER_ERROR,
    SERVER_FAILURE,
    ApiError,
    error_body,
)
from igfplus.services.api_tokens import record_use

logger = logging.getLogger(__name__)

DESCRIPTION = """The open data of IGF+: the programme, the year-round network and the
forum's outcomes, as the public pages show them. Data licence: CC BY 4.0. Reads need no
token; writes need a token issued by the IGF Secretariat. Guide: docs/api.md."""
# Parts of a validation error's location that name where, not what.
_LOCATIONS = {"query", "path", "body", "header", "cookie", "form", "payload"}


class OpenDataApi(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        # Every request made with a known token, answered or refused, is audited.
        token = getattr(request, "api_token", None)
        if token is not None:
            record_use(
                token=token,
                method=request.method,
                path=request.get_full_path(),
                status=response.status_code,
            )
        return response


class EndpointList(DocsBase):
    """Our own docs page: the endpoints from the OpenAPI description, on the site's own
    template — no scripts or styles from a CDN, which the site's CSP refuses."""

    def render_page(
        self, request: HttpRequest, api: NinjaAPI, **kwargs
    ) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = []
        for route, methods in schema["paths"].items():
            for method, operation in methods.items():
                parameters = [
                    {
                        "name": p["name"],
                        "where": p["in"],
                        "required": p.get("required", False),
                        "description": p.get("description")
                        or p.get("schema", {}).get("description", ""),
                        "values": p.get("schema", {}).get("enum", []),
                    }
                    for p in operation.get("parameters", [])
                ]
                operations.append(
                    {
                        "method": method.upper(),
                        "path": route,
                        "summary": operation.get("summary", ""),
                        "description": operation.get("description", ""),
                        "parameters": parameters,
                        "needs_token": bool(operation.get("security")),
                        "example": f"curl {request.build_absolute_uri(route)}",
                    }
                )
        return render(
            request,
            "api/docs.html",
            {
                "title": _("Open data API"),
                "operations": operations,
                "openapi_url": api.get_root_path(kwargs) + "openapi.json",
            },
        )


api = OpenDataApi(
    title="IGF+ open data API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=EndpointList(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/", programme.router)
api.add_router("/", network.router)
api.add_router("/", outcomes.router)
api.add_router("/", search.router)


@api.exception_handler(ApiError)
def api_error(request, exc: ApiError):
    response = api.create_response(
        request, error_body(exc.code, exc.message, exc.field), status=exc.status
    )
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ()) if isinstance(part, str)]
    names = [part for part in location if part not in _LOCATIONS]
    field = names[-1] if names else (location[-1] if location else None)
    message = str(first.get("msg", "Invalid input."))
    return api.create_response(request, error_body(INVALID, message, field), status=400)


@api.exception_handler(AuthenticationError)
def not_authenticated(request, exc):
    return api.create_response(
        request, error_body(NOT_AUTHENTICATED, MISSING_TOKEN), status=401
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(
        request, error_body(BAD_REQUEST, str(exc)), status=exc.status_code
    )


@api.exception_handler(Http404)
def missing(request, exc):
    return api.create_response(
        request, error_body(NOT_FOUND, NO_SUCH_ENDPOINT), status=404
    )


@api.exception_handler(Exception)
def failure(request, exc):
    # Logged with its traceback for us; the client learns nothing about the internals.
    logger.exception("API request failed: %s %s", request.method, request.path)
    return api.create_response(
        request, error_body(SERVER_ERROR, SERVER_FAILURE), status=500
    )
