"""Leap2A, the format Mahara and other ePortfolios import: a journal as records, to ``leap2a.xml`` and its zip.

A Leap2A file is an Atom feed. Mahara's importer matches attribute values as literal text, so the
prefixes (``rdf``, ``leap2``, ``categories``), the version element and the CURIE values
(``leap2:entry``, ``categories:selection_type#``...) are written exactly as its rules say
(``tests/fixtures/leap2a/README.md`` names them); anything else loses the journal's structure.

The journal is one ``leap2:selection`` of type Blog with a ``leap2:has_part`` link per post; each
post links back with ``leap2:is_part_of``, as Mahara's own exports do. A post's content is XHTML:
the kind and its fields as a definition list, the entry's sanitised Markdown, then its comments.
The HTML fragments are parsed and rebuilt as XHTML elements, never glued together as text, so the
file is well formed whatever an entry holds. Tags are ``<category term>`` without a scheme (what the
importer makes tags of); the kind is a category with this app's own scheme, which importers that
do not know it leave alone. Competencies are ``leap2:ability`` entries, linked
``leap2:is_evidence_of`` from the posts that are evidence for them and ``leap2:has_evidence`` back;
an ability's content is its description and its sign-off as a definition list. (Mahara keeps
abilities only in its résumé, from its own exports: read against its importer, it files ours as
posts of a separate journal of imported items, and the journal itself stays whole.) So that the
journal alone still says it, each post's definition list also names the competencies it is
evidence for.

Who may read what is decided before a Journal is built (``leap2a_journal``, ``portfolio.leap2a``);
this module writes what it is given.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

import lxml.html
from flask_babel import gettext as _
from lxml import etree

from journal.markdown import ALLOWED_ATTRIBUTES, render_markdown

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
NAMESPACES = {
    None: ATOM,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "leap2": "http://terms.leapspecs.org/",
    "categories": "http://wiki.leapspecs.org/2A/categories/",
}
VERSION = "http://www.leapspecs.org/2010-07/2A/"
RDF_RESOURCE = f"{{{NAMESPACES['rdf']}}}resource"
FILE_NAME = "leap2a.xml"
# Characters XML 1.0 cannot hold (control characters, lone surrogates, non-characters): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Attributes the sanitiser keeps (and the rel it adds to links): nothing else is copied into the XHTML.
_KEPT_ATTRIBUTES = {tag: names | ({"rel"} if tag == "a" else set()) for tag, names in ALLOWED_ATTRIBUTES.items()}


@dataclass(frozen=True)
class Note:
    """A comment on a post: who wrote it (None: a deleted account), when (aware), its plain text."""

    author: str | None
    written_at: datetime
    text: str


@dataclass(frozen=True)
class Ability:
    """A competency, as a Leap2A ability: ``key`` makes its id; ``facts`` (its sign-off) are (label, value)
    pairs already in words."""

    key: str
    title: str
    description: str
    facts: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Post:
    """One journal entry (or unsaved draft, ``unready``). Times are aware; ``facts`` are (label, value)
    pairs already in words; ``kind`` is the kind's code and ``kind_label`` its name."""

    key: str
    title: str
    published: datetime
    updated: datetime
    body: str
    kind: str | None = None
    kind_label: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    abilities: list[str] = field(default_factory=list)  # the keys of the abilities it is evidence for
    unready: bool = False


@dataclass(frozen=True)
class Journal:
    """Everything one Leap2A file holds. ``authority`` and ``key`` make the stable ``tag:`` ids."""

    authority: str
    key: str
    title: str
    description: str
    author_name: str
    author_email: str | None
    updated: datetime
    posts: list[Post]
    abilities: list[Ability] = field(default_factory=list)

    def id_of(self, key: str) -> str:
        """The stable id of one of the file's entries: ``tag:<host>,2026:<key>``."""
        return f"tag:{self.authority},2026:{key}"


def xml_text(text: str | None) -> str:
    """The text with every character XML cannot hold removed."""
    return _NOT_XML.sub("", text or "")


