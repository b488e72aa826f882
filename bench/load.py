"""`make load`: a bounded load test on loopback.

A fresh SQLite database in var/load/ gets the demo town plus synthetic plans; `make
serve` (gunicorn, production settings minus HTTPS) runs on it; the demo accounts log in
once; then locust runs headless: 20 users for 30 seconds over the plan, caseload and
self-assessment pages. Prints requests/s, p50, p99 and errors, stops the server, and
exits non-zero when any request failed.

Environment: LOAD_PORT (8150), LOAD_USERS (20), LOAD_SECONDS (30), LOAD_SEED_PLANS
(2000), LOAD_WAIT ("0,0": seconds each user waits between pages, min,max).
"""

import csv
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASE = ROOT / "var" / "load" / "load.sqlite3"
PORT = int(os.environ.get("LOAD_PORT", "8150"))
USERS = int(os.environ.get("LOAD_USERS", "20"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "30"))
SEED_PLANS = int(os.environ.get("LOAD_SEED_PLANS", "2000"))
BASE = f"http://127.0.0.1:{PORT}"
PYTHON = sys.executable


def say(message):
    print(f"== {message}", flush=True)


def manage(*args, env, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout


class Browser:
    """Just enough of a browser to log in: cookies, the CSRF token, a form post."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        try:
            with self.opener.open(BASE + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    def login(self, username, password):
        _status, html = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        request = urllib.request.Request(BASE + "/accounts/login/", data=data.encode(), headers={"Referer": BASE})
        with self.opener.open(request, timeout=60):
            pass
        session = next((c.value for c in self.jar if c.name == "sessionid"), None)
        if session is None:
            raise RuntimeError(f"Could not log in as {username}")
        return session


def accounts_with_pages(accounts):
    """Log each demo account in once and list the pages it may open (answering 200)."""
    prepared = []
    for account in accounts:
        if account["role"] not in ("resident", "professional", "network") or not account["plans"]:
            continue
        browser = Browser()
        session = browser.login(account["username"], account["password"])
        candidates = {
            "plan page": [f"/plans/{p}/" for p in account["plans"]],
            "self-assessment": [f"/plans/{p}/assessment/" for p in account["plans"]],
            "caseload": ["/caseload/"] if account["role"] != "resident" else [],
        }
        pages = {kind: [url for url in urls if browser.get(url)[0] == 200] for kind, urls in candidates.items()}
        if pages["plan page"]:
            prepared.append({"username": account["username"], "sessionid": session, "pages": pages})
    return prepared


def wait_until_up(server, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The server stopped (exit {server.returncode}); see {RESULTS / 'load-server.log'}")
        try:
            if Browser().get("/accounts/login/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"The server did not answer on {BASE} within {seconds}s")


def report(stats_file):
    rows = list(csv.DictReader(stats_file.open()))
    print(f"\n  {'page':<18} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}")
    for row in rows:
        print(
            f"  {row['Name']:<18} {row['Request Count']:>9} {row['Failure Count']:>7} "
            f"{float(row['Requests/s']):>8.1f} {row['50%']:>7} {row['99%']:>7}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return int(total["Failure Count"]), int(total["Request Count"])


def main():
    RESULTS.mkdir(parents=True, exist_ok=True)
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "SAMENPLAN_ENV"}
    env |= {"DATABASE_URL": f"sqlite:///{DATABASE}", "BIND": f"127.0.0.1:{PORT}"}

    say(f"Preparing {DATABASE}: the demo town and {SEED_PLANS:,} synthetic plans")
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    # The demo's own synthetic plans (for the insights) left out: the seed below adds them.
    accounts = json.loads(manage("demo", "--json", "--synthetic", "0", env=env, capture=True))
    if SEED_PLANS:
        manage("seed", "--plans", str(SEED_PLANS), "--quiet", env=env)

    say(f"Starting `make serve` on {BASE}")
    log = (RESULTS / "load-server.log").open("w")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"], cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
    )
    try:
        wait_until_up(server)
        prepared = accounts_with_pages(accounts)
        sessions = RESULTS / "load-accounts.json"
        sessions.write_text(json.dumps(prepared, indent=2))
        say(f"{len(prepared)} demo accounts logged in; {USERS} users for {SECONDS}s")
        locust = subprocess.run(
            [
                PYTHON, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                "--users", str(USERS), "--spawn-rate", str(USERS), "--run-time", f"{SECONDS}s",
                "--host", BASE, "--csv", str(RESULTS / "load"), "--only-summary", "--loglevel", "WARNING",
            ],
            cwd=ROOT,
            env=env | {"LOAD_ACCOUNTS": str(sessions)},
            check=False,
            capture_output=True,
            text=True,
        )  # fmt: skip
        errors, requests = report(RESULTS / "load_stats.csv")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    if locust.returncode not in (0, 1):
        print(locust.stdout, locust.stderr, file=sys.stderr)
        raise SystemExit(f"locust failed (exit {locust.returncode})")
    if errors:
        print((RESULTS / "load_failures.csv").read_text(), file=sys.stderr)
        raise SystemExit(f"{errors} of {requests} requests failed")
    say(f"No errors in {requests:,} requests. Details in {RESULTS}/load_*.csv")


if __name__ == "__main__":
    main()
