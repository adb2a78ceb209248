"""`python app.py`: the web app (UI at `/`, REST API at `/api/v1`) on the shipped corpus.

Serves on PRESSBOT_HOST:PRESSBOT_PORT (default http://127.0.0.1:7860); see the
README's "REST API" section for the settings.
"""

import logging

from bot.app import run

if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    run()
