"""Run a command and say how busy the machine was meanwhile, and with whose work.

`python bench/cpu_share.py OUT.json PID[,PID...] -- COMMAND...` runs COMMAND (wrk),
and writes to OUT.json the CPU time, as a percentage of the whole machine (all
cores), used by everything, by the process trees under the given PIDs plus the
command itself ("ours": nginx or gunicorn, PostgreSQL, wrk), and by the rest
("others": whatever else was running). The benchmark's figures mean something
only when "others" stayed near zero. Reads /proc; Linux only.
"""

import json
import os
import subprocess
import sys

TICKS = os.sysconf("SC_CLK_TCK")


def _machine() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _trees(roots: list[int]) -> int:
    """CPU ticks (user + system) of the roots and all their descendants, those that
    have ended included."""
    parent, ticks = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        rest = stat[stat.rindex(")") + 2 :].split()
        pid = int(entry)
        parent[pid] = int(rest[1])
        # utime + stime, and cutime + cstime: what its children that have ended
        # used (a PostgreSQL backend whose connection was recycled during the run).
        ticks[pid] = sum(int(x) for x in rest[11:15])
    total = 0
    for pid, t in ticks.items():
        p = pid
        while p > 1:
            if p in roots:
                total += t
                break
            p = parent.get(p, 0)
    return total


def main() -> int:
    out, pids = sys.argv[1], [int(p) for p in sys.argv[2].split(",") if p]
    command = sys.argv[sys.argv.index("--") + 1 :]
    busy0, total0 = _machine()
    ours0 = _trees(pids)
    before = os.times()
    rc = subprocess.call(command)
    after = os.times()
    ours1 = _trees(pids)
    busy1, total1 = _machine()
    own = (after.children_user + after.children_system) - (
        before.children_user + before.children_system
    )
    total = max(total1 - total0, 1)
    busy = busy1 - busy0
    ours = (ours1 - ours0) + own * TICKS
    with open(out, "w") as f:
        json.dump(
            {
                "machine_busy_pct": round(100 * busy / total, 1),
                "ours_pct": round(100 * ours / total, 1),
                "others_pct": round(max(0.0, 100 * (busy - ours) / total), 1),
            },
            f,
        )
    return rc


if __name__ == "__main__":
    sys.exit(main())
