"""axe-core (vendor/axe.min.js, MPL-2.0) run against WCAG 2.2 A and AA on the pages journeys visit.

axe is injected in its own browser context with ``bypass_csp``: the journey's page is copied
there (its current HTML served at its own address, its CSS and scripts from the live server),
so the app's pages keep their strict CSP while the checker can run a script.
"""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


class AxeChecker:
    def __init__(self, browser, axe_source):
        self.context = browser.new_context(bypass_csp=True)
        self.context.add_init_script(script=axe_source)
        self.page = self.context.new_page()
        self.page.route("**/*", self._serve)
        self.snapshot = None
        self.checked = []

    def _serve(self, route):
        if self.snapshot and route.request.resource_type == "document" and route.request.url == self.snapshot[0]:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=self.snapshot[1])
        else:
            route.continue_()

    def check(self, page):
        """Fails with a readable list of WCAG 2.2 A/AA violations on ``page`` as it is now."""
        assert not getattr(page, "csp_violations", []), f"CSP violations on {page.url}: {page.csp_violations}"
        self.snapshot = (page.url, page.content())
        self.page.set_viewport_size(page.viewport_size)
        self.page.goto(page.url)
        violations = self.page.evaluate(RUN_AXE, WCAG_TAGS)
        self.checked.append(page.url)
        assert not violations, format_violations(page.url, violations)

    def close(self):
        self.context.close()


def format_violations(url, violations):
    lines = [f"{len(violations)} accessibility violation(s) (WCAG 2.2 A/AA) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    at {node['target']}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
