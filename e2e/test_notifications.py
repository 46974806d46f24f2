"""Notifications in the browser and by mail, against a real SMTP server on loopback.

This module runs its own `coop serve --demo` with SMTP_URL pointing at an aiosmtpd server on a
free loopback port (and its own clock file), so that every mail the co-op sends is caught and
counted by Message-ID. Covered: a real event's mail (an order to accept) and the same notice in
the app with the unread count; a member following a proposal from its notification to the vote
and to the result; a daily digest made under the test clock; one-click unsubscribe (RFC 8058);
the SMTP server down, then up again: nothing lost, nothing doubled; and a second co-op whose
SMTP server asks for a password (AUTH on loopback).
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from selenium.webdriver.common.by import By

from conftest import SERVER_START_TIMEOUT, Clock, _coop_bin, _free_port

SCHEDULER_WAIT = 40  # the scheduler runs every 5 s; a retry waits for its backoff


class Inbox:
    """An SMTP handler that keeps every message it accepts."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(msg)
        return "250 OK"

    def all(self):
        with self.lock:
            return list(self.messages)

    def to(self, address: str, subject_part: str = ""):
        return [m for m in self.all() if address in str(m["To"]) and subject_part in subject(m)]

    def wait_for(self, address: str, subject_part: str, timeout: float = SCHEDULER_WAIT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address, subject_part)
            if found:
                return found
            time.sleep(0.5)
        raise AssertionError(f"no mail to {address} about '{subject_part}' within {timeout}s; got: "
                             f"{[(str(m['To']), subject(m)) for m in self.all()][-10:]}")


def subject(msg) -> str:
    return str(make_header(decode_header(str(msg["Subject"]))))


class SMTPServer:
    """aiosmtpd on a fixed loopback port that the test can stop and start again."""

    def __init__(self, inbox: Inbox):
        self.inbox = inbox
        self.port = _free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture(scope="module")
def inbox():
    return Inbox()


@pytest.fixture(scope="module")
def smtp(inbox):
    server = SMTPServer(inbox)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def clock():
    path = Path(tempfile.mkstemp(prefix="coop-e2e-notify-clock-")[1])
    yield Clock(path)
    path.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def data_dir():
    path = tempfile.mkdtemp(prefix="coop-e2e-notify-data-")
    yield Path(path)
    shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def serve_coop(data_dir: Path, clock_path: Path, smtp_url: str):
    """A `coop serve --demo` sending mail to smtp_url; yields its base URL."""
    binary = _coop_bin()
    if not binary.is_file():
        pytest.fail(f"no Coop server binary at {binary}; build it, or set COOP_BIN")
    log_path = Path(tempfile.mkstemp(prefix="coop-e2e-notify-server-", suffix=".log")[1])
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, LOG_LEVEL=os.environ.get("LOG_LEVEL", "warning"),
               SMTP_URL=smtp_url, MAIL_FROM="Commons Care <mail@commons.test>")
    env.pop("DATABASE_URL", None)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(binary), "serve", "--demo", "--data-dir", str(data_dir), "--port", str(port), "--host", "127.0.0.1",
             "--clock-file", str(clock_path)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=str(data_dir))
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the Coop server exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the Coop server did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        yield url
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)
        log_path.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def base_url(clock, smtp, data_dir):
    """This module's own demo co-op, sending mail to the loopback SMTP server."""
    with serve_coop(data_dir, clock.path, f"smtp://127.0.0.1:{smtp.port}") as url:
        yield url


