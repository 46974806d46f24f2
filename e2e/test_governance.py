"""Governance in the browser: a policy change voted by secret ballot (one voter changes their
ballot with its receipt), closed and enacted by itself, and a board election by STV.

The server's clock is moved with the `clock` fixture (the server's hidden --clock-file option);
its scheduler opens, closes and enacts proposals within a few seconds of their time."""

import hashlib
import re

from selenium.webdriver.common.by import By

SCHEDULER_WAIT = 30


def wait_for_status(person, number, text):
    """Reloads the proposal's page until its status reads `text` (the scheduler runs every 5 s)."""
    def ready(_):
        person.driver.get(f"{person.base_url}/proposals/{number}")
        return text in person.driver.find_element(By.ID, "proposal-status").text
    person.wait_until(ready, f"proposal #{number} never became '{text}'")


def cast(person, number, choice):
    person.visit(f"/proposals/{number}")
    person.pick_radio(f"choice-{choice}")
    person.press("Cast my ballot")
    assert "Your ballot is cast." in person.text("#your-receipt")
    return person.text("#receipt-code")


def test_a_fee_cut_is_voted_closed_and_enacted_with_receipts(browser, clock):
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    ana.click_nav("Proposals", shot_as="proposals")
    ana.visit("/proposals/new", shot_as="new_proposal")
    ana._and_wait_for_new_page(ana.driver.find_element(By.LINK_TEXT, "Change a policy").click)
    assert "Decided by a yes-or-no vote" in ana.text("main")
    ana.shot("new_policy_proposal")
    ana.type_into("title", "Lower the platform fee to 9%")
    ana.type_into("body", "Our hosting costs fell; 9% still covers the platform.")
    ana.choose("policy", "platform_fee")
    ana.type_into("value", "9%")
    ana.press("Propose")
    number = int(re.search(r"/proposals/(\d+)$", ana.path).group(1))
    assert "in discussion" in ana.text("#proposal-status")
    ana.shot("drafted")

    clock.advance(days=7)  # the discussion ends: voting opens with the rules frozen
    wait_for_status(ana, number, "voting open")
    assert "frozen at opening" in ana.text("main")

    receipts = {}
    receipts["ana"] = cast(ana, number, "yes")
    ana.shot("cast")
    # The receipt survives a refresh (post/redirect/get); the page counts voters, never votes.
    ana.reload()
    assert receipts["ana"] in ana.text("#receipt-code")
    assert "1 of 6 eligible members have voted so far" in ana.text("#turnout")
    assert "You have voted" in ana.text("#you-voted")
    assert "10%" in ana.text("#policy-now") and "9%" in ana.text("#policy-proposed")
    bo = browser("bo")
    bo.log_in("bo@demo.coop")
    first = cast(bo, number, "no")
    cleo = browser("cleo")
    cleo.log_in("cleo@demo.coop")
    receipts["cleo"] = cast(cleo, number, "yes")

    # Bo changes his secret ballot by presenting its receipt code.
    bo.visit(f"/proposals/{number}")
    assert "You have voted" in bo.text("main")
    assert not bo.has("#result"), "no result before close"
    bo.pick_radio("choice-yes")
    bo.type_into("receipt", first)
    bo.press("Change my ballot")
    assert "Your ballot is changed." in bo.text("#your-receipt")
    receipts["bo"] = bo.text("#receipt-code")
    bo.shot("changed")

    clock.advance(days=7)  # voting closes and the count runs
    wait_for_status(ana, number, "passed, waiting for its timelock")
    assert "Participation: 3 of 6" in ana.text("#result")
    assert ana.has("#result svg")
    ana.shot("result")

    clock.advance(hours=48)  # the timelock passes: enacted by itself
    wait_for_status(ana, number, "passed and enacted")
    assert "platform_fee set to 9%" in ana.text("#enactment")

    visitor = browser("visitor")
    visitor.visit("/", shot_as="home_after")
    row = visitor.find("tr[data-policy='platform_fee']")
    assert "9%" in row.text
    link = row.find_element(By.LINK_TEXT, f"by proposal #{number}")
    visitor._and_wait_for_new_page(link.click)
    assert visitor.path == f"/proposals/{number}"

    # Bo finds his ballot on the bulletin board by the hash of his receipt code; his first is gone.
    bo.visit(f"/proposals/{number}/bulletin", shot_as="bulletin")
    board = bo.text("#bulletin")
    def digest(code):
        return hashlib.sha256(re.sub(r"[^A-Z0-9]", "", code.upper()).encode()).hexdigest()
    for who, code in receipts.items():
        assert digest(code) in board, f"{who}'s ballot is missing"
    assert digest(first) not in board
    # The page hashes the code for him: he types it and his row is marked.
    bo.type_into("receipt", receipts["bo"])
    bo.press("Find my ballot")
    assert "Your ballot is on the board" in bo.text("#find-result")
    assert digest(receipts["bo"]) in bo.text("#my-ballot")
    bo.shot("found_ballot")


def test_a_board_election_by_stv_seats_the_right_members(browser, clock):
    # Demo proposal #3: three seats; Sam, Ana, Cleo and Bo stand. It opens after 14 days.
    sam = browser("sam")
    sam.log_in("sam@demo.coop")
    sam.visit("/proposals/3")
    if "in discussion" in sam.text("#proposal-status"):  # not yet opened by an earlier test's days
        clock.advance(days=14)
    wait_for_status(sam, 3, "voting open")
    ballots = {
        "sam": ["Sam", "Ana"], "rita": ["Sam", "Cleo"], "ana": ["Ana", "Sam"],
        "bo": ["Cleo", "Bo"], "cleo": ["Cleo", "Ana"], "dev": ["Ana", "Bo"],
    }
    for who, ranking in ballots.items():
        person = sam if who == "sam" else browser(who)
        if who != "sam":
            person.log_in(f"{who}@demo.coop")
        person.visit("/proposals/3")
        for rank, name in enumerate(ranking, start=1):
            label = person.driver.find_element(By.XPATH, f"//form[@id='ballot']//label[starts-with(normalize-space(), '{name}')]")
            person.choose(label.get_attribute("for"), str(rank))
        if who == "sam":
            sam.shot("ranked_ballot")
        person.press("Cast my ballot")
        assert person.has("#receipt-code")

    clock.advance(days=14)  # closes; elections have no timelock
    wait_for_status(sam, 3, "passed and enacted")
    seated = sam.text("#enactment")
    for name in ["Sam Steward", "Ana Alves", "Cleo Costa"]:
        assert name in seated
    assert "Bo Berg" not in seated
    assert sam.has("table#rounds")
    sam.shot("election_result")
    sam.visit("/", shot_as="home_board")
    board = sam.text("#board")
    assert "Sam Steward" in board and "Ana Alves" in board and "Cleo Costa" in board
