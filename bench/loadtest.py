"""Load test: `make loadtest` (SQLite), `make loadtest DB=postgres` (PostgreSQL 15).

Starts gunicorn with the production settings on loopback, over a database holding the
demo world (the current edition has ~400 sessions), and drives it with locust
(bench/locustfile.py) headless — bounded in users, requests and time. Reports throughput,
median and 95th percentile per kind of request and errors; writes bench/RESULTS-load.md
(one section per database). Aim: 200 requests per second on two cores with no error.
"""

# It runs our own manage.py, gunicorn and locust, and calls only the loopback server.
# ruff: noqa: S603, S310
from __future__ import annotations

import argparse
import csv
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PORT = 8765
HOST = f"http://127.0.0.1:{PORT}"
WORK = Path(tempfile.gettempdir()) / "igfplus-load"
RESULTS = ROOT / "bench" / "RESULTS-load.md"
POSTGRES_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@localhost/igfplus_load"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    # With their waits between requests, 300 users ask for at most ~340 requests a second:
    # enough to find where two cores saturate (60 could never ask for 200).
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--time", default="60s", help="locust --run-time, e.g. 60s")
    parser.add_argument("--max-requests", type=int, default=60_000)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument(
        "--fresh", action="store_true", help="rebuild the database and demo world"
    )
    options = parser.parse_args()

    env = _server_env(options.db)
    _prepare_database(env, fresh=options.fresh)
    session_ids = _delegate_sessions(env)
    server = _start_gunicorn(env, options.workers)
    try:
        _wait_until_up()
        stats = _run_locust(options, session_ids)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    report = _report(stats, options)
    print(report)
    _write_results(options.db, report)


def _server_env(db: str) -> dict[str, str]:
    WORK.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "igfplus.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        # Loopback: the proxy that would end TLS is played by a header on each request.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "IGFPLUS_DATA_DIR": str(WORK / db),
        "EMAIL_URL": "dummymail://",
    }
    if db == "postgres":
        env["DATABASE_URL"] = POSTGRES_URL
    return env


def _manage(env, *args: str, quiet: bool = True) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def _prepare_database(env, *, fresh: bool) -> None:
    data_dir = Path(env["IGFPLUS_DATA_DIR"])
    if "DATABASE_URL" in env:
        _ensure_postgres_database(env["DATABASE_URL"], fresh=fresh)
    elif fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    # Every run starts with no page or fragment cached: its warm-up is measured too.
    shutil.rmtree(data_dir / "cache", ignore_errors=True)
    print("migrating…", flush=True)
    _manage(env, "migrate")
    _manage(env, "createcachetable")
    if not _has_demo(env):
        print("building the demo world (a minute or two)…", flush=True)
        # Production refuses demo data (known passwords): it is built with the
        # development settings into the same database, then served in production.
        _manage(
            {**env, "DJANGO_SETTINGS_MODULE": "igfplus.settings.dev"}, "load_demo_data"
        )
    _manage(env, "collectstatic", "--noinput")


def _ensure_postgres_database(url: str, *, fresh: bool) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
        exists = db.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            db.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            db.execute(f'CREATE DATABASE "{name}"')


def _has_demo(env) -> bool:
    check = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            "from sessions.models import Release; print(Release.objects.exists())",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return check.stdout.strip().endswith("True")


DELEGATES = 20
STARS_EACH = 12


def _delegate_sessions(env) -> list[str]:
    """Signed-in sessions of DELEGATES load-test accounts, each with STARS_EACH stars.

    Reset before every run, so each run starts from the same agendas (the delegates
    toggle stars during the run).
    """
    script = f"""
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from cms.demo import current_edition
from igfplus.models import User
from sessions.models import SessionPage, Star
sessions = list(
    SessionPage.objects.live().filter(edition=current_edition()).order_by("pk")
)
for number in range({DELEGATES}):
    user, _ = User.objects.get_or_create(
        username=f"load-delegate-{{number}}",
        defaults={{"email": f"delegate{{number}}@load.invalid", "name": f"Delegate {{number}}"}},
    )
    Star.objects.filter(user=user).delete()
    chosen = sessions[number * 7 % len(sessions):][:{STARS_EACH}]
    Star.objects.bulk_create([Star(user=user, session=s) for s in chosen])
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    print("session", session.session_key)
"""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        line.split()[1]
        for line in result.stdout.splitlines()
        if line.startswith("session ")
    ]


def _start_gunicorn(env, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "igfplus.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )


def _wait_until_up(timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(
                f"{HOST}/", headers={"X-Forwarded-Proto": "https"}
            )
            urllib.request.urlopen(request, timeout=30)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within two minutes")


def _run_locust(options, session_ids: list[str]) -> list[dict[str, str]]:
    prefix = WORK / f"locust-{options.db}"
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--host",
            HOST,
            "--users",
            str(options.users),
            "--spawn-rate",
            str(max(1, options.users // 5)),
            "--run-time",
            options.time,
            "--stop-timeout",
            "10",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={
            **os.environ,
            "LOAD_SESSION_IDS": ",".join(session_ids),
            "LOAD_MAX_REQUESTS": str(options.max_requests),
        },
        check=False,  # locust exits 1 when any request failed; the report says which
    )
    with open(f"{prefix}_stats.csv", newline="") as file:
        return list(csv.DictReader(file))


def _report(stats: list[dict[str, str]], options) -> str:
    rows = [
        "| request | count | errors | req/s | median ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in sorted(stats, key=lambda r: r["Name"] == "Aggregated"):
        rows.append(
            "| {name} | {count} | {errors} | {rps:.1f} | {median} | {p95} |".format(
                name=("**all**" if row["Name"] == "Aggregated" else row["Name"]),
                count=row["Request Count"],
                errors=row["Failure Count"],
                rps=float(row["Requests/s"]),
                median=round(float(row["Median Response Time"])),
                p95=round(float(row["95%"])),
            )
        )
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"
    )
    return (
        f"gunicorn {options.workers} workers (production settings), locust "
        f"{options.users} users for {options.time} (at most {options.max_requests} "
        f"requests), loopback. Machine: {machine}.\n\n" + "\n".join(rows) + "\n"
    )


def _write_results(db: str, report: str) -> None:
    sections = {}
    if RESULTS.exists():
        current = None
        for line in RESULTS.read_text().splitlines(keepends=True):
            if line.startswith("## "):
                current = line[3:].strip()
                sections[current] = ""
            elif current:
                sections[current] += line
    sections[{"sqlite": "SQLite", "postgres": "PostgreSQL"}[db]] = "\n" + report + "\n"
    RESULTS.write_text(
        "# Load test results\n\nProduced by `make loadtest` (bench/loadtest.py with "
        "bench/locustfile.py): anonymous programme, session, track, outcomes and search "
        "pages, calendar apps polling feeds and exports (mostly conditional), and "
        f"signed-in delegates ({DELEGATES} accounts) with their agenda and stars. Each "
        "run starts with no page or fragment cached, so the warm-up is in the figures; "
        "locust runs on the same two cores as the server.\n\n"
        + "".join(f"## {name}\n{text}" for name, text in sorted(sections.items()))
    )


if __name__ == "__main__":
    main()
