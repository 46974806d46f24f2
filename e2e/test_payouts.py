"""Getting paid: a worker asks for what the co-op owes them, a steward pays it and records it."""

import re

from selenium.webdriver.common.by import By


def test_a_worker_asks_to_be_paid_and_a_steward_records_the_payout(browser):
    bo = browser("bo")
    bo.log_in("bo@demo.coop")
    bo.visit("/statement", shot_as="statement_owed")
    ask = bo.find("#payout-form button")
    owed = re.search(r"Ask to be paid (.+)$", ask.text.strip()).group(1)
    bo._and_wait_for_new_page(ask.click)
    assert "waiting for a steward" in bo.text("#payout-waiting")
    assert owed in bo.text("#payout-waiting")
    bo.shot("asked")

    rita = browser("rita")
    rita.log_in("rita@demo.coop")
    rita.visit("/steward/finances", shot_as="payouts_to_make")
    card = rita.find("#payouts li[data-payout='Bo Berg']")
    assert owed in card.text
    rita.choose(card.find_element(By.TAG_NAME, "select").get_attribute("id"), "bank_transfer")
    reference = card.find_element(By.CSS_SELECTOR, "input[name='reference']")
    reference.send_keys("TR-2026-118")
    rita.press("Record it paid", within=card)
    assert not rita.has("#payouts li[data-payout='Bo Berg']")

    bo.reload(shot_as="paid")
    assert "owes you nothing" in bo.text("#getting-paid")
    row = bo.text("#payouts")
    assert "paid" in row and "TR-2026-118" in row and owed in row
