-- wrk script: each request places one order with the next customer's token, alternating between
-- the goods (one item, from limited stock) and the services (60 minutes) listed in BENCH_LISTINGS
-- ("good <id>" or "service <id>" a line). Counts 201s, 409s (sold out) and other statuses.
local threads = {}
created, soldout, other, sent = 0, 0, 0, 0

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens, goods, services = {}, {}, {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
  for line in io.lines(os.getenv("BENCH_LISTINGS")) do
    local kind, id = line:match("(%a+) (.+)")
    if kind == "good" then goods[#goods + 1] = id else services[#services + 1] = id end
  end
  counter = index * 7919
end

function request()
  counter = counter + 1
  sent = sent + 1
  local token = tokens[(counter % #tokens) + 1]
  local body
  if counter % 2 == 0 then
    body = '{"listing":"' .. goods[(math.floor(counter / 2) % #goods) + 1] .. '","quantity":1}'
  else
    body = '{"listing":"' .. services[(math.floor(counter / 2) % #services) + 1] .. '","quantity":60}'
  end
  return wrk.format("POST", "/api/v1/orders", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 elseif status == 409 then soldout = soldout + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, s, o, n = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); s = s + t:get("soldout"); o = o + t:get("other"); n = n + t:get("sent")
  end
  io.write(string.format("RESULT created=%d soldout=%d other=%d inflight=%d p50_ms=%.2f p99_ms=%.2f duration_s=%.2f\n",
    c, s, o, n - c - s - o, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
