"""``/api/v1/``: ninja's URLs, each wrapped for HTTP caching and CORS, and a JSON 404
for any other path below it (mounted by igfplus.urls)."""

from __future__ import annotations

import functools
import hashlib

from django.http import HttpResponse, JsonResponse
from django.urls import URLPattern, path
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.csrf import csrf_exempt

from igfplus.api.api import api
from igfplus.api.errors import (
    METHOD_NOT_ALLOWED,
    NO_SUCH_ENDPOINT,
    NOT_FOUND,
    error_body,
)

READ_METHODS = ("GET", "HEAD", "OPTIONS")
PUBLIC_MAX_AGE = 60
NOT_ALLOWED = "%(method)s is not allowed here."


def _cors(response: HttpResponse) -> HttpResponse:
    # Public reads only: no credentials are ever honoured cross-site, and writes are
    # left out, so a browser refuses to send a token from another site.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ", ".join(READ_METHODS)
    response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    return _cors(response)


def _with_validators(request, response: HttpResponse) -> HttpResponse:
    """ETag (a hash of the body) and Last-Modified where known; 304 when unchanged."""
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    modified = getattr(request, "api_last_modified", None)
    timestamp = int(modified.timestamp()) if modified else None
    unchanged = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    if unchanged.status_code == 304:
        unchanged.content = b""
        response = unchanged
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def http_semantics(view):
    """Conditional GETs, HEAD, CORS preflight and the error object for a wrong method."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        method = request.method
        if method == "OPTIONS":
            return _preflight()
        if method == "HEAD":
            request.method = "GET"
        response = view(request, *args, **kwargs)
        request.method = method
        if response.status_code == 405:
            response = JsonResponse(
                error_body(METHOD_NOT_ALLOWED, NOT_ALLOWED % {"method": method}),
                status=405,
                headers={"Allow": response.get("Allow", "")},
            )
        if method not in READ_METHODS:
            return response
        if response.status_code == 200 and not getattr(response, "streaming", False):
            response = _with_validators(request, response)
        if method == "HEAD":
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return _cors(response)

    return csrf_exempt(wrapped)


def api_index(request, **kwargs):
    """/api/v1/ itself: where the description and the documentation are."""
    return JsonResponse(
        {
            "openapi": request.build_absolute_uri("openapi.json"),
            "docs": request.build_absolute_uri("docs"),
            "licence": "CC-BY-4.0",
        }
    )


@csrf_exempt
def no_such_endpoint(request, rest: str):
    response = JsonResponse(error_body(NOT_FOUND, NO_SUCH_ENDPOINT), status=404)
    return _cors(response) if request.method in READ_METHODS else response


def _wrapped(pattern: URLPattern) -> URLPattern:
    callback = api_index if pattern.name == "api-root" else pattern.callback
    return URLPattern(
        pattern.pattern, http_semantics(callback), pattern.default_args, pattern.name
    )


ninja_patterns, _app_name, namespace = api.urls
app_name = namespace
urlpatterns = [
    *(_wrapped(p) for p in ninja_patterns),
    path("<path:rest>", no_such_endpoint, name="no-such-endpoint"),
]
