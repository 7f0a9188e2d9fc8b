"""The API and the events file are one definition of an event's ACLED fields: for
every demo event, each ACLED field the API returns has exactly the value of that
column in /data/events.json, through the real URLs a researcher compares."""

import datetime
import json

import pytest

from actors.dates import Precision
from actors.models import Event, EventSource

pytestmark = pytest.mark.django_db

# ACLED's columns the API's event does not carry (the events file has them).
FILE_ONLY = {"region", "admin3", "timestamp"}


def _export(client) -> dict:
    response = client.get("/data/events.json")
    assert response.status_code == 200
    doc = json.loads(b"".join(response.streaming_content))
    return {row["event_id_cnty"]: row for row in doc["data"]}


def _api(client) -> dict:
    response = client.get("/api/v1/events?limit=100")
    assert response.status_code == 200
    page = response.json()
    assert page["next"] is None
    return {row["event_id_cnty"]: row for row in page["results"]}


def test_every_acled_field_of_the_api_equals_the_export_row(client, demo_registry):
    events = list(Event.objects.order_by("date", "pk"))
    assert len(events) >= 3
    # Where the two once disagreed: a day-precise event spanning several days
    # (time_precision 2), one known only to the month (3), a source with no outlet.
    spanning, by_month = events[0], events[1]
    spanning.date_precision = Precision.DAY
    spanning.end_date = spanning.date + datetime.timedelta(days=2)
    spanning.save()
    by_month.date_precision = Precision.MONTH
    by_month.save()
    EventSource.objects.create(event=events[2], title="A report without an outlet")
    events[2].tags.add("zebra", "Alpha")

    exported, api = _export(client), _api(client)
    assert set(api) == set(exported) == {e.public_id for e in events}
    assert exported[spanning.public_id]["time_precision"] == 2
    assert exported[by_month.public_id]["time_precision"] == 3
    for event_id, row in exported.items():
        acled = set(row) & set(api[event_id])
        # Every ACLED column but the file-only ones is in the API, with the file's value.
        assert acled >= set(list(row)[: list(row).index("timestamp") + 1]) - FILE_ONLY
        assert {k: api[event_id][k] for k in acled} == {k: row[k] for k in acled}, event_id
