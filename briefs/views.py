from django.db import connection
from django.http import Http404, HttpResponse


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def brief_detail(request, slug):
    raise Http404
