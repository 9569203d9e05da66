"""Every API error as JSON a person can read: {"status": 400, "message": "...", "errors": {...}}.

`handle_api_exception` is DRF's EXCEPTION_HANDLER; `api_not_found` and `api_server_error` are the
project's handler404/handler500, answering JSON under /api/ and Django's usual pages elsewhere.
"""
import logging

from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

SERVER_ERROR_MESSAGE = "Something went wrong on our side. The error has been logged; please try again later."


def describe_error(status_code: int, data) -> dict:
    """The JSON body of an error: a one-line message, plus field errors when there are some."""
    if isinstance(data, dict) and set(data) == {"detail"}:
        return {"status": status_code, "message": str(data["detail"])}
    if isinstance(data, (dict, list)):
        return {"status": status_code, "message": _summarise(data), "errors": data}
    return {"status": status_code, "message": str(data)}


def _summarise(errors) -> str:
    if isinstance(errors, list):
        return " ".join(str(item) for item in errors) or "Invalid request."
    parts = []
    for field, problems in errors.items():
        text = " ".join(str(p) for p in problems) if isinstance(problems, list) else str(problems)
        parts.append(text if field in ("non_field_errors", "detail") else f"{field}: {text}")
    return "Invalid request. " + " ".join(parts)


def handle_api_exception(exc: Exception, context: dict) -> Response:
    """DRF's handler for known errors, re-shaped; anything unexpected is logged and becomes a JSON 500."""
    response = exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in %s", context.get("view").__class__.__name__, exc_info=exc)
        return Response(describe_error(500, SERVER_ERROR_MESSAGE), status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response.data = {"detail": f"Too many requests. Please retry in {int(exc.wait) + 1} seconds."}
    response.data = describe_error(response.status_code, response.data)
    return response


def api_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        message = f"There is no API endpoint at {request.path}. The list of endpoints is at /api/."
        return JsonResponse(describe_error(404, message), status=404)
    return defaults.page_not_found(request, exception)


def api_server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse(describe_error(500, SERVER_ERROR_MESSAGE), status=500)
    return defaults.server_error(request)
