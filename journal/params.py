"""Numbers read from URLs, query strings and forms, kept within what the database can store.

Ids and versions are INTEGER columns: PostgreSQL's stop at 2**31 - 1 (SQLite's at 2**63 - 1).
A larger number compared with one makes the database refuse the statement (a 500) instead of
simply finding nothing, so these readers refuse it first: used as ``type=`` of
``request.args.get`` or ``coerce=`` of a select field, a refused value counts as not given
(or as an invalid choice); the ``<int:...>`` URL converter stops at MAX_ID too (a 404).
"""

MAX_ID = 2**31 - 1
MAX_PAGE = 100_000  # far beyond any list here; keeps LIMIT/OFFSET within the database's integers


def database_id(value) -> int:
    """``value`` as the id of a row (1 to MAX_ID); raises ValueError for anything else."""
    number = int(value)
    if not 1 <= number <= MAX_ID:
        raise ValueError(f"not a row id: {number}")
    return number


def page_number(value) -> int:
    """``value`` as a page number (1 to MAX_PAGE); raises ValueError for anything else."""
    number = int(value)
    if not 1 <= number <= MAX_PAGE:
        raise ValueError(f"not a page number: {number}")
    return number
