"""Fixtures for Coop's browser tests.

One Coop server per test session (a fresh demo co-op in a fresh temp data dir), and a fresh
headless Chromium per person: the steward and the applicant each get their own browser, so
their cookies never mix.

Environment:
  COOP_BIN    the server binary (default .build/debug/coop, relative to the repository root)
  E2E_OUTPUT  where screenshots go (default e2e/output)
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parent
OUTPUT_DIR = Path(os.environ.get("E2E_OUTPUT") or E2E_DIR / "output")

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

DEMO_PASSWORD = "coop-demo-pass"
WAIT_SECONDS = 15
SERVER_START_TIMEOUT = 60


# --------------------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _coop_bin() -> Path:
    path = Path(os.environ.get("COOP_BIN") or ".build/debug/coop")
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path


class Clock:
    """The server's clock offset (its hidden --clock-file option): lets a vote's days pass."""

    def __init__(self, path: Path):
        self.path = path
        self.seconds = 0.0
        path.write_text("0")

    def advance(self, days: float = 0, hours: float = 0):
        self.seconds += days * 86400 + hours * 3600
        self.path.write_text(str(self.seconds))


@pytest.fixture(scope="session")
def clock():
    path = Path(tempfile.mkstemp(prefix="coop-e2e-clock-")[1])
    yield Clock(path)
    path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def base_url(clock):
    """Starts `coop serve --demo` on a free loopback port; yields its base URL."""
    with running_coop(clock) as url:
        yield url


@pytest.fixture
def fresh_coop():
    """A second demo co-op of its own, with its own clock, for a journey that must know exactly who
    its members are (the shared one gains members as the journeys run): yields (base URL, clock)."""
    clock = Clock(Path(tempfile.mkstemp(prefix="coop-e2e-clock-")[1]))
    try:
        with running_coop(clock) as url:
            yield url, clock
    finally:
        clock.path.unlink(missing_ok=True)


@contextlib.contextmanager
def running_coop(clock):
    """Runs `coop serve --demo` on a free loopback port, on `clock`, for the `with` block."""
    binary = _coop_bin()
    if not binary.is_file():
        pytest.fail(f"no Coop server binary at {binary}; build it, or set COOP_BIN")
    data_dir = tempfile.mkdtemp(prefix="coop-e2e-data-")
    log_path = Path(tempfile.mkstemp(prefix="coop-e2e-server-", suffix=".log")[1])
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    # LC_ALL=C: the command line writes English, whatever the tester's locale (the pages choose their own).
    env = dict(os.environ, LC_ALL="C", LOG_LEVEL=os.environ.get("LOG_LEVEL", "warning"))
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(binary), "serve", "--demo", "--data-dir", data_dir, "--port", str(port), "--host", "127.0.0.1",
             "--clock-file", str(clock.path)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=data_dir,
        )

    def output() -> str:
        return log_path.read_text(errors="replace")

    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the Coop server exited with {proc.returncode} before answering /healthz:\n{output()}")
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the Coop server did not answer {url}/healthz within {SERVER_START_TIMEOUT}s:\n{output()}")
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
        shutil.rmtree(data_dir, ignore_errors=True)
        log_path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- browsers


DESKTOP = (1280, 900)
PHONE = (390, 844)
# axe-core's impacts that fail a page; "moderate" and "minor" are reported in the log only.
AXE_FAILING = ("critical", "serious")
_AXE_SOURCE: str | None = None


def make_driver() -> webdriver.Chrome:
    """A headless Debian Chromium, driven by Debian's chromedriver (selenium downloads nothing)."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


