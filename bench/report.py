"""Turn bench/run's raw figures into bench/results/latest.md, and judge them.

Reads, per run (static, proxy, django) and round r, `<name>.r<r>.json` and
`<name>.r<r>.warmup.json` (wrk, through summary.lua), `<name>.r<r>.cpu.json`
(bench/cpu_share.py) and `<name>.r<r>.django` (how many requests of the measured
run reached gunicorn, from its access log). A ratio is taken within each round
(the run's requests/s over the static run's of the same round), and a target is
judged on the median of the rounds' ratios. Prints the table and exits 0 (valid,
targets met), 1 (valid, a target missed) or 2 (not valid, in any round: errors,
non-2xx answers, short answers, the proxy run reaching Django more than a page's
refreshes would, the direct run not reaching it every time, or other processes
taking more than a tenth of the CPU).
"""

import argparse
import json
import os
import statistics
from pathlib import Path

RUNS = [
    ("static", "the page's HTML as a static file from the same nginx (yardstick)", None),
    ("proxy", "brief page through the shipped nginx site (cached)", 0.8),
    ("django", "brief page straight from gunicorn (every request renders)", 0.03),
]
# A cached page is fetched again once per s-maxage (10 s), in the background: a
# few requests per run. More than this share means the cache did not serve the run.
MAX_PROXY_SHARE_REACHING_DJANGO = 0.001
MAX_OTHERS_PCT = 10


def load(raw: Path, name: str, round_: int) -> dict:
    stem = raw / f"{name}.r{round_}"
    s = json.loads(Path(f"{stem}.json").read_text())
    s["rps"] = s["requests"] / (s["duration_us"] / 1e6) if s["duration_us"] else 0.0
    s["django"] = int(Path(f"{stem}.django").read_text())
    s["cpu"] = json.loads(Path(f"{stem}.cpu.json").read_text())
    s["warmup"] = json.loads(Path(f"{stem}.warmup.json").read_text())
    return s


def problems_of(label: str, s: dict, html_bytes: int) -> list[str]:
    problems = []
    for what, figures in ((label, s), (f"{label} warm-up", s["warmup"])):
        e = figures["errors"]
        if not figures["requests"]:
            problems.append(f"{what}: no request completed")
        if e["status"]:
            problems.append(f"{what}: {e['status']} non-2xx/3xx responses")
        if e["connect"] or e["write"] or e["timeout"]:
            problems.append(
                f"{what}: socket errors connect {e['connect']}, write {e['write']}, "
                f"timeout {e['timeout']}"
            )
    per_response = s["bytes"] / s["requests"] if s["requests"] else 0
    if per_response < html_bytes:
        problems.append(
            f"{label}: {per_response:.0f} bytes per response, less than the page's "
            f"{html_bytes} bytes"
        )
    if s["cpu"]["others_pct"] > MAX_OTHERS_PCT:
        problems.append(f"{label}: other processes took {s['cpu']['others_pct']:.0f}% of the CPU")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("raw", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--html-bytes", type=int, required=True)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    rounds = range(1, args.rounds + 1)

    stats = {name: [load(args.raw, name, r) for r in rounds] for name, _, _ in RUNS}
    problems = []
    for name, _, _ in RUNS:
        for r, s in zip(rounds, stats[name], strict=True):
            problems += problems_of(f"{name} (round {r})", s, args.html_bytes)
    for r, proxy, django in zip(rounds, stats["proxy"], stats["django"], strict=True):
        if proxy["django"] > max(5, MAX_PROXY_SHARE_REACHING_DJANGO * proxy["requests"]):
            problems.append(f"proxy (round {r}): {proxy['django']} requests reached Django")
        if django["django"] < 0.99 * django["requests"]:
            problems.append(
                f"django (round {r}): only {django['django']} of {django['requests']} logged"
            )

    rows, verdicts, by_round = [], [], []
    statics = stats["static"]
    for name, label, target in RUNS:
        runs = stats[name]
        ratios = [
            s["rps"] / b["rps"] if b["rps"] else 0.0 for s, b in zip(runs, statics, strict=True)
        ]
        # The median round (the lower of the two middle ones for an even count): its
        # ratio is judged and its latencies shown.
        ratio = statistics.median_low(ratios)
        middle = runs[ratios.index(ratio)]
        result = "—"
        if target is not None:
            result = "PASS" if ratio >= target else "FAIL"
            verdicts.append(result)
        lat = middle["latency_us"]
        rps = [s["rps"] for s in runs]
        rows.append(
            f"| {label} | {statistics.median(rps):,.0f} | {min(rps):,.0f} – {max(rps):,.0f} "
            f"| {lat['p50'] / 1000:.2f} ms | {lat['p99'] / 1000:.2f} ms | {ratio:.3f} | "
            f"{min(ratios):.3f} – {max(ratios):.3f} | "
            f"{'' if target is None else f'≥ {target}'} | {result} | "
            f"{sum(s['bytes'] for s in runs) / max(sum(s['requests'] for s in runs), 1):,.0f} | "
            f"{sum(s['django'] for s in runs):,} | "
            f"{max(s['cpu']['others_pct'] for s in runs):.0f}% |"
        )
        cells = [f"{x:,.0f} ({q:.3f})" for x, q in zip(rps, ratios, strict=True)]
        by_round.append(f"| {name} | " + " | ".join(cells) + " |")

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
        "| run | requests/s, median | range | p50 | p99 | ratio to static, median "
        "| range | target | result | bytes/response | reached Django | CPU others, most |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
        *rows,
        "",
        "Requests/s (ratio to static) in each round:",
        "",
        "| run | " + " | ".join(f"round {r}" for r in rounds) + " |",
        "| --- | " + " | ".join("---:" for _ in rounds) + " |",
        *by_round,
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
