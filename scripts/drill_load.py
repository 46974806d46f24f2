"""Load and checks for the crash drills, scripts/drill-kill.sh and scripts/drill-two-processes.sh.
Python standard library only; PostgreSQL is read through the psql client.

  setup    --urls U[,U2] --clock FILE --db DB --out SETUP [--voters 64 --general 160 --budget 24 --good-stock 60]
           VOTERS members (signed up, each from an address of its own through the trusted proxy, applied
           to the user class, paid, confirmed), GENERAL open approval votes and BUDGET secret majority
           votes, opened by moving the clock past their discussion; a worker's good for the stock race.
  load     --urls U[,U2] --setup SETUP --out ACKS --seconds S [--clients N] [--until-down]
           one client per voter (or N clients sharing the voters' votes), all at once: first every
           client orders one jar of the demo's Plum jam (a race for the last jars), then ballots,
           service orders, orders of the drill's good and test payments, alternating between the URLs,
           until S seconds pass (or, with --until-down, until the server stops answering). Every 2xx
           is recorded with what identifies it.
  check    --db DB --setup SETUP --acks ACKS [--exact]
           every acknowledged ballot, order and payment stored (exactly once); nothing half-written
           (votes marked = ballots stored = ballot.cast entries; one order.place entry and one place
           event per order; one order.paid entry per settled payment; postings sum to zero; one
           ledger.posted entry per transaction; stock + sold = stock at the start, never below zero;
           audit sequence without gaps). --exact: stored == acknowledged (no request left unanswered).
  advance  --db DB --clock FILE --setup SETUP --close-to SECONDS [--enact-to SECONDS] [--timeout 30]
           moves the clock past the voting period; the open votes must close within the timeout (and,
           with --enact-to, the passed ones be enacted after their timelock).
  once     --db DB
           each scheduled step happened exactly once: per proposal one opened, one closed (or
           count_failed) once it left voting, at most one enacted/not_enacted, no audit kind twice; one
           budget transaction per enacted budget; one period.opened/closed per period; no checkpoint twice.
  search   --urls A,B --setup SETUP [--limit 1.0]
           a listing created through each process is found by search in the other: the time it took.
  probe-open --urls A,B --clock FILE --db DB --setup SETUP --to SECONDS [--count 8]
           votes drafted through every process and opened while every scheduler runs are still open
           a scheduler round later (none closed before its voting period ended).

DB is sqlite:PATH or a postgres://... URL. Every subcommand prints `name: figure` lines and exits 1
on a failed check (with a line starting FAIL)."""

import argparse
import csv
import hashlib
import http.client
import io
import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

PASSWORD = "drill-password-1"
DEMO_PASSWORD = "coop-demo-pass"


# ---------------------------------------------------------------- HTTP


class Down(Exception):
    """The server did not answer (refused, reset, closed, timed out)."""


