-- wrk script for the Verity benchmarks (bench/lib/wrk.ts runs it): each request a new single
-- deposit (a fresh random SHA-256) when VERITY_WRK_MODE=deposit; a batch of VERITY_WRK_BATCH
-- new deposits when it is "batch" (with the header Prefer: VERITY_WRK_PREFER if set); a lookup of a random digest
-- from the file VERITY_WRK_DIGESTS (one hex SHA-256 per line) when it is "lookup"; else GET
-- VERITY_WRK_PATH. With VERITY_WRK_THINK_MS each connection pauses between requests.
-- At the end it prints one JSON line with the counts and latency percentiles (0.1 % steps).
local mode = os.getenv("VERITY_WRK_MODE") or "deposit"
local key = os.getenv("VERITY_API_KEY") or ""
local path = os.getenv("VERITY_WRK_PATH") or "/api/health"
local think = tonumber(os.getenv("VERITY_WRK_THINK_MS") or "0") or 0
local batchSize = tonumber(os.getenv("VERITY_WRK_BATCH") or "1000") or 1000
local prefer = os.getenv("VERITY_WRK_PREFER") or ""
local hex = "0123456789abcdef"
local digests = {}
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id * 7919 + math.floor(os.clock() * 1e6))
  if mode == "lookup" then
    for line in io.lines(os.getenv("VERITY_WRK_DIGESTS")) do
      if #line == 64 then table.insert(digests, line) end
    end
  end
end

-- Paced load: wrk waits this many milliseconds before each request of a connection (not
-- counted in its latency); uniform over 0 to 2 × think, so connections do not move in lockstep.
if think > 0 then
  function delay()
    return math.random() * 2 * think
  end
end

local function randomHex(n)
  local t = {}
  for i = 1, n do
    local r = math.random(1, 16)
    t[i] = hex:sub(r, r)
  end
  return table.concat(t)
end

-- A batch's digests: 48 random hex digits fixed per position for the run, 16 fresh per request
-- (64 random bits: no two deposits of a run share a digest), so bodies are cheap to make.
local tails = {}

local function batchRequest()
  if #tails == 0 then
    for i = 1, batchSize do tails[i] = randomHex(48) end
  end
  local parts = {}
  for i = 1, batchSize do
    parts[i] = '{"digests":{"sha256":"' .. randomHex(16) .. tails[i] .. '"}}'
  end
  local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
  if prefer ~= "" then headers["Prefer"] = prefer end
  return wrk.format("POST", "/api/v1/deposits", headers, '{"deposits":[' .. table.concat(parts, ",") .. ']}')
end

function request()
  if mode == "batch" then
    return batchRequest()
  end
  if mode == "lookup" then
    return wrk.format("GET", "/api/v1/deposits?sha256=" .. digests[math.random(1, #digests)])
  end
  if mode ~= "deposit" then
    return wrk.format("GET", path)
  end
  local body = '{"digests":{"sha256":"' .. randomHex(64) .. '"}}'
  return wrk.format("POST", "/api/v1/deposits",
    { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local q = {}
  for i = 1, 1000 do
    q[i] = string.format("%.1f", latency:percentile(i / 10))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK-RESULT {"requests":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"quantilesUs":[%s]}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, table.concat(q, ",")))
end
