#!/usr/bin/env python3
"""Issue 14: the coordinators' console in a real browser.

Headless Chromium driven over WebDriver (chromium-driver, Selenium) against the real `intake
console` serving a data folder that real kiosk runs filled: sign in, see the queue, search, open
a note, change a status, assign, add an account, print the note, and acknowledge a crisis alert
raised by a kiosk at a pseudo-terminal in the same test, whose words then change. It checks the
security headers on real HTTP responses and that a patient's HTML and terminal escapes show as
text. Screenshots of the main pages (1280 px wide) are saved in .build/console-screenshots/.

Run by `make test`; alone: python3 Tests/Browser/console_browser_test.py
"""
import base64
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pexpect
from selenium import webdriver
from selenium.common.exceptions import (
    NoAlertPresentException, NoSuchElementException, StaleElementReferenceException, WebDriverException)
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build", "debug", "intake")
DIALOG = os.path.join(ROOT, "Dialogs", "ketamine-intake")
SHOTS = os.environ.get("INTAKE_SCREENSHOTS", os.path.join(ROOT, ".build", "console-screenshots"))
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HOSTILE_FIRST = "<script>alert(1)</script>"
HOSTILE_LAST = "O'Brien <b>bold</b> \x1b[31mred"

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


# A typed line: '>', '> text', or with the screen it was typed at, '>[question] text'.
TYPED = re.compile(r"^>(\[[^ ]*\])?(?: (.*))?$")


def typed_lines(journey):
    """The patient's lines of a shipped transcript, up to its first staff resume."""
    name = next(f for f in os.listdir(os.path.join(DIALOG, "transcripts")) if f.startswith(journey + "-"))
    lines = []
    with open(os.path.join(DIALOG, "transcripts", name), encoding="utf-8") as transcript:
        for line in transcript.read().split("\n"):
            if line.startswith(">>"):
                break
            typed = TYPED.match(line)
            if typed:
                lines.append(typed.group(2) or "")
    return lines


def run_kiosk_over_pipe(data, lines, env):
    subprocess.run([BINARY, "kiosk", "--once", "--data", data, "--dialog", DIALOG],
                   input="\n".join(lines) + "\n", text=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120, check=True)


def text_of(driver, css):
    """The element's text once the page has settled (a form's answer may still be loading)."""
    def read(d):
        try:
            return d.find_element(By.CSS_SELECTOR, css).text or False
        except (NoSuchElementException, StaleElementReferenceException):
            return False
        except WebDriverException as error:
            # Chromium reports a node the next page replaced this way, not as stale.
            if "does not belong to the document" in str(error):
                return False
            raise
    return WebDriverWait(driver, 20).until(read)


def wait_text(driver, css, wanted):
    """Waits until the element's text holds `wanted`; its text then."""
    def read(d):
        try:
            text = d.find_element(By.CSS_SELECTOR, css).text
            return text if wanted in text else False
        except (NoSuchElementException, StaleElementReferenceException):
            return False
        except WebDriverException as error:
            # Chromium reports a node the next page replaced this way, not as stale.
            if "does not belong to the document" in str(error):
                return False
            raise
    return WebDriverWait(driver, 20).until(read)


def tier3_alerts(driver):
    """The banner's tier-3 alerts now; an empty list while the banner is being redrawn."""
    try:
        return [e for e in driver.find_elements(By.CSS_SELECTOR, "#alerts .alert") if "Tier 3 alert" in e.text]
    except StaleElementReferenceException:
        return []


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 900), 4000))
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
    driver.set_window_size(1280, 900)


