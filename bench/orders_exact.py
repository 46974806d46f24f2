"""The exact count for the orders benchmark: one keep-alive connection per customer token, all
ordering one item at a time from the same few goods until told they are sold out, every answer
read. Then the orders stored must equal the 201 answers, and no good may be sold beyond its stock.
Prints one JSON line."""

import http.client
import json
import sys
import threading
import time

host, port = sys.argv[1], int(sys.argv[2])
tokens = open(sys.argv[3]).read().split()
goods = sys.argv[4].split(",")
per = int(sys.argv[5])
statuses, latencies = {}, []
lock = threading.Lock()


def customer(i, token):
    conn = http.client.HTTPConnection(host, port, timeout=60)
    mine, times = {}, []
    for k in range(per):
        start = time.perf_counter()
        body = json.dumps({"listing": goods[(i + k) % len(goods)], "quantity": 1})
        conn.request("POST", "/api/v1/orders", body=body, headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        times.append(time.perf_counter() - start)
        mine[r.status] = mine.get(r.status, 0) + 1
    with lock:
        for k, v in mine.items():
            statuses[k] = statuses.get(k, 0) + v
        latencies.extend(times)


threads = [threading.Thread(target=customer, args=(i, t)) for i, t in enumerate(tokens)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
latencies.sort()
print(json.dumps({
    "requests": len(latencies), "created": statuses.get(201, 0), "soldout": statuses.get(409, 0),
    "other": {str(k): v for k, v in statuses.items() if k not in (201, 409)}, "seconds": round(elapsed, 2),
    "per_second": round(len(latencies) / elapsed), "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
    "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1),
}))
