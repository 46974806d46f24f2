"""Training: a visitor reads the handbook, a steward publishes a learning module, a worker completes it."""

import re


def test_a_visitor_reads_the_handbook_and_a_worker_completes_a_module(browser):
    visitor = browser("visitor")
    visitor.visit("/")
    visitor.click_nav("Handbook", shot_as="handbook")
    visitor.checked()
    assert visitor.heading() == "Member handbook"
    example = visitor.text("#decisions [data-kind='policy_change'] .example")
    assert re.match(r"With \d+ members, a quorum of [\d.]+% means \d+ must vote", example), example
    assert "indivisible reserve" in visitor.text("#surplus")
    assert "fewer than" in visitor.text("#data")

    rita = browser("rita")
    rita.log_in("rita@demo.coop")
    rita.visit("/learn", shot_as="learning")
    rita.type_into("title", "Food hygiene")
    rita.type_into("text", "# Wash\n\nWash your hands for **20 seconds**. <script>alert(1)</script>\n\n- soap\n- water")
    rita.type_into("questions", "? How long do you wash your hands?\n- 5 seconds\n* 20 seconds")
    rita.press("Publish")
    assert rita.heading() == "Food hygiene"
    rita.checked()
    assert "<script>alert(1)</script>" in rita.text(".module-text")  # shown as text, never run
    module = rita.path

    bo = browser("bo")
    bo.log_in("bo@demo.coop")
    bo.visit(module, shot_as="module")
    bo.pick_radio("q0-0")
    bo.press("Check my answers")
    assert "0 of 1 answers are right" in bo.text(".error")
    bo.pick_radio("q0-1")
    bo.press("Check my answers")
    assert bo.has("#module-done")
    bo.shot("completed")
    bo.visit("/membership", shot_as="membership")
    assert "Food hygiene" in bo.text("#completions")
