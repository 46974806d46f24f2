"""The exact count for the ballot benchmark: VOTERS threads, one keep-alive connection and one voter
each, cast PER ballots each on proposals FIRST.. (every (voter, proposal) pair once) and wait for
every response. Then stored ballots must equal the 201 responses exactly: wrk cannot show this,
since it stops with requests in flight. Prints one JSON line."""

import http.client
import json
import sys
import threading
import time

host, port = sys.argv[1], int(sys.argv[2])
tokens = open(sys.argv[3]).read().split()
first, per = int(sys.argv[4]), int(sys.argv[5])
statuses, latencies = {}, []
lock = threading.Lock()


def voter(token):
    conn = http.client.HTTPConnection(host, port, timeout=60)
    mine, times = {}, []
    for p in range(first, first + per):
        start = time.perf_counter()
        conn.request("POST", f"/api/v1/proposals/{p}/ballots", body='{"approve":[1]}',
                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        times.append(time.perf_counter() - start)
        mine[r.status] = mine.get(r.status, 0) + 1
    with lock:
        for k, v in mine.items():
            statuses[k] = statuses.get(k, 0) + v
        latencies.extend(times)


threads = [threading.Thread(target=voter, args=(t,)) for t in tokens]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
latencies.sort()
print(json.dumps({
    "requests": len(latencies), "created": statuses.get(201, 0), "other": {str(k): v for k, v in statuses.items() if k != 201},
    "seconds": round(elapsed, 2), "per_second": round(len(latencies) / elapsed),
    "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1), "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1),
}))
