-- wrk script: each request casts one approval ballot for a distinct (voter, proposal) pair.
-- Voters are split between wrk's threads; within a thread, pairs are taken in order, so no pair
-- repeats. Counts 201s and other statuses per thread and prints them at the end.
local threads = {}
local counter = 0
created, other, sent = 0, 0, 0  -- globals, so done() can read them from each thread

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
  nthreads = tonumber(os.getenv("BENCH_THREADS"))
  first = tonumber(os.getenv("BENCH_FIRST"))
  proposals = tonumber(os.getenv("BENCH_PROPOSALS"))
  per = math.floor(#tokens / nthreads)
end

function request()
  local i = counter % per
  local p = math.floor(counter / per)
  counter = counter + 1
  if p >= proposals then p = proposals - 1 end  -- out of pairs: repeats, refused with 409
  local voter = tokens[index * per + i + 1]
  sent = sent + 1
  return wrk.format("POST", "/api/v1/proposals/" .. (first + p) .. "/ballots",
    {["Authorization"] = "Bearer " .. voter, ["Content-Type"] = "application/json"}, '{"approve":[0]}')
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o, s = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
    s = s + t:get("sent")
  end
  -- Requests sent but not answered when wrk stopped (it does not read late responses).
  io.write(string.format("RESULT created=%d other=%d inflight=%d p50_ms=%.2f p99_ms=%.2f duration_s=%.2f\n",
    c, o, s - c - o, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
