"""The marketplace in the browser: a customer finds a cleaning service by search, orders it at the
breakdown shown, the worker delivers, both review, and the money shows in the ledger; then a job
request goes down the dispatcher's ranking, declined by the first worker, accepted by the next,
and both read why."""

import re
from decimal import Decimal

from selenium.webdriver.common.by import By


def amount(text):
    """The first amount in a text, such as '30.37 EUR' -> Decimal('30.37')."""
    return Decimal(re.search(r"-?\d+\.\d\d", text).group(0))


def breakdown_row(person, label_start):
    for row in person.driver.find_elements(By.CSS_SELECTOR, "#breakdown tr"):
        if row.find_element(By.TAG_NAME, "th").text.startswith(label_start):
            return amount(row.find_element(By.TAG_NAME, "td").text)
    raise AssertionError(f"no breakdown row '{label_start}'")


def fees_total(sam):
    """The co-op's fee revenue so far, on the steward's view of the co-op's accounts."""
    sam.click_nav("Steward")
    fees = sam.find("#coop-accounts tr[data-account='coop:revenue:fees']").text
    return amount(fees.split("revenue")[-1])


def test_a_customer_orders_cleaning_the_worker_delivers_both_review_and_the_ledger_shows_it(browser):
    # The demo year's orders are already in the totals: read them first, and check what this order adds.
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    ana.click_nav("Dashboard")
    earned_before = amount(ana.text("#earned-total"))
    sam = browser("sam")
    sam.log_in("sam@demo.coop")
    fees_before = fees_total(sam)

    dev = browser("dev")
    dev.log_in("dev@demo.coop")
    dev.click_nav("Marketplace", shot_as="marketplace")
    dev.type_into("q", "kitchens")
    dev.choose("category", "cleaning")
    dev.press("Search")
    results = dev.find("main").text
    assert "Home cleaning" in results and "Plum jam" not in results
    dev.shot("found")
    link = dev.driver.find_element(By.LINK_TEXT, "Home cleaning")
    dev._and_wait_for_new_page(link.click)
    assert "the co-op keeps" in dev.text("main")
    dev.type_into("quantity", "90")
    dev.shot("listing")
    # An hourly service is booked on its booking page: at a free time when Ana has set her hours.
    dev.press("See free times")
    times = dev.driver.find_elements(By.CSS_SELECTOR, "#times input[name='scheduledAt']")
    if times:
        dev.pick_radio(times[0].get_attribute("id"))
    dev.press("Order")
    number = int(re.search(r"/orders/(\d+)$", dev.path).group(1))
    assert dev.text("#order-state") == "requested"
    price = breakdown_row(dev, "The customer pays")
    to_worker = breakdown_row(dev, "The worker receives")
    fee = breakdown_row(dev, "The co-op keeps")
    assert price == Decimal("33.75") and to_worker + fee == price and fee > 0
    dev.choose("gateway", "test")
    dev.press("Pay 33.75 EUR")
    assert "settled" in dev.text("#payment")
    dev.shot("ordered_and_paid")

    ana.click_nav("Dashboard")
    ana._and_wait_for_new_page(ana.driver.find_element(By.LINK_TEXT, f"#{number} Home cleaning").click)
    for action, state in (("Accept", "accepted"), ("Start", "in progress"), ("Deliver", "delivered")):
        ana.press(action)
        assert ana.text("#order-state") == state
    ana.shot("delivered")

    dev.reload()
    dev.press("Complete")
    assert dev.text("#order-state") == "completed"
    dev.choose("rating", "5")
    dev.type_into("comment", "Spotless kitchen, thank you")
    dev.press("Review")
    ana.reload()
    ana.choose("rating", "4")
    ana.type_into("comment", "Clear instructions")
    ana.press("Review")
    assert ana.text("#order-state") == "reviewed"
    reviews = ana.text("#reviews")
    assert "Spotless kitchen" in reviews and "Clear instructions" in reviews
    ana.shot("reviewed")

    # The worker's earnings: on her ledger statement and her dashboard.
    ana.click_nav("My membership")
    earned = [r for r in ana.driver.find_elements(By.CSS_SELECTOR, "#ledger tr")
              if "earnings-payable" in r.text and f"order #{number} completed" in r.text]
    assert len(earned) == 1 and amount(earned[0].text.split()[-2]) == to_worker, [r.text for r in earned]
    ana.shot("ledger")
    ana.click_nav("Dashboard", shot_as="dashboard")
    assert amount(ana.text("#earned-total")) - earned_before == to_worker
    assert "1:30" in ana.text("#earnings")
    # This month (the newest row) has only this order: the demo year's orders are all in earlier months.
    month = [td.text.strip() for td in ana.find("#earnings tbody tr").find_elements(By.TAG_NAME, "td")]
    assert month[1:] == ["1", "1:30", f"{to_worker} EUR"], month

    # The co-op's fee: on the steward's view of the co-op's accounts.
    assert fees_total(sam) - fees_before == fee
    sam.shot("coop_accounts")


def test_a_job_request_is_declined_by_the_first_ranked_worker_and_accepted_by_the_next(browser):
    dev = browser("dev")
    dev.log_in("dev@demo.coop")
    dev.click_nav("Dashboard")
    dev._and_wait_for_new_page(dev.driver.find_element(By.LINK_TEXT, "Ask for a job to be done").click)
    dev.choose("category", "cleaning")
    dev.type_into("title", "Clean the windows")
    dev.type_into("skills", "windows")
    dev.choose("areaID", "centre")  # the area's centre: 52.372, 4.893
    dev.type_into("budget", "60.00")
    dev.type_into("estimatedMinutes", "120")
    dev.shot("job_form")
    dev.press("Post the job")
    number = int(re.search(r"/jobs/(\d+)$", dev.path).group(1))
    assert dev.text("#job-state") == "offered"
    assert len(dev.driver.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")) == 2
    dev.shot("job_posted")

    # Sam names windows among his skills: the policy ranks him first. He reads why, and declines.
    sam = browser("sam")
    sam.log_in("sam@demo.coop")
    sam.click_nav("Dashboard")
    offer = sam.find("#offers .offer")
    assert "Clean the windows" in offer.text and "The job came to you first." in offer.text
    sam.shot("offer")
    sam._and_wait_for_new_page(offer.find_element(By.PARTIAL_LINK_TEXT, f"Job #{number}").click)
    assert "Why this offer came to you" in sam.text("#why")
    assert "You ranked 1st of 2" in sam.text("#explanation")
    assert "Skills: 1.00 × weight 20" in sam.text("#why")
    sam.shot("why_me")
    sam.press("Decline")
    assert sam.path == "/dashboard"
    assert "No job is on offer to you now." in sam.text("#offers")

    # The next worker, Ana, gets it, reads why, and accepts: it is an order now.
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    ana.click_nav("Dashboard")
    offer = ana.find("#offers .offer")
    assert "You ranked 2nd of 2" in offer.text and "after the 1 ranked above you declined" in offer.text
    ana.shot("offer")
    ana.press("Accept this job", within=offer)
    assert re.search(r"/orders/\d+$", ana.path)
    assert ana.text("#order-state") == "accepted"
    assert "60.00" in ana.text("#breakdown")
    ana.shot("accepted_order")

    # Sam can still read why it went as it did; the customer sees the order it became.
    sam.visit(f"/jobs/{number}", shot_as="after")
    assert "You declined it." in sam.text("#explanation")
    dev.reload()
    assert dev.text("#job-state") == "accepted"
    assert dev.has("#job-order")
    dev.shot("job_filled")
