"""Reading figures back out of the review pages."""

import html as html_lib
import re


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed (visually hidden text included)."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def dashboard_rows(page: str) -> list[list[str]]:
    """The dashboard table's body rows, each as the text of its cells."""
    body = re.search(r'<table class="table dashboard-table">.*?<tbody>(.*?)</tbody>', page, flags=re.S)
    assert body, "no dashboard table"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), flags=re.S)
    return [[text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)] for row in rows]


def row_for(page: str, name: str) -> list[str]:
    """The cells of the dashboard row of the intern called ``name``."""
    found = [row for row in dashboard_rows(page) if row[0] == name]
    assert len(found) == 1, f"{name} not in {dashboard_rows(page)}"
    return found[0]
