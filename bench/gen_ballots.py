"""Writes a CSV of ranked ballots for the tally benchmark: Plackett-Luce rankings (candidates of
unequal popularity) over N candidates, each truncated to a random length, one ballot a line."""

import random
import sys


def main(path, ballots=1_000_000, candidates=10, seed=2026):
    rng = random.Random(seed)
    names = [f"Candidate {chr(65 + i)}" for i in range(candidates)]
    weights = [1.0 / (i + 1) for i in range(candidates)]
    with open(path, "w") as f:
        for _ in range(ballots):
            # Plackett-Luce: pick the next preference in proportion to popularity.
            left = list(range(candidates))
            w = [weights[i] for i in left]
            ranking = []
            length = rng.randint(1, candidates)
            while len(ranking) < length:
                i = rng.choices(range(len(left)), weights=w)[0]
                ranking.append(names[left.pop(i)])
                w.pop(i)
            f.write(",".join(ranking) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:]))
