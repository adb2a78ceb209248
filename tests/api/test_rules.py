"""The rules behind the issue 17 checks, without a server: which key a request carries, who
may write, what counts as a file in a Gradio call, what the chat refuses."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from bot.api.auth import CONFLICT, KeyRing, presented_key
from bot.api.errors import ApiError
from bot.ui.filters import make_filters
from bot.ui.guard import _has_path
from bot.ui.library import DISABLED, refused
from bot.ui.page import too_long


@pytest.mark.parametrize(("header", "authorization", "key"), [
    (None, None, None),
    ("k", None, "k"),
    (None, "Bearer k", "k"),
    (None, "bearer   k ", "k"),
    ("k", "Bearer k", "k"),
    ("k", "Bearer other", CONFLICT),
    ("k", "Basic Zm9vOmJhcg==", CONFLICT),
    ("k", "garbage", CONFLICT),
    ("k", "", CONFLICT),
    (None, "Basic Zm9vOmJhcg==", None),
])
def test_which_key_a_request_carries(header: str | None, authorization: str | None,
                                     key: str | None) -> None:
    assert presented_key(header, authorization) == key


def test_one_rule_for_writes() -> None:
    none, keyed = KeyRing([], False), KeyRing([SecretStr("k")], False)
    for key in (None, "", "k", "anything"):
        with pytest.raises(ApiError) as error:
            none.check(key, write=True)
        assert error.value.code == "writes_disabled"
        assert none.refusal(key) == error.value.message
    assert keyed.refusal("k") is None
    assert keyed.refusal(CONFLICT) is not None and "two different" in keyed.refusal(CONFLICT)
    assert none.refusal(None, write=False) is None  # reads stay open


def test_the_library_says_it_plainly() -> None:
    none, keyed = KeyRing([], False), KeyRing([SecretStr("k")], False)
    assert refused(none.refusal, "k") == DISABLED.rstrip(".")
    assert refused(keyed.refusal, "") == "Enter an API key to upload or delete transcripts."
    assert refused(keyed.refusal, "nope") == "That API key is not valid."
    assert refused(keyed.refusal, " k ") is None


@pytest.mark.parametrize(("value", "found"), [
    ({"path": "/etc/passwd"}, True),
    ([[{"role": "user", "content": [{"file": {"path": "/x"}}]}]], True),
    ({"data": ["text", 1, None, {"nested": [{"path": "a"}]}]}, True),
    ({"data": ["path", {"path": 5}]}, False),  # not a file reference
    ({"data": ["How many?", [], None, "", "", "", "", "extractive"]}, False),
])
def test_file_references_in_gradio_calls(value: object, found: bool) -> None:
    assert _has_path(value) is found


def test_deep_nesting_counts_as_a_file() -> None:
    value: object = "x"
    for _ in range(100):
        value = [value]
    assert _has_path(value)


def test_the_chat_limit_is_the_apis() -> None:
    assert too_long("q" * 2000) is None
    assert "limited to 2,000 characters" in (too_long("q" * 2001) or "")


@pytest.mark.parametrize("fields", [(5, "", "", ""), ("", "", "s" * 201, ""),
                                    ("", "", "", ["x"])])
def test_odd_filter_fields_are_refused(fields: tuple) -> None:
    with pytest.raises(ValueError):
        make_filters(*fields)
