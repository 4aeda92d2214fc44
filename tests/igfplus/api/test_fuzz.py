"""Schemathesis against the live OpenAPI description, over loopback: a real server
thread (pytest-django's ``live_server``) answers generated requests for every operation.

Bounded: at most ``EXAMPLES`` cases per operation, reproducible (derandomised), no
example database. Checked: no 5xx, every status code documented, every body matching
its schema. Writes are sent with a valid token, so the services behind them run too.
"""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from igfplus.models import ApiScope
from tests.igfplus.api.conftest import build_api_scene

EXAMPLES = 25
TIME_BUDGET_SECONDS = 120  # generous for a loaded CI machine; locally ~30 s
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_operation_survives_generated_requests(
    live_server, home_page, make_token, settings_override
):
    build_api_scene()
    secret = make_token(ApiScope.UPTAKE_WRITE, ApiScope.TRANSMISSIONS_WRITE)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20  # every endpoint is described

    headers = {"Authorization": f"Bearer {secret}"}
    calls: list[str] = []
    for operation in operations:
        _fuzz(operation, base_url=live_server.url, headers=headers, calls=calls)
    elapsed = time.monotonic() - started
    print(f"schemathesis: {len(calls)} requests in {elapsed:.1f} s")  # noqa: T201
    assert set(calls) == {op.label for op in operations}
    assert elapsed < TIME_BUDGET_SECONDS


def _fuzz(operation, *, base_url: str, headers: dict, calls: list[str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        calls.append(operation.label)
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    check()


@pytest.fixture
def settings_override(settings):
    # Generated writes come fast: the per-token limit is tested elsewhere.
    settings.API_WRITES_PER_MINUTE = 10_000
    return settings
