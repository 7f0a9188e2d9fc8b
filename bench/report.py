"""Turn the benchmark's raw wrk figures into bench/results/latest.md, and judge them.

`bench/run` calls this with the run directory holding one `<name>.json` per wrk run
(written by summary.lua), for the Django runs `<name>.xacts` ("before after":
pg_stat_database.xact_commit of the CMS database around warm-up and measured run,
with `<name>.warmup.json` for the warm-up's request count), and
`probe.json` (the SQL of one miss and one hit, from bench/probe.py) and
`<name>.cpu.json` (whose CPU was used during each run, from bench/cpu_share.py). It
prints the table and the verdicts and exits 0 (valid run, targets met), 1 (valid
run, a target missed) or 2 (the run itself is not valid: errors, non-2xx answers,
short answers, or a cache that did not behave as the run assumes).
"""

import argparse
import json
import os
import sys
from pathlib import Path

RUNS = [
    ("static_close", "static nginx, no keep-alive (baseline)", None),
    ("static_keepalive", "static nginx, keep-alive (for information)", None),
    ("django_uncached", "Django brief page, uncached (every request misses)", 0.04),
    ("django_cached", "Django brief page, cached", 0.20),
]
BASELINE = "static_close"


def _ms(us: float) -> str:
    return f"{us / 1000:.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--html-bytes", type=int, required=True)
    args = parser.parse_args()

    stats = {name: json.loads((args.run_dir / f"{name}.json").read_text()) for name, *_ in RUNS}
    for s in stats.values():
        s["rps"] = s["requests"] / (s["duration_us"] / 1e6) if s["duration_us"] else 0.0
    base = stats[BASELINE]["rps"]

    problems: list[str] = []
    noise: list[str] = []
    verdicts: list[str] = []
    rows = []
    for name, label, target in RUNS:
        s = stats[name]
        ratio = s["rps"] / base if base else 0.0
        e = s["errors"]
        if s["requests"] == 0:
            problems.append(f"{name}: no request completed")
        if e["status"]:
            problems.append(f"{name}: {e['status']} non-2xx/3xx responses")
        warm_errors = json.loads((args.run_dir / f"{name}.warmup.json").read_text())["errors"]
        if warm_errors["status"]:
            problems.append(f"{name} warm-up: {warm_errors['status']} non-2xx/3xx responses")
        if e["connect"] or e["timeout"] or e["write"]:
            problems.append(
                f"{name}: socket errors connect {e['connect']}, write {e['write']}, "
                f"timeout {e['timeout']}"
            )
        per_response = s["bytes"] / s["requests"] if s["requests"] else 0
        if per_response < args.html_bytes:
            problems.append(
                f"{name}: {per_response:.0f} bytes per response, less than the page's "
                f"{args.html_bytes} bytes of HTML"
            )
        xacts = ""
        xfile = args.run_dir / f"{name}.xacts"
        if xfile.exists():
            # The count covers the warm-up too: divide by both runs' requests.
            before, after = (int(x) for x in xfile.read_text().split())
            warm = json.loads((args.run_dir / f"{name}.warmup.json").read_text())
            counted = s["requests"] + warm["requests"]
            s["xacts_per_request"] = (after - before) / counted if counted else 0
            xacts = f"{s['xacts_per_request']:.2f}"
        cpu = json.loads((args.run_dir / f"{name}.cpu.json").read_text())
        if cpu["others_pct"] > 10:
            noise.append(f"{name}: other processes used {cpu['others_pct']:.0f}% of the CPU")
        target_cell = f"≥ {target:.2f}" if target is not None else ""
        verdict = ""
        if target is not None:
            verdict = "PASS" if ratio >= target else "FAIL"
            verdicts.append(f"{verdict}: {label}: {ratio:.3f} of static (target ≥ {target:.2f})")
        rows.append(
            f"| {label} | {s['rps']:,.0f} | {_ms(s['latency_us']['p50'])} | "
            f"{_ms(s['latency_us']['p99'])} | {ratio:.3f} | {target_cell} | {verdict} | "
            f"{s['requests']:,} | {e['read']} | {per_response:,.0f} | {xacts} | "
            f"{cpu['ours_pct']:.0f}% / {cpu['others_pct']:.0f}% |"
        )

    # The uncached run must really miss and the cached run really hit. The probe
    # counted, in-process, the queries of one miss and one hit; the server counted
    # the transactions of each run. Both runs carry the same per-request overhead
    # (Django's connection health check), so their difference per request is the
    # miss-minus-hit cost times the share of misses in the one and hits in the other.
    probe = json.loads((args.run_dir / "probe.json").read_text())
    saved = probe["miss"] - probe["hit"]
    unc = stats["django_uncached"].get("xacts_per_request")
    cac = stats["django_cached"].get("xacts_per_request")
    if unc is None or cac is None:
        problems.append("SQL transaction counts missing")
    elif saved < 1:
        problems.append(
            f"a cache hit costs as many queries as a miss ({probe['hit']} against "
            f"{probe['miss']}): the runs cannot be told apart"
        )
    elif unc - cac < 0.9 * saved:
        problems.append(
            f"{unc:.2f} SQL transactions per request uncached and {cac:.2f} cached, a "
            f"difference under 90% of the {saved} queries a hit saves: the uncached run "
            "did not always miss (does the cache key ignore the query string?) or the "
            "cached run did not always hit"
        )

    env = os.environ.get
    lines = [
        "# Brief page benchmark",
        "",
        f"- when: {env('BENCH_WHEN', '?')}; commit {env('BENCH_COMMIT', '?')}",
        f"- machine: {env('BENCH_NPROC', '?')} cores, {env('BENCH_CPU', '?')}; "
        f"load average before the run: {env('BENCH_LOADAVG', '?')}",
        f"- page: `{env('BENCH_PATH', '?')}` ({args.html_bytes:,} bytes of HTML)",
        f"- gunicorn: {env('BENCH_WORKERS', '?')} sync workers, DEBUG off, no access log; "
        f"nginx {env('BENCH_NGINX_VERSION', '?')}, worker_processes auto, sendfile on, "
        "no access log",
        f"- load: `{env('BENCH_WRK', '?')}` after a {env('BENCH_WARMUP', '?')} warm-up, "
        "wrk, nginx, gunicorn and PostgreSQL all on this machine",
        f"- SQL queries of one brief page (Django test client): {probe['miss']} on a "
        f"cache miss, {probe['hit']} on a hit; the table's last column is what the server "
        "counted per request during each run (queries plus Django's connection health check)",
        "",
        "| run | requests/s | p50 | p99 | ratio to static (no keep-alive) | target | result "
        "| requests | read errors | bytes/response | SQL xacts/request | CPU ours / others |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        *(f"- {v}" for v in verdicts),
    ]
    if noise:
        lines += [
            "",
            "**Other work shared the machine**, so these figures are low (Django's most); "
            "run again on a quiet machine:",
            "",
            *(f"- {n}" for n in noise),
        ]
    if problems:
        lines += ["", "**This run is not valid:**", "", *(f"- {p}" for p in problems)]
    text = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(text)
    if problems:
        return 2
    return 0 if all(v.startswith("PASS") for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
