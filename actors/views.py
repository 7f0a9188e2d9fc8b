from django.http import Http404


def actor_detail(request, slug):
    raise Http404


def organisation_detail(request, slug):
    raise Http404


def event_detail(request, slug):
    raise Http404
