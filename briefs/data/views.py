"""/data/: the page that explains the open data, and its files.

Every file is streamed (`briefs.data.stream`), names its licence in a `Link` header
and is cached by the proxy like any public page (`public_page`). A bad filter
answers 400 with what is wrong (HTML for CSV, JSON for JSON) and exports nothing.
"""

from dataclasses import dataclass, field

from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse

from actors.codebook import SUB_EVENT_TYPES
from briefs.data import events, registry
from briefs.data.columns import Column
from briefs.data.filters import EVENT_FILTERS, BadFilter, filter_events, only_known
from briefs.data.stream import csv_lines, json_document, rows
from briefs.models import SiteSettings
from briefs.public.http import public_page
from briefs.publishing.article import absolute

PUBLISHER = "Terrorism Analysis Platform"


@dataclass(frozen=True)
class DataFile:
    name: str
    title: str
    about: str
    columns: list[Column]
    queryset: object  # () -> QuerySet
    row: object  # (obj) -> list
    json_row: object = None  # when JSON needs more structure than CSV
    filters: list[str] = field(default_factory=list)

    def path(self, fmt: str) -> str:
        return reverse(f"data:{self.name}_{fmt}")

    def csv_path(self) -> str:
        return self.path("csv")

    def json_path(self) -> str:
        return self.path("json")


FILES = [
    DataFile(
        "events",
        "Events",
        "Dated incidents (attacks, clashes, meetings, statements) with ACLED's columns in "
        "ACLED's order, then ours. One row per event, oldest first.",
        events.EVENT_COLUMNS,
        events.events_for_export,
        events.event_row,
        filters=EVENT_FILTERS,
    ),
    DataFile(
        "organisations",
        "Organisations",
        "The groups and bodies of the registry, with their aliases and the lists they are "
        "on. One row per organisation.",
        registry.ORGANISATION_COLUMNS,
        registry.organisations_for_export,
        registry.organisation_row,
    ),
    DataFile(
        "people",
        "People",
        "The people of the registry with the roles they held. One row per person.",
        registry.PERSON_COLUMNS,
        registry.people_for_export,
        registry.person_row,
        json_row=lambda person: registry.person_row(person, structured=True),
    ),
    DataFile(
        "relationships",
        "Relationships",
        "How one organisation stands to another over a period. One row per relationship.",
        registry.RELATIONSHIP_COLUMNS,
        registry.relationships_for_export,
        registry.relationship_row,
    ),
    DataFile(
        "designations",
        "Designations",
        "Organisations' listings as terrorist organisations, by jurisdiction, with dates "
        "and a source. One row per listing.",
        registry.DESIGNATION_COLUMNS,
        registry.designations_for_export,
        registry.designation_row,
    ),
]
BY_NAME = {f.name: f for f in FILES}


def citation(site: SiteSettings, title: str = "Open data") -> str:
    return (
        f"{PUBLISHER}, {title} ({absolute(reverse('data:index'))}), retrieved "
        f"[date]. Licensed under {site.data_licence}."
    )


@public_page
def index(request):
    site = SiteSettings.load()
    return render(
        request,
        "data/index.html",
        {
            "files": FILES,
            "site": site,
            "citation": citation(site),
            "event_types": list(SUB_EVENT_TYPES),
            "acled_count": len(events.ACLED_COLUMNS),
            "publisher": PUBLISHER,
            "canonical_url": absolute(request.path),
        },
    )


def _export(request, name: str, fmt: str):
    data_file = BY_NAME[name]
    try:
        if data_file.filters:
            queryset = filter_events(data_file.queryset(), request.GET)
        else:
            only_known(request.GET, [])
            queryset = data_file.queryset()
    except BadFilter as problem:
        return _bad_filter(request, data_file, fmt, str(problem))
    site = SiteSettings.load()
    if fmt == "csv":
        content = csv_lines(data_file.columns, rows(queryset, data_file.row))
        response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="tap-{name}.csv"'
    else:
        head = {
            "publisher": PUBLISHER,
            "file": absolute(data_file.path("json")),
            "documentation": absolute(reverse("data:index")),
            "licence": site.data_licence,
            "licence_url": site.data_licence_url,
            "citation": citation(site, data_file.title),
        }
        content = json_document(
            head, data_file.columns, rows(queryset, data_file.json_row or data_file.row)
        )
        response = StreamingHttpResponse(content, content_type="application/json")
    response["Link"] = f'<{site.data_licence_url}>; rel="license"'
    return response


def _bad_filter(request, data_file: DataFile, fmt: str, message: str):
    if fmt == "json":
        return JsonResponse(
            {"error": message, "documentation": absolute(reverse("data:index"))}, status=400
        )
    return render(
        request,
        "data/bad_filter.html",
        {"file": data_file, "message": message, "noindex": True},
        status=400,
    )


def export_view(name: str, fmt: str):
    @public_page
    def view(request):
        return _export(request, name, fmt)

    view.__name__ = f"{name}_{fmt}"
    return view
