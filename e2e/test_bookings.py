"""Bookings with a time, in the browser: a worker sets the hours he takes bookings on his
dashboard; a customer in another time zone picks a day and a free time; both follow the order's
timeline (who must act, what happens next) through to completion; the customer reviews; the
worker sees the booking on his calendar, in his own zone."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By

MADRID = ZoneInfo("Europe/Madrid")  # the demo co-op's zone, from its bylaws
NEW_YORK = ZoneInfo("America/New_York")


def test_a_customer_books_a_free_time_follows_the_timeline_and_reviews(browser, clock):
    # Sam takes bookings every day from 08:00 to 20:00, in the co-op's zone (he chose none of his own).
    sam = browser("sam")
    sam.log_in("sam@demo.coop")
    sam.click_nav("Dashboard")
    assert "Europe/Madrid" in sam.text("#hours")
    for day in range(1, 8):
        sam.type_into(f"day{day}", "08:00-20:00")
    sam.shot("weekly_hours")
    sam.press("Save weekly hours")
    assert sam.find("#day1").get_attribute("value") == "08:00-20:00"
    assert sam.find("#day7").get_attribute("value") == "08:00-20:00"

    # Dev reads times in New York time.
    dev = browser("dev")
    dev.log_in("dev@demo.coop")
    dev.click_nav("Dashboard")
    dev.choose("timezone", "America/New_York")
    dev.press("Save time zone")
    assert "America/New_York" in dev.text("#time-zone")

    # He finds the tutoring, picks a day two days ahead and an hour and a half.
    dev.click_nav("Marketplace")
    dev.type_into("q", "maths")
    dev.press("Search")
    dev._and_wait_for_new_page(dev.driver.find_element(By.LINK_TEXT, "Maths tutoring").click)
    # Two days ahead on the server's clock, which earlier tests may have moved on.
    day = (datetime.now(NEW_YORK) + timedelta(seconds=clock.seconds, days=2)).date().isoformat()
    dev.driver.execute_script("arguments[0].value = arguments[1];", dev.find("input#day"), day)
    dev.type_into("quantity", "90")
    dev.shot("listing")
    dev.press("See free times")
    assert "A booking is at least 30 minutes, in steps of 15 minutes." in dev.text("#booking-rules")
    assert "America/New_York" in dev.text("#booking-rules")
    legend = dev.text("#times legend")
    assert legend.startswith("Free times on") and ("(EST)" in legend or "(EDT)" in legend), legend
    first = dev.find("#times input[name='scheduledAt']")
    start = datetime.fromisoformat(first.get_attribute("value").replace("Z", "+00:00"))
    # Sam's 08:00 in Madrid is the first time offered, shown at New York's wall clock.
    assert start.astimezone(MADRID).strftime("%H:%M") == "08:00"
    ny = start.astimezone(NEW_YORK)
    assert dev.find(f"label[for='{first.get_attribute('id')}']").text.startswith(ny.strftime("%H:%M"))
    dev.pick_radio(first.get_attribute("id"))
    dev.type_into("note", "Quadratic equations, please")
    dev.shot("free_times")
    dev.press("Order")
    number = int(re.search(r"/orders/(\d+)$", dev.path).group(1))
    assert dev.text("#order-state") == "requested"
    assert f"{ny.strftime('%H:%M')}" in dev.text("#booked-at")
    assert "the worker" in dev.text("#who-acts")
    assert "The worker accepts or declines" in dev.text("#next-step")
    assert dev.find("#timeline li[aria-current='step']").text.startswith("Requested")
    dev.choose("gateway", "test")
    dev.press("Pay 36.00 EUR")
    assert "settled" in dev.text("#payment")
    assert "done" in dev.find("#timeline li:nth-child(3)").text  # paid
    dev.shot("booked_and_paid")

    # Sam sees it on his calendar, at Madrid's time, and follows it from there.
    sam.click_nav("Dashboard")
    sam._and_wait_for_new_page(sam.driver.find_element(By.LINK_TEXT, "See what is booked").click)
    calendar = sam.text("#calendar")
    end = start + timedelta(minutes=90)
    assert f"#{number} Maths tutoring" in calendar and "Dev" in calendar
    assert f"{start.astimezone(MADRID):%H:%M}–{end.astimezone(MADRID):%H:%M}" in calendar, calendar
    sam.shot("calendar")
    sam._and_wait_for_new_page(sam.driver.find_element(By.LINK_TEXT, f"#{number} Maths tutoring").click)
    assert "you" in sam.text("#who-acts")
    assert f"{start.astimezone(MADRID):%H:%M}" in sam.text("#booked-at")
    # Declining is folded behind its name, with a box to tick; accepting is one press.
    assert sam.has("details.danger-zone") and not sam.find("button.danger").is_displayed()
    sam.shot("to_accept")
    for action, state in (("Accept", "accepted"), ("Start", "in progress"), ("Deliver", "delivered")):
        sam.press(action)
        assert sam.text("#order-state") == state
    assert "the customer" in sam.text("#who-acts")

    dev.reload()
    assert "you" in dev.text("#who-acts") and "completes the order" in dev.text("#next-step")
    dev.press("Complete")
    assert dev.text("#order-state") == "completed"
    dev.choose("rating", "5")
    dev.type_into("comment", "Clear and patient")
    dev.press("Review")
    assert "the worker" in dev.text("#who-acts")
    sam.reload()
    assert "the customer has reviewed" in sam.text("#timeline")
    sam.choose("rating", "5")
    sam.type_into("comment", "Well prepared")
    sam.press("Review")
    assert sam.text("#order-state") == "reviewed"
    assert "nobody" in sam.text("#who-acts")
    assert len(sam.driver.find_elements(By.CSS_SELECTOR, "#timeline li.done")) == 7
    sam.shot("reviewed")

    # My orders says what was ordered, when it is booked for, and where it stands.
    dev.click_nav("My orders")
    row = [r for r in dev.driver.find_elements(By.CSS_SELECTOR, "#orders tbody tr") if f"#{number}" in r.text]
    assert len(row) == 1 and "Maths tutoring" in row[0].text and "reviewed" in row[0].text, [r.text for r in row]
    assert "36.00 EUR" in row[0].text
    dev.shot("my_orders")
