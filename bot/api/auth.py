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
        if not write and not self.require_for_reads:
            return
        if not self._keys:
            raise ApiError(403, "writes_disabled", "uploads and deletes are disabled on this "
                           "server: set PRESSBOT_API_KEYS to enable them")
        if not presented:
            raise ApiError(401, "unauthorized", "an API key is required: send "
                           "`Authorization: Bearer KEY` or `X-API-Key: KEY`",
                           headers={"WWW-Authenticate": "Bearer"})
        if not self.matches(presented):
            raise ApiError(403, "forbidden", "the API key is not valid")


def presented_key(bearer: HTTPAuthorizationCredentials | None, header: str | None) -> str | None:
    if header:
        return header
    if bearer is not None and bearer.scheme.lower() == "bearer":
        return bearer.credentials
    return None


def _keyring(request: Request) -> KeyRing:
    return request.app.state.api.keys


Bearer = Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)]
Header = Annotated[str | None, Security(header_scheme)]


def require_read(request: Request, bearer: Bearer, header: Header) -> None:
    """Dependency of every read route: passes unless reads need a key."""
    _keyring(request).check(presented_key(bearer, header), write=False)


def require_write(request: Request, bearer: Bearer, header: Header) -> None:
    """Dependency of every write route: a valid key is always needed."""
    _keyring(request).check(presented_key(bearer, header), write=True)
