"""Entry bodies are Markdown rendered to sanitised HTML."""

import pytest

from journal.markdown import render_markdown
from tests.html import page


def test_ordinary_markdown_renders():
    html = render_markdown("## What happened\n\n- **triage** at 7\n- *rounds*\n\n[WHO](https://who.int)")
    assert "<h2>What happened</h2>" in html
    assert "<strong>triage</strong>" in html
    assert '<a href="https://who.int" rel="noopener noreferrer nofollow">WHO</a>' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<div style="background:url(javascript:alert(1))">x</div>',
        "<svg onload=alert(1)>",
    ],
)
def test_hostile_markdown_is_neutralised(hostile):
    elements = page(str(render_markdown(hostile))).find_all(True)  # escaped text is not markup
    attributes = [(name, value) for element in elements for name, value in element.attrs.items()]
    assert not {element.name for element in elements} & {"script", "img", "iframe", "svg", "div"}
    assert not [name for name, _ in attributes if name.startswith("on") or name == "style"]
    assert not [value for name, value in attributes if name == "href" and not value.startswith(("http", "mailto"))]


def test_raw_html_is_shown_as_text_not_dropped():
    assert "&lt;b&gt;bold?&lt;/b&gt;" in render_markdown("<b>bold?</b>")


def test_empty_body():
    assert render_markdown("") == ""
