"""Entry point for ``flask --app app`` and ``gunicorn app:app``."""

from dotenv import load_dotenv

from journal import create_app

load_dotenv()
app = create_app()
