"""Follows every link a signed-in person is shown, as they would, and says what went wrong.

GET only: forms (sign out, switch school, every change) are never submitted. The crawl is
bounded: at most ``per_view`` addresses per view (so a list of 300 people does not mean 300
visits) and ``limit`` pages in all.
"""

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import Resolver404, resolve

HTML = "text/html"


class PageParser(HTMLParser):
    """The links, the static assets and the ids of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.assets, self.ids = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") is not None:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.assets.append(attrs["src"])

    handle_startendtag = handle_starttag


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    found_on: str
    html: str = ""


@dataclass
class Crawl:
    """What one person's crawl saw: every page visited and every problem found."""

    who: str
    pages: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    views_seen: Counter = field(default_factory=Counter)

    @property
    def html_pages(self):
        return [p for p in self.pages if p.html]

    def report(self):
        return f"{self.who}: {len(self.problems)} problem(s) over {len(self.pages)} pages:\n" + "\n".join(
            f"  - {problem}" for problem in self.problems
        )


def _view_name(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _is_internal(href):
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False  # mailto:, tel:
    return not parts.netloc or parts.netloc == "testserver"


def crawl(client, who, start="/", *, limit=2000, per_view=80):
    """Visits what ``client``'s person is shown, breadth first from ``start``.

    A problem is: a server error; a link that answers 4xx to the person it was shown to; an
    HTML page with the same id twice; a page that names a static file that does not exist.
    """
    result = Crawl(who=who)
    queue, queued = deque([(start, "(start)")]), {start}
    while queue and len(result.pages) < limit:
        url, found_on = queue.popleft()
        response = client.get(url)
        content_type = response.get("Content-Type", "").split(";")[0]
        if response.streaming:
            b"".join(response.streaming_content)  # read and close the file
        page = Page(url=url, status=response.status_code, content_type=content_type, found_on=found_on)
        result.pages.append(page)
        if response.status_code >= 400:
            error = getattr(response, "exc_info", None)
            because = f": {error[0].__name__}: {error[1]}" if error else ""
            result.problems.append(f"{url} answered {response.status_code}{because} (linked from {found_on})")
            continue
        targets = []
        if response.status_code in (301, 302, 303, 307, 308):
            targets = [response["Location"]]
        elif content_type == HTML and not response.streaming:
            page.html = response.content.decode()
            parser = PageParser()
            parser.feed(page.html)
            duplicates = sorted(i for i, n in Counter(parser.ids).items() if n > 1)
            if duplicates:
                result.problems.append(f"{url} has duplicate ids: {', '.join(duplicates)}")
            for asset in parser.assets:
                path = urlsplit(asset).path
                if path.startswith("/" + settings.STATIC_URL) and not finders.find(
                    path.removeprefix("/" + settings.STATIC_URL)
                ):
                    result.problems.append(f"{url} names a static file that does not exist: {asset}")
            targets = parser.links
        for href in targets:
            if not _is_internal(href):
                continue
            target, _ = urldefrag(urljoin(url, href))
            parts = urlsplit(target)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if not target or target in queued:
                continue
            view = _view_name(parts.path)
            if view is None:
                result.problems.append(f"{target} matches no URL (linked from {url})")
                queued.add(target)
                continue
            if result.views_seen[view] >= per_view:
                continue
            result.views_seen[view] += 1
            queued.add(target)
            queue.append((target, url))
    return result
