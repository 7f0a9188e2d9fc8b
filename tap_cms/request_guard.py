"""Requests that no page can answer sensibly get a 400, before any view runs.

PostgreSQL stores no NUL character in text, so a `%00` in an address, a query string
or a header would reach a lookup and end as a database error (a 500, with a
traceback in the log). No address or parameter of this site contains one, so such a
request is refused here, once, for every page. Invalid UTF-8 needs nothing: Django
re-quotes broken bytes in the path and replaces them in the query string.
"""

from django.http import HttpResponseBadRequest

NUL = "\x00"


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return HttpResponseBadRequest(
                "This address contains a NUL character.", content_type="text/plain"
            )
        return self.get_response(request)


def _has_nul(request) -> bool:
    if NUL in request.path_info or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    if any(NUL in value for values in request.GET.lists() for value in values[1]):
        return True
    return any(NUL in str(value) for key, value in request.META.items() if key.startswith("HTTP_"))
