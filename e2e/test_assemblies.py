"""General assemblies in the browser.

1. Convened with notice: a proxy, a check-in by code at the desk, one online, and an agenda item
   opened with its attendance frozen; the member online then leaves, and only the attendance moves.
2. A hybrid meeting of exactly 10 members (a fresh demo co-op): 5 in the room, 2 of them holding
   proxies, 3 online; tellers hand out paper ballots and two of them enter the batch; a bylaw
   amendment passes with every channel counted together; the chair and a second officer seal the
   minutes, which `coop minutes verify` accepts, and refuses once one byte is changed."""

import json
import os
import re
import subprocess
import tempfile
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import DEMO_PASSWORD, _coop_bin, check_page
from test_languages import UNTRANSLATED
from selenium.webdriver.common.by import By


def test_a_steward_convenes_and_members_attend_in_person_online_and_by_proxy(browser, clock):
    sam = browser("sam")
    sam.log_in("sam@demo.coop")
    # The agenda: a proposal still in discussion (one voted on online cannot go on it).
    sam.visit("/proposals/new?kind=general")
    sam.type_into("title", "When should the books be opened?")
    sam.type_into("options", "Every month\nEvery quarter")
    sam.press("Propose")
    item = sam.path.split("/")[2]
    sam.visit("/assemblies/new")
    sam.type_into("title", "Annual general meeting")
    # 15 days ahead on the server's clock, which earlier tests have moved on.
    when = (datetime.now(timezone.utc) + timedelta(seconds=clock.seconds, days=15)).strftime("%Y-%m-%dT%H:%M")
    sam.driver.execute_script("arguments[0].value = arguments[1]", sam.find("#starts_at"), when)
    sam.type_into("place", "The community hall")
    sam.type_into("online", "https://meet.example/agm")
    sam.type_into("agenda", item)
    sam.press("Convene and notify every member")
    assert sam.path == "/assemblies/1"
    assert "Convened" in sam.text("#assembly-status")

    bo = browser("bo")
    bo.log_in("bo@demo.coop")
    bo.visit("/assemblies/1")
    bo.type_into("holder", "3")
    bo.press("Give my proxy")
    assert "Ana Alves" in bo.text("#gave-to")

    # The day comes.
    clock.advance(days=15)
    sam.visit("/assemblies/1")
    sam.press("Open the assembly for check-in")
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    ana.visit("/assemblies/1", shot_as="my_check_in_code")
    code = ana.text("#check-in-code")
    assert "Bo Berg" in ana.text("#holding")
    sam.type_into("code", code)
    sam.press("Check in")
    rita = browser("rita")
    rita.log_in("rita@demo.coop")
    rita.visit("/assemblies/1")
    rita.press("Check in online")
    assert "online" in rita.text("#my-presence")

    sam.reload()
    counts = sam.text("#attendance tbody").split()
    assert counts[:4] == ["1", "1", "1", "3"]
    called = counts[4]  # admitted when it was convened: the demo's 6, plus any member earlier journeys admitted
    assert int(called) >= 6
    sam.press(f"Open proposal #{item} for voting")
    assert f"3 of {called} members counted" in sam.text(".item-opened")
    sam.shot("assembly_in_progress")

    # Rita leaves online: the form unfolds, she ticks the box. The item already open keeps its count;
    # the attendance, which the next item would freeze, no longer counts her.
    rita.reload()
    rita.driver.find_element(By.CSS_SELECTOR, "details:has(#confirm-leave) summary").click()
    rita.find("#confirm-leave").click()
    rita.press("Leave the assembly")
    assert "You left the assembly" in rita.text("#my-departure")
    sam.reload()
    assert sam.text("#attendance tbody").split()[:4] == ["1", "0", "1", "2"]
    assert "1 member has left" in sam.text("#departures")
    assert "Rita" in sam.text("#departed")
    assert f"3 of {called} members counted" in sam.text(".item-opened")


def _api(base, method, path, body=None, token=None):
    req = urllib.request.Request(base + "/api/v1" + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=30) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def _token(base, email):
    return _api(base, "POST", "/tokens", {"email": email, "password": DEMO_PASSWORD, "label": "e2e"})["token"]