def _viewport(driver, size):
    """Sets the page's viewport (not the window) to size, as a phone or a desktop shows it."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size == PHONE})


def shot(driver, name: str) -> Path:
    """Saves what the browser shows at desktop width to OUTPUT_DIR/NAME.png, and at phone width to NAME_phone.png."""
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)
    path = OUTPUT_DIR / f"{safe}.png"
    driver.save_screenshot(str(path))
    try:
        _viewport(driver, PHONE)
        driver.save_screenshot(str(OUTPUT_DIR / f"{safe}_phone.png"))
    finally:
        _viewport(driver, DESKTOP)
    return path


def axe_source() -> str:
    """axe-core's script, as the axe-selenium-python package ships it (nothing is downloaded)."""
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        import axe_selenium_python
        _AXE_SOURCE = (Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js").read_text()
    return _AXE_SOURCE


def check_page(driver, where: str) -> list[str]:
    """What is wrong with the page showing, at phone width: sideways scrolling, and axe-core's
    critical or serious violations. Empty when nothing is."""
    problems = []
    try:
        _viewport(driver, PHONE)
        over = driver.execute_script(
            "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth;")
        if over > 0:
            wide = driver.execute_script(
                "const w = window.innerWidth; return [...document.querySelectorAll('body *')]"
                ".filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5)"
                ".map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));")
            problems.append(f"{where}: scrolls sideways by {over}px at {PHONE[0]}px wide (too wide: {wide})")
        if not driver.execute_script("return typeof window.axe !== 'undefined';"):
            driver.execute_script(axe_source())
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => "
            "({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))));")
        for v in result:
            if v["impact"] in AXE_FAILING:
                problems.append(f"{where}: axe {v['impact']} {v['id']}: {v['help']} at {v['nodes']}")
    finally:
        _viewport(driver, DESKTOP)
    return problems


# Pages already checked by Person.checked in this test session, by address.
CHECKED_PAGES: set[str] = set()


