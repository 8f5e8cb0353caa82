"""The project's URLs plus /bench/floor/: the cheapest signed-in page, the framework floor.

The floor view goes through the same middleware as every page (session, user, current school,
two-factor, CSP...) and returns a few bytes, so a page's throughput divided by the floor's is
what the page itself costs on top of Django.
"""

from django.http import HttpResponse
from django.urls import path

from prevent_site.urls import urlpatterns as project_urlpatterns


def floor(request):
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *project_urlpatterns]
