"""Counts a ballot CSV with a peer library, whole job included (reading and parsing the file), and
prints the winners as JSON. Usage: peers.py LIBRARY METHOD FILE [SEATS]."""

import csv
import json
import sys
from collections import Counter


def read(path):
    with open(path, newline="") as f:
        return Counter(tuple(row) for row in csv.reader(f) if row)


def main(library, method, path, seats=3):
    seats = int(seats)
    ballots = read(path)
    names = sorted({c for b in ballots for c in b})
    if library == "pref_voting":
        from pref_voting.iterative_methods import instant_runoff
        from pref_voting.margin_based_methods import beat_path
        from pref_voting.profiles_with_ties import ProfileWithTies
        from pref_voting.proportional_methods import stv_scottish

        index = {n: i for i, n in enumerate(names)}
        profile = ProfileWithTies(
            [{index[c]: r + 1 for r, c in enumerate(b)} for b in ballots], rcounts=list(ballots.values()),
            candidates=list(range(len(names))),
        )
        if method == "irv":
            winners = instant_runoff(profile)
        elif method == "schulze":
            winners = beat_path(profile)
        else:
            winners = stv_scottish(profile, num_seats=seats)
        print(json.dumps([names[w] for w in winners]))
    elif library == "votelib":
        import votelib.evaluate.core
        import votelib.evaluate.condorcet
        import votelib.evaluate.sequential

        if method == "irv":
            ev = votelib.evaluate.sequential.TransferableVoteSelector(quota_function="droop")
            winners = ev.evaluate(dict(ballots), 1)
        elif method == "schulze":
            import votelib.convert

            # votelib's Schulze takes pairwise counts; unranked candidates count as below the ranked.
            pairwise = votelib.convert.RankedToCondorcetVotes(unranked_at_bottom=True).convert(dict(ballots))
            winners = votelib.evaluate.condorcet.Schulze().evaluate(pairwise, 1)
        else:
            ev = votelib.evaluate.sequential.TransferableVoteSelector(quota_function="droop", transferer="Gregory")
            winners = ev.evaluate(dict(ballots), seats)
        print(json.dumps(list(winners)))
    elif library == "pyrankvote":
        import pyrankvote
        from pyrankvote import Ballot, Candidate

        cands = {n: Candidate(n) for n in names}
        expanded = []
        for b, count in ballots.items():
            ballot = Ballot(ranked_candidates=[cands[c] for c in b])
            expanded.extend([ballot] * count)
        if method == "irv":
            result = pyrankvote.instant_runoff_voting(list(cands.values()), expanded)
        elif method == "stv":
            result = pyrankvote.single_transferable_vote(list(cands.values()), expanded, number_of_seats=seats)
        else:
            print(json.dumps({"unsupported": "pyrankvote has no Schulze"}))
            return
        print(json.dumps([c.name for c in result.get_winners()]))


if __name__ == "__main__":
    main(*sys.argv[1:])
