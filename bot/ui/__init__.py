"""The web UI: a reporter's chat and library over QAService (Gradio Blocks)."""

from bot.ui.page import COPY_JS, CSS, build_ui

__all__ = ["COPY_JS", "CSS", "build_ui"]
