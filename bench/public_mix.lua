-- wrk: visitors reading public pages, each connection taking the paths of PUBLIC_MIX_PATHS (separated by spaces) in
-- turn from a different start. done() prints one "public-mix:" line of figures.
local paths = {}
for path in (os.getenv("PUBLIC_MIX_PATHS") or "/"):gmatch("%S+") do paths[#paths + 1] = path end

local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("start", counter)
  threads[#threads + 1] = thread
end

local next_path
unexpected = 0  -- a global: done() reads it from each thread
function init()
  next_path = start
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path], { ["Accept-Encoding"] = "gzip" })
end

function response(status)
  if status ~= 200 then unexpected = unexpected + 1 end
end

function done(summary, latency)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("unexpected") end
  io.write(string.format(
    "public-mix: %d requests in %.1f s, %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d not 200, %d socket errors\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