def check_tls(folder, data, env):
    """The console over HTTPS with a self-signed certificate: the same headers, a Secure cookie."""
    import ssl
    certificate = os.path.join(folder, "tls.crt")
    private_key = os.path.join(folder, "tls.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", private_key, "-out", certificate], check=True, capture_output=True)
    served = subprocess.Popen([BINARY, "console", "--data", data, "--dialog", DIALOG, "--port", "0",
                               "--tls-certificate", certificate, "--tls-key", private_key],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        started = served.stdout.readline()
        match = re.search(r"https://127\.0\.0\.1:(\d+)/", started)
        check(match is not None, "over TLS the console says https: " + started.strip())
        context = ssl.create_default_context(cafile=certificate)
        context.check_hostname = False
        base = "https://127.0.0.1:%s" % match.group(1)
        with urllib.request.urlopen(base + "/sign-in", context=context) as response:
            check(response.headers["Content-Security-Policy"] == CSP, "HTTPS responses carry the CSP")
        body = urllib.parse.urlencode({"name": "ben", "passphrase": "ben passphrase 1"}).encode()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *arguments):
                return None
        opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
        try:
            opener.open(base + "/sign-in", data=body)
            cookie = ""
        except urllib.error.HTTPError as answer:
            cookie = answer.headers.get("Set-Cookie", "")
        check("; Secure" in cookie and "HttpOnly" in cookie, "over HTTPS the session cookie is Secure")
        try:
            urllib.request.urlopen("http://127.0.0.1:%s/sign-in" % match.group(1), timeout=5)
            check(False, "plain HTTP to the HTTPS port gets no page")
        except Exception:
            check(True, "plain HTTP to the HTTPS port gets no page")
    finally:
        served.send_signal(signal.SIGTERM)
        served.wait(timeout=10)


