-- wrk script for bench/details-api.sh: posts conversationDetails (with summary) for recorded sessions, each request
-- with its own HS256 token signed beforehand (wrk's Lua has no HMAC). The file named by the first script argument
-- holds one "token sessionId" pair per line; each wrk thread walks it from its own random place.
-- With "get" as the first argument instead, requests are plain GETs of the URL (the baseline).
local pairs_ = {}
local i = 0
local mode = "details"

function init(args)
  if args[1] == "get" then
    mode = "get"
    return
  end
  for line in io.lines(args[1]) do
    local token, session = line:match("^(%S+) (%S+)$")
    if token then
      pairs_[#pairs_ + 1] = { token, '{"sessionId":"' .. session .. '","isSummaryRequired":true}' }
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  i = math.random(#pairs_)
end

function request()
  if mode == "get" then
    return wrk.format("GET")
  end
  i = i % #pairs_ + 1
  local p = pairs_[i]
  return wrk.format("POST", nil, { ["auth"] = p[1], ["Content-Type"] = "application/json" }, p[2])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %.3f %.3f %d\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status + e.connect + e.read + e.write + e.timeout))
end
