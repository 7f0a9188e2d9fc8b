-- Writes wrk's figures as JSON to the file named by $BENCH_JSON when the run ends.
-- Latencies are in microseconds, duration too. Loaded by bench/run for every run.
function done(summary, latency, requests)
  local path = os.getenv("BENCH_JSON")
  if path == nil or path == "" then return end
  local f = assert(io.open(path, "w"))
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}, ' ..
    '"latency_us": {"p50": %d, "p75": %d, "p90": %d, "p99": %d, "max": %d, "mean": %f}}\n',
    summary.requests, summary.duration, summary.bytes,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean))
  f:close()
end