def _atom(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _stamp(moment: datetime) -> str:
    """An Atom date: ``2026-03-04T09:15:00+03:00`` (seconds, the moment's own offset)."""
    return moment.replace(microsecond=0).isoformat()


def _html_into(target: etree._Element, html: str) -> None:
    """Append the sanitised HTML fragment's nodes to ``target`` as XHTML elements (kept attributes only)."""
    source = lxml.html.fragment_fromstring(xml_text(html), create_parent="div")
    _append_text(target, source.text)
    pending = [(source, target)]
    while pending:  # a loop, not recursion: deeply nested quotes cannot exhaust the stack
        parent_in, parent_out = pending.pop()
        for child in parent_in:
            if not isinstance(child.tag, str):  # a comment or processing instruction: only its tail stays
                _append_text(parent_out, child.tail)
                continue
            copy = etree.SubElement(parent_out, f"{{{XHTML}}}{child.tag}")
            for name, value in child.attrib.items():
                if name in _KEPT_ATTRIBUTES.get(child.tag, ()):
                    copy.set(name, xml_text(value))
            copy.text = xml_text(child.text) or None
            copy.tail = xml_text(child.tail) or None
            pending.append((child, copy))


def _append_text(element: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + xml_text(text)
    else:
        element.text = (element.text or "") + xml_text(text)


def _xhtml(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{XHTML}}}{name}")
    if text is not None:
        element.text = xml_text(text)
    return element


def _definitions(div: etree._Element, facts: list[tuple[str, str]]) -> None:
    """The (label, value) pairs as a definition list (none for no pairs)."""
    if not facts:
        return
    listing = _xhtml(div, "dl")
    for label, value in facts:
        _xhtml(listing, "dt", label)
        _xhtml(listing, "dd", value)


def _facts(div: etree._Element, post: Post, titles: dict[str, str]) -> None:
    """The post's kind, its fields, and the competencies it is evidence for (by their titles)."""
    facts = ([(_("Kind"), post.kind_label)] if post.kind_label else []) + post.facts
    evidence_for = [titles[key] for key in post.abilities if key in titles]
    if evidence_for:
        facts.append((_("Evidence for"), "; ".join(evidence_for)))
    _definitions(div, facts)


def _notes(div: etree._Element, notes: list[Note], when) -> None:
    """The comments, each a block: who and when, then the text with its line breaks (a comment whose
    writer deleted their account keeps no text: the block says so, as the entry page does)."""
    if not notes:
        return
    _xhtml(div, "h3", _("Comments"))
    for note in notes:
        block = _xhtml(div, "div")
        block.set("class", "comment")
        heading = _xhtml(block, "p")
        _xhtml(heading, "strong", note.author or _("Deleted user"))
        _append_text(heading, f" · {when(note.written_at)}")
        text = _xhtml(block, "p")
        said = note.text if note.author is not None else _("This comment was deleted with its author’s account.")
        lines = xml_text(said).splitlines() or [""]
        text.text = lines[0]
        for line in lines[1:]:
            _xhtml(text, "br").tail = line


def _content_div(entry: etree._Element) -> etree._Element:
    """An XHTML content and the ``div`` that opens it (nothing before it, as Mahara's importer needs)."""
    content = _atom(entry, "content", type="xhtml")
    return etree.SubElement(content, f"{{{XHTML}}}div", nsmap={None: XHTML})


def _content(entry: etree._Element, post: Post, titles: dict[str, str], when) -> None:
    div = _content_div(entry)
    _facts(div, post, titles)
    _html_into(div, str(render_markdown(post.body)))
    _notes(div, post.notes, when)


def _entry(feed: etree._Element, journal: Journal, key: str, title: str, updated: datetime) -> etree._Element:
    entry = _atom(feed, "entry")
    _atom(entry, "id", journal.id_of(key))
    _atom(entry, "title", title)
    _atom(entry, "updated", _stamp(updated))
    return entry


def _post(feed: etree._Element, journal: Journal, post: Post, titles: dict[str, str], when) -> None:
    entry = _entry(feed, journal, post.key, post.title, post.updated)
    _atom(entry, "published", _stamp(post.published))
    _content(entry, post, titles, when)
    etree.SubElement(entry, f"{{{NAMESPACES['rdf']}}}type", {RDF_RESOURCE: "leap2:entry"})
    _atom(entry, "link", rel="leap2:is_part_of", href=journal.id_of(journal.key))
    for ability in post.abilities:
        _atom(entry, "link", rel="leap2:is_evidence_of", href=journal.id_of(ability))
    if post.unready:
        _atom(entry, "category", term="Unready", scheme="categories:readiness#")
    if post.kind:
        _atom(entry, "category", term=post.kind, scheme=journal.id_of("entry-kind#"), label=post.kind_label)
    for tag in post.tags:
        _atom(entry, "category", term=tag)


def _ability(feed: etree._Element, journal: Journal, ability: Ability, evidence: list[str]) -> None:
    entry = _entry(feed, journal, ability.key, ability.title, journal.updated)
    div = _content_div(entry)
    if ability.description:
        _xhtml(div, "p", ability.description)
    _definitions(div, ability.facts)
    etree.SubElement(entry, f"{{{NAMESPACES['rdf']}}}type", {RDF_RESOURCE: "leap2:ability"})
    for post_key in evidence:
        _atom(entry, "link", rel="leap2:has_evidence", href=journal.id_of(post_key))


def feed_bytes(journal: Journal, when) -> bytes:
    """The journal as ``leap2a.xml``: UTF-8 bytes with an XML declaration. ``when`` writes a comment's
    moment for readers (in their language and time zone)."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap=NAMESPACES)
    etree.SubElement(feed, f"{{{NAMESPACES['leap2']}}}version").text = VERSION
    _atom(feed, "id", journal.id_of(f"{journal.key}/export"))
    _atom(feed, "title", journal.title)
    _atom(feed, "updated", _stamp(journal.updated))
    author = _atom(feed, "author")
    _atom(author, "name", journal.author_name)
    if journal.author_email:
        _atom(author, "email", journal.author_email)

    selection = _entry(feed, journal, journal.key, journal.title, journal.updated)
    _atom(selection, "content", journal.description, type="text")
    etree.SubElement(selection, f"{{{NAMESPACES['rdf']}}}type", {RDF_RESOURCE: "leap2:selection"})
    _atom(selection, "category", term="Blog", scheme="categories:selection_type#")
    for post in journal.posts:
        _atom(selection, "link", rel="leap2:has_part", href=journal.id_of(post.key))

    titles = {ability.key: ability.title for ability in journal.abilities}
    for post in journal.posts:
        _post(feed, journal, post, titles, when)
    evidence: dict[str, list[str]] = {ability.key: [] for ability in journal.abilities}
    for post in journal.posts:
        for key in post.abilities:
            evidence.setdefault(key, []).append(post.key)
    for ability in journal.abilities:
        _ability(feed, journal, ability, evidence[ability.key])
    _lay_out(feed)
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8")


def _lay_out(feed: etree._Element) -> None:
    """One element a line down to the entries' children, as Mahara writes; the XHTML inside a content
    is left exactly as built (whitespace before its ``div`` would hide it from Mahara's importer)."""
    feed.text = "\n  "
    for child in feed:
        child.tail = "\n  "
        if child.tag in (f"{{{ATOM}}}entry", f"{{{ATOM}}}author"):
            child.text = "\n    "
            for part in child:
                part.tail = "\n    "
            child[-1].tail = "\n  "
    feed[-1].tail = "\n"


def package(journal: Journal, when) -> bytes:
    """The zip Mahara imports: ``leap2a.xml`` at its root (this app keeps no files with entries, so
    there is nothing under ``files/``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(FILE_NAME, feed_bytes(journal, when))
    return buffer.getvalue()
