-- wrk script: each request searches with the next of a fixed mix of queries (words, category,
-- price range, place, pages), against PREFIX (/api/v1/listings or /listings).
local prefix = os.getenv("BENCH_PREFIX") or "/api/v1/listings"
local queries = {
  "", "?q=kitchen", "?q=garden%20weekly", "?category=cleaning", "?category=food&maxPrice=20",
  "?minPrice=20&maxPrice=40", "?near=52.37,4.89&within=5", "?q=bread&near=52.40,4.85&within=10",
  "?category=tutoring&q=math", "?page=3", "?q=eco&category=crafts&page=2", "?q=express%20van",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", prefix .. queries[(i % #queries) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
