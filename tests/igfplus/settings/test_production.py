"""Production settings: refuse to start without a secret; pass `check --deploy` cleanly."""

import os
import subprocess
import sys
from pathlib import Path

from igfplus.settings.errors import MISSING_SECRET_KEY

ROOT = Path(__file__).resolve().parents[3]

REALISTIC_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "igfplus.settings.production",
    "DJANGO_SECRET_KEY": "x9Jq2v7LmN4pR8sT1uW6yZ3aB5cD0eF2gH7iK9lM4nP6qS8tV1wX3zA5bC7dE9fG",
    "DJANGO_ALLOWED_HOSTS": "igf.example.org",
    "DATABASE_URL": "postgres://igfplus:secret@db.internal:5432/igfplus",
    "CACHE_URL": "dbcache://igfplus_cache",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "WAGTAILADMIN_BASE_URL": "https://igf.example.org",
}


def run_manage(
    *args: str, environment: dict[str, str], data_dir: Path
) -> subprocess.CompletedProcess:
    # A clean process: settings are read once at start-up, so each case needs its own.
    base = {
        key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")
    }
    base.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "IGFPLUS_DATA_DIR": str(data_dir), **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    environment = {
        k: v for k, v in REALISTIC_ENVIRONMENT.items() if k != "DJANGO_SECRET_KEY"
    }

    result = run_manage("check", environment=environment, data_dir=tmp_path)

    assert result.returncode != 0
    assert MISSING_SECRET_KEY in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    environment = {
        k: v for k, v in REALISTIC_ENVIRONMENT.items() if k != "DJANGO_ALLOWED_HOSTS"
    }

    result = run_manage("check", environment=environment, data_dir=tmp_path)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_check_deploy_prints_no_warning_with_a_realistic_environment(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        environment=REALISTIC_ENVIRONMENT,
        data_dir=tmp_path,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
