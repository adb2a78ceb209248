"""`python app.py`: the web app on the shipped corpus (http://127.0.0.1:7860)."""

from bot.app import run

if __name__ == "__main__":
    run()
