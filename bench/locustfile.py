"""Locust users for `make load`: demo residents and professionals, already logged in by
bench/load.py, opening the pages they use most: the plan, the caseload and the
self-assessment. Each user only asks for pages its account may open, so every error
counted is a real one."""

import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, constant, task

ACCOUNTS = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text())
_next_account = itertools.cycle(ACCOUNTS)
_low, _high = (float(x) for x in os.environ.get("LOAD_WAIT", "0,0").split(","))


class Person(HttpUser):
    wait_time = between(_low, _high) if _high > 0 else constant(0)

    def on_start(self):
        self.account = next(_next_account)
        self.client.cookies.set("sessionid", self.account["sessionid"])
        self.pages = self.account["pages"]

    def open(self, kind):
        url = random.choice(self.pages[kind])
        self.client.get(url, name=kind)

    @task(3)
    def plan(self):
        self.open("plan page")

    @task(2)
    def assessment(self):
        if self.pages["self-assessment"]:
            self.open("self-assessment")
        else:
            self.open("plan page")

    @task(2)
    def caseload(self):
        if self.pages["caseload"]:
            self.open("caseload")
        else:
            self.open("plan page")
