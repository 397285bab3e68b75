-- bench_monitor_decide.lua - wrk script for bench_monitor.sh: each request
-- records a decision (escalate: the alert stays open, so the run can go
-- on for any length) on one of the alert ids listed in the file given as
-- the first script argument, as one of 50 reviewers; prints p50/p99.
local ids = {}
local n = 0
function init(args)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
end
function request()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  return wrk.format("POST", "/alerts/" .. id .. "/decision",
    { ["Content-Type"] = "application/json" },
    '{"decision":"escalate","reason":"bench","by":"reviewer' .. (n % 50) .. '"}')
end
function done(summary, latency, requests)
  io.write(string.format("decisions %d, non-2xx %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
