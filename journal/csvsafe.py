"""CSV cells that a spreadsheet shows as text and never runs as a formula, and reading them back.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or
a carriage return before one) as a formula: a name or a title typed by someone could fetch an
address or start a program on the computer of whoever opens the file. Such a cell is written with
an apostrophe in front, which spreadsheets show as text.

Files the app also reads back (a competency framework) must come back unchanged, so the escape
can be undone: a text that already starts with an apostrophe followed by one of those characters
or by another apostrophe gets one more, and ``text_of_cell`` removes exactly one.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _looks_escaped(text: str) -> bool:
    """Whether ``text`` starts as an escaped cell does: an apostrophe, then a formula start or an apostrophe."""
    return text.startswith(QUOTE) and text[1:2] in (*FORMULA_STARTS, QUOTE)


def spreadsheet_cell(value) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text: an apostrophe in front of a formula."""
    text = str(value)
    return QUOTE + text if text.startswith(FORMULA_STARTS) or _looks_escaped(text) else text


def text_of_cell(cell: str) -> str:
    """The text a cell written by ``spreadsheet_cell`` stands for (any other cell as it is)."""
    return cell[1:] if _looks_escaped(cell) else cell
