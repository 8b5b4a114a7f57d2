"""The intern's journal: write, edit, history, share, trash."""

# The route modules register their routes on ``bp`` as they are imported.
from journal.entries import (  # noqa: F401
    autosave_views,
    check_views,
    draft_views,
    edit_views,
    entry_views,
    history_views,
    list_views,
    sharing_views,
)
from journal.entries.blueprint import bp

__all__ = ["bp"]