def outbox(data_dir: Path, where: str = "", args=()):
    """Rows of the co-op's mail outbox, read from its SQLite file (read-only)."""
    con = sqlite3.connect(f"file:{data_dir / 'coop.sqlite'}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(f"SELECT status, attempts, kind, message_key FROM mail_outbox {where}", args).fetchall()
    finally:
        con.close()


def no_message_id_twice(inbox: Inbox):
    ids = Counter(str(m["Message-ID"]) for m in inbox.all())
    doubled = {k: n for k, n in ids.items() if n > 1}
    assert not doubled, f"messages delivered more than once: {doubled}"


def order_home_cleaning(person) -> int:
    person.click_nav("Marketplace")
    person.type_into("q", "kitchens")
    person.press("Search")
    link = person.driver.find_element(By.LINK_TEXT, "Home cleaning")
    person._and_wait_for_new_page(link.click)
    person.type_into("quantity", "60")
    # An hourly service is booked on its booking page, at a free time when its worker set hours.
    person.press("See free times")
    times = person.driver.find_elements(By.CSS_SELECTOR, "#times input[name='scheduledAt']")
    if times:
        person.pick_radio(times[0].get_attribute("id"))
    person.press("Order")
    return int(re.search(r"/orders/(\d+)$", person.path).group(1))


def test_a_worker_is_told_of_an_order_by_mail_and_in_the_app(browser, inbox, data_dir):
    dev = browser("dev")
    dev.log_in("dev@demo.coop")
    number = order_home_cleaning(dev)

    # Ana, the listing's worker, gets one mail through the SMTP server, with the headers that matter.
    mails = inbox.wait_for("ana@demo.coop", f"Order #{number} to accept")
    assert len(mails) == 1
    mail = mails[0]
    assert mail["From"] == "Commons Care <mail@commons.test>"
    assert re.fullmatch(r"<[0-9a-f]{32}@commons\.test>", str(mail["Message-ID"]))
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<http://127\.0\.0\.1:\d+/unsubscribe/[A-Za-z0-9_.-]+>", str(mail["List-Unsubscribe"]))
    body = mail.get_content()
    assert f"/orders/{number}" in body and "Home cleaning" in body

    # In the app: the unread count in the navigation, the notification, and its link to the order.
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    nav = ana.text("header nav")
    count = int(re.search(r"Notifications \((\d+) unread\)", nav).group(1))
    assert count >= 1
    ana.driver.find_element(By.XPATH, "//nav//a[starts-with(normalize-space(), 'Notifications')]").click()
    ana.find("#notifications")
    ana.shot("notifications")
    item = ana.find(f"#notifications li.unread")
    assert f"Order #{number} to accept" in ana.text("#notifications")
    entry = ana.driver.find_element(
        By.XPATH, f"//ul[@id='notifications']/li[.//a[contains(., 'Order #{number} to accept')]]")
    ana.press("Open", within=entry)
    assert ana.path == f"/orders/{number}"
    after = re.search(r"Notifications \((\d+) unread\)", ana.text("header nav"))
    assert (int(after.group(1)) if after else 0) == count - 1
    assert item is not None
    no_message_id_twice(inbox)


def test_a_member_follows_a_proposal_from_its_notification_to_the_vote_and_the_result(browser, clock, inbox):
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    ana.visit("/proposals/new")
    ana._and_wait_for_new_page(ana.driver.find_element(By.LINK_TEXT, "Change a policy").click)
    ana.type_into("title", "Lower the platform fee to 9%")
    ana.type_into("body", "Our hosting costs fell.")
    ana.choose("policy", "platform_fee")
    ana.type_into("value", "9%")
    ana.press("Propose")
    number = int(re.search(r"/proposals/(\d+)$", ana.path).group(1))

    clock.advance(days=7)  # the discussion ends: voting opens, and every member is told
    inbox.wait_for("bo@demo.coop", f"Vote open on proposal #{number}")
    bo = browser("bo")
    bo.log_in("bo@demo.coop")
    bo.visit("/notifications", shot_as="vote_open")
    entry = bo.driver.find_element(
        By.XPATH, f"//ul[@id='notifications']/li[.//a[contains(., 'Vote open on proposal #{number}')]]")
    bo.press("Open", within=entry)
    assert bo.path == f"/proposals/{number}"
    bo.pick_radio("choice-yes")
    bo.press("Cast my ballot")
    assert "Your ballot is cast." in bo.text("#your-receipt")

    clock.advance(days=7)  # voting closes and the count runs: the result is in the app at once
    def result_listed(_):
        bo.driver.get(bo.base_url + "/notifications")
        return f"Result of proposal #{number}" in bo.driver.find_element(By.ID, "notifications").text
    bo.wait_until(result_listed, "the result never reached the notifications page")
    bo.shot("result")
    entry = bo.driver.find_element(
        By.XPATH, f"//ul[@id='notifications']/li[.//a[contains(., 'Result of proposal #{number}')]]")
    bo.press("Open", within=entry)
    assert bo.path == f"/proposals/{number}"

    # By mail, results come in the daily digest unless the member chose otherwise.
    clock.advance(days=1)
    deadline = time.monotonic() + SCHEDULER_WAIT
    while time.monotonic() < deadline:
        if any(f"Result of proposal #{number}" in m.get_content() for m in inbox.to("bo@demo.coop", "daily digest")):
            break
        time.sleep(0.5)
    digests = [m for m in inbox.to("bo@demo.coop", "daily digest") if f"Result of proposal #{number}" in m.get_content()]
    assert len(digests) == 1, [subject(m) for m in inbox.to("bo@demo.coop")]
    no_message_id_twice(inbox)


def test_a_daily_digest_gathers_what_a_member_chose_to_get_once_a_day(browser, clock, inbox):
    ana = browser("ana")
    ana.log_in("ana@demo.coop")
    ana.visit("/notifications/settings", shot_as="settings")
    # A notice the bylaws require offers no "never".
    assert not ana.has("#voting_opened-never") and ana.has("#voting_opened-digest")
    ana.pick_radio("order_to_accept-digest")
    ana.press("Save")
    assert "Saved." in ana.text("main")

    dev = browser("dev")
    dev.log_in("dev@demo.coop")
    first = order_home_cleaning(dev)
    second = order_home_cleaning(dev)
    time.sleep(6)  # a scheduler pass: nothing goes at once
    assert not inbox.to("ana@demo.coop", f"Order #{first} to accept")

    digests_before = len(inbox.to("ana@demo.coop", "daily digest"))
    clock.advance(days=1)  # past the next digest hour
    deadline = time.monotonic() + SCHEDULER_WAIT
    while len(inbox.to("ana@demo.coop", "daily digest")) == digests_before and time.monotonic() < deadline:
        time.sleep(0.5)
    digests = inbox.to("ana@demo.coop", "daily digest")
    assert len(digests) == digests_before + 1, [subject(m) for m in digests]
    body = digests[-1].get_content()
    assert f"Order #{first} to accept" in body and f"Order #{second} to accept" in body
    time.sleep(6)
    assert len(inbox.to("ana@demo.coop", "daily digest")) == digests_before + 1, "one digest per member and day"
    no_message_id_twice(inbox)


def test_one_click_unsubscribe_turns_that_mail_off(browser, inbox, data_dir):
    # The order mail to Rita carries a one-click link for mail about orders to accept.
    rita = browser("rita")
    rita.log_in("rita@demo.coop")
    dev = browser("dev")
    dev.log_in("dev@demo.coop")
    number = order_home_jam(dev)
    mail = inbox.wait_for("rita@demo.coop", f"Order #{number} to accept")[0]
    url = str(mail["List-Unsubscribe"]).strip("<>")

    # What a mail client does (RFC 8058): a POST with no cookie and no CSRF token.
    req = urllib.request.Request(url, data=b"List-Unsubscribe=One-Click", method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.status == 200
        assert "Unsubscribed" in r.read().decode()
    # A forged token does nothing.
    forged = re.sub(r"\.[A-Za-z0-9_-]+$", ".AAAA", url)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(forged, data=b"List-Unsubscribe=One-Click", method="POST"), timeout=10)
    assert refused.value.code == 404

    rita.visit("/notifications/settings")
    assert rita.find("#order_to_accept-never").is_selected()
    again = order_home_jam(dev)
    time.sleep(8)
    assert not inbox.to("rita@demo.coop", f"Order #{again} to accept"), "mail came after unsubscribing"
    rita.visit("/notifications")
    assert f"Order #{again} to accept" in rita.text("#notifications"), "still listed in the app"


def order_home_jam(person) -> int:
    person.click_nav("Marketplace")
    person.type_into("q", "jam")
    person.press("Search")
    link = person.driver.find_element(By.LINK_TEXT, "Plum jam")
    person._and_wait_for_new_page(link.click)
    person.type_into("quantity", "1")
    person.press("Order")
    return int(re.search(r"/orders/(\d+)$", person.path).group(1))


def test_mail_waits_while_the_smtp_server_is_down_and_goes_once_when_it_is_back(browser, clock, smtp, inbox, data_dir):
    smtp.stop()
    dev = browser("dev")
    dev.log_in("dev@demo.coop")
    number = order_home_cleaning(dev)  # Ana chose the digest for orders: the message below is the mail at once
    dev.type_into("body", "Please bring a ladder.")
    dev.press("Send")

    # The scheduler tries, fails and backs off: the row waits, with its attempt counted.
    deadline = time.monotonic() + SCHEDULER_WAIT
    rows = []
    while time.monotonic() < deadline:
        rows = outbox(data_dir, "WHERE kind = 'message' AND status = 'pending' AND attempts >= 1")
        if rows:
            break
        time.sleep(0.5)
    assert rows, "the mail was never tried while the server was down"
    assert not inbox.to("ana@demo.coop", f"New message on order #{number}")

    smtp.start()
    clock.advance(hours=1)  # past the backoff's wait
    mails = inbox.wait_for("ana@demo.coop", f"New message on order #{number}")
    time.sleep(11)  # two more scheduler passes: nothing is sent again
    assert len(inbox.to("ana@demo.coop", f"New message on order #{number}")) == 1
    assert "Please bring a ladder." in mails[0].get_content()
    assert not outbox(data_dir, "WHERE status = 'pending' AND attempts > 0 AND next_attempt_ms < 0")
    sent = outbox(data_dir, "WHERE status = 'sent'")
    ids = Counter(str(m["Message-ID"]) for m in inbox.all())
    assert len(ids) == len(inbox.all()), "a Message-ID was delivered twice"
    assert {f"<{row[3]}@commons.test>" for row in sent} <= set(ids), "a mail marked sent never arrived"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_mail_goes_through_an_smtp_server_that_requires_a_password(tmp_path):
    """AUTH with the user and password of SMTP_URL (on loopback, where no TLS is needed)."""
    inbox = Inbox()
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"coop" and auth_data.password == b"s3cret pass"
        logins.append((mechanism, ok))
        return AuthResult(success=ok)

    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    clock_path = tmp_path / "clock"
    clock_path.write_text("0")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    try:
        with serve_coop(data_dir, clock_path, f"smtp://coop:s3cret%20pass@127.0.0.1:{port}"):
            # Founding the demo opened a vote: every member is told at once.
            inbox.wait_for("bo@demo.coop", "Vote open on proposal")
            assert logins and all(ok for _, ok in logins), logins
            assert {mechanism for mechanism, _ in logins} <= {"PLAIN", "LOGIN"}
            no_message_id_twice(inbox)
    finally:
        controller.stop()
