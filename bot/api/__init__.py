"""The REST API under `/api/v1`: thin routes over `QAService` (see ../shared/API.md)."""

from bot.api.app import create_app

__all__ = ["create_app"]
