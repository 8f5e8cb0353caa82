from . import LEADERS, Entry

PUBLIC = Entry(public=True)
EVERYONE = {"staff", "lead", "dsl", "head", "governor", "trust"}

ENTRIES = {
    "home": Entry(allowed=EVERYONE),
    # Django's sign-in and password pages
    "login": PUBLIC,
    "logout": Entry(allowed=EVERYONE, method="post", ok=(302,), outsider=302),
    "password_change": Entry(allowed=EVERYONE, outsider=200),
    "password_change_done": Entry(allowed=EVERYONE, outsider=200),
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": Entry(public=True, kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": PUBLIC,
    # People
    "accounts:switch-school": Entry(
        allowed=EVERYONE,
        method="post",
        data=lambda w: {"school": w.school.pk},
        ok=(302,),
        outsider=404,
    ),
    "accounts:member-list": Entry(allowed=LEADERS),
    "accounts:member-add": Entry(allowed=LEADERS),
    "accounts:member-import": Entry(allowed=LEADERS),
    "accounts:member-edit": Entry(allowed=LEADERS, kwargs=lambda w: {"user_id": w.staff.pk}),
    "accounts:member-remove": Entry(
        allowed=LEADERS, kwargs=lambda w: {"user_id": w.staff.pk}, method="post", ok=(302,)
    ),
}
