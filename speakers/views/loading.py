"""Loading a request for the person asking: another school's, or one they may not see, is a 404."""

from django.http import Http404

from accounts.access import for_school

from ..models import SpeakerRequest


def _is_own(request, speaker_request):
    return request.user.pk in (speaker_request.requested_by_id, speaker_request.invited_by_id)


def visible_request(request, pk):
    """A request of this school that the user may see: their own, or any for the Lead, head and governors."""
    speaker_request = for_school(
        request, SpeakerRequest.objects.select_related("school", "invited_by", "requested_by"), pk=pk
    )
    if request.caps.manage_speakers or request.caps.view_speaker_register or _is_own(request, speaker_request):
        return speaker_request
    raise Http404("No such request among yours.")


def editable_request(request, pk):
    """A request the user may change: their own (as requester or inviter), or any for the Lead and head."""
    speaker_request = for_school(request, SpeakerRequest.objects.select_related("school"), pk=pk)
    if request.caps.manage_speakers or (request.caps.request_speakers and _is_own(request, speaker_request)):
        return speaker_request
    raise Http404("No such request among yours.")


def shows_contact_details(request, speaker_request):
    """Personal contact details: for the Lead and head, and the staff who asked; never governors."""
    return request.caps.manage_speakers or (request.caps.request_speakers and _is_own(request, speaker_request))
