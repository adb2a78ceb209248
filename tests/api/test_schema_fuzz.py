"""Schemathesis against the served OpenAPI spec: no 5xx, every reply as the spec says.

Runs on the small writable index (with a key, so writes are exercised too and
cannot disturb the shared corpus index). Bounded: for each operation a few
dozen valid cases and a few dozen invalid ones, derandomized.
(`schemathesis.pytest.from_fixture` does not run under pytest 9, so the
operations are walked here with Hypothesis directly.)
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api.conftest import KEY, Server

EXAMPLES = {schemathesis.GenerationMode.POSITIVE: 30, schemathesis.GenerationMode.NEGATIVE: 15}


def fuzz(operation: schemathesis.APIOperation, mode: schemathesis.GenerationMode,
         examples: int) -> int:
    """Run `examples` generated cases of `operation`; return how many were sent."""
    # an upload's validity is in its file's name and bytes, which a schema cannot state:
    # generated files (named "files", random bytes) are rightly refused with 4xx
    excluded = [positive_data_acceptance] if operation.label == "POST /documents" else []
    sent = 0

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        nonlocal sent
        sent += 1
        case.call_and_validate(headers={"X-API-Key": KEY}, timeout=60, excluded_checks=excluded)

    check()
    return sent


def test_api_conforms_to_its_schema(writable_server: Server) -> None:
    schema = schemathesis.openapi.from_url(f"{writable_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    failures: list[str] = []
    sent = 0
    for operation in operations:
        for mode, examples in EXAMPLES.items():
            try:
                sent += fuzz(operation, mode, examples)
            except Unsatisfiable:  # nothing to make invalid (no parameters, or a free path)
                assert mode is schemathesis.GenerationMode.NEGATIVE
            except Exception as exc:  # collect every operation's failure, then report all
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
    assert sent >= 200
