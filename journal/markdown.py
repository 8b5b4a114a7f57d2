"""Markdown to safe HTML: what interns write is rendered, never executed.

markdown-it-py renders CommonMark (raw HTML in the text is escaped, not passed
through); nh3 then keeps only an allow-list of tags and attributes and only
http, https and mailto links, so no script, event handler or ``javascript:``
link can reach a page even if the renderer ever let one through.
"""

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_renderer = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(["table", "strikethrough"])

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "del", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> Markup:
    """Render Markdown to sanitised HTML, safe to insert into a page."""
    html = _renderer.render(text or "")
    return Markup(  # noqa: S704 (the HTML has just been sanitised by nh3)
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


def mark_spans(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """The text, escaped, with each (start, end, reason) span wrapped in <mark title=reason>."""
    parts, position = [], 0
    for start, end, reason in sorted(spans):
        if start < position:
            continue
        parts.append(escape(text[position:start]))
        # str(): a lazy reason (journal.deid.finding) would otherwise pass as markup, unescaped.
        parts.append(Markup('<mark title="{}">{}</mark>').format(str(reason), text[start:end]))
        position = end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


# A block that ends like this already reads as the end of something; others get a visible separator.
_BLOCK_ENDS = tuple(".!?:;…")


def _inline_words(children) -> str:
    """The words of an inline run: text and code as written, line breaks as spaces, images by their description."""
    parts = []
    for child in children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_words(child.children))
    return "".join(parts)


def plain_text(text: str) -> str:
    """Markdown as a reader sees its words, with none of its syntax: no heading marks, emphasis, list
    markers, quote marks or link addresses (a link keeps its text, an image its description). Blocks
    (headings, paragraphs, list items, table cells, code) are joined by " · " unless one ends a sentence.
    Plain text, not escaped: for search excerpts and other one-line summaries."""
    blocks = []
    for token in _renderer.parse(text or ""):
        if token.type == "inline":
            words = _inline_words(token.children)
        elif token.type in ("fence", "code_block"):
            words = token.content
        else:
            continue
        words = " ".join(words.split())
        if words:
            blocks.append(words)
    joined = ""
    for words in blocks:
        joined += words if not joined else (" " if joined.endswith(_BLOCK_ENDS) else " · ") + words
    return joined
