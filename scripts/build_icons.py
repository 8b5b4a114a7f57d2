"""Draw the installable app's PNG icons from the favicon, with headless Chromium.

    make icons      (Chromium from scripts/system-deps, Playwright from requirements-dev.txt)

Writes, under ``static/icons/``:

- ``icon-192.png`` and ``icon-512.png``: ``static/favicon.svg`` as it is, its rounded corners
  transparent (the manifest's icons of purpose ``any``);
- ``apple-touch-icon.png`` (180 pixels): the favicon on a full-bleed brand-coloured square, since iOS
  shows transparent corners black and rounds the corners itself;
- ``maskable-512.png``: the favicon at 80% of the size, centred on a full-bleed brand-coloured square,
  so that the mark stays inside the central safe zone whatever shape a launcher cuts the icon to.

The PNGs are committed, so the app needs neither Chromium nor Playwright to serve them; rerun this
script when the favicon changes.
"""

import base64
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from scripts.chromium import launch

STATIC = Path(__file__).resolve().parent.parent / "static"
OUT = STATIC / "icons"
BRAND = "#0f5e66"  # the favicon's own square (static/css/app.css --brand)
SAFE_ZONE = 0.8  # the share of a maskable icon's width that no launcher's mask cuts into

# File name, size in pixels, background (None: transparent), share of the size the favicon takes.
ICONS = (
    ("icon-192.png", 192, None, 1.0),
    ("icon-512.png", 512, None, 1.0),
    ("apple-touch-icon.png", 180, BRAND, 1.0),
    ("maskable-512.png", 512, BRAND, SAFE_ZONE),
)


def page_html(svg: bytes, size: int, background: str | None, scale: float) -> str:
    """A page of ``size`` pixels square showing the SVG centred at ``scale`` of that size on ``background``."""
    drawn = round(size * scale)
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    return (
        "<!doctype html><html><head><style>"
        f"html, body {{ margin: 0; width: {size}px; height: {size}px; background: {background or 'transparent'}; }}"
        "body { display: flex; align-items: center; justify-content: center; }"
        f"img {{ display: block; width: {drawn}px; height: {drawn}px; }}"
        f'</style></head><body><img src="{source}" alt=""></body></html>'
    )


def draw(page: Page, svg: bytes, name: str, size: int, background: str | None, scale: float) -> None:
    """Render one icon into ``OUT / name``."""
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(page_html(svg, size, background, scale))
    page.wait_for_function("document.images[0].complete && document.images[0].naturalWidth > 0")
    page.screenshot(path=str(OUT / name), omit_background=background is None)


def main() -> int:
    """Draw every icon; the exit status is 0."""
    svg = (STATIC / "favicon.svg").read_bytes()
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright.chromium)
        try:
            page = browser.new_page(device_scale_factor=1)
            for name, size, background, scale in ICONS:
                draw(page, svg, name, size, background, scale)
                print(f"static/icons/{name}: {size}x{size}")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
