-- The load of scripts/soak (issue 18, item 6), for wrk: nine requests in ten read public pages and lists (one read in
-- ten on a connection that then closes), one in ten writes through the API with a token. scripts/soak finds the addresses in the demo data and hands them over in the
-- environment (nothing here names an id):
--   SOAK_READS       paths to GET, separated by spaces, taken in turn
--   SOAK_TOKEN       an API token (Authorization: Bearer) of a user who may write everywhere
--   SOAK_INDICATOR   the code of an indicator counted in whole numbers, entered per municipality
--   SOAK_PLACES      municipality codes to enter its values for, separated by spaces
--   SOAK_OBJECTIVES  DOCUMENT:OBJECTIVE pairs, separated by spaces: plan objectives to add measures to
-- The writes alternate: a value of the indicator (POST /api/v1/indicators/values) and a new measure under one of the
-- objectives (POST /api/v1/policies/documents/DOCUMENT/items), each marked "soak tT nN".
-- done() prints what scripts/soak reads: one "soak-wrk:" line of figures, a "soak-wrk-status:" line per unexpected
-- status and a "soak-wrk-example:" line with the first such answer.

local function words(text)
  local list = {}
  for word in (text or ""):gmatch("%S+") do list[#list + 1] = word end
  return list
end

local reads = words(os.getenv("SOAK_READS"))
local token = os.getenv("SOAK_TOKEN") or ""
local indicator = os.getenv("SOAK_INDICATOR") or ""
local places = words(os.getenv("SOAK_PLACES"))
local objectives = {}
for _, pair in ipairs(words(os.getenv("SOAK_OBJECTIVES"))) do
  local document, objective = pair:match("^(%d+):(%d+)$")
  if document then objectives[#objectives + 1] = { document = document, objective = objective } end
end

-- In the main state: each thread gets a number and is remembered, so that done() can add up their counters.
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  threads[#threads + 1] = thread
end

-- In each thread's state.
local read_headers = { ["Accept-Language"] = "bg" }
-- One read in ten asks the server to close the connection after it (wrk then opens another): connections come and go
-- all through the soak, so that a descriptor or memory kept per connection shows.
local closing_headers = { ["Accept-Language"] = "bg", ["Connection"] = "close" }
local write_headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json",
}
local n = 0          -- requests made by this thread
local r = 0          -- reads made, the index into SOAK_READS
local function div(a, b) return math.floor(a / b) end  -- LuaJIT is Lua 5.1: no // operator
reads_sent = 0
writes_sent = 0
unexpected = {}     -- status → count (not 2xx or 3xx)
example = ""        -- the first such answer

function init(args)
  if #reads == 0 or token == "" or indicator == "" or #places == 0 or #objectives == 0 then
    error("bench/soak/mixed.lua: SOAK_READS, SOAK_TOKEN, SOAK_INDICATOR, SOAK_PLACES and SOAK_OBJECTIVES must be set")
  end
  -- Threads start at different points of the cycles, so that they do not all ask for the same page at once.
  r = (id - 1) * 7
end

local function json_string(text)
  return '"' .. text:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function request()
  n = n + 1
  if n % 10 ~= 0 then
    reads_sent = reads_sent + 1
    r = r + 1
    return wrk.format("GET", reads[r % #reads + 1], r % 10 == 0 and closing_headers or read_headers)
  end
  writes_sent = writes_sent + 1
  local w = div(n, 10)
  local marker = string.format("soak t%d n%d", id, w)
  if w % 2 == 0 then
    local month = div(w, 2) % 360  -- 2000-01 … 2029-12: the values spread over periods and places
    local body = string.format(
      '{"indicator":%s,"place":%s,"period":"%d-%02d","value":"%d","note":%s}',
      json_string(indicator), json_string(places[(div(w, 2) + id) % #places + 1]),
      2000 + div(month, 12), month % 12 + 1, w % 40, json_string(marker))
    return wrk.format("POST", "/api/v1/indicators/values", write_headers, body)
  end
  local target = objectives[(div(w, 2) + id) % #objectives + 1]
  local body = string.format('{"kind":"measure","parent":%s,"title":%s}', target.objective, json_string(marker))
  return wrk.format("POST", "/api/v1/policies/documents/" .. target.document .. "/items", write_headers, body)
end

function response(status, headers, body)
  if status < 200 or status >= 400 then
    unexpected[status] = (unexpected[status] or 0) + 1
    if example == "" then example = status .. " " .. (body or ""):sub(1, 300):gsub("%s+", " ") end
  end
end

function done(summary, latency, requests)
  local reads_total, writes_total, statuses, first = 0, 0, {}, ""
  for _, thread in ipairs(threads) do
    reads_total = reads_total + (thread:get("reads_sent") or 0)
    writes_total = writes_total + (thread:get("writes_sent") or 0)
    for status, count in pairs(thread:get("unexpected") or {}) do
      statuses[status] = (statuses[status] or 0) + count
    end
    if first == "" then first = thread:get("example") or "" end
  end
  local errors = summary.errors
  io.write(string.format(
    "soak-wrk: requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "status_errors=%d connect=%d read=%d write=%d timeout=%d reads_sent=%d writes_sent=%d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, errors.status, errors.connect, errors.read, errors.write, errors.timeout,
    reads_total, writes_total))
  for status, count in pairs(statuses) do io.write(string.format("soak-wrk-status: %d %d\n", status, count)) end
  if first ~= "" then io.write("soak-wrk-example: " .. first .. "\n") end
end
