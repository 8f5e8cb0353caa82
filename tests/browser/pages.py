"""What the journeys check on every page: focus they can see, a phone-width fit, downloads."""

FOCUS_STYLE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  return {tag: e.outerHTML.slice(0, 120), outlineStyle: s.outlineStyle,
          outlineWidth: parseFloat(s.outlineWidth), boxShadow: s.boxShadow};
}"""
ACTIVE_NAME = """() => {
  const e = document.activeElement;
  if (!e) return {name: "", tag: ""};
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  return {name: (e.getAttribute("aria-label") || label || e.innerText || e.value || "").trim(),
          tag: e.tagName.toLowerCase()};
}"""


def assert_focus_visible(page):
    """The focused element shows an outline or a ring (WCAG 2.4.7)."""
    style = page.evaluate(FOCUS_STYLE)
    assert style, "nothing has focus"
    outlined = style["outlineStyle"] != "none" and style["outlineWidth"] > 0
    ringed = style["boxShadow"] not in ("", "none")
    assert outlined or ringed, f"focus is invisible on {style['tag']}"


def tab_to(page, name, *, tag=None, limit=60):
    """Presses Tab until the element (a ``tag``) called ``name`` has focus; focus visible at each stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        active = page.evaluate(ACTIVE_NAME)
        if name in active["name"] and tag in (None, active["tag"]):
            return
    raise AssertionError(f"Tab never reached {name!r} on {page.url}")


def assert_fits(page, width=320):
    """No sideways scrolling at ``width`` px (WCAG 1.4.10 reflow)."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways at {width}px (content is {scroll_width}px wide)"


def download_bytes(download):
    with open(download.path(), "rb") as f:
        return f.read()


def nav(page, name):
    """The link called ``name`` in the main navigation."""
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)
