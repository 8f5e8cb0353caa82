"""The Nu Html Checker (vnu.jar, from the npm package vnu-jar: see package.json) over many pages
at once: Java starts slowly, so every page goes to one run."""

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Messages the checker gives for markup that is right. Each says why; nothing else is filtered.
KNOWN_FALSE_POSITIVES = {
    # (none yet)
}


@dataclass
class Finding:
    name: str  # which page: "<who> <url>"
    line: int
    message: str
    extract: str

    def __str__(self):
        return f"{self.name} (line {self.line}): {self.message}\n      {' '.join(self.extract.split())[:160]}"


def why_not_available():
    """Why the checker cannot run here, or "" if it can."""
    if shutil.which("java") is None:
        return "HTML validation skipped: Java is not installed (apt-get install default-jre-headless)."
    if not JAR.exists():
        where = JAR.relative_to(settings.BASE_DIR)
        return f"HTML validation skipped: {where} is missing (run `npm ci --ignore-scripts`; `make test` does)."
    return ""


def check(documents):
    """Errors in ``documents`` ({name: html}) as Findings, in one run of the checker."""
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        names = {}
        for n, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{n:05d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.resolve().as_uri()] = name
        run = subprocess.run(
            ["java", "-Xss1m", "-jar", str(JAR), "--errors-only", "--exit-zero-always", "--format", "json", folder],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    findings = []
    for message in messages:
        if message.get("type") != "error" or message.get("message") in KNOWN_FALSE_POSITIVES:
            continue
        url = message.get("url", "")
        name = names.get(url) or names.get(url.replace("file:/", "file:///", 1)) or url
        findings.append(Finding(name, message.get("lastLine", 0), message["message"], message.get("extract", "")))
    return findings


def summary(findings, checked):
    """The findings grouped by kind (values replaced by "…"), each with a few places it occurs."""
    groups = {}
    for finding in findings:
        groups.setdefault(re.sub(r"“[^”]*”", "“…”", finding.message), []).append(finding)
    lines = [f"{len(findings)} HTML error(s) of {len(groups)} kind(s) over {checked} documents:"]
    for kind, found in sorted(groups.items(), key=lambda item: -len(item[1])):
        lines.append(f"- {len(found)} x {kind}")
        lines += [f"    at {finding}" for finding in found[:3]]
    return "\n".join(lines)
