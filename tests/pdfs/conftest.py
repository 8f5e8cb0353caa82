"""Every PDF of the catalogue, fetched once per world (the demo's school, and the long one) by the
person who downloads it, inside a transaction rolled back when this folder's tests are done."""

import os
import time
from pathlib import Path

from django.test import Client
from django.urls import reverse

from background.models import Job
from tests.background.jobs import job_result, start_job
from tests.worlds import shared_world

from .catalogue import PDFS
from .worlds import demo_world, long_world

WORLDS = {"demo": demo_world, "long names and 200 actions": long_world}
LONG = "long names and 200 actions"


def cases():
    """(world name, PDF) for every PDF made for each world."""
    return [(world, pdf) for world in WORLDS for pdf in PDFS if world != LONG or pdf.long_world]


def fetch(world, pdf):
    client = Client(raise_request_exception=True)
    client.force_login(world.people[pdf.persona])
    if pdf.job:
        job = start_job(client, reverse(pdf.url_name, kwargs=pdf.kwargs(world)))
        assert job.status == Job.Status.DONE, f"{pdf.name}: {job.message}"
        response, content = job_result(client, job)
        assert response["Content-Type"] == "application/pdf", pdf.name
        return content
    response = client.get(reverse(pdf.url_name, kwargs=pdf.kwargs(world)))
    assert response.status_code == 200, f"{pdf.name}: {response.status_code}"
    assert response["Content-Type"] == "application/pdf", pdf.name
    return b"".join(response.streaming_content) if response.streaming else response.content


@shared_world(scope="package")
def made():
    """{(world name, PDF name): the PDF's bytes}, and each world, under "worlds"."""
    pdfs, worlds = {}, {}
    for name, build in WORLDS.items():
        started = time.perf_counter()
        worlds[name] = world = build()
        timings = [f"{name}: built in {time.perf_counter() - started:.1f}s"]
        for pdf in (pdf for world_name, pdf in cases() if world_name == name):
            started = time.perf_counter()
            pdfs[name, pdf.name] = fetch(world, pdf)
            timings.append(f"{pdf.name} {time.perf_counter() - started:.1f}s")
            if os.environ.get("PDF_TESTS_KEEP"):  # a folder to keep the PDFs in, to look at them
                kept = Path(os.environ["PDF_TESTS_KEEP"], f"{name}-{pdf.name}.pdf".replace(" ", "-"))
                kept.write_bytes(pdfs[name, pdf.name])
        print("; ".join(timings))
    return {"pdfs": pdfs, "worlds": worlds}
