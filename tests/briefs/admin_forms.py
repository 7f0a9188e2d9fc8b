"""Filling in admin forms the way a browser would: from the page the user was shown.

`form_data(response)` reads the change or add form and its inline formsets from a GET
response's context and returns the POST data a browser would send unchanged; tests
then change what the user would type.
"""

import datetime

from django import forms
from django.contrib.messages import get_messages
from taggit.forms import TagWidget

from briefs.models import BriefOrganisation, Section, Source


def form_data(response) -> dict:
    """The POST data of the admin form on `response`, as the user was shown it."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return data


def inline_prefix(response, model) -> str:
    """The prefix of the inline formset of `model` on the admin form `response`."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(f"No inline for {model.__name__} on this page.")


def add_inline_row(data: dict, response, model, **fields) -> int:
    """Fill in one more row of an inline, as clicking "Add another" does. Returns its index."""
    prefix = inline_prefix(response, model)
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return index


def new_brief_data(
    client, *, title="Pakistani delegation visits Kabul", organisation=None, authors=()
):
    """The add form of a brief filled in as an analyst would: title, sections, a source."""
    response = client.get("/admin/briefs/brief/add/")
    data = form_data(response)
    data["title"] = title
    data["summary"] = "Pakistan's defence minister led a delegation to Kabul."
    data["authors"] = [str(u.pk) for u in authors]
    data["tags"] = "TTP, Pakistan"
    sections = inline_prefix(response, Section)
    for i, body in enumerate(
        [
            "A delegation led by the defence minister met officials in Kabul.",
            "Attacks by the TTP rose after the ceasefire ended in November.",
            "The talks are unlikely to curb attacks soon.",
        ]
    ):
        data[f"{sections}-{i}-body"] = body
    add_inline_row(
        data,
        response,
        Source,
        outlet="The Express Tribune",
        title="Delegation meets Taliban leaders",
        url="https://tribune.com.pk/x",
        accessed="2023-02-23",
        order="0",
    )
    if organisation is not None:
        add_inline_row(data, response, BriefOrganisation, organisation=str(organisation.pk))
    return data


def edit_brief(client, brief, **changes):
    """Open the brief's change form, change what the user types, and send it.

    `section_0="..."` sets the body of the first section; other names are form fields.
    Returns the response and the data sent.
    """
    response = client.get(f"/admin/briefs/brief/{brief.pk}/change/")
    assert response.status_code == 200
    data = form_data(response)
    sections = inline_prefix(response, Section)
    for key, value in changes.items():
        if key.startswith("section_"):
            data[f"{sections}-{int(key.removeprefix('section_'))}-body"] = value
        else:
            data[key] = value
    return client.post(f"/admin/briefs/brief/{brief.pk}/change/", data), data


def messages_of(response) -> list[str]:
    """The messages the user gets with this response (or on the page it redirects to)."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def _add_form(data: dict, form) -> None:
    for bound in form:
        field = bound.field
        if isinstance(field, forms.FileField):
            continue  # a browser sends no file unless one is chosen
        if field.show_hidden_initial:  # the browser sends the hidden "initial-" input too
            _add_value(data, bound.html_initial_name, field, bound.initial)
        _add_value(data, bound.html_name, field, bound.value())


def _add_value(data: dict, name: str, field, value) -> None:
    if isinstance(field.widget, forms.CheckboxInput):
        if value:
            data[name] = "on"
    elif isinstance(field.widget, TagWidget):
        data[name] = field.widget.format_value(value) or ""
    elif isinstance(value, list | tuple) or getattr(field.widget, "allow_multiple_selected", False):
        data[name] = [str(v) for v in value or []]
    elif isinstance(value, datetime.date):
        data[name] = value.isoformat()
    elif value is None:
        data[name] = ""
    else:
        data[name] = str(value)
