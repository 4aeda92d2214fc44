"""Meeting-week traffic for `make loadtest` (bench/loadtest.py starts the server).

Three kinds of visitor, weighted like the week of the annual meeting: people browsing the
programme and the outcomes, calendar and schedule apps polling their feeds, and signed-in
delegates keeping their agenda. Only the server on loopback is ever called.
"""

# Random choices model traffic, not secrets.
# ruff: noqa: S310, S311 (the URL is the loopback host given to locust)
from __future__ import annotations

import os
import random
from http.cookies import SimpleCookie

from locust import FastHttpUser, between, events, task

EDITION = os.environ.get("LOAD_EDITION", "igf2025")
PROGRAMME = f"/{EDITION}/programme/"
# Signed-in traffic: sessions of several accounts created by bench/loadtest.py
# (production cookies are Secure, so the cookie is sent by hand over plain-HTTP loopback).
SESSION_IDS = [key for key in os.environ.get("LOAD_SESSION_IDS", "").split(",") if key]
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "60000"))
# The production settings trust this header from their reverse proxy.
HTTPS = {"X-Forwarded-Proto": "https"}

_sessions: list[tuple[str, str]] = []  # (page path, guid)
_days: list[str] = []


@events.test_start.add_listener
def read_programme(environment, **kwargs):
    """The released programme's session pages and days, from its own c3voc export."""
    import json
    import urllib.request

    request = urllib.request.Request(
        f"{environment.host}{PROGRAMME}schedule.json", headers=HTTPS
    )
    with urllib.request.urlopen(request) as response:
        schedule = json.load(response)["schedule"]["conference"]
    for day in schedule["days"]:
        _days.append(day["date"])
        for talks in day["rooms"].values():
            _sessions.extend((_path(talk["url"]), talk["guid"]) for talk in talks)


@events.init.add_listener
def bound_the_requests(environment, **kwargs):
    """Stop once MAX_REQUESTS have been made, whatever time is left."""

    def count(**_kwargs):
        if environment.runner.stats.total.num_requests >= MAX_REQUESTS:
            environment.runner.quit()

    environment.events.request.add_listener(count)


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1]


class Visitor(FastHttpUser):
    """Browses the programme, sessions, tracks, outcomes and search."""

    weight = 6
    wait_time = between(0.5, 2)

    @task(4)
    def programme_day(self):
        day = random.choice(_days) if _days else ""
        self.client.get(
            f"{PROGRAMME}?day={day}" if day else PROGRAMME,
            headers=HTTPS,
            name=f"{PROGRAMME}?day=…",
        )

    @task(4)
    def session_page(self):
        if _sessions:
            page, _guid = random.choice(_sessions)
            self.client.get(page, headers=HTTPS, name="session page")

    @task(2)
    def track_page(self):
        track = random.choice(["parliamentary", "youth", "high-level"])
        self.client.get(f"{PROGRAMME}tracks/{track}/", headers=HTTPS, name="track page")

    @task(2)
    def outcomes(self):
        self.client.get("/outcomes/", headers=HTTPS)

    @task(2)
    def search(self):
        word = random.choice(["access", "data", "youth", "trust", "governance"])
        self.client.get(f"/search/?q={word}", headers=HTTPS, name="/search/?q=…")


class CalendarApp(FastHttpUser):
    """Calendar and schedule apps: conditional polls, now and then a full download."""

    weight = 6
    wait_time = between(0.2, 1)
    etags: dict[str, str]

    def on_start(self):
        self.etags = {}

    def _poll(self, path: str, name: str):
        headers = dict(HTTPS)
        if path in self.etags and random.random() < 0.9:
            headers["If-None-Match"] = self.etags[path]
        with self.client.get(
            path, headers=headers, name=name, catch_response=True
        ) as response:
            if response.status_code in (200, 304):
                self.etags[path] = response.headers.get("ETag", "")
                response.success()

    @task(5)
    def programme_feed(self):
        self._poll(f"{PROGRAMME}schedule.ics", "schedule.ics")

    @task(2)
    def track_feed(self):
        self._poll(f"{PROGRAMME}schedule.ics?track=parliamentary", "schedule.ics?track")

    @task(1)
    def exports(self):
        self._poll(
            f"{PROGRAMME}schedule.{random.choice(['json', 'xml'])}", "schedule export"
        )


class Delegate(FastHttpUser):
    """A signed-in delegate: the programme with stars, their agenda, a star now and then."""

    weight = 2 if SESSION_IDS else 0
    wait_time = between(1, 3)
    csrf = ""
    session_id = ""
    # Each delegate toggles stars among a few sessions, so agendas stay agenda-sized.
    favourites: list[str]

    def _headers(self, **extra) -> dict[str, str]:
        cookie = f"sessionid={self.session_id}"
        if self.csrf:
            cookie += f"; csrftoken={self.csrf}"
        return {**HTTPS, "Cookie": cookie, **extra}

    def on_start(self):
        self.session_id = random.choice(SESSION_IDS)
        self.favourites = [guid for _page, guid in random.sample(_sessions, 5)]
        response = self.client.get(
            "/my/agenda/", headers=self._headers(), name="my agenda"
        )
        cookie = SimpleCookie(response.headers.get("Set-Cookie", ""))
        self.csrf = cookie["csrftoken"].value if "csrftoken" in cookie else ""

    @task(3)
    def agenda(self):
        self.client.get("/my/agenda/", headers=self._headers(), name="my agenda")

    @task(3)
    def programme_signed_in(self):
        self.client.get(
            PROGRAMME, headers=self._headers(), name="programme (signed in)"
        )

    @task(1)
    def star(self):
        if not (self.favourites and self.csrf):
            return
        guid = random.choice(self.favourites)
        page = PROGRAMME
        self.client.post(
            f"/my/agenda/star/{guid}/",
            headers=self._headers(
                **{"X-CSRFToken": self.csrf, "Referer": f"https://127.0.0.1{page}"}
            ),
            name="star a session",
        )