class Person:
    """One person at one browser: visits pages, fills forms, clicks buttons, and waits for the result."""

    def __init__(self, driver, base_url: str, label: str):
        self.driver = driver
        self.base_url = base_url
        self.label = label
        self.wait = WebDriverWait(driver, WAIT_SECONDS)
        self._shots = 0
        self.driver.set_script_timeout(30)

    def checked(self):
        """Checks the page now showing (once per address): no sideways scroll at phone width, and
        no critical or serious axe-core violation. Fails the test at the page that has one."""
        where = self.path.split("#")[0]
        if where in CHECKED_PAGES:
            return
        CHECKED_PAGES.add(where)
        problems = check_page(self.driver, where)
        assert not problems, "\n".join(problems)

    # -- looking

    def shot(self, what: str) -> Path:
        self._shots += 1
        return shot(self.driver, f"{self.label}_{self._shots:02d}_{what}")

    def find(self, css: str):
        return self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def text(self, css: str) -> str:
        return self.find(css).text.strip()

    def has(self, css: str) -> bool:
        return bool(self.driver.find_elements(By.CSS_SELECTOR, css))

    def heading(self) -> str:
        return self.text("main h1")

    @property
    def path(self) -> str:
        url = self.driver.current_url
        return url[len(self.base_url):] if url.startswith(self.base_url) else url

    # -- moving

    def visit(self, path: str, shot_as: str | None = None):
        self.driver.get(self.base_url + path)
        self.find("main h1")
        self.checked()
        if shot_as:
            self.shot(shot_as)

    def click_nav(self, link_text: str, shot_as: str | None = None):
        """Follows a link in the header's navigation."""
        link = self.wait.until(EC.element_to_be_clickable((By.XPATH, f"//nav//a[normalize-space()='{link_text}']")))
        self._and_wait_for_new_page(link.click)
        if shot_as:
            self.shot(shot_as)

    def reload(self, shot_as: str | None = None):
        self._and_wait_for_new_page(self.driver.refresh)
        if shot_as:
            self.shot(shot_as)

    def type_into(self, field_id: str, value: str):
        el = self.wait.until(EC.visibility_of_element_located((By.ID, field_id)))
        el.clear()
        el.send_keys(value)

    def choose(self, select_id: str, value: str):
        Select(self.find(f"select#{select_id}")).select_by_value(value)

    def pick_radio(self, radio_id: str):
        """Clicks a radio button's label, the way a person does."""
        label = self.wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, f"label[for='{radio_id}']")))
        label.click()
        self.wait.until(EC.element_located_to_be_selected((By.ID, radio_id)))

    def button(self, label: str, within=None):
        scope = within if within is not None else self.driver
        xpath = f".//button[normalize-space()='{label}']"
        self.wait.until(lambda _: scope.find_elements(By.XPATH, xpath))
        return scope.find_element(By.XPATH, xpath)

    def press(self, label: str, within=None):
        """Clicks a submit button and waits for the next page to load."""
        self._and_wait_for_new_page(self.button(label, within).click)

    def _and_wait_for_new_page(self, action):
        """Runs action (a click that submits or follows a link) and waits until a new document has loaded.

        The current document is tagged with a marker; the wait ends when a complete document without
        it is showing. (Waiting for staleness of the old <html> element races with Chromium tearing
        the old document down: chromedriver then sometimes answers "Node with given id does not
        belong to the document" instead of "stale element".)
        """
        marker = uuid.uuid4().hex
        self.driver.execute_script("window.__e2ePage = arguments[0];", marker)
        action()
        WebDriverWait(self.driver, WAIT_SECONDS, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script(
                "return document.readyState === 'complete' && window.__e2ePage !== arguments[0];", marker),
            f"no new page loaded after the click (still at {self.driver.current_url})")
        self.find("main h1")
        self.checked()

    # -- journeys shared by the tests

    def sign_up(self, name: str, email: str, password: str):
        self.visit("/")
        self.click_nav("Sign up", shot_as="signup_form")
        self.type_into("name", name)
        self.type_into("email", email)
        self.type_into("password", password)
        self.shot("signup_filled")
        self.press("Sign up")

    def log_in(self, email: str, password: str = DEMO_PASSWORD):
        self.visit("/")
        self.click_nav("Log in", shot_as="login_form")
        self.type_into("email", email)
        self.type_into("password", password)
        self.press("Log in")

    def log_out(self):
        btn = self.wait.until(
            EC.element_to_be_clickable((By.XPATH, "//header//button[starts-with(normalize-space(), 'Log out')]")))
        self._and_wait_for_new_page(btn.click)

    def steward_row(self, email: str):
        """The steward queue's row for an applicant (waits for it to appear)."""
        return self.find(f"table#queue tr[data-applicant='{email}']")

    def wait_until(self, condition, message: str = ""):
        """Waits for condition(driver) to hold, retrying when the page changed under it."""
        return WebDriverWait(self.driver, WAIT_SECONDS, ignored_exceptions=(StaleElementReferenceException,)).until(
            condition, message)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test item, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def browser(request, base_url):
    """A factory of people, each with a fresh browser: browser("sam") -> Person. All quit after the test."""
    drivers = []
    test_name = request.node.name
    # Screenshot names start with the test's first words: test_worker_class_applicant_... -> worker_class_applicant
    short = "_".join(request.node.originalname.removeprefix("test_").split("_")[:3])

    def open_browser(who: str, at: str | None = None) -> Person:
        """`at`: another co-op's base URL (see `fresh_coop`); the shared one by default."""
        driver = make_driver()
        drivers.append(driver)
        return Person(driver, at or base_url, f"{short}_{who}")

    yield open_browser
    report = getattr(request.node, "rep_call", None)
    for i, d in enumerate(drivers):
        try:
            if report is not None and report.failed:
                shot(d, f"FAILED_{test_name}_{i}")
        except Exception:
            pass
        try:
            d.quit()
        except Exception:
            pass


@pytest.fixture
def driver(browser):
    """A single fresh browser, for tests with one person."""
    return browser("visitor").driver


def pytest_collection_modifyitems(session, config, items):
    """The assembly journey moves the shared clock on by its notice period: it runs last, so the
    demo's dated proposals are where the other journeys expect them."""
    items.sort(key=lambda item: item.fspath.basename == "test_assemblies.py")
