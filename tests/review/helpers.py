"""Reading figures back out of the review pages."""

from tests.html import rows


def dashboard_rows(page: str) -> list[list[str]]:
    """The dashboard table's body rows, each as the text of its cells."""
    return rows(page, "table.dashboard-table")


def row_for(page: str, name: str) -> list[str]:
    """The cells of the dashboard row of the intern called ``name``."""
    found = [row for row in dashboard_rows(page) if row[0] == name]
    assert len(found) == 1, f"{name} not in {dashboard_rows(page)}"
    return found[0]
