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

    tree = LexborHTMLParser(_tame(html))
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


# --- hostile pages ------------------------------------------------------------------------
# The HTML parser takes time quadratic in the number of distinct attribute names and of
# distinct tag names of a page (200,000 of them: minutes), and in the depth of nested block
# elements (each one looks through every open element). A page past these limits (real pages
# have some tens of names and a depth of some tens) is rewritten before it is parsed: attributes
# this module does not read are dropped, unknown tag names become <span> (what the parser makes
# of them anyway), and elements deeper than _MAX_DEPTH are left out, a block one replaced by a
# line break (a block's bounds break the paragraph as a <br> does), a hidden one with its content.
# Any other page is parsed as it is.
_MAX_NAMES = 1000
_MAX_DEPTH = 512

_TOKEN = re.compile(
    r"<!--(?:.*?-->|.*)|<![^>]*>?|<\?[^>]*>?"  # comments (an open one runs to the end), doctype, PIs
    r"|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z))*)(>|\Z)", re.S)
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"[^\"]*\"?|'[^']*'?|[^\s>]*))?")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "param", "keygen"})
# Attributes read here (selectors, hidden elements, page metadata).
_KEEP_ATTRS = frozenset({"id", "class", "style", "hidden", "aria-hidden", "lang", "rel", "href", "property", "name",
                         "content"})
_HTML_TAGS = _SKIP_TAGS | _CHROME_TAGS | _BLOCK_TAGS | frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd label mark meter output progress q rp rt ruby s samp "
    "small span strong sub sup time u var td th colgroup optgroup noscript slot frame frameset basefont big "
    "strike tt nobr acronym marquee".split())
# Start tags that end an open <p>, <li> ... (the end tags a page may leave out), so that they
# do not count as nesting.
_ENDS_P = _BLOCK_TAGS - {"br", "body", "html"}
_IMPLIED = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "td": {"td", "th"}, "th": {"td", "th"},
            "tr": {"td", "th", "tr"}, "option": {"option"}, "optgroup": {"option", "optgroup"}}


def _tame(html: str) -> str:
    """The page itself, or, when it is past the parser's limits, the page rewritten (see above)."""
    if _within_limits(html):
        return html
    names, tags, depth = set(), set(), _Depth()
    for m in _tags(html):
        tag = m.group(2).lower()
        tags.add(tag)
        names.update(a.group(1).lower() for a in _ATTR.finditer(m.group(3)))
        depth.see(m, tag)
    if len(names) <= _MAX_NAMES and len(tags) <= _MAX_NAMES and depth.deepest <= _MAX_DEPTH:
        return html
    return _rewrite(html, len(names) > _MAX_NAMES, len(tags) > _MAX_NAMES)


def _within_limits(html: str) -> bool:
    """A quick look that clears most pages: its counts are at least those of _Depth and _tags
    (it reads scripts and comments as markup, and implies no end tags)."""
    tags = _QUICK_TAG.findall(html)
    if len({name.lower() for _, name in tags}) > _MAX_NAMES:
        return False
    # attribute names: "name=" read backwards, from the "=" (a pattern that starts with a
    # literal is found fast; distinct names stay distinct written backwards)
    if len({name.lower() for name in _QUICK_ATTR_REVERSED.findall(html[::-1])}) > _MAX_NAMES:
        return False
    depth, open_ = 0, {}
    for slash, name in tags:
        name = name.lower()
        if slash:
            if open_.get(name):
                open_[name] -= 1
                depth -= 1
        elif name not in _VOID:
            open_[name] = open_.get(name, 0) + 1
            depth += 1
            if depth > _MAX_DEPTH:
                return False
    return True


_QUICK_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_QUICK_ATTR_REVERSED = re.compile(r"=\s*([^\s\"'>/=<]+)[\s\"'/]")


