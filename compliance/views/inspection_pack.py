"""The inspection evidence pack: a page saying what it holds, and the ZIP."""

from django.http import HttpResponse
from django.shortcuts import render

from accounts.access import capability_required

from ..inspection_pack import NO_CASE_DETAIL, inspection_pack_build


@capability_required("download_inspection_pack")
def inspection_pack(request):
    return render(request, "compliance/inspection_pack.html", {"no_case_detail": NO_CASE_DETAIL})


@capability_required("download_inspection_pack")
def inspection_pack_download(request):
    """Built while the person waits for now; the builder is a plain function a background task can call."""
    pack = inspection_pack_build(request.school, by=request.user)
    response = HttpResponse(pack.data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    return response
