"""Hostile values for form fields and JSON documents: the pools and the Hypothesis strategies.

Each pool holds what a careless spreadsheet, a confused browser or an attacker sends: huge
strings, control characters and NUL, right-to-left and mixed scripts, emoji sequences, markup,
SQL fragments, numbers where text belongs and text where numbers, dates or ids belong.
Strategies mix the pools with Hypothesis' own random text and numbers.
"""

from hypothesis import strategies as st

HUGE = 100_001  # just past 100 kB

SCRIPTS = [
    "مرحبا بالعالم، هذا نص عربي",
    "你好，世界。这是中文。",
    "Привет, мир! Это кириллица.",
    "שלום עולם",
    "नमस्ते दुनिया",
    "Ελληνικά και English και 日本語 mixed",
    "abc\u202eevil\u202c txt",  # right-to-left override
    "\u0645\u0631\u062d\u0628\u0627 hello 你好 Привет",
]
EMOJI = [
    "👩🏽‍⚕️",
    "👨‍👩‍👧‍👦 family",
    "🏳️‍🌈",
    "🇹🇿🇰🇪",
    "🧑‍🤝‍🧑 with ✋🏿 and 1️⃣",
    "e\u0301\u0301\u0301 zalgo\u0336\u0336",
]
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "[link](javascript:alert(1))",
    "{{ 7*7 }} {% raw %}",
    "&lt;b&gt; &amp; &#0; &#x110000;",
    "</textarea><b>bold</b>",
    "# heading\n\n```\ncode\n```\n> quote",
]
SQL = [
    "'; DROP TABLE users;--",
    "1 OR 1=1",
    '" OR ""="',
    "' UNION SELECT password_hash FROM users --",
    "%",
    "_",
    "\\",
    "'",
    "\\x00",
]
CONTROL = [
    "\x00",
    "a\x00b",
    "\x01\x02\x03\x1b[31mred",
    "\x7f\x80\x9f",
    "tab\tand\r\nnew\nlines\r",
    "\u200b\u200c\u200d\ufeff",
    "\u2028\u2029",
    "\ufffe\uffff",
    "\U0010ffff",
]
BLANK = ["", " ", "   \t  ", "\n", "\u00a0\u3000"]
NUMBERS = [
    "0",
    "-1",
    "-0",
    "+5",
    "3.0",
    "1.5",
    "0.25",
    "1e309",
    "-1e309",
    "1e-400",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "9" * 40,
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "0x10",
    "1_000",
    "１２",  # full-width digits
    "٣",  # Arabic-Indic digit
    " 3 ",
    "3,5",
    "1/2",
]
DATES = [
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "0001-01-01",
    "1900-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2026-01-01",
    "01/02/2026",
    "2026-1-1",
    "2026-01-05T10:00:00",
    "yesterday",
]
EMAILS = [
    "a@b",
    "@",
    "no-at-sign",
    "x" * 300 + "@example.org",
    "ünïcödé@exämple.org",
    "a@example.org\r\nBcc: victim@example.org",
    "a@example.org, b@example.org",
    '"quoted"@example.org',
    "a@[127.0.0.1]",
]

TEXT_POOL = BLANK + SCRIPTS + EMOJI + MARKUP + SQL + CONTROL
EVERYTHING = TEXT_POOL + NUMBERS + DATES + EMAILS


HUGE_MIXED = ("مرحبا 你好 Привет 👩🏽‍⚕️ <b>&amp; '; -- " * (HUGE // 30))[:HUGE]


def huge_texts() -> st.SearchStrategy[str]:
    """Strings past 100 kB: one character repeated, mixed scripts, emoji, or one long line of markup."""
    return st.sampled_from(
        [
            "a" * HUGE,
            ("مرحبا 你好 Привет 👩🏽‍⚕️ " * (HUGE // 20))[:HUGE],
            "<b>" * (HUGE // 3),
            "x\x00" * (HUGE // 2),
        ]
    )


def hostile_text() -> st.SearchStrategy[str]:
    """Any text a person or a program might send in a form field (each kind of trouble as likely as the next)."""
    return st.one_of(
        *(st.sampled_from(pool) for pool in (BLANK, SCRIPTS, EMOJI, MARKUP, SQL, CONTROL, NUMBERS, DATES, EMAILS)),
        st.text(max_size=60),
        st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
        st.builds(lambda a, b: a + b, st.sampled_from(TEXT_POOL), st.sampled_from(SCRIPTS + EMOJI)),
        huge_texts(),
    )


def hostile_number() -> st.SearchStrategy[str]:
    """Text sent where a number belongs: numbers in every spelling, and things that are not numbers."""
    return st.one_of(
        st.sampled_from(NUMBERS),
        st.integers().map(str),
        st.floats().map(repr),
        st.decimals(allow_nan=True).map(str),
        st.sampled_from(TEXT_POOL),
    )


def hostile_date() -> st.SearchStrategy[str]:
    """Text sent where a date belongs."""
    return st.one_of(
        st.sampled_from(DATES),
        st.dates().map(lambda d: d.isoformat()),
        st.sampled_from(NUMBERS + TEXT_POOL),
    )


def hostile_email() -> st.SearchStrategy[str]:
    """Text sent where an email address belongs."""
    return st.one_of(
        st.sampled_from(EMAILS),
        st.emails().map(str),
        st.builds(lambda word: f"{word}@example.org", st.sampled_from(SCRIPTS + EMOJI + MARKUP + SQL)),
        hostile_text(),
    )


def hostile_id() -> st.SearchStrategy[str]:
    """Text sent where the id of a database row belongs."""
    return st.one_of(
        st.integers(min_value=-5, max_value=50).map(str),
        st.sampled_from(NUMBERS),
        st.sampled_from(SQL + BLANK + CONTROL),
    )


def json_scalars() -> st.SearchStrategy:
    """JSON values of every type, with the hostile strings among them."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=2**63, max_value=2**200),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(EVERYTHING),
        st.text(max_size=40),
    )


def json_values(max_leaves: int = 12) -> st.SearchStrategy:
    """Any JSON document: scalars, lists and objects nested a few levels deep."""
    return st.recursive(
        json_scalars(),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.text(max_size=12), children, max_size=4),
        ),
        max_leaves=max_leaves,
    )