class Client:
    """Keep-alive connections to each base URL, one client per thread."""

    def __init__(self, urls, timeout=30):
        self.urls = urls
        self.timeout = timeout
        self.conns = {}

    def _conn(self, url):
        c = self.conns.get(url)
        if c is None:
            u = urllib.parse.urlsplit(url)
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=self.timeout)
            self.conns[url] = c
        return c

    def call(self, url, method, path, body=None, token=None, address=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        if address:
            headers["X-Forwarded-For"] = address
        data = json.dumps(body) if body is not None else None
        conn = self._conn(url)
        try:
            conn.request(method, path, body=data, headers=headers)
            r = conn.getresponse()
            text = r.read()
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            self.conns.pop(url, None)
            raise Down(f"{type(e).__name__}: {e}") from None
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text.decode(errors="replace")
        return r.status, parsed

    def ok(self, url, method, path, body=None, token=None, address=None):
        """A call that must succeed (setup): its JSON, or exit naming the request."""
        for attempt in range(3):
            try:
                status, data = self.call(url, method, path, body, token, address)
                break
            except Down as e:
                if attempt == 2:
                    sys.exit(f"FAIL setup: {method} {path} on {url}: no answer ({e})")
                time.sleep(0.5)
        if not 200 <= status < 300:
            sys.exit(f"FAIL setup: {method} {path} on {url} answered {status}: {str(data)[:300]}")
        return data


# ---------------------------------------------------------------- database


class Db:
    """Rows of strings from SQLite (sqlite3 module) or PostgreSQL (psql --csv); NULL reads as ''."""

    def __init__(self, spec):
        self.spec = spec
        if spec.startswith("sqlite:"):
            self.path = spec[len("sqlite:"):]
            self.kind = "sqlite"
        elif spec.startswith("postgres://") or spec.startswith("postgresql://"):
            self.kind = "postgres"
        else:
            sys.exit(f"FAIL: --db {spec}: expected sqlite:PATH or postgres://...")

    def rows(self, sql):
        if self.kind == "sqlite":
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
            try:
                out = con.execute(sql).fetchall()
            finally:
                con.close()
            return [tuple("" if v is None else str(v) for v in row) for row in out]
        r = subprocess.run(["psql", self.spec, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-t", "-c", sql],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"FAIL: psql: {r.stderr.strip()}\n  in: {sql}")
        return [tuple(row) for row in csv.reader(io.StringIO(r.stdout))]

    def value(self, sql):
        rows = self.rows(sql)
        return rows[0][0] if rows else ""


def receipt_hash(code):
    """Governance.receiptHash: SHA-256 of the code, letters and digits only, upper-cased."""
    return hashlib.sha256("".join(ch for ch in code.upper() if ch.isalnum()).encode()).hexdigest()


def audit_entries(db, kinds):
    """(sequence, kind, payload dict) of the entries of these kinds."""
    listed = ", ".join(f"'{k}'" for k in kinds)
    out = []
    for seq, kind, payload in db.rows(f"SELECT sequence, kind, payload FROM audit_entries WHERE kind IN ({listed}) ORDER BY sequence"):
        out.append((int(seq), kind, json.loads(payload)))
    return out


class Report:
    def __init__(self, name):
        self.name = name
        self.failed = []

    def figure(self, label, value):
        print(f"{self.name}: {label}: {value}", flush=True)

    def expect(self, ok, label, detail=""):
        if ok:
            print(f"{self.name}: ok: {label}", flush=True)
        else:
            print(f"FAIL {self.name}: {label}{(' — ' + detail) if detail else ''}", flush=True)
            self.failed.append(label)

    def finish(self):
        if self.failed:
            print(f"FAIL {self.name}: {len(self.failed)} check(s) failed: {'; '.join(self.failed)}", flush=True)
            sys.exit(1)


# ---------------------------------------------------------------- setup


def setup(a):
    urls = a.urls.split(",")
    db = Db(a.db)
    c = Client(urls, timeout=120)
    run = f"{int(time.time()) % 100000:05d}"

    def member(i):
        me = Client(urls, timeout=120)
        url = urls[i % len(urls)]
        email = f"drill{run}-{i}@drill.invalid"
        # Each member signs up from an address of its own, through the trusted proxy.
        address = f"10.{90 + i // 62500 % 100}.{i // 250 % 250}.{i % 250 + 1}"
        me.ok(url, "POST", "/api/v1/users", {"name": f"Drill voter {i}", "email": email, "password": PASSWORD}, address=address)
        token = me.ok(url, "POST", "/api/v1/tokens", {"email": email, "password": PASSWORD, "label": "drill"}, address=address)["token"]
        me.ok(url, "POST", "/api/v1/membership", {"class": "user"}, token)
        me.ok(url, "POST", "/api/v1/membership/payment", {"method": "cash"}, token)
        summary = me.ok(url, "GET", "/api/v1/membership", token=token)
        return {"token": token, "membership": summary["id"].upper(), "payments": [p["id"] for p in summary["payments"]]}

    started = time.time()
    with ThreadPoolExecutor(8) as pool:
        voters = list(pool.map(member, range(a.voters)))
    signed_up = time.time()
    steward = c.ok(urls[0], "POST", "/api/v1/tokens", {"email": "sam@demo.coop", "password": DEMO_PASSWORD, "label": "drill"})["token"]
    worker = c.ok(urls[-1], "POST", "/api/v1/tokens", {"email": "ana@demo.coop", "password": DEMO_PASSWORD, "label": "drill"})["token"]

    def confirm(i):
        me = Client(urls)
        for p in voters[i]["payments"]:
            me.ok(urls[i % len(urls)], "POST", f"/api/v1/payments/{p}/confirm", token=steward)
        status = me.ok(urls[i % len(urls)], "GET", "/api/v1/membership", token=voters[i]["token"])["status"]
        if status != "admitted":
            sys.exit(f"FAIL setup: drill voter {i} is {status}, not admitted, after its payment was confirmed")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(confirm, range(a.voters)))
    members_at = time.time()

    def propose(i):
        me = Client(urls)
        if i < a.general:
            body = {"kind": "general", "title": f"Drill decision {run}-{i}", "options": "Option A\nOption B"}
        else:
            body = {"kind": "budget", "title": f"Drill budget {run}-{i}", "amount": "1.00", "payee": "Drill payee",
                    "memo": f"drill budget {i}"}
        p = me.ok(urls[i % len(urls)], "POST", "/api/v1/proposals", body, steward)
        return {"number": p["number"], "secret": i >= a.general}

    with ThreadPoolExecutor(4) as pool:
        proposals = list(pool.map(propose, range(a.general + a.budget)))
    with open(a.clock, "w") as f:
        f.write(str(8 * 86400))  # past the 7-day discussion: the scheduler opens them
    numbers = {p["number"] for p in proposals}
    deadline = time.time() + 120
    while True:
        listed = c.ok(urls[0], "GET", "/api/v1/proposals")
        voting = [p for p in listed if p["number"] in numbers and p["status"] == "voting"]
        for p in voting:  # what the rules froze: secret or open
            for mine in proposals:
                if mine["number"] == p["number"]:
                    mine["secret"] = bool(p["rules"]["rules"].get("secret", True))
        if len(voting) == len(numbers):
            break
        gone = [p for p in listed if p["number"] in numbers and p["status"] not in ("discussion", "voting")]
        if gone:
            sys.exit(f"FAIL setup: {len(gone)} of {len(numbers)} proposals were closed at once after opening, days before their "
                     f"voting period ended (#{gone[0]['number']}: {gone[0]['status']}, voting until {gone[0]['votingClosesAt']})")
        if time.time() > deadline:
            sys.exit(f"FAIL setup: {len(voting)} of {len(numbers)} proposals opened within 120 s")
        time.sleep(0.5)
    opened_at = time.time()

    found = c.ok(urls[0], "GET", "/api/v1/listings")["listings"]
    by_title = {l["title"]: l for l in found}
    for title in ("Plum jam", "Home cleaning", "Cargo-bike delivery"):
        if title not in by_title:
            sys.exit(f"FAIL setup: the demo's listing '{title}' is not listed")
    jam = by_title["Plum jam"]
    good = c.ok(urls[-1], "POST", "/api/v1/listings",
                {"kind": "good", "title": f"Drill honey {run}", "description": "A drill's good, for the stock race.",
                 "category": "food", "unit": "per_item", "price": "5.00", "stock": a.good_stock, "area": "East"}, worker)
    # What the jam had before the drill: the stock left, and the items of every order not cancelled.
    jam_sold = db.value(f"SELECT COALESCE(SUM(quantity), 0) FROM orders WHERE listing_id = '{listing_id_sql(db, jam['id'])}' "
                        "AND state NOT IN ('cancelled', 'declined')")
    out = {
        "urls": urls, "run": run, "voters": voters, "proposals": proposals, "steward": steward, "worker": worker,
        "services": [{"id": by_title["Home cleaning"]["id"], "quantity": 60}, {"id": by_title["Cargo-bike delivery"]["id"], "quantity": 1}],
        "jam": {"id": jam["id"], "stock": jam["stock"], "sold_before": int(jam_sold or 0), "demo_stock": 12},
        "good": {"id": good["id"], "stock": a.good_stock},
        "orders_before": int(db.value("SELECT COALESCE(MAX(number), 0) FROM orders") or 0),
    }
    with open(a.out, "w") as f:
        json.dump(out, f)
    print(f"setup: {a.voters} members admitted in {members_at - started:.1f} s (signed up, with tokens, in "
          f"{signed_up - started:.1f} s); {a.general} open approval votes and "
          f"{a.budget} secret budget votes open after {opened_at - members_at:.1f} s; Plum jam stock {jam['stock']} "
          f"({jam_sold} sold before); drill good stock {a.good_stock}", flush=True)


def listing_id_sql(db, listing_id):
    """A listing id as the database compares it: upper-case text on SQLite, uuid on PostgreSQL."""
    return listing_id.upper() if db.kind == "sqlite" else listing_id.lower()


# ---------------------------------------------------------------- load


def load(a):
    s = json.load(open(a.setup))
    urls = a.urls.split(",")
    voters, proposals = s["voters"], s["proposals"]
    nv = len(voters)
    n = a.clients or nv
    # Clients may share a voter (and its token): each takes its own part of that voter's votes.
    sharing = Counter(c % nv for c in range(n))
    start_barrier = threading.Barrier(n)
    lock = threading.Lock()
    acks = {"ballots": [], "orders": [], "payments": []}
    statuses = defaultdict(Counter)
    unanswered = Counter()
    unexpected = []
    stop = threading.Event()
    min_stock = {"jam": None, "good": None}
    deadline = [0.0]

    def client(i):
        me = Client(urls)
        v = voters[i % nv]
        # Every voter takes every proposal once, each kind from a place of its own: a secret budget
        # vote and an open one in turn while both last (so that the budgets reach their quorum
        # early, and are enacted later), then the rest.
        groups = []
        for group in ([p for p in proposals if p["secret"]], [p for p in proposals if not p["secret"]]):
            offset = ((i % nv) * len(group)) // nv
            groups.append([group[(offset + k) % len(group)] for k in range(len(group))])
        secret, open_ = groups
        mine = [p for pair in zip(secret, open_) for p in pair]
        common = min(len(secret), len(open_))
        mine += secret[common:] + open_[common:]
        mine = [p for k, p in enumerate(mine) if k % sharing[i % nv] == i // nv]
        ballots, orders, payments, unpaid = [], [], [], []
        local_status = defaultdict(Counter)
        local_unexpected = []
        lost = Counter()
        r = i  # request counter: alternates the URLs
        good_sold_out = False

        def send(kind, method, path, body):
            nonlocal r
            url = urls[r % len(urls)]
            r += 1
            try:
                status, data = me.call(url, method, path, body, v["token"])
            except Down:
                lost[kind] += 1
                raise
            local_status[kind][str(status)] += 1
            if not 200 <= status < 300 and not (status == 409 and kind in ("order_good", "order_jam")):
                local_unexpected.append({"kind": kind, "status": status, "url": url, "path": path, "body": str(data)[:200]})
            return status, data

        try:
            start_barrier.wait(timeout=60)
            # The race for the last jars: every client at once, spread over the URLs.
            status, data = send("order_jam", "POST", "/api/v1/orders", {"listing": s["jam"]["id"], "quantity": 1})
            if status == 201:
                orders.append({"number": data["number"], "listing": s["jam"]["id"].upper(), "quantity": 1})
            step = 0
            while time.time() < deadline[0] and not stop.is_set():
                what = step % 6
                step += 1
                if what in (0, 1, 3) and mine:
                    p = mine.pop(0)
                    body = {"choice": "yes" if (i + p["number"]) % 5 else "no"} if p["secret"] else {"approve": [(i + p["number"]) % 2]}
                    status, data = send("ballot", "POST", f"/api/v1/proposals/{p['number']}/ballots", body)
                    if status == 201:
                        ballots.append({"proposal": p["number"], "receipt": data.get("receipt"), "voter": v["membership"],
                                        "secret": p["secret"]})
                elif what == 4 and not good_sold_out:
                    status, data = send("order_good", "POST", "/api/v1/orders", {"listing": s["good"]["id"], "quantity": 1})
                    if status == 201:
                        orders.append({"number": data["number"], "listing": s["good"]["id"].upper(), "quantity": 1})
                    elif status == 409:
                        good_sold_out = True
                elif what == 5 and unpaid:
                    number = unpaid.pop(0)
                    status, data = send("payment", "POST", f"/api/v1/orders/{number}/payment", {"gateway": "test"})
                    if status == 201:
                        payments.append(number)
                else:
                    svc = s["services"][step % len(s["services"])]
                    status, data = send("order_service", "POST", "/api/v1/orders", {"listing": svc["id"], "quantity": svc["quantity"]})
                    if status == 201:
                        orders.append({"number": data["number"], "listing": svc["id"].upper(), "quantity": svc["quantity"]})
                        unpaid.append(data["number"])
        except Down:
            if not a.until_down:
                local_unexpected.append({"kind": "connection", "status": 0, "body": "the server did not answer"})
        except threading.BrokenBarrierError:
            local_unexpected.append({"kind": "start", "status": 0, "body": "the clients did not all start"})
        with lock:
            acks["ballots"].extend(ballots)
            acks["orders"].extend(orders)
            acks["payments"].extend(payments)
            for k, c in local_status.items():
                statuses[k].update(c)
            unanswered.update(lost)
            unexpected.extend(local_unexpected[: max(0, 20 - len(unexpected))])

    def monitor():
        me = Client(urls, timeout=5)
        k = 0
        while not stop.is_set():
            for key in ("jam", "good"):
                try:
                    status, data = me.call(urls[k % len(urls)], "GET", f"/api/v1/listings/{s[key]['id']}")
                except Down:
                    if a.until_down:
                        return
                    continue
                k += 1
                if status == 200 and data.get("stock") is not None:
                    cur = min_stock[key]
                    min_stock[key] = data["stock"] if cur is None else min(cur, data["stock"])
            time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    deadline[0] = time.time() + a.seconds
    started = time.time()
    for t in threads:
        t.start()
    watcher = threading.Thread(target=monitor, daemon=True)
    watcher.start()
    for t in threads:
        t.join()
    elapsed = time.time() - started
    stop.set()
    watcher.join(timeout=10)
    answered = sum(sum(c.values()) for c in statuses.values())
    out = {"ballots": acks["ballots"], "orders": acks["orders"], "payments": acks["payments"],
           "statuses": {k: dict(c) for k, c in statuses.items()}, "unanswered": dict(unanswered),
           "unexpected": unexpected, "min_stock": min_stock, "seconds": round(elapsed, 2)}
    with open(a.out, "w") as f:
        json.dump(out, f)
    print(f"load: {answered} requests answered in {elapsed:.1f} s ({answered / max(elapsed, 0.001):.0f}/s) by {n} clients "
          f"({nv} members) over {len(urls)} process(es); 2xx: ballots {len(acks['ballots'])}, orders {len(acks['orders'])}, payments "
          f"{len(acks['payments'])}; unanswered (in flight or refused at the stop): {dict(unanswered) or 0}", flush=True)
    print(f"load: statuses {json.dumps(out['statuses'], sort_keys=True)}; lowest stock seen: jam {min_stock['jam']}, "
          f"drill good {min_stock['good']}", flush=True)
    for u in unexpected:
        print(f"load: unexpected answer: {json.dumps(u)}", flush=True)
    if unexpected:
        print(f"FAIL load: {len(unexpected)} unexpected answer(s) (above)", flush=True)
        sys.exit(1)


# ---------------------------------------------------------------- check


def check(a):
    s = json.load(open(a.setup))
    k = json.load(open(a.acks))
    db = Db(a.db)
    rep = Report("check")
    exact = a.exact
    lost = k.get("unanswered", {})

    # Ballots.
    number_of = {pid.upper(): int(num) for pid, num in db.rows("SELECT id, number FROM proposals")}
    drill = {p["number"] for p in s["proposals"]}
    stored = defaultdict(list)  # number -> [(receipt_hash, voter)]
    for pid, rh, voter in db.rows("SELECT proposal_id, receipt_hash, voter_id FROM ballots"):
        num = number_of.get(pid.upper())
        if num in drill:
            stored[num].append((rh, voter.upper()))
    hashes = {num: Counter(rh for rh, _ in rows if rh) for num, rows in stored.items()}
    voters = {num: Counter(v for _, v in rows if v) for num, rows in stored.items()}
    found = twice = 0
    missing = []
    acked_per = Counter()
    for b in k["ballots"]:
        num = b["proposal"]
        acked_per[num] += 1
        if b.get("receipt"):
            c = hashes.get(num, Counter())[receipt_hash(b["receipt"])]
        else:
            c = voters.get(num, Counter())[b["voter"].upper()]
        if c >= 1:
            found += 1
        else:
            missing.append(b)
        if c > 1:
            twice += 1
    stored_total = sum(len(v) for v in stored.values())
    acked = len(k["ballots"])
    secret_acked = sum(1 for b in k["ballots"] if b.get("receipt"))
    rep.figure("ballots acknowledged (201)", f"{acked} ({secret_acked} secret with a receipt, {acked - secret_acked} open)")
    rep.figure("ballots found", f"{found} (by receipt hash or voter); stored on the drill's proposals {stored_total}")
    rep.expect(not missing, "every acknowledged ballot is stored", f"{len(missing)} missing, first {missing[:3]}")
    rep.expect(twice == 0, "no acknowledged ballot stored twice", f"{twice} found more than once")
    short = [num for num in acked_per if len(stored.get(num, [])) < acked_per[num]]
    rep.expect(not short, "per proposal, ballots stored >= ballots acknowledged", f"proposals {short[:10]}")
    if exact:
        rep.expect(stored_total == acked, "ballots stored == ballots acknowledged", f"stored {stored_total}, acknowledged {acked}")
    else:
        extra = stored_total - acked
        rep.figure("ballots stored but not acknowledged (in flight at the kill)", f"{extra} (ballot requests unanswered: {lost.get('ballot', 0)})")
        rep.expect(0 <= extra <= lost.get("ballot", 0), "acknowledged <= stored <= acknowledged + unanswered")
    dup_voters = [num for num, c in voters.items() if any(x > 1 for x in c.values())]
    rep.expect(not dup_voters, "no voter has two ballots on an open vote", f"proposals {dup_voters[:10]}")
    dup_hash = [num for num, c in hashes.items() if any(x > 1 for x in c.values())]
    rep.expect(not dup_hash, "no receipt hash twice on a secret vote", f"proposals {dup_hash[:10]}")
    marked = Counter()
    for pid, count in db.rows("SELECT proposal_id, COUNT(*) FROM proposal_voters WHERE voted = "
                              + ("1" if db.kind == "sqlite" else "true") + " GROUP BY proposal_id"):
        marked[number_of.get(pid.upper())] += int(count)
    casts = Counter()
    for _, _, payload in audit_entries(db, ["ballot.cast"]):
        casts[number_of.get(str(payload.get("proposal", "")).upper())] += 1
    bad_marks = [num for num in drill if marked[num] != len(stored.get(num, []))]
    bad_casts = [num for num in drill if casts[num] != len(stored.get(num, []))]
    rep.expect(not bad_marks, "per proposal, voters marked as voted == ballots stored",
               ", ".join(f"#{n}: marked {marked[n]}, stored {len(stored.get(n, []))}" for n in bad_marks[:5]))
    rep.expect(not bad_casts, "per proposal, ballot.cast audit entries == ballots stored",
               ", ".join(f"#{n}: entries {casts[n]}, stored {len(stored.get(n, []))}" for n in bad_casts[:5]))

    # Orders.
    rows = db.rows("SELECT number, listing_id, quantity, state FROM orders")
    orders = {}
    numbers = Counter()
    for num, listing, qty, state in rows:
        numbers[int(num)] += 1
        orders[int(num)] = (listing.upper(), int(qty), state)
    before = s["orders_before"]
    placed = sum(1 for num in orders if num > before)
    acked_orders = k["orders"]
    missing_orders = [o for o in acked_orders if o["number"] not in orders or orders[o["number"]][0] != o["listing"]]
    acked_numbers = Counter(o["number"] for o in acked_orders)
    rep.figure("orders acknowledged (201)", f"{len(acked_orders)}; placed in the drill (stored) {placed}; "
               f"found {len(acked_orders) - len(missing_orders)}")
    rep.expect(not missing_orders, "every acknowledged order exists (same number, same listing)", f"first {missing_orders[:3]}")
    rep.expect(all(c == 1 for c in acked_numbers.values()), "no order number acknowledged twice")
    rep.expect(all(c == 1 for c in numbers.values()), "no order number stored twice")
    if exact:
        rep.expect(placed == len(acked_orders), "orders stored == orders acknowledged", f"stored {placed}, acknowledged {len(acked_orders)}")
    else:
        extra = placed - len(acked_orders)
        rep.figure("orders stored but not acknowledged (in flight at the kill)", f"{extra} (order requests unanswered: "
                   f"{sum(v for key, v in lost.items() if key.startswith('order'))})")
        rep.expect(0 <= extra <= sum(v for key, v in lost.items() if key.startswith("order")),
                   "acknowledged <= stored <= acknowledged + unanswered (orders)")
    placed_entries = Counter(int(p["order"]) for _, _, p in audit_entries(db, ["order.place"]))
    no_entry = [num for num in orders if placed_entries[num] != 1]
    stray = [num for num in placed_entries if num not in orders]
    rep.figure("order.place audit entries", f"{sum(placed_entries.values())} for {len(orders)} orders")
    rep.expect(not no_entry and not stray, "every order has exactly one order.place audit entry, and every entry its order",
               f"orders without exactly one: {no_entry[:10]}; entries without an order: {stray[:10]}")
    events = Counter(int(num) for (num,) in db.rows(
        "SELECT o.number FROM order_events e JOIN orders o ON o.id = e.order_id WHERE e.action = 'place'"))
    rep.expect(all(events[num] == 1 for num in orders), "every order has exactly one 'place' event",
               f"{[num for num in orders if events[num] != 1][:10]}")

    # Payments and the ledger.
    pays = defaultdict(list)
    for num, status in db.rows("SELECT o.number, p.status FROM order_payments p JOIN orders o ON o.id = p.order_id"):
        pays[int(num)].append(status)
    paid_entries = Counter(int(p["order"]) for _, _, p in audit_entries(db, ["order.paid"]))
    unpaid = [num for num in k["payments"] if pays.get(num, []).count("settled") != 1]
    rep.figure("payments acknowledged (201)", f"{len(k['payments'])}; settled payments stored "
               f"{sum(v.count('settled') for v in pays.values())}")
    rep.expect(not unpaid, "every acknowledged payment is stored, settled, once", f"orders {unpaid[:10]}")
    wrong_paid = [num for num, v in pays.items() if v.count("settled") != paid_entries[num]]
    rep.expect(not wrong_paid and all(num in pays for num in paid_entries),
               "one order.paid audit entry per settled payment", f"orders {wrong_paid[:10]}")
    unbalanced = db.rows("SELECT transaction_id, currency, SUM(amount) FROM ledger_postings GROUP BY transaction_id, currency "
                         "HAVING SUM(amount) <> 0")
    tx_count = int(db.value("SELECT COUNT(*) FROM ledger_transactions"))
    rep.figure("ledger transactions", tx_count)
    rep.expect(not unbalanced, "every ledger transaction's postings sum to zero per currency", f"{unbalanced[:5]}")
    thin = db.rows("SELECT t.id FROM ledger_transactions t LEFT JOIN ledger_postings p ON p.transaction_id = t.id "
                   "GROUP BY t.id HAVING COUNT(p.id) < 2")
    rep.expect(not thin, "every ledger transaction has at least two postings", f"{thin[:5]}")
    posted = Counter(str(p["transaction"]).upper() for _, _, p in audit_entries(db, ["ledger.posted"]))
    tx_ids = {tid.upper() for (tid,) in db.rows("SELECT id FROM ledger_transactions")}
    rep.expect(all(posted[t] == 1 for t in tx_ids) and set(posted) <= tx_ids,
               "one ledger.posted audit entry per ledger transaction, none for a missing one",
               f"entries {sum(posted.values())}, transactions {len(tx_ids)}")

    # Stock.
    for key, label in (("jam", "Plum jam"), ("good", "the drill's good")):
        lid = s[key]["id"].upper()
        stock_now = int(db.value(f"SELECT stock FROM listings WHERE id = '{listing_id_sql(db, lid)}'"))
        sold = sum(q for (l, q, state) in orders.values() if l == lid and state not in ("cancelled", "declined"))
        sold_drill = sum(q for num, (l, q, state) in orders.items() if l == lid and num > before)
        acked_here = sum(o["quantity"] for o in acked_orders if o["listing"] == lid)
        total = s["jam"]["demo_stock"] if key == "jam" else s["good"]["stock"]
        rep.figure(f"{label}", f"stock at the start {s[key]['stock']}, now {stock_now}; items in its orders {sold} "
                   f"({sold_drill} in the drill, {acked_here} acknowledged); lowest stock seen during the load "
                   f"{k.get('min_stock', {}).get(key)}")
        rep.expect(stock_now >= 0 and (k.get("min_stock", {}).get(key) or 0) >= 0, f"{label}: stock never below zero")
        rep.expect(sold <= total, f"{label}: items sold (orders not cancelled) <= {total}", f"sold {sold}")
        rep.expect(stock_now + sold_drill == s[key]["stock"], f"{label}: stock now + sold in the drill == stock at the start",
                   f"{stock_now} + {sold_drill} != {s[key]['stock']}")
        if key == "jam":
            rep.expect(stock_now + sold == total, "Plum jam: stock + items of orders not cancelled == 12", f"{stock_now} + {sold}")

    # The chain has no gap.
    count, low, high = db.rows("SELECT COUNT(*), MIN(sequence), MAX(sequence) FROM audit_entries")[0]
    rep.figure("audit entries", f"{count} (sequence {low} to {high})")
    rep.expect(int(count) == int(high) - int(low) + 1 and int(low) == 1, "audit sequence 1..N without gaps")
    rep.finish()


# ---------------------------------------------------------------- the scheduler


def advance(a):
    s = json.load(open(a.setup))
    db = Db(a.db)
    rep = Report("scheduler")

    def statuses():
        return {int(num): st for num, st in db.rows("SELECT number, status FROM proposals")}

    before = statuses()
    voting = sorted(num for num, st in before.items() if st == "voting")
    rep.figure("proposals voting before the clock moves", f"{len(voting)} (drill {sum(1 for p in s['proposals'] if p['number'] in voting)})")
    with open(a.clock, "w") as f:
        f.write(str(a.close_to))
    started = time.time()
    while True:
        now = statuses()
        left = [num for num in voting if now.get(num) == "voting"]
        if not left or time.time() - started > a.timeout:
            break
        time.sleep(0.25)
    took = time.time() - started
    tally = Counter(now[num] for num in voting)
    rep.figure("closed after the clock moved", f"{len(voting) - len(left)} of {len(voting)} in {took:.1f} s; now {dict(tally)}")
    rep.expect(not left, f"every open vote closed within {a.timeout:.0f} s", f"still voting: {left[:10]}")
    if a.enact_to:
        passed = [num for num in voting if now.get(num) == "passed"]
        with open(a.clock, "w") as f:
            f.write(str(a.enact_to))
        started = time.time()
        while True:
            now = statuses()
            left = [num for num in passed if now.get(num) == "passed"]
            if not left or time.time() - started > a.timeout:
                break
            time.sleep(0.25)
        took = time.time() - started
        rep.figure("enacted after the timelock", f"{len(passed) - len(left)} of {len(passed)} passed in {took:.1f} s; "
                   f"now {dict(Counter(now[num] for num in voting))}")
        rep.expect(not left, f"every passed proposal enacted within {a.timeout:.0f} s", f"still passed: {left[:10]}")
    rep.finish()


def once(a):
    db = Db(a.db)
    rep = Report("once")
    number_of = {pid.upper(): int(num) for pid, num in db.rows("SELECT id, number FROM proposals")}
    status = {int(num): st for num, st in db.rows("SELECT number, status FROM proposals")}
    kinds = ["proposal.drafted", "proposal.opened", "proposal.closed", "proposal.count_failed", "proposal.enacted",
             "proposal.not_enacted"]
    per = defaultdict(Counter)
    for _, kind, payload in audit_entries(db, kinds):
        per[number_of.get(str(payload.get("proposal", "")).upper())][kind] += 1
    twice = {num: {k: c for k, c in cs.items() if c > 1} for num, cs in per.items() if any(c > 1 for c in cs.values())}
    rep.expect(not twice, "no proposal has the same audit kind twice", f"{dict(list(twice.items())[:5])}")
    closed_states = {"passed", "failed", "enacted", "not_enacted"}
    wrong_close = [num for num, st in status.items()
                   if (per[num]["proposal.closed"] + per[num]["proposal.count_failed"]) != (1 if st in closed_states else 0)]
    rep.expect(not wrong_close, "one proposal.closed (or count_failed) per closed proposal, none for an open one",
               f"{[(n, status[n], dict(per[n])) for n in wrong_close[:5]]}")
    wrong_open = [num for num, st in status.items() if per[num]["proposal.opened"] != (0 if st == "discussion" else 1)]
    rep.expect(not wrong_open, "one proposal.opened per proposal past its discussion", f"{wrong_open[:10]}")
    wrong_enact = [num for num, st in status.items()
                   if per[num]["proposal.enacted"] + per[num]["proposal.not_enacted"] != (1 if st in ("enacted", "not_enacted") else 0)]
    rep.expect(not wrong_enact, "one proposal.enacted/not_enacted per enacted proposal, none otherwise", f"{wrong_enact[:10]}")
    budgets = Counter()
    for (memo,) in db.rows("SELECT memo FROM ledger_transactions WHERE kind = 'budget'"):
        m = re.search(r"\(proposal #(\d+),", memo)
        if m:
            budgets[int(m.group(1))] += 1
    enacted_budgets = [int(num) for (num,) in db.rows("SELECT number FROM proposals WHERE kind = 'budget' AND status = 'enacted'")]
    early = db.rows("SELECT number, closed_at, voting_opens_at, voting_closes_at FROM proposals "
                    "WHERE closed_at IS NOT NULL AND closed_at < voting_closes_at ORDER BY number")
    rep.expect(not early, "no vote closed before its voting period ended",
               f"{len(early)} closed early, e.g. #{early[0][0]} closed {early[0][1]}, voting {early[0][2]} to {early[0][3]}" if early else "")
    rep.figure("proposals by status", dict(Counter(status.values())))
    rep.figure("budget transactions posted", f"{sum(budgets.values())} for {len(enacted_budgets)} enacted budgets")
    rep.expect(all(budgets[n] == 1 for n in enacted_budgets) and all(n in enacted_budgets for n in budgets),
               "one budget ledger transaction per enacted budget proposal, none for another")
    periods = Counter()
    for _, kind, payload in audit_entries(db, ["period.opened", "period.closed"]):
        periods[(kind, payload.get("period"))] += 1
    rep.expect(all(c == 1 for c in periods.values()), "each fiscal period opened and closed at most once",
               f"{[k for k, c in periods.items() if c > 1]}")
    dup_cp = db.rows("SELECT sequence, COUNT(*) FROM audit_checkpoints GROUP BY sequence HAVING COUNT(*) > 1")
    rep.figure("signed checkpoints", db.value("SELECT COUNT(*) FROM audit_checkpoints"))
    rep.expect(not dup_cp, "no audit head signed twice", f"{dup_cp[:5]}")
    rep.finish()


def probe_open(a):
    """Votes opened while every process's scheduler runs stay open for their voting period."""
    s = json.load(open(a.setup))
    urls = a.urls.split(",")
    db = Db(a.db)
    rep = Report("opening")
    c = Client(urls)
    numbers = []
    for i in range(a.count):
        p = c.ok(urls[i % len(urls)], "POST", "/api/v1/proposals",
                 {"kind": "general", "title": f"Drill opening probe {s['run']}-{i}", "options": "Option A\nOption B"}, s["steward"])
        numbers.append(p["number"])
    listed = ",".join(str(n) for n in numbers)
    with open(a.clock, "w") as f:
        f.write(str(a.to))
    started = time.time()
    while time.time() - started < a.timeout:
        left = db.value(f"SELECT COUNT(*) FROM proposals WHERE number IN ({listed}) AND status = 'discussion'")
        if left == "0":
            break
        time.sleep(0.25)
    opened = time.time() - started
    time.sleep(a.hold)  # a full round of every scheduler
    now = Counter(st for (st,) in db.rows(f"SELECT status FROM proposals WHERE number IN ({listed})"))
    early = db.rows(f"SELECT number, status, voting_opens_at, closed_at FROM proposals WHERE number IN ({listed}) "
                    "AND closed_at IS NOT NULL ORDER BY number")
    rep.figure(f"{a.count} votes drafted through {len(urls)} process(es), clock moved past their discussion",
               f"opened within {opened:.1f} s; {a.hold:.0f} s later: {dict(now)}")
    rep.expect(now.get("voting", 0) == a.count, "every vote opened with several schedulers running is still open",
               f"{len(early)} closed at once: " + "; ".join(f"#{n} {st}, opened {o}, closed {cl}" for n, st, o, cl in early[:3]))
    rep.finish()


# ---------------------------------------------------------------- search across processes


def search(a):
    s = json.load(open(a.setup))
    urls = a.urls.split(",")
    rep = Report("search")
    c = Client(urls)
    for src, dst in ((urls[0], urls[1]), (urls[1], urls[0])):
        word = "drillword" + uuid.uuid4().hex[:10]
        body = {"kind": "service", "title": f"Window cleaning {word}", "description": "A drill's listing.", "category": "cleaning",
                "unit": "per_hour", "price": "30.00", "area": "Centre"}
        made = c.ok(src, "POST", "/api/v1/listings", body, s["worker"])
        created = time.time()
        polls = 0
        seen = None
        while time.time() - created < max(a.limit * 5, 5):
            status, data = c.call(dst, "GET", f"/api/v1/listings?q={word}")
            polls += 1
            if status == 200 and any(l["id"] == made["id"] for l in data.get("listings", [])):
                seen = time.time() - created
                break
            time.sleep(0.01)
        port = lambda u: urllib.parse.urlsplit(u).port  # noqa: E731
        rep.figure(f"listing created on :{port(src)}, found by search on :{port(dst)}",
                   f"after {seen * 1000:.0f} ms ({polls} searches)" if seen is not None else f"not after {polls} searches")
        rep.expect(seen is not None and seen <= a.limit, f"found on :{port(dst)} within {a.limit:.2f} s")
    rep.finish()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("setup")
    p.add_argument("--urls", required=True)
    p.add_argument("--clock", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--voters", type=int, default=64)
    p.add_argument("--general", type=int, default=160)
    p.add_argument("--budget", type=int, default=24)
    p.add_argument("--good-stock", type=int, default=60)
    p = sub.add_parser("load")
    p.add_argument("--urls", required=True)
    p.add_argument("--setup", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--clients", type=int, default=0, help="concurrent clients (default: one per voter)")
    p.add_argument("--until-down", action="store_true")
    p = sub.add_parser("check")
    p.add_argument("--db", required=True)
    p.add_argument("--setup", required=True)
    p.add_argument("--acks", required=True)
    p.add_argument("--exact", action="store_true")
    p = sub.add_parser("advance")
    p.add_argument("--db", required=True)
    p.add_argument("--clock", required=True)
    p.add_argument("--setup", required=True)
    p.add_argument("--close-to", type=int, required=True)
    p.add_argument("--enact-to", type=int)
    p.add_argument("--timeout", type=float, default=30)
    p = sub.add_parser("once")
    p.add_argument("--db", required=True)
    p = sub.add_parser("search")
    p.add_argument("--urls", required=True)
    p.add_argument("--setup", required=True)
    p.add_argument("--limit", type=float, default=1.0)
    p = sub.add_parser("probe-open")
    p.add_argument("--urls", required=True)
    p.add_argument("--clock", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--setup", required=True)
    p.add_argument("--to", type=int, required=True)
    p.add_argument("--count", type=int, default=8)
    p.add_argument("--hold", type=float, default=6)
    p.add_argument("--timeout", type=float, default=30)
    a = ap.parse_args()
    {"probe-open": probe_open, "setup": setup, "load": load, "check": check, "advance": advance, "once": once, "search": search}[a.cmd](a)


if __name__ == "__main__":
    main()