def _rewrite(html: str, many_names: bool, many_tags: bool) -> str:
    out, pos, depth = [], 0, _Depth()
    hidden = hidden_at = None  # inside a hidden element left out: the stack's length with it open
    raw = False  # a script, style ... left out: up to its end tag
    for m in _tags(html):
        if hidden is None and not raw:
            out.append(html[pos:m.start()])
        pos = m.end()
        tag = m.group(2).lower()
        kept = depth.see(m, tag)
        if raw:
            raw = False  # its end tag
            continue
        if hidden is not None:
            if depth.low >= hidden:
                continue
            hidden = None
            if m.group(1) and len(depth.stack) == depth.low == hidden_at - 1:
                continue  # the hidden element's own end tag
        if not kept:
            if m.group(1) or tag in _VOID:
                out.append("<br>" if tag in _BLOCK_TAGS else "")
            elif tag in _RAW_TEXT:
                raw = True
            elif _skip_attrs(tag, m.group(3)):
                hidden = hidden_at = len(depth.stack)
            elif tag in _BLOCK_TAGS or tag in ("td", "th"):
                out.append("<br>")
            continue
        attrs = m.group(3)
        if many_names:
            attrs = "".join(" " + a.group() for a in _ATTR.finditer(attrs) if a.group(1).lower() in _KEEP_ATTRS)
        name = "span" if many_tags and tag not in _HTML_TAGS else m.group(2)
        out.append(f"<{m.group(1)}{name}{attrs}>")
    if hidden is None and not raw:
        out.append(html[pos:])
    return "".join(out)


def _tags(html: str):
    """The start and end tags of a page, in order (comments skipped; the content of a script,
    style ... element is not looked into)."""
    pos = 0
    while True:
        m = _TOKEN.search(html, pos)
        if m is None:
            return
        pos = m.end()
        if m.group(2) is None:
            continue
        yield m
        tag = m.group(2).lower()
        if not m.group(1) and tag in _RAW_TEXT:
            end = re.compile(r"</" + re.escape(tag) + r"[\s/>]", re.I).search(html, pos)
            pos = end.start() if end else len(html)


def _skip_attrs(tag: str, attrs: str) -> bool:
    """A start tag whose element visible_text leaves out (by its tag or its attributes)."""
    if tag in _SKIP_TAGS or tag in _CHROME_TAGS:
        return True
    found = {}
    for a in _ATTR.finditer(attrs):
        name = a.group(1).lower()
        if name in _KEEP_ATTRS and name not in found:
            value = a.group()[len(a.group(1)):].lstrip().removeprefix("=").strip().strip("\"'")
            found[name] = value
    if "hidden" in found or found.get("aria-hidden") == "true":
        return True
    style = found.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return not _SKIP_CLASSES.isdisjoint(found.get("class", "").split())


class _Depth:
    """The nesting of a page's elements as its tags open and close them, roughly as the parser
    nests them (an end tag closes the open elements above its own; the end tags a page may leave
    out are implied), and which elements lie past _MAX_DEPTH."""

    def __init__(self):
        self.stack: list[tuple[str, bool]] = []  # (tag, kept)
        self.count: dict[str, int] = {}  # open elements by tag
        self.open = 0  # kept open elements
        self.deepest = 0
        self.foreign = 0  # open <svg>/<math>: "/>" closes an element there
        self.low = 0  # the fewest open elements while the last tag was seen

    def see(self, m, tag: str) -> bool:
        """Open or close the element of tag match m; False when it is past _MAX_DEPTH (left out)."""
        self.low = len(self.stack)
        if m.group(1):  # an end tag: close up to the open element it names
            if not self.count.get(tag):
                return True
            while True:
                name, kept = self._pop()
                if name == tag:
                    return kept
        implied = _IMPLIED.get(tag, ())
        while self.stack and (self.stack[-1][0] in implied or (self.stack[-1][0] == "p" and tag in _ENDS_P)):
            self._pop()
        if tag in _VOID or tag in _RAW_TEXT or (self.foreign and m.group(3).rstrip().endswith("/")):
            return self.open < _MAX_DEPTH
        kept = self.open < _MAX_DEPTH
        self.stack.append((tag, kept))
        self.count[tag] = self.count.get(tag, 0) + 1
        self.open += kept
        self.foreign += tag in ("svg", "math")
        self.deepest = max(self.deepest, len(self.stack))
        return kept

    def _pop(self) -> tuple[str, bool]:
        name, kept = self.stack.pop()
        self.low = min(self.low, len(self.stack))
        self.count[name] -= 1
        self.open -= kept
        self.foreign -= name in ("svg", "math")
        return name, kept
