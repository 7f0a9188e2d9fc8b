"""Turn bench/run's raw figures into bench/results/latest.md, and judge them.

Reads, per run (static, proxy, django), `<name>.json` and `<name>.warmup.json` (wrk,
through summary.lua), `<name>.cpu.json` (bench/cpu_share.py) and `<name>.django`
(how many requests of the measured run reached gunicorn, from its access log).
Prints the table and exits 0 (valid, targets met), 1 (valid, a target missed) or 2
(not valid: errors, non-2xx answers, short answers, or the proxy run reaching Django
more than a page's refreshes would, or the direct run not reaching it every time).
"""

import argparse
import json
import os
from pathlib import Path

RUNS = [
    ("static", "the page's HTML as a static file from the same nginx (yardstick)", None),
    ("proxy", "brief page through the shipped nginx site (cached)", 0.8),
    ("django", "brief page straight from gunicorn (every request renders)", 0.03),
]
# A cached page is fetched again once per s-maxage (10 s), in the background: a
# few requests per run. More than this share means the cache did not serve the run.
MAX_PROXY_SHARE_REACHING_DJANGO = 0.001


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("raw", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--html-bytes", type=int, required=True)
    args = parser.parse_args()

    stats, problems, rows, verdicts = {}, [], [], []
    for name, _, _ in RUNS:
        s = json.loads((args.raw / f"{name}.json").read_text())
        s["rps"] = s["requests"] / (s["duration_us"] / 1e6) if s["duration_us"] else 0.0
        s["django"] = int((args.raw / f"{name}.django").read_text())
        s["cpu"] = json.loads((args.raw / f"{name}.cpu.json").read_text())
        stats[name] = s
        warm = json.loads((args.raw / f"{name}.warmup.json").read_text())
        for label, figures in ((name, s), (f"{name} warm-up", warm)):
            e = figures["errors"]
            if not figures["requests"]:
                problems.append(f"{label}: no request completed")
            if e["status"]:
                problems.append(f"{label}: {e['status']} non-2xx/3xx responses")
            if e["connect"] or e["write"] or e["timeout"]:
                problems.append(
                    f"{label}: socket errors connect {e['connect']}, write {e['write']}, "
                    f"timeout {e['timeout']}"
                )
        per_response = s["bytes"] / s["requests"] if s["requests"] else 0
        if per_response < args.html_bytes:
            problems.append(
                f"{name}: {per_response:.0f} bytes per response, less than the page's "
                f"{args.html_bytes} bytes"
            )
    proxy, django = stats["proxy"], stats["django"]
    if proxy["django"] > max(5, MAX_PROXY_SHARE_REACHING_DJANGO * proxy["requests"]):
        problems.append(f"proxy: {proxy['django']} requests reached Django: not cached")
    if django["django"] < 0.99 * django["requests"]:
        problems.append(f"django: only {django['django']} of {django['requests']} logged")

    base = stats["static"]["rps"]
    for name, label, target in RUNS:
        s = stats[name]
        ratio = s["rps"] / base if base else 0.0
        result = "—"
        if target is not None:
            result = "PASS" if ratio >= target else "FAIL"
            verdicts.append(result)
        lat = s["latency_us"]
        rows.append(
            f"| {label} | {s['rps']:,.0f} | {lat['p50'] / 1000:.2f} ms | "
            f"{lat['p99'] / 1000:.2f} ms | {ratio:.3f} | "
            f"{'' if target is None else f'≥ {target}'} | {result} | "
            f"{s['bytes'] / max(s['requests'], 1):,.0f} | {s['django']:,} | "
            f"{s['cpu']['ours_pct']:.0f}% / {s['cpu']['others_pct']:.0f}% |"
        )
        if s["cpu"]["others_pct"] > 10:
            others = s["cpu"]["others_pct"]
            problems.append(f"{name}: other processes took {others:.0f}% of the CPU")

    env = os.environ.get
    lines = [
        f"# Brief page benchmark, {env('BENCH_WHEN', '')}",
        "",
        f"Commit {env('BENCH_COMMIT', '?')}; {env('BENCH_NPROC', '?')} cores "
        f"({env('BENCH_CPU', '?')}); nginx {env('BENCH_NGINX_VERSION', '?')}; "
        f"gunicorn with {env('BENCH_WORKERS', '?')} sync workers; page "
        f"`{env('BENCH_PATH', '?')}` ({args.html_bytes:,} bytes of HTML); load average "
        f"{env('BENCH_LOADAVG', '?')}.",
        f"`{env('BENCH_WRK', 'wrk')}`.",
        "",
        "| run | requests/s | p50 | p99 | ratio to static | target | result "
        "| bytes/response | reached Django | CPU ours / others |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
        *rows,
        "",
    ]
    if problems:
        lines += ["**Not valid:**", "", *[f"- {p}" for p in problems], ""]
    text = "\n".join(lines)
    args.out.write_text(text)
    print(text)
    if problems:
        return 2
    return 0 if all(v == "PASS" for v in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
