"""Times `coop tally` and the peers on one file; best of 3 for coop and wc, one run for peers
(they take seconds to minutes), each peer capped at PEER_TIMEOUT seconds."""

import json
import os
import subprocess
import sys
import time

coop, path = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
timeout = float(os.environ.get("PEER_TIMEOUT", "600"))


def timed(cmd, runs=1, cap=None):
    best, out = None, None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=cap).stdout
        except subprocess.TimeoutExpired:
            return None, f"> {cap:.0f} s"
        except subprocess.CalledProcessError as e:
            return None, "failed: " + (e.stderr.strip().splitlines() or ["?"])[-1]
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, out


floor, _ = timed(["wc", "-l", path], runs=3)
print(f"wc -l (the floor): {floor:.3f} s")
targets = {"irv": 0.5, "schulze": 0.5, "stv": 1.0}
only = sys.argv[3].split(",") if len(sys.argv) > 3 else list(targets)
targets = {m: t for m, t in targets.items() if m in only}
for method, target in targets.items():
    extra = ["--seats", "3"] if method == "stv" else []
    t, out = timed([coop, "tally", "--method", method, *extra, path], runs=3)
    winners = json.loads(out)["winners"]
    print(f"\n{method}: coop tally {t:.3f} s (target <= {target} s: {'met' if t <= target else 'NOT met'}), winners {winners}")
    fastest = None
    for lib in ["votelib", "pyrankvote", "pref_voting"]:
        pt, pout = timed([sys.executable, os.path.join(here, "peers.py"), lib, method, path, "3"], cap=timeout)
        if pt is None:
            print(f"  {lib:12s} {pout}")
            continue
        result = json.loads(pout.strip().splitlines()[-1])
        if isinstance(result, dict):
            print(f"  {lib:12s} n/a ({result['unsupported']})")
            continue
        fastest = pt if fastest is None else min(fastest, pt)
        print(f"  {lib:12s} {pt:8.2f} s  ratio {pt / t:7.1f}x  winners {result}")
    if fastest is not None:
        ratio = fastest / t
        print(f"  fastest peer / coop = {ratio:.1f}x (target >= 10x: {'met' if ratio >= 10 else 'NOT met'})")
