"""gunicorn's settings for TAP CMS: `gunicorn tap_cms.wsgi`, run from this directory,
reads them (`-c gunicorn.conf.py` from elsewhere; options on the command line win).

Workers: one sync worker per CPU this process may use, at least two, or
`WEB_CONCURRENCY`. The usual 2 × cores + 1 is for applications that wait on slow
backends. This one waits on nothing slow (a brief page's one query takes PostgreSQL
about 0.3 ms), so more processes than cores only take turns on the same cores, and
every idle sync worker wakes for each new connection. On the 2-core benchmark machine
2 workers served about 45% more uncached and 10% more cached brief pages than 5
(README, "Benchmark"). Raise `WEB_CONCURRENCY` where requests wait longer, such as a
database on another host.
"""

import os

bind = "127.0.0.1:8000"
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, len(os.sched_getaffinity(0))))

# What a request may say about itself. gunicorn takes the WSGI SCRIPT_NAME (and
# PATH_INFO) from a request header of that name when the peer is in
# forwarded_allow_ips (127.0.0.1 by default: the proxy, but also anything else on
# this host); Django would then build every link on the page under that prefix, and
# the proxy would store the page for every reader. No header is trusted for that;
# a header with "_" in its name is dropped (it would otherwise share a WSGI name
# with its "-" twin). deploy/nginx/tap-cms.conf drops such headers too.
forwarder_headers = ""
header_map = "drop"
# HTTPS is what the proxy says in X-Forwarded-Proto, and nothing else (the other two
# default names, X-Forwarded-Ssl and X-Forwarded-Protocol, are not the proxy's).
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
