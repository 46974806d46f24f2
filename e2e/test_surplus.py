"""The year-end surplus in the browser: after a demo year of orders a steward closes the fiscal
period; every member sees their proposed dividend; the members approve the allocation by vote; the
worker's statement and capital account show it; and the public finances page, its charts and the
open data show the totals.

`serve --demo` seeds the demo year: fiscal period 1 ends an hour before the server starts, with
~50 completed orders and four hosting expenses; its allocation is voted as a budget proposal
(discussion 7 days, voting 7 days, timelock 48 h). The server's clock is moved with the `clock`
fixture; its scheduler opens, closes and enacts proposals within a few seconds of their time."""

import csv
import io
import re
import urllib.request
from decimal import Decimal

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CENT = Decimal("0.01")
SCHEDULER_WAIT = 30
DEMO_MEMBERS = ["sam", "rita", "ana", "bo", "cleo", "dev"]
WORKERS = {"sam", "rita", "ana", "bo"}  # the rest are user-members
STATUS_WAITING = "closed, allocation waiting for the members' vote"
STATUS_ALLOCATED = "closed, allocation approved and posted"


def amount(text):
    """The first amount in a text, such as '30.37 EUR' -> Decimal('30.37')."""
    match = re.search(r"-?\d+\.\d\d", text)
    assert match, f"no amount in {text!r}"
    return Decimal(match.group(0))


def cents(value):
    return int(value * 100)


def figures(person, table_css, names):
    """{name: text} of the cells td.NAME within table_css."""
    table = person.find(table_css)
    return {name: table.find_element(By.CSS_SELECTOR, f"td.{name}").text.strip() for name in names}


def money(cells):
    return {name: amount(text) for name, text in cells.items()}


def bars(person, svg_css):
    """{(label, series): value in cents} of an SVG bar chart."""
    return {(r.get_attribute("data-label"), r.get_attribute("data-series")): int(r.get_attribute("data-value"))
            for r in person.driver.find_elements(By.CSS_SELECTOR, f"{svg_css} rect.bar")}


def my_line(person):
    """The member's own line on a closed period's page: patronage, dividend, cash, capital."""
    section = person.find("#my-dividend")
    line = {name: amount(section.find_element(By.CSS_SELECTOR, f".{name}").text)
            for name in ("patronage", "dividend", "cash", "capital")}
    line["measure"] = re.search(r"Your patronage \((\w+)\)", section.text).group(1)
    return line


def shot_of(person, css, what):
    """Scrolls the element at css into view, then takes a screenshot."""
    person.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", person.find(css))
    person.shot(what)


def fetch(person, path):
    """(status, body) of a GET made by the person's browser, with its cookies."""
    return person.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'})"
        ".then(r => r.text().then(t => done([r.status, t])))"
        ".catch(e => done([0, String(e)]));", path)


def poll(person, path, css, text, what):
    """Reloads path until the element at css reads `text` (the scheduler runs every 5 s)."""
    def ready(_):
        person.driver.get(person.base_url + path)
        found = person.driver.find_elements(By.CSS_SELECTOR, css)
        return found and text in found[0].text
    WebDriverWait(person.driver, SCHEDULER_WAIT).until(ready, f"{what} never read {text!r} at {path}")


def cast(person, number, choice):
    person.visit(f"/proposals/{number}")
    person.pick_radio(f"choice-{choice}")
    person.press("Cast my ballot")
    assert "Your ballot is cast." in person.text("#your-receipt")


