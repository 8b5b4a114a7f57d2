"""Debian's Chromium as the project drives it (browser tests, benchmarks, drawing the app's icons):
Playwright's own browser downloads are not used, and the browser runs headless, alone, offline from
any Google service."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(browser_type, **options):
    """A headless Chromium from Debian's package, by Playwright's ``browser_type`` (``playwright.chromium``)."""
    return browser_type.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, **options)
