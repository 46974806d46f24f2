"""Cross-check `coop tally` against pref_voting, an independent implementation.

For each of IRV, Schulze and Scottish STV (3 seats) we draw 200 random elections, count each with
`coop tally` and with pref_voting, and compare the winners. Elections where either side had to
break a tie are set aside (tie rules legitimately differ), and the test requires that at least
150 of the 200 were comparable, so it cannot pass by skipping.
"""

import json
import os
import random
import subprocess
import tempfile
from pathlib import Path

import pytest
from pref_voting.iterative_methods import instant_runoff
from pref_voting.margin_based_methods import beat_path as schulze  # Schulze; with complete rankings margins and winning votes agree
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.proportional_methods import stv_scottish

ROOT = Path(__file__).resolve().parent.parent
COOP = os.environ.get("COOP_BIN", str(ROOT / ".build" / "debug" / "coop"))
ELECTIONS = 200


def tally(method, rows, names, seats=1):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        for count, ranking in rows:
            f.write(",".join([str(count)] + [names[c] for c in ranking]) + "\n")
        path = f.name
    try:
        out = subprocess.run(
            [COOP, "tally", "--method", method, "--weighted", "--seats", str(seats), path],
            check=True, capture_output=True, text=True,
        ).stdout
    finally:
        os.unlink(path)
    return json.loads(out)


def random_rows(rng, n, complete):
    rows = []
    for _ in range(rng.randint(5, 40)):
        ranking = list(range(n))
        rng.shuffle(ranking)
        if not complete:
            ranking = ranking[: rng.randint(1, n)]
        rows.append((rng.randint(1, 9), ranking))
    return rows


def names_for(n):
    return [f"C{i}" for i in range(n)]


def compare(method, make, count):
    rng = random.Random(f"coop-crosscheck-{method}")
    compared = 0
    for _ in range(count):
        n = rng.randint(3, 7)
        names = names_for(n)
        ours, theirs = make(rng, n, names)
        if ours is None:
            continue
        assert ours == theirs, f"{method}: coop {ours} vs pref_voting {theirs}"
        compared += 1
    return compared


def irv_case(rng, n, names):
    rows = random_rows(rng, n, complete=True)
    result = tally("irv", rows, names)
    theirs = instant_runoff(Profile([r for _, r in rows], rcounts=[c for c, _ in rows]))
    if result["ties"] or len(theirs) != 1:
        return None, None
    return result["winners"], [names[theirs[0]]]


def schulze_case(rng, n, names):
    rows = random_rows(rng, n, complete=True)
    result = tally("schulze", rows, names)
    theirs = schulze(Profile([r for _, r in rows], rcounts=[c for c, _ in rows]))
    if result["ties"] or len(theirs) != 1:
        return None, None
    return result["winners"], [names[theirs[0]]]


def stv_case(rng, n, names):
    n = max(n, 4)
    names = names_for(n)
    rows = random_rows(rng, n, complete=False)
    result = tally("stv", rows, names, seats=3)
    profile = ProfileWithTies(
        [{c: rank + 1 for rank, c in enumerate(r)} for _, r in rows], rcounts=[c for c, _ in rows],
        candidates=list(range(n)),
    )
    theirs = stv_scottish(profile, num_seats=3, rng=random.Random(0))
    if result["ties"]:
        return None, None
    return sorted(result["winners"]), sorted(names[c] for c in theirs)


@pytest.mark.parametrize("method,make", [("irv", irv_case), ("schulze", schulze_case), ("stv", stv_case)])
def test_winners_agree_with_pref_voting(method, make):
    compared = compare(method, make, ELECTIONS)
    print(f"{method}: {compared} of {ELECTIONS} elections compared (the rest had ties)")
    assert compared >= 150, f"only {compared} comparable elections"
