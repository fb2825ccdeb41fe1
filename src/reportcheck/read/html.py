"""HTML -> the visible text of the report, plus the page metadata (title, canonical URL ...).

Parsing is selectolax's lexbor backend (an HTML5 parser; entities decoded, document order).

Which part of the page: on a state.gov country-report page the report body is the element
`#report_content` (`div.report__content`; also on Wayback Machine copies): the executive
summary and the numbered sections, without the site navigation, the table of contents
(`nav.report-toc`), the page header with the download links, the "Edit your custom report"
form, share widgets and the footer, which all sit outside it. Any other page: the whole
<body>, without script/style/noscript/template/nav/header/footer and hidden elements.

Text layout: every block element (p, h1-h6, li, div, section, tr, blockquote ...) becomes its
own paragraph; paragraphs are separated by one blank line ("\\n\\n"). Inside a paragraph the
text runs as the browser renders it: whitespace (also no-break spaces) collapsed to single
spaces. Table cells of one row are joined with " | ". A state.gov accordion title
(<a class="accordion-title"><h4>Section 1.</h4><h3>Respect for ...</h3></a>) becomes the one
heading line "Section 1. Respect for ...", so the text looks like the plain-text corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_WS = re.compile(r"\s+")

# Elements whose content is never visible text.
_SKIP_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "video", "audio", "map", "button", "select", "option", "textarea",
    "input", "datalist", "dialog", "img", "picture", "source", "track", "link", "meta",
})
# Page chrome: skipped everywhere (on a report page it lies outside the report body anyway).
_CHROME_TAGS = frozenset({"nav", "header", "footer"})
# Class names of widgets inside a report body that are not report text.
_SKIP_CLASSES = frozenset({
    "report-toc", "report__tags", "related-tags", "icon-svg", "screen-reader-text", "sr-only",
    "visually-hidden", "share", "share-links", "social-share", "addtoany_share_save_container",
    "report-nav", "custom-report", "wpmci-popup-cnt-inr-wrp",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "caption",
    "blockquote", "pre", "figure", "figcaption", "address", "hr", "form", "fieldset", "legend",
    "details", "summary", "center", "body", "html", "hgroup", "menu", "br",
})
# Elements whose (block) children form one heading line.
_MERGE_CLASSES = frozenset({"accordion-title"})
_REPORT_BODY_SELECTORS = ("#report_content", "div.report__content", "section.report__main")

_END = object()        # end of a block element: flush the paragraph
_MERGE_END = object()  # end of a merged heading group
_POP_ROW = object()    # end of a table row: restore the outer row's cell count


@dataclass
class PageMeta:
    """What the page says about itself, for year and country detection."""

    title: str | None = None
    og_title: str | None = None
    h1: str | None = None
    canonical_url: str | None = None
    published_time: str | None = None
    modified_time: str | None = None
    lang: str | None = None
    report_body: bool = False  # True when the state.gov report container was found


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = _WS.sub(" ", s).strip()
    return s or None


def _skip(node) -> bool:
    tag = node.tag
    if tag in _SKIP_TAGS or tag in _CHROME_TAGS:
        return True
    attrs = node.attributes
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and ("display:none" in style.replace(" ", "").lower()
                  or "visibility:hidden" in style.replace(" ", "").lower()):
        return True
    cls = attrs.get("class")
    if cls and not _SKIP_CLASSES.isdisjoint(cls.split()):
        return True
    return False


def _children(node) -> list:
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def visible_text(root) -> str:
    """The visible text under `root`, one paragraph per block, paragraphs joined by "\\n\\n"."""
    paras: list[str] = []
    buf: list[str] = []
    merge = 0
    cells: list[int] = [0]  # number of cells seen in the current table row (stack for nesting)

    def flush():
        if buf:
            s = _WS.sub(" ", "".join(buf)).strip()
            buf.clear()
            if s:
                paras.append(s)

    stack = list(reversed(_children(root)))
    while stack:
        node = stack.pop()
        if node is _END:
            if not merge:
                flush()
            else:
                buf.append(" ")
            continue
        if node is _POP_ROW:
            cells.pop()
            continue
        if node is _MERGE_END:
            merge -= 1
            if not merge:
                flush()
            continue
        if node.is_text_node:
            t = node.text_content
            if t:
                buf.append(t)
            continue
        if not node.is_element_node or _skip(node):
            continue
        tag = node.tag
        if tag == "br" or tag == "hr":
            if merge:
                buf.append(" ")
            else:
                flush()
            continue
        cls = node.attributes.get("class") if node.attributes else None
        if tag == "hgroup" or (cls and not _MERGE_CLASSES.isdisjoint(cls.split())):
            if not merge:
                flush()
            merge += 1
            stack.append(_MERGE_END)
        elif tag in _BLOCK_TAGS:
            if merge:
                buf.append(" ")
            else:
                flush()
            if tag == "tr":
                cells.append(0)
                stack.append(_POP_ROW)
            stack.append(_END)
        elif tag in ("td", "th"):
            if cells[-1]:
                buf.append(" | ")
            cells[-1] += 1
        stack.extend(reversed(_children(node)))
    flush()
    return "\n\n".join(paras)


def _meta(tree) -> PageMeta:
    meta = PageMeta()
    node = tree.css_first("title")
    meta.title = _clean(node.text()) if node is not None else None
    node = tree.css_first("h1")
    meta.h1 = _clean(node.text(separator=" ")) if node is not None else None
    html = tree.css_first("html")
    if html is not None and html.attributes:
        meta.lang = html.attributes.get("lang")
    for m in tree.css("meta"):
        a = m.attributes
        key = (a.get("property") or a.get("name") or "").lower()
        content = _clean(a.get("content"))
        if not content:
            continue
        if key == "og:title" and not meta.og_title:
            meta.og_title = content
        elif key == "og:url" and not meta.canonical_url:
            meta.canonical_url = content
        elif key in ("article:published_time", "datepublished", "dc.date", "date") and not meta.published_time:
            meta.published_time = content
        elif key in ("article:modified_time", "datemodified") and not meta.modified_time:
            meta.modified_time = content
    for link in tree.css("link"):
        a = link.attributes
        if (a.get("rel") or "").lower() == "canonical" and a.get("href"):
            meta.canonical_url = a.get("href").strip()
            break
    return meta


def html_to_text(html: str) -> tuple[str, PageMeta]:
    """(visible report text, page metadata) of an HTML page."""
    from selectolax.lexbor import LexborHTMLParser  # imported here: keeps the import of read/ light

    tree = LexborHTMLParser(html)
    meta = _meta(tree)
    root = None
    for selector in _REPORT_BODY_SELECTORS:
        root = tree.css_first(selector)
        if root is not None:
            meta.report_body = True
            break
    if root is None:
        root = tree.body if tree.body is not None else tree.root
    if root is None:
        return "", meta
    return visible_text(root), meta