def _admit(base, name, email):
    """A new worker-member, joined and admitted through the JSON API (the membership journey tests the pages)."""
    _api(base, "POST", "/users", {"name": name, "email": email, "password": DEMO_PASSWORD})
    me = _token(base, email)
    _api(base, "POST", "/membership", {"class": "worker"}, me)
    _api(base, "POST", "/membership/payment", {"method": "cash", "reference": name}, me)
    sam = _token(base, "sam@demo.coop")
    row = next(r for r in _api(base, "GET", "/steward/queue", token=sam) if r["email"] == email)
    if row.get("paymentID"):
        _api(base, "POST", f"/payments/{row['paymentID']}/confirm", token=sam)
    if _api(base, "GET", "/membership", token=me)["status"] != "admitted":
        _api(base, "POST", f"/applications/{row['membershipID']}/admit", token=sam)


def test_a_hybrid_assembly_of_ten_decides_an_amendment_and_seals_its_minutes(browser, fresh_coop):
    base, clock = fresh_coop
    newcomers = {"Eve Ekström": "eve@demo.coop", "Finn Falk": "finn@demo.coop", "Gus Gómez": "gus@demo.coop",
                 "Hana Hill": "hana@demo.coop"}
    for name, email in newcomers.items():
        _admit(base, name, email)

    # Ana drafts an amendment of the bylaws; Sam convenes the assembly that will decide it.
    ana = browser("ana", at=base)
    ana.log_in("ana@demo.coop")
    ana.visit("/proposals/new")
    ana._and_wait_for_new_page(ana.driver.find_element(By.LINK_TEXT, "Amend the bylaws").click)
    ana.type_into("title", "We meet every year")
    ana.type_into("body", "Say in our purpose that the members meet each year.")
    ana.driver.execute_script(
        "const t = document.getElementById('bylaws'); t.value = t.value.replace('the households it serves.',"
        " 'the households it serves, who meet each year.')")
    ana.press("Propose")
    amendment = int(ana.path.split("/")[2])

    sam = browser("sam", at=base)
    sam.log_in("sam@demo.coop")
    sam.visit("/assemblies/new")
    sam.type_into("title", "Annual general meeting")
    when = (datetime.now(timezone.utc) + timedelta(days=15)).strftime("%Y-%m-%dT%H:%M")
    sam.driver.execute_script("arguments[0].value = arguments[1]", sam.find("#starts_at"), when)
    sam.type_into("place", "The community hall")
    sam.type_into("online", "https://meet.example/agm")
    sam.type_into("agenda", str(amendment))
    sam.press("Convene and notify every member")
    assert sam.path == "/assemblies/1"

    # Cleo and Dev cannot come: Cleo's proxy goes to Ana (member #3), Dev's to Bo (#4).
    other = browser("member", at=base)
    for email, holder in [("cleo@demo.coop", "3"), ("dev@demo.coop", "4")]:
        other.log_in(email)
        other.visit("/assemblies/1")
        other.type_into("holder", holder)
        other.press("Give my proxy")
        other.log_out()

    # The day comes: the proposal waited for the meeting rather than opening online.
    clock.advance(days=15)
    sam.visit("/")
    if sam.driver.find_elements(By.XPATH, "//nav//a[normalize-space()='Log in']"):
        sam.log_in("sam@demo.coop")  # if the session ran out over the notice period
    sam.visit("/assemblies/1")
    sam.press("Open the assembly for check-in")
    codes = {}
    qr = None
    for email in ["sam@demo.coop", "rita@demo.coop", "ana@demo.coop", "bo@demo.coop", "eve@demo.coop"]:
        other.log_in(email)
        other.visit("/assemblies/1")
        codes[email] = other.text("#check-in-code")
        if email == "eve@demo.coop":
            # Her page shows the code as a QR code too: read it off the screen, as the desk's phone would.
            png = Path(tempfile.mkdtemp(prefix="coop-e2e-qr-")) / "qr.png"
            code_svg = other.find("#check-in-qr svg")
            other.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", code_svg)
            png.write_bytes(code_svg.screenshot_as_png)
            read = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
            assert read.returncode == 0, read.stderr
            qr = read.stdout.strip()
            assert qr.endswith(f"/assemblies/1/check-in/{codes[email]}"), qr
        other.log_out()
    for email, code in codes.items():
        if email == "eve@demo.coop":
            continue
        sam.type_into("code", code)
        sam.press("Check in")
    # Eve's QR code opens, on Sam's phone, the page that checks her in with one press.
    sam.visit(qr[qr.index("/assemblies/"):])
    problems = check_page(sam.driver, "check-in from a QR code")
    assert not problems, "\n".join(problems)
    label = sam.find("main form button").text
    assert label.startswith("Check in Eve") and label.endswith("in person"), label
    sam.press(label)
    assert "/assemblies/1" in sam.driver.current_url
    for email in ["finn@demo.coop", "gus@demo.coop", "hana@demo.coop"]:
        other.log_in(email)
        other.visit("/assemblies/1")
        other.press("Check in online")
        assert "online" in other.text("#my-presence")
        other.log_out()
    sam.reload()
    assert sam.text("#attendance tbody").split() == ["5", "3", "2", "10", "10"]

    # Sam and Rita are the tellers; Sam opens the item with all 10 counted.
    for number in ["1", "2"]:
        sam.type_into("teller-member", number)
        sam.press("Appoint as teller")
    assert "Rita Reyes" in sam.text("#tellers")
    sam.press(f"Open proposal #{amendment} for voting")
    assert "10 of 10 members counted" in sam.text(".item-opened")

    # Online: three members at home, and Bo on his phone in the room, for himself and for Dev.
    def vote_online(email, choice):
        other.log_in(email)
        other.visit(f"/proposals/{amendment}")
        other.pick_radio(f"choice-{choice}")
        other.press("Cast my ballot")
        assert "Your ballot is cast." in other.text("#your-receipt")
        other.log_out()
    vote_online("finn@demo.coop", "yes")
    vote_online("gus@demo.coop", "yes")
    vote_online("hana@demo.coop", "no")
    bo = browser("bo", at=base)
    bo.log_in("bo@demo.coop")
    bo.visit(f"/proposals/{amendment}")
    assert "Dev Dlamini" in bo.text("#proxies")
    bo.shot("voting_for_a_proxy")
    bo.pick_radio("choice-yes")
    bo.press("Cast my ballot")
    bo.visit(f"/proposals/{amendment}")
    bo.pick_radio("for6-choice-yes")
    bo.press("Cast this ballot for Dev Dlamini (member #6)")
    assert "has been cast" in bo.text("#proxies")

    # Paper: Rita prints five slips, each with its receipt code on the ballot and on a stub.
    rita = browser("rita", at=base)
    rita.log_in("rita@demo.coop")
    rita.visit("/assemblies/1")
    rita.type_into(f"slips-{amendment}", "5")
    rita.press("Print slips")
    slips = [e.text.strip() for e in rita.driver.find_elements(By.CSS_SELECTOR, ".slip-code")]
    receipts = sorted(set(slips))
    assert len(slips) == 10 and len(receipts) == 5, slips
    assert all(re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", c) for c in receipts), receipts
    problems = check_page(rita.driver, "paper ballot slips")
    assert not problems, "\n".join(problems)
    rita.shot("paper_slips")
    # The slips in the pseudo-language: every word on them is translatable.
    rita.visit("/assemblies/1")
    rita.driver.execute_script(
        "document.getElementById(arguments[0]).form.action += '?lang=qps'", f"slips-{amendment}")
    rita.type_into(f"slips-{amendment}", "1")
    rita.press("Print slips")
    found = rita.driver.execute_script(UNTRANSLATED)
    assert not found, f"left in English on the slips: {sorted(set(found))}"
    # She hands ballots to Sam, Ana (hers and Cleo's) and Eve, and to herself.
    rita.visit("/assemblies/1")
    for email in ["sam@demo.coop", "ana@demo.coop", "eve@demo.coop", "rita@demo.coop"]:
        rita.type_into(f"paper-code-{amendment}", codes[email])
        rita.press(f"Hand out paper ballots on #{amendment} (one per vote the member carries)")
    assert "5 paper ballots handed out, 0 entered" in rita.text(".item-voting")
    # The two tellers count the box and enter the batch, each on their own.
    # Each line begins with the slip's code; the fifth slip, Eve's, says no.
    ballots = [f"{c}: yes" for c in receipts[:4]] + [f"{receipts[4]}: no"]
    rita.type_into(f"batch-{amendment}", "\n".join(ballots))
    rita.press("Enter this batch")
    assert "waits for a second teller" in rita.text("#agenda")
    sam.visit("/assemblies/1")
    problems = check_page(sam.driver, "/assemblies/1 (a teller, voting open)")
    assert not problems, "\n".join(problems)
    # Every string of the meeting's pages, as a steward and teller sees them mid-vote, is translatable.
    crawler = browser("crawler", at=base)
    crawler.log_in("rita@demo.coop")
    left = {}
    for path in ["/assemblies", "/assemblies/new", "/assemblies/1", "/assemblies/1/minutes", f"/proposals/{amendment}",
                 f"/proposals/{amendment}/bulletin", "/proposals/new", "/proposals/new?kind=bylaw_amendment",
                 "/proposals/new?kind=policy_change"]:
        crawler.driver.get(base + path + ("&" if "?" in path else "?") + "lang=qps")
        found = crawler.driver.execute_script(UNTRANSLATED)
        if found:
            left[path] = sorted(set(found))
    assert left == {}, f"left in English: {left}"
    sam.type_into(f"batch-{amendment}", "\n".join(reversed([b.lower() for b in ballots])))
    sam.press("Enter this batch")
    assert "5 paper ballots handed out, 5 entered, 0 spoilt" in sam.text(".item-voting")
    sam.shot("assembly_in_progress")

    # The chair closes the vote: 8 yes of 10 ballots, over the two-thirds the bylaws ask.
    sam.press(f"Close the vote on proposal #{amendment} and count it")
    assert "passed" in sam.text(".item-result")
    sam.visit(f"/proposals/{amendment}")
    assert "Passed" in sam.text("#proposal-status") or "passed" in sam.text("#proposal-status")

    # Eve kept her stub: its code finds her paper ballot on the bulletin board.
    eve = browser("eve", at=base)
    eve.log_in("eve@demo.coop")
    eve.visit(f"/proposals/{amendment}/bulletin")
    eve.type_into("receipt", receipts[4].lower().replace("-", ""))
    eve.press("Find my ballot")
    assert "no" in eve.text("#my-ballot"), eve.text("#my-ballot")

    # Minutes: Sam signs as chair, Rita countersigns, and the file is sealed.
    sam.visit("/assemblies/1/minutes")
    assert "channels: 5 online, 5 on paper (0 spoilt)" in sam.text("#minutes-draft")
    sam.type_into("additions", "The chair thanked the tellers.")
    sam.press("Sign as chair (makes version 1)")
    rita.visit("/assemblies/1/minutes")
    rita.press("Countersign version 1 as second officer")
    rita.shot("minutes")
    link = rita.driver.find_element(By.LINK_TEXT, "Download minutes-1-v1.txt").get_attribute("href")
    with urllib.request.urlopen(link, timeout=30) as r:
        sealed = r.read()
    folder = Path(tempfile.mkdtemp(prefix="coop-e2e-minutes-"))
    good = folder / "minutes-1-v1.txt"
    good.write_bytes(sealed)
    ok = subprocess.run([str(_coop_bin()), "minutes", "verify", str(good)], capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    assert ok.returncode == 0, ok.stderr
    assert "minutes of assembly #1, version 1" in ok.stdout
    changed = folder / "minutes-1-v1-changed.txt"
    i = sealed.index(b"result: passed") + len(b"result: pass")
    changed.write_bytes(sealed[:i] + b"E" + sealed[i + 1:])
    bad = subprocess.run([str(_coop_bin()), "minutes", "verify", str(changed)], capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    assert bad.returncode == 1 and bad.stderr.strip(), bad.stdout

    # The chair closes the assembly.
    sam.visit("/assemblies/1")
    sam.press("Close the assembly")
    assert "Closed" in sam.text("#assembly-status")
