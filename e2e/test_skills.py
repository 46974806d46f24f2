"""Skills recognised by peers: a worker names a skill, another who holds it endorses it from her listing, then withdraws."""

from selenium.webdriver.common.by import By


def test_a_worker_endorses_a_peers_skill_from_her_listing_and_withdraws_it(browser):
    # Ana names cleaning among her skills on her dashboard.
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    ana.click_nav("Dashboard")
    ana.type_into("skills", "cleaning, ironing")
    ana.press("Save", within=ana.find("#availability"))

    # Sam (who names cleaning too) finds her listing and opens her skills page from it.
    sam = browser("sam")
    sam.log_in("sam@demo.coop")
    sam.visit("/")
    sam.click_nav("Marketplace")
    sam.type_into("q", "home cleaning")
    sam.press("Search")
    card = sam.find("#listings .listing-card")
    sam._and_wait_for_new_page(card.find_element(By.PARTIAL_LINK_TEXT, "Home cleaning").click)
    sam._and_wait_for_new_page(sam.find("#worker-skills a").click)
    assert sam.heading() == "Ana Alves's skills"
    sam.checked()
    skills = sam.text("#skills")
    assert "cleaning 0 endorsements" in skills and "ironing 0 endorsements" in skills, skills
    endorse = sam.find("#skills li:first-child button")
    assert endorse.text == "Endorse Ana Alves's cleaning"
    sam._and_wait_for_new_page(endorse.click)
    assert "cleaning 1 endorsement (Sam Steward)" in sam.text("#skills")
    assert "You have given 1 of the 10 endorsements" in sam.text("#endorsement-quota")
    sam.shot("endorsed")
    withdraw = sam.find("#skills li:first-child button")
    assert withdraw.text == "Withdraw my endorsement of Ana Alves's cleaning"
    sam._and_wait_for_new_page(withdraw.click)
    assert "cleaning 0 endorsements" in sam.text("#skills")

    # Ana finds her own skills page from the learning page.
    ana.visit("/learn")
    ana._and_wait_for_new_page(ana.find("#my-skills a").click)
    assert ana.heading() == "Ana Alves's skills"
    ana.checked()
