"""How many SQL queries the brief page costs on a cache miss and on a hit.

Run by `bench/run` in the benchmark's environment, before the Django runs:
`python bench/probe.py PATH OUT.json`. It first waits until the public content
is older than PUBLIC_CACHE_SETTLE_SECONDS (briefs.caching renders, but never
caches, pages of content younger than that, and load_demo has just published),
then requests the page through Django's full stack with the test client: once to
warm the process, once at a new address (a miss) and once more at that address
(a hit), counting the queries of the last two. `bench/report.py` compares these
with the transactions the server counted during the runs, to show that the
uncached run missed and the cached run hit.
"""

import json
import os
import sys
import time

import django


def main() -> None:
    path, out = sys.argv[1], sys.argv[2]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tap_cms.settings")
    django.setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from briefs.caching import is_settled, public_stamp

    waited = 0.0
    while not is_settled(public_stamp()):
        time.sleep(0.5)
        waited += 0.5

    client = Client(HTTP_HOST="127.0.0.1")

    def get(address):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        if response.status_code != 200:
            sys.exit(f"probe: GET {address} answered {response.status_code}")
        return response, [q["sql"] for q in queries.captured_queries]

    get(f"{path}?nocache=probe-0")
    missed, miss_sql = get(f"{path}?nocache=probe-1")
    hit, hit_sql = get(f"{path}?nocache=probe-1")
    if hit.content != missed.content:
        sys.exit("probe: the cached page differs from the rendered one")
    with open(out, "w") as f:
        json.dump(
            {
                "miss": len(miss_sql),
                "hit": len(hit_sql),
                "settle_wait_s": waited,
                "miss_sql": miss_sql,
                "hit_sql": hit_sql,
            },
            f,
            indent=1,
        )
    print(
        f"probe: a miss costs {len(miss_sql)} queries, a hit {len(hit_sql)}"
        + (f" (waited {waited:.0f} s for the content to settle)" if waited else "")
    )


if __name__ == "__main__":
    main()
