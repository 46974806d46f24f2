"""Listings in the browser: a worker lists an hourly service through the form (price only, the
minutes and stock left blank), edits it, adds a photo, pauses and resumes it; a customer finds its
card (photo, price, rating, area) in search, and "Log in to order" brings them back to it. A
user-member is told why they cannot list. Every page visited is checked at phone width (390 × 844)
for sideways scrolling."""

import re
import struct
import tempfile
import zlib
from pathlib import Path

from conftest import check_page
from selenium.webdriver.common.by import By


def photo_file() -> Path:
    """A small real PNG (160 × 120, two colours), written with the standard library only."""
    width, height = 160, 120
    rows = b""
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            row += bytes((31, 92, 70) if (x // 20 + y // 20) % 2 else (232, 243, 238))
        rows += bytes(row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    # Named .jpg on purpose: the server reads what it is from its bytes, not its name.
    path = Path(tempfile.mkstemp(prefix="coop-e2e-photo-", suffix=".jpg")[1])
    path.write_bytes(png)
    return path


def no_sideways_scroll(person, what: str):
    """At phone width (390 × 844) the page fits, and axe-core finds nothing critical or serious."""
    problems = check_page(person.driver, f"{what} ({person.path})")
    assert not problems, "\n".join(problems)


def image_loaded(person, css: str) -> bool:
    return person.driver.execute_script(
        "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;", css)


def test_a_worker_lists_edits_photographs_pauses_and_resumes_and_a_customer_finds_and_returns_to_it(browser):
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    ana.click_nav("Marketplace")
    no_sideways_scroll(ana, "marketplace")
    ana._and_wait_for_new_page(ana.driver.find_element(By.LINK_TEXT, "List a service or a good").click)
    assert ana.heading() == "List a service or a good"
    assert not ana.has("#latitude") and not ana.has("#longitude"), "no place typed by hand"
    no_sideways_scroll(ana, "new_listing")

    # An hourly service with its price only: the minutes and the stock stay blank.
    ana.choose("kind", "service")
    ana.type_into("title", "Dog walking")
    ana.type_into("description", "An hour around the park.\nLeads and treats included.\n\nAsk about <b>puppies</b>.")
    ana.choose("category", "care")
    ana.choose("unit", "per_hour")
    ana.type_into("price", "21.00")
    ana.choose("areaID", "north")
    ana.shot("new_listing_filled")
    ana.press("List it")
    match = re.search(r"/listings/([0-9A-Fa-f-]{36})$", ana.path)
    assert match, f"not on the new listing's page: {ana.path}: {ana.text('main')[:300]}"
    listing_path = match.group(0)
    assert ana.heading() == "Dog walking"
    assert ana.text("#area") == "Area: North"
    assert "21.00 EUR an hour" in ana.text("#price")
    # Its line breaks and paragraphs are kept, and what was typed stays text.
    paragraphs = ana.driver.find_elements(By.CSS_SELECTOR, "#description p")
    assert [p.text for p in paragraphs] == ["An hour around the park.\nLeads and treats included.", "Ask about <b>puppies</b>."]
    ana.shot("listed")
    no_sideways_scroll(ana, "listing_as_worker")

    # Edited: a refused price keeps what was typed; a good one is saved.
    ana._and_wait_for_new_page(ana.driver.find_element(By.LINK_TEXT, "Edit this listing").click)
    no_sideways_scroll(ana, "manage_listing")
    ana.type_into("title", "Dog walking, rain or shine")
    ana.type_into("price", "twenty")
    ana.press("Save changes")
    assert "not an amount" in ana.text(".error")
    assert ana.find("#title").get_attribute("value") == "Dog walking, rain or shine"
    ana.shot("edit_refused")
    ana.type_into("price", "23.00")
    ana.press("Save changes")
    assert ana.path == listing_path
    assert ana.heading() == "Dog walking, rain or shine"
    assert "23.00 EUR an hour" in ana.text("#price")

    # A photo, picked as a file; named .jpg, read as the PNG it is.
    ana._and_wait_for_new_page(ana.driver.find_element(By.LINK_TEXT, "Edit this listing").click)
    path = photo_file()
    try:
        ana.find("#photo").send_keys(str(path))
        ana.type_into("alt", "A checked green and white pattern")
        ana.press("Add photo")
    finally:
        path.unlink(missing_ok=True)
    assert "#photos" in ana.driver.current_url or ana.path.endswith("/edit")
    ana.wait_until(lambda _: image_loaded(ana, ".photo-list img"), "the photo did not load")
    src = ana.find(".photo-list img").get_attribute("src")
    assert re.search(r"/photos/[0-9A-Fa-f-]{36}/[0-9a-f]{16}\.png$", src), src
    assert ana.find(".photo-list img").get_dom_attribute("width") == "160"
    ana.shot("photo_added")
    no_sideways_scroll(ana, "manage_with_photo")

    # Paused: the badge says so, and so does its page; then resumed.
    ana.press("Pause")
    assert ana.text("#listing-status .badge") == "paused"
    ana.shot("paused")
    ana.visit(listing_path)
    assert "paused" in ana.text("#listing-status")
    ana._and_wait_for_new_page(ana.driver.find_element(By.LINK_TEXT, "Edit this listing").click)
    ana.press("Resume")
    assert ana.text("#listing-status .badge") == "offered"
    ana.click_nav("Dashboard")
    assert "Dog walking, rain or shine" in ana.text("#my-listings")
    no_sideways_scroll(ana, "dashboard")

    # A visitor finds its card (photo, price, rating, area) by searching near North.
    dev = browser("dev")
    dev.visit("/")
    dev.click_nav("Marketplace")
    dev.type_into("q", "dog")
    dev.choose("area", "north")
    dev.press("Search")
    card = dev.find("#listings .listing-card")
    assert "Dog walking, rain or shine" in card.text
    assert "23.00 EUR an hour" in card.find_element(By.CSS_SELECTOR, ".card-price").text
    assert card.find_element(By.CSS_SELECTOR, ".card-area").text == "North"
    assert card.find_element(By.CSS_SELECTOR, ".card-rating").text  # the worker's rating, or "No reviews yet"
    dev.wait_until(lambda _: image_loaded(dev, "#listings .listing-card img.card-photo"), "the card's photo did not load")
    dev.driver.execute_script("arguments[0].scrollIntoView();", card)
    dev.shot("card")
    no_sideways_scroll(dev, "search_results")
    dev._and_wait_for_new_page(card.find_element(By.CSS_SELECTOR, "a.card-link").click)
    assert dev.path == listing_path
    no_sideways_scroll(dev, "listing_as_visitor")

    # "Log in to order" comes back to the listing, with its order form.
    dev._and_wait_for_new_page(dev.find("#login-to-order").click)
    assert dev.heading() == "Log in"
    no_sideways_scroll(dev, "login")
    dev.type_into("email", "dev@demo.coop")
    dev.type_into("password", "coop-demo-pass")
    dev.press("Log in")
    assert dev.path == listing_path, dev.path
    assert dev.has("#quantity"), "the order form is there once logged in"
    dev.shot("back_on_listing")


def test_a_user_member_is_told_why_they_cannot_list(browser):
    cleo = browser("cleo")
    cleo.log_in("cleo@demo.coop")
    cleo.click_nav("Marketplace")
    assert not cleo.driver.find_elements(By.LINK_TEXT, "List a service or a good")
    assert "Only worker-members list services and goods" in cleo.text("#who-lists")
    cleo.shot("why_not")
    no_sideways_scroll(cleo, "marketplace_user_member")