def main():
    folder = tempfile.mkdtemp(prefix="intake-browser-")
    data = os.path.join(folder, "data")
    key = os.path.join(folder, "keys", "coordinator.key")
    env = dict(os.environ, INTAKE_KEY_PASSPHRASE="the clinic key passphrase", TZ="America/New_York")
    subprocess.run([BINARY, "keys", "init", "--data", data, "--private-key", key], env=env, check=True,
                   stderr=subprocess.DEVNULL)
    # Intakes as kiosks stored them: the common case, a tier-2 escalation, a pain patient, and a
    # patient who typed markup and a terminal escape into their name.
    for journey in ["01", "06", "23"]:
        run_kiosk_over_pipe(data, typed_lines(journey), env)
    hostile = typed_lines("01")
    hostile[2], hostile[3] = HOSTILE_FIRST, HOSTILE_LAST  # after the language and the consent
    run_kiosk_over_pipe(data, hostile, env)
    for name, role in [("ana", "admin"), ("ben", "coordinator")]:
        subprocess.run([BINARY, "console", "add-account", name, "--role", role, "--data", data,
                        "--private-key", key], env=dict(env, INTAKE_ACCOUNT_PASSPHRASE=name + " passphrase 1"),
                       check=True, stderr=subprocess.DEVNULL)

    console = subprocess.Popen([BINARY, "console", "--data", data, "--dialog", DIALOG, "--port", "0"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kiosk = None
    driver = None
    try:
        started = console.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", started)
        check(match is not None, "the console says where it serves: " + started.strip())
        base = "http://127.0.0.1:%s" % match.group(1)

        # The headers on real responses, before any browser.
        with urllib.request.urlopen(base + "/sign-in") as response:
            check(response.headers["Content-Security-Policy"] == CSP, "the sign-in page carries the strict CSP")
            check(response.headers["X-Frame-Options"] == "DENY", "and refuses framing")
            check(response.headers["Cache-Control"] == "no-store", "and is never cached")
        request = urllib.request.Request(base + "/static/console.js")
        with urllib.request.urlopen(request) as response:
            check(response.headers["Content-Security-Policy"] == CSP, "the script carries the CSP too")

        options = Options()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                         "--autoplay-policy=no-user-gesture-required"]:
            options.add_argument(argument)
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                                  options=options)
        wait = WebDriverWait(driver, 20)

        # Signing in: a wrong passphrase is refused in plain words, the right one opens the queue.
        driver.get(base + "/")
        check(driver.current_url.endswith("/sign-in"), "not signed in: the sign-in page")
        shot(driver, "01-sign-in")
        driver.find_element(By.NAME, "name").send_keys("ana")
        driver.find_element(By.NAME, "passphrase").send_keys("not the passphrase\n")
        check("do not match an account" in wait_text(driver, "main", "do not match"), "a wrong passphrase is refused")
        driver.find_element(By.NAME, "passphrase").send_keys("ana passphrase 1\n")
        queue = text_of(driver, "table.queue")
        check("Tom Rivera" in queue and "Ana Rivera" in queue and "Maria Lopez" in queue,
              "the queue names the patients")
        check("1986-04-27" in queue and "(40)" in queue, "with date of birth and age")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")
        check("Tier 2" in rows[0].text, "most urgent first (the tier-2 intake on top)")

        # A patient's markup and terminal escape are shown as the text they typed.
        check(HOSTILE_FIRST in queue, "a patient's <script> shows as text in the queue")
        try:
            driver.switch_to.alert
            check(False, "no script a patient typed ever runs")
        except NoAlertPresentException:
            check(True, "no script a patient typed ever runs")
        check(not driver.find_elements(By.CSS_SELECTOR, "table.queue b"), "a patient's <b> is not markup")
        check("\x1b" not in driver.page_source, "a terminal escape never reaches the page")
        shot(driver, "02-queue")

        # Search by name (posted, so no name in the URL) and by date of birth.
        box = driver.find_element(By.NAME, "q")
        box.send_keys("lopez\n")
        wait_text(driver, "h1", "1 of 4 shown")
        check("Maria Lopez" in driver.find_element(By.CSS_SELECTOR, "table.queue").text, "search finds by name")
        check("lopez" not in driver.current_url.lower(), "a search never puts a name in the URL")
        shot(driver, "03-search")
        box = driver.find_element(By.NAME, "q")
        box.clear()
        box.send_keys("03/03/1974\n")
        wait_text(driver, "h1", "1 of 4 shown")
        check("Maria Lopez" in text_of(driver, "table.queue"),
              "search finds by date of birth as typed")

        # An administrator adds a psychiatrist.
        driver.get(base + "/accounts")
        driver.find_element(By.NAME, "name").send_keys("dr-cho")
        Select(driver.find_element(By.NAME, "role")).select_by_value("psychiatrist")
        driver.find_element(By.NAME, "passphrase").send_keys("cho passphrase 1")
        driver.find_element(By.NAME, "again").send_keys("cho passphrase 1")
        driver.find_element(By.CSS_SELECTOR, "form[action='/accounts'] button").click()
        wait_text(driver, "main", "Account added")
        check("dr-cho" in text_of(driver, "table"), "the new account is listed")
        shot(driver, "04-accounts")

        # One intake: the note, then its work.
        driver.get(base + "/")
        driver.find_element(By.LINK_TEXT, "Ana Rivera").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "article.note"))
        note = driver.find_element(By.CSS_SELECTOR, "article.note").text
        check("At a glance" in note, "the consult note is on the intake's page")
        Select(driver.find_element(By.NAME, "status")).select_by_value("contacted")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/status'] textarea").send_keys(
            "Left a voicemail.\nWill try again tomorrow morning.")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/status'] button").click()
        wait_text(driver, "dl.facts", "Contacted")
        history = text_of(driver, "ul.history")
        check("ana: Status: Contacted" in history and "Will try again tomorrow morning." in history,
              "the status change and its two-line note are in the history with the account")
        Select(driver.find_element(By.NAME, "assignee")).select_by_value("dr-cho")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/assign'] button").click()
        wait_text(driver, "dl.facts", "dr-cho")
        check(True, "assigned to the psychiatrist")
        shot(driver, "05-intake")

        # Printing the page gives the paper note: the console's own controls are not on it.
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
        pdf_path = os.path.join(folder, "note.pdf")
        with open(pdf_path, "wb") as out:
            out.write(base64.b64decode(pdf["data"]))
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", pdf_path, "-"],
                               capture_output=True, text=True, check=True).stdout
        check("At a glance" in first and "Ana Rivera" in first, "page 1 of the printout is the note's first page")
        check("Sign out" not in first and "Save status" not in first and "Queue" not in first,
              "the printout carries none of the console's controls")

        # A kiosk raises a crisis alert; the page shows it without a reload; a person
        # acknowledges it; the kiosk's words change.
        driver.get(base + "/alerts")
        code = os.path.join(folder, "staff.code")
        with open(code, "w") as out:
            out.write("a-staff-code-for-the-test\n")
        os.chmod(code, 0o600)
        kiosk = pexpect.spawn(BINARY, ["kiosk", "--once", "--data", data, "--dialog", DIALOG, "--kiosk-name",
                                       "lobby-1", "--staff-code-file", code], env=env, encoding="utf-8",
                              dimensions=(40, 110), timeout=30)
        # Each line once its question is on the screen: the kiosk does not send a line typed
        # before its question appeared (it waits at the prompt for an Enter typed after).
        for line in typed_lines("04"):
            kiosk.expect(r"\n> ")
            kiosk.sendline(line)
        kiosk.expect(r"go to the front desk now", timeout=30)
        check(True, "the kiosk tells the patient to go to the front desk")
        wait.until(lambda d: tier3_alerts(d))
        check("lobby-1" in text_of(driver, "#alerts .alert.tier3"), "the alert appears on the open page, naming the kiosk")
        # One line per patient: the tier-2 intake from earlier, and this one (its tier 3 only).
        check(driver.title.startswith("(2 ALERTS)"), "and in the tab's title: " + driver.title)
        shot(driver, "06-alert")
        check("is on the way" not in kiosk.before, "the kiosk never says someone is coming before a person knows")
        for attempt in range(5):
            try:
                tier3_alerts(driver)[0].find_element(By.TAG_NAME, "button").click()
                break
            except (StaleElementReferenceException, IndexError):
                time.sleep(0.3)
        wait.until(lambda d: d.current_url.endswith("/alerts") and not tier3_alerts(d))
        rows = [line for line in text_of(driver, "table").split("\n") if "lobby-1" in line]
        check(len(rows) == 2 and all("ana, " in row for row in rows),
              "the crisis and the lesser alert before it are acknowledged by ana: " + str(rows))
        kiosk.expect(r"has been told and is on the way", timeout=15)
        check(True, "the kiosk's words change once a person acknowledged")
        shot(driver, "07-alerts-acknowledged")

        # Off this machine only over HTTPS: refused without a certificate, served with one.
        refused = subprocess.run([BINARY, "console", "--data", data, "--dialog", DIALOG, "--address", "0.0.0.0",
                                  "--port", "0"], env=env, capture_output=True, text=True, timeout=30)
        check(refused.returncode == 64 and "needs HTTPS" in refused.stderr,
              "a non-loopback address without TLS is refused: " + refused.stderr.strip()[:120])
        check_tls(folder, data, env)

        # The audit trail has the account on each act.
        audit = subprocess.run([BINARY, "audit", "--data", data], capture_output=True, text=True, env=env).stdout
        for event in ["console.signed_in", "case.status", "case.assigned", "alert.acknowledged", "account.added"]:
            check(event in audit, "the audit trail records " + event)
    finally:
        if driver:
            driver.quit()
        if kiosk and kiosk.isalive():
            kiosk.terminate(force=True)
        console.send_signal(signal.SIGTERM)
        try:
            console.wait(timeout=10)
        except subprocess.TimeoutExpired:
            console.kill()
        shutil.rmtree(folder, ignore_errors=True)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("browser console: every check passed; screenshots in " + SHOTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
