"""A lease in a Chroma server: one replica at a time does a job all of them would start.

Chroma has no compare-and-swap, so a lease is taken by writing it and reading it back
after a pause (`settle`, longer than one write takes): of replicas that write at about the
same time, the last write wins and every one reads the same holder. The holder renews the
lease while it works; a lease that is not renewed within `ttl` seconds (its holder died)
may be taken by another replica. The lease is the metadata of a small collection of its
own, so it never touches passages or documents.
"""

from __future__ import annotations

import time
import uuid

import chromadb


class ServerLease:
    """`acquire()` → True for exactly one of the replicas that ask at about the same time."""

    def __init__(self, client: chromadb.ClientAPI, name: str, ttl: float = 60.0,
                 settle: float = 1.5) -> None:
        self.client = client
        self.name = name
        self.ttl = ttl
        self.settle = settle
        self.me = uuid.uuid4().hex
        self.collection = client.get_or_create_collection(
            name, embedding_function=None)  # type: ignore[arg-type]

    def _read(self) -> tuple[str, float]:
        meta = self.client.get_collection(self.name).metadata or {}
        return str(meta.get("holder", "")), float(meta.get("expires", 0.0))

    def _write(self, holder: str, expires: float) -> None:
        self.collection.modify(metadata={"holder": holder, "expires": expires})

    def held_by_other(self) -> bool:
        holder, expires = self._read()
        return bool(holder) and holder != self.me and expires > time.time()

    def acquire(self) -> bool:
        if self.held_by_other():
            return False
        self._write(self.me, time.time() + self.ttl)
        time.sleep(self.settle)
        return self._read()[0] == self.me

    def renew(self) -> None:
        self._write(self.me, time.time() + self.ttl)

    def release(self) -> None:
        if self._read()[0] == self.me:
            self._write("", 0.0)