def test_a_steward_closes_the_demo_year_members_approve_the_dividends_and_the_finances_show_them(
        browser, clock, base_url):
    # ---- Before: a visitor reads period 1's revenue and expenses on the public finances page.
    visitor = browser("visitor")
    visitor.visit("/finances", shot_as="finances_before")
    row = "#periods tr[data-period='1']"
    before = money(figures(visitor, row, ["revenue", "fees", "expenses", "net"]))
    assert before["revenue"] > 0 and before["expenses"] > 0, before
    assert before["net"] == before["revenue"] - before["expenses"], before
    assert before["fees"] <= before["revenue"], before
    not_yet = figures(visitor, row, ["reserve", "dividends"])
    assert amount_free(not_yet), f"no allocation before the close: {not_yet}"
    flow = bars(visitor, "svg#chart-flow")
    assert flow[("Period 1", "Revenue")] == cents(before["revenue"]), flow
    assert flow[("Period 1", "Expenses")] == cents(before["expenses"]), flow
    assert flow[("Period 1", "Surplus")] == cents(before["net"]), flow
    assert not visitor.has("svg#chart-allocation"), "no allocation chart before any period is closed"

    # ---- A worker who is no steward is refused the steward's finances.
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    status, _ = fetch(ana, "/steward/finances")
    assert status == 403, status
    ana.visit("/steward/finances", shot_as="refused")
    assert ana.heading() == "Forbidden"
    assert "Only a steward can do this." in ana.text("main")
    assert not ana.driver.find_elements(By.XPATH, "//button[normalize-space()='Close period 1']")

    # ---- The steward: the period's expenses are the ones recorded, and it can be closed.
    sam = browser("sam")
    sam.log_in("sam@demo.coop")
    sam.visit("/finances/periods/1")
    assert sam.text("#period-figures td.status") == "ended, waiting to be closed"
    period_end = sam.text("#period-figures td.dates").split(" to ")[1]  # e.g. 2026-11-27 06:47 UTC
    assert sam.has("#period-figures") and sam.button("Close this period")  # offered on the period's page too
    sam.visit("/steward/finances", shot_as="steward_finances")
    recorded = Decimal(0)
    for tr in sam.find("table#expenses").find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = [td.text.strip() for td in tr.find_elements(By.TAG_NAME, "td")]
        if cells[1].startswith("Expenses:") and cells[0] <= period_end:
            recorded += amount(cells[3])
    assert recorded == before["expenses"], (recorded, before["expenses"])
    sam.press("Close period 1")
    assert sam.path == "/finances/periods/1"
    shot_of(sam, "#class-pools", "closed")

    # ---- The close: the allocation by the formula, waiting for the members' vote.
    period = figures(sam, "#period-figures", [
        "status", "revenue", "fees", "expenses", "net", "allocatable", "reserve", "community", "dividends", "members"])
    assert period["status"] == STATUS_WAITING, period["status"]
    closed = money({k: v for k, v in period.items() if k not in ("status", "members")})
    for name in ("revenue", "fees", "expenses", "net"):
        assert closed[name] == before[name], (name, closed[name], before[name])
    alloc = closed["allocatable"]
    assert alloc == closed["net"] > 0  # no loss carried in from an earlier period
    assert closed["reserve"] + closed["community"] + closed["dividends"] == alloc, closed
    # The formula locked to the period: reserve 30%, patronage 65%, community 5% (to the cent).
    assert "reserve 30%, patronage 65%, community 5%" in sam.text("#formula")
    for name, share in (("reserve", "0.30"), ("dividends", "0.65"), ("community", "0.05")):
        assert abs(closed[name] - alloc * Decimal(share)) <= CENT, (name, closed[name], alloc)
    members_paid = int(period["members"])
    pools = {}
    for tr in sam.find("table#class-pools").find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = [td.text.strip() for td in tr.find_elements(By.TAG_NAME, "td")]
        pools[cells[2]] = {"share": Decimal(cells[1].rstrip("%")) / 100, "pool": amount(cells[3]), "paid": amount(cells[4])}
    assert set(pools) == {"earnings", "spending"}, pools
    assert sum(p["pool"] for p in pools.values()) == closed["dividends"], pools
    assert sum(p["paid"] for p in pools.values()) == closed["dividends"], pools
    assert pools["earnings"]["share"] == Decimal("0.70") and pools["spending"]["share"] == Decimal("0.30")
    for p in pools.values():
        assert abs(p["pool"] - closed["dividends"] * p["share"]) <= CENT, pools
    link = sam.find("#allocation-proposal a")
    number = int(re.search(r"/proposals/(\d+)$", link.get_attribute("href")).group(1))
    assert "in discussion" in sam.text("#allocation-proposal")
    assert not sam.driver.find_elements(By.XPATH, "//button[normalize-space()='Close this period']")

    # A visitor sees the totals but nobody's line.
    visitor.visit("/finances/periods/1")
    assert visitor.text("#period-figures td.dividends") == period["dividends"]
    assert not visitor.has("#my-dividend")

    # ---- The worker sees her proposed dividend: cash and capital, at least 20% in cash.
    ana.visit("/finances/periods/1")
    shot_of(ana, "#my-dividend", "my_proposed_dividend")
    line = my_line(ana)
    assert line["measure"] == "earnings", line
    assert line["patronage"] > 0 and line["dividend"] > 0, line
    assert line["dividend"] == line["cash"] + line["capital"], line
    assert line["cash"] >= line["dividend"] * Decimal("0.20"), line
    ana.visit("/statement", shot_as="statement_before")
    summary_before = money(figures(ana, "#statement-summary", ["capital-account", "dividends-payable"]))
    assert summary_before["capital-account"] == 0, summary_before
    p1 = figures(ana, "#statement-periods tr[data-period='1']", ["earnings", "patronage", "dividend", "cash", "capital"])
    assert amount(p1["earnings"]) == amount(p1["patronage"]) == line["patronage"], p1
    assert (amount(p1["dividend"]), amount(p1["cash"]), amount(p1["capital"])) == \
        (line["dividend"], line["cash"], line["capital"]), p1
    assert STATUS_WAITING in ana.text("#statement-periods tr[data-period='1']")

    # ---- The proposal states the figures; discussion, then the vote.
    ana.visit(f"/proposals/{number}", shot_as="allocation_proposal")
    assert "in discussion" in ana.text("#proposal-status")
    case = ana.text("main")
    for name in ("allocatable", "reserve", "community", "dividends"):
        assert period[name] in case, f"the proposal does not state the {name} {period[name]}"

    clock.advance(days=7)  # the discussion ends: voting opens
    poll(ana, f"/proposals/{number}", "#proposal-status", "voting open", f"proposal #{number}")

    people = {"ana": ana, "sam": sam}
    lines = {"ana": line}
    for who in DEMO_MEMBERS:
        if who not in people:
            people[who] = browser(who)
            people[who].log_in(f"{who}@demo.coop")
        person = people[who]
        if who not in lines:
            person.visit("/finances/periods/1")
            lines[who] = my_line(person)
        cast(person, number, "no" if who == "dev" else "yes")
    ana.shot("voted")

    # Every member's line, cross-checked: each class's dividends add up to its pool, shared by patronage.
    for who, ln in lines.items():
        assert ln["measure"] == ("earnings" if who in WORKERS else "spending"), (who, ln)
        assert ln["dividend"] == ln["cash"] + ln["capital"], (who, ln)
        assert ln["cash"] >= ln["dividend"] * Decimal("0.20"), (who, ln)
    assert sum(ln["dividend"] for ln in lines.values()) == closed["dividends"], lines
    assert sum(1 for ln in lines.values() if ln["dividend"] > 0) == members_paid, lines
    for measure, pool in pools.items():
        members = [ln for ln in lines.values() if ln["measure"] == measure]
        patronage = sum(ln["patronage"] for ln in members)
        assert sum(ln["dividend"] for ln in members) == pool["paid"], (measure, members)
        for ln in members:
            assert abs(ln["dividend"] - pool["pool"] * ln["patronage"] / patronage) <= CENT, (measure, ln)
    # In the demo year the user-members paid for every order: what they spent is the workers' earnings plus fees.
    spent = sum(ln["patronage"] for ln in lines.values() if ln["measure"] == "spending")
    earned = sum(ln["patronage"] for ln in lines.values() if ln["measure"] == "earnings")
    assert spent == earned + closed["fees"], (spent, earned, closed["fees"])

    clock.advance(days=7)  # voting closes and the count runs
    poll(ana, f"/proposals/{number}", "#proposal-status", "passed, waiting for its timelock", f"proposal #{number}")
    result = ana.text("#result")
    voted, eligible = map(int, re.search(r"Participation: (\d+) of (\d+)", result).groups())
    assert voted == len(DEMO_MEMBERS) and voted * 4 >= eligible, result
    assert "Winner: yes." in result
    ana.shot("allocation_passed")

    clock.advance(hours=48)  # the timelock passes: enacted, posted to the ledger
    poll(ana, f"/proposals/{number}", "#proposal-status", "passed and enacted", f"proposal #{number}")
    enactment = ana.text("#enactment")
    assert all(period[name] in enactment for name in ("allocatable", "reserve", "community", "dividends")), enactment
    ana.shot("allocation_enacted")

    # ---- The worker's statement: the dividend in the period's row, the capital on her capital account.
    ana.visit("/finances/periods/1")
    assert ana.text("#period-figures td.status") == STATUS_ALLOCATED
    assert my_line(ana) == line, "the dividend changed between the proposal and the posting"
    assert "passed and enacted" in ana.text("#allocation-proposal")
    ana.visit("/statement", shot_as="statement_after")
    summary = money(figures(ana, "#statement-summary", ["capital-account", "dividends-payable"]))
    assert summary["capital-account"] == summary_before["capital-account"] + line["capital"] == line["capital"], summary
    assert summary["dividends-payable"] == summary_before["dividends-payable"] + line["cash"], summary
    p1 = figures(ana, "#statement-periods tr[data-period='1']", ["dividend", "cash", "capital"])
    assert (amount(p1["dividend"]), amount(p1["cash"]), amount(p1["capital"])) == \
        (line["dividend"], line["cash"], line["capital"]), p1
    assert STATUS_ALLOCATED in ana.text("#statement-periods tr[data-period='1']")
    history = [[td.text.strip() for td in tr.find_elements(By.TAG_NAME, "td")]
               for tr in ana.find("table#capital-history").find_elements(By.CSS_SELECTOR, "tbody tr")]
    credits = [h for h in history if "fiscal period 1" in h[1]]
    assert len(credits) == 1 and amount(credits[0][2]) == line["capital"], history
    assert f"proposal #{number}" in credits[0][1], credits
    link = ana.driver.find_element(By.LINK_TEXT, "Download as CSV")
    assert link.get_attribute("href") == base_url + "/statement.csv"
    status, body = fetch(ana, "/statement.csv")
    assert status == 200, (status, body)
    items = {(r["section"], r["period"], r["item"]): r["amount"] for r in csv.DictReader(io.StringIO(body))}
    assert items[("capital account", "", "balance")] == str(line["capital"]), body
    assert items[("period", "1", "dividend")] == str(line["dividend"]), body
    assert items[("period", "1", "dividend paid in cash")] == str(line["cash"]), body
    assert items[("period", "1", "dividend credited to capital account")] == str(line["capital"]), body

    # ---- The public finances page: the allocated period's totals and the charts.
    visitor.visit("/finances", shot_as="finances_after")
    after = figures(visitor, row, ["revenue", "fees", "expenses", "net", "reserve", "community", "dividends"])
    assert STATUS_ALLOCATED in visitor.text(row)
    for name in after:
        assert after[name] == period[name], (name, after[name], period[name])
    shot_of(visitor, "svg#chart-allocation", "chart_allocation")
    allocation = bars(visitor, "svg#chart-allocation")
    assert allocation == {
        ("Period 1", "Reserve"): cents(closed["reserve"]),
        ("Period 1", "Dividends"): cents(closed["dividends"]),
        ("Period 1", "Community fund"): cents(closed["community"]),
    }, allocation
    flow = bars(visitor, "svg#chart-flow")
    assert flow[("Period 1", "Revenue")] == cents(closed["revenue"]), flow
    assert flow[("Period 1", "Expenses")] == cents(closed["expenses"]), flow
    assert flow[("Period 1", "Surplus")] == cents(closed["net"]), flow
    # The fee chart: one step per value of the fee history, in basis points.
    steps = [int(c.get_attribute("data-value")) for c in visitor.driver.find_elements(By.CSS_SELECTOR, "svg#chart-fee circle.step")]
    rates = [int(Decimal(td.text.strip().rstrip("%")) * 100)
             for td in visitor.driver.find_elements(By.CSS_SELECTOR, "#fee-history td.rate")]
    assert steps and sorted(steps) == sorted(rates), (steps, rates)

    # ---- The open data: the period's figures, downloadable by anyone.
    visitor.visit("/open-data", shot_as="open_data")
    dataset = visitor.find("#datasets li[data-dataset='periods']")
    csv_link = dataset.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
    assert csv_link == base_url + "/open-data/periods.csv"
    with urllib.request.urlopen(csv_link, timeout=10) as response:
        assert response.status == 200
        rows = {r["period"]: r for r in csv.DictReader(io.StringIO(response.read().decode()))}
    published = rows["1"]
    assert published["status"] == "allocated" and published["suppressed"] == "false", published
    for name in ("revenue", "fees", "expenses", "net", "reserve", "community", "dividends"):
        assert Decimal(published[name]) == closed[name], (name, published[name], closed[name])
    assert int(published["members_paid"]) == members_paid, published


def amount_free(cells):
    """True when none of the cells shows an amount (an allocation not yet made reads '—')."""
    return all(not re.search(r"\d", text) for text in cells.values())
