"""What the PDF tests read from a PDF: the PDF/UA machine checks, the structure tree, and where
each glyph and table lies on its page (pdfplumber), measured against the page's content area."""

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
from pdfua import validate

MM = 72 / 25.4  # PDF points in a millimetre
TOLERANCE = 1.0  # points: a glyph's box may touch the edge of the area, not cross it


@dataclass(frozen=True)
class PageLayout:
    """A page's margins in millimetres (top, right, bottom, left), as its stylesheet's @page says."""

    top: float
    right: float
    bottom: float
    left: float

    def content_area(self, width, height):
        """(x0, top, x1, bottom) of the content area of a page ``width`` x ``height`` points."""
        return (self.left * MM, self.top * MM, width - self.right * MM, height - self.bottom * MM)


def pdfua_findings(data):
    """The pdfua checker's findings, as "RULE (SEVERITY) where: message" lines."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        report = validate(str(path))
    return [f"{f.rule_id} ({f.severity.name}) {f.location.describe()}: {f.message}" for f in report.findings]


def structure(data):
    """(language, title, roles in reading order, the Alt of each Figure, {page index: tagged MCIDs})."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        roles, alts, tagged = [], [], {}

        def walk(node, page=None):
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid, page)
                return
            if isinstance(node, pikepdf.Dictionary):
                if "/Pg" in node:
                    page = pages.get(node.Pg.objgen, page)
                if node.get("/Type") == "/MCR":
                    tagged.setdefault(page, set()).add(int(node.MCID))
                    return
                if "/S" in node:
                    roles.append(str(node.S)[1:])
                    if node.S == "/Figure":
                        alts.append(str(node.get("/Alt", "")))
                if "/K" in node:
                    walk(node.K, page)
                return
            if isinstance(node, int) or (hasattr(node, "is_integer") and node.is_integer):
                tagged.setdefault(page, set()).add(int(node))

        walk(pdf.Root.StructTreeRoot.K)
        title = str(pdf.docinfo.get("/Title", "")) if "/Info" in pdf.trailer else ""
        return str(pdf.Root.get("/Lang", "")), title, roles, alts, tagged


def outside_the_box(data, layout):
    """Every glyph or table that crosses its area, as readable lines ("" for none).

    The tagged content (the document itself) must lie in the content area; the running header
    and page numbers (in the margins, not in the structure tree) must lie on the page.
    """
    tagged = structure(data)[4]
    problems = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            x0, top, x1, bottom = layout.content_area(page.width, page.height)
            on_page = (5 * MM, 5 * MM, page.width - 5 * MM, page.height - 5 * MM)
            for char in page.chars:
                if not char["text"].strip():
                    continue
                body = char.get("mcid") in tagged.get(n - 1, set())
                ax0, atop, ax1, abottom = (x0, top, x1, bottom) if body else on_page
                if (
                    char["x0"] < ax0 - TOLERANCE
                    or char["x1"] > ax1 + TOLERANCE
                    or char["top"] < atop - TOLERANCE
                    or char["bottom"] > abottom + TOLERANCE
                ):
                    where = "content area" if body else "page"
                    problems.append(
                        f"page {n}: {char['text']!r} at x {char['x0']:.0f}-{char['x1']:.0f}, "
                        f"y {char['top']:.0f}-{char['bottom']:.0f} is outside the {where} "
                        f"(x {ax0:.0f}-{ax1:.0f}, y {atop:.0f}-{abottom:.0f})"
                    )
            for table in page.find_tables():
                tx0, _, tx1, _ = table.bbox
                if tx0 < x0 - TOLERANCE or tx1 > x1 + TOLERANCE:
                    problems.append(f"page {n}: a table spans x {tx0:.0f}-{tx1:.0f}, wider than x {x0:.0f}-{x1:.0f}")
    return problems


def words(data):
    """Every word of the PDF as pdfplumber reads it, page by page."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [word["text"] for page in pdf.pages for word in page.extract_words()]


def text(data):
    """All the text, whitespace collapsed."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
