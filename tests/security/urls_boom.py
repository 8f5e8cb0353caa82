"""The project's URLs plus one view that fails, to see what a visitor is shown on an error."""

from django.urls import path

from prevent_site.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("secret detail: SELECT * FROM referrals_case WHERE pupil='Ada'")


urlpatterns = [path("boom/", boom), *project_urlpatterns]
