"""API keys: needed for writes, and for reads when `require_key_for_reads` is set.

A key is sent as `Authorization: Bearer KEY` or `X-API-Key: KEY` (never in the
URL, which access logs record). Keys are compared in constant time and never
logged or echoed: no key is 401, a wrong key 403.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from bot.api.errors import ApiError

# declared for the OpenAPI page ("Authorize"); checking is done by `KeyRing`
bearer_scheme = HTTPBearer(auto_error=False, description="Authorization: Bearer API_KEY")
header_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: API_KEY")


class KeyRing:
    """The configured API keys, and the one check every protected route makes."""

    def __init__(self, keys: list[SecretStr], require_for_reads: bool) -> None:
        self._keys = [k.get_secret_value().encode() for k in keys if k.get_secret_value()]
        self.require_for_reads = require_for_reads
        if require_for_reads and not self._keys:
            raise ValueError("PRESSBOT_REQUIRE_KEY_FOR_READS is set but PRESSBOT_API_KEYS is "
                             "empty: no one could read; set at least one key")

    @property
    def enabled(self) -> bool:
        return bool(self._keys)

    def matches(self, presented: str | None) -> bool:
        """True when `presented` is one of the keys (every key is compared, in constant time)."""
        if presented is None or not self._keys:
            return False
        candidate = presented.encode()
        found = False
        for key in self._keys:
            found |= hmac.compare_digest(key, candidate)
        return found

    def check(self, presented: str | None, write: bool) -> None:
        """Raise the ApiError that refuses this request, if any. This is the one rule for
        the REST API and the web UI alike: reads are open unless configured; writes need a
        key, and with no keys configured there are no writes at all."""
        if not write and not self.require_for_reads:
            return
        if not self._keys:
            raise ApiError(403, "writes_disabled", "uploads and deletes are disabled on this "
                           "server: set PRESSBOT_API_KEYS to enable them")
        if presented == CONFLICT:
            raise ApiError(403, "forbidden", "two different API keys were sent (X-API-Key and "
                           "Authorization): send one")
        if not presented:
            raise ApiError(401, "unauthorized", "an API key is required: send "
                           "`Authorization: Bearer KEY` or `X-API-Key: KEY`",
                           headers={"WWW-Authenticate": "Bearer"})
        if not self.matches(presented):
            raise ApiError(403, "forbidden", "the API key is not valid")


    def refusal(self, presented: str | None, write: bool = True) -> str | None:
        """Why `check` refuses, in words for the web UI; None when it does not."""
        try:
            self.check(presented, write)
        except ApiError as error:
            return error.message
        return None


CONFLICT = "\x00conflicting keys"  # what `presented_key` gives for two different keys


def presented_key(header: str | None, authorization: str | None) -> str | None:
    """The key a request carries (`X-API-Key`, `Authorization: Bearer`). Both headers may
    be sent only with the same key: a key in one and another key (or another scheme, or
    garbage) in the other is CONFLICT, which no check accepts."""
    from_bearer = None
    if authorization:
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and credentials.strip():
            from_bearer = credentials.strip()
    if header and authorization is not None and from_bearer != header:
        return CONFLICT
    return header or from_bearer


def _keyring(request: Request) -> KeyRing:
    return request.app.state.api.keys


Bearer = Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)]
Header = Annotated[str | None, Security(header_scheme)]


def request_key(request: Request, bearer: Bearer, header: Header) -> str | None:
    """The request's key (`bearer` and `header` are declared for the OpenAPI page)."""
    return presented_key(header, request.headers.get("authorization"))


def require_read(request: Request, bearer: Bearer, header: Header) -> None:
    """Dependency of every read route: passes unless reads need a key."""
    _keyring(request).check(request_key(request, bearer, header), write=False)


def require_write(request: Request, bearer: Bearer, header: Header) -> None:
    """Dependency of every write route: a valid key is always needed."""
    _keyring(request).check(request_key(request, bearer, header), write=True)
