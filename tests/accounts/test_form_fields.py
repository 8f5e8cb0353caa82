import pytest

from accounts.models import User
from core.form_fields import BoundedModelMultipleChoiceField


@pytest.mark.django_db
@pytest.mark.parametrize("absurd", ["9" * 40, str(2**63), str(-(2**63) - 1)])
def test_an_id_beyond_64_bits_is_a_form_error_not_a_server_error(staff, absurd):
    field = BoundedModelMultipleChoiceField(queryset=User.objects.all())
    with pytest.raises(Exception) as caught:
        field.clean([str(staff.pk), absurd])
    assert caught.type.__name__ == "ValidationError"
    assert "not one of the available choices" in str(caught.value)


@pytest.mark.django_db
def test_real_ids_are_still_chosen(staff, lead):
    field = BoundedModelMultipleChoiceField(queryset=User.objects.all())
    assert set(field.clean([str(staff.pk), str(lead.pk)])) == {staff, lead}
