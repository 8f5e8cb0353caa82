"""Text as people mean it: no control characters, and a sensible length for every free-text field.

A vertical tab pasted from a word processor made the governors' XLSX export fail (XML cannot
hold it), and a justification of a megabyte or two never produced its decision letter. So:

- every text value of a POST loses its control characters before any view sees it
  (``PlainTextInputMiddleware``); line and page breaks become line breaks;
- every free-text field has a length its pages, letters and exports can hold (``NOTE`` for a
  note or a reason, ``ACCOUNT`` for a fuller account, ``LONG`` for the longest texts);
- every export cleans its cells the same way (``core.spreadsheets.safe_cell``), for text
  stored before these rules.
"""

import re

# Lengths of free text, in characters (a page of A4 is about 3,000).
NOTE = 2000
ACCOUNT = 5000
LONG = 10000

# Breaks from word processors (vertical tab, form feed, next line, line and paragraph separators).
_BREAKS = str.maketrans(dict.fromkeys(["\x0b", "\x0c", "\x85", "\u2028", "\u2029"], "\n"))
# Every other control character but tab, line feed and carriage return (C0, DEL, C1), lone
# surrogates, and the non-characters U+FFFE and U+FFFF: none can be written to XML (XLSX, PDF).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def plain_text(value):
    """``value`` without control characters; breaks kept as line breaks."""
    return _CONTROL.sub("", value.translate(_BREAKS))


def is_plain(value):
    return plain_text(value) == value


class PlainTextInputMiddleware:
    """Every text value of a POST loses its control characters before any view sees it.

    Passwords are left exactly as typed. Files are not text values: their content is checked
    where they are read (uploads by type, the staff CSV by ``accounts.staff_import``).
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            cleaned = None
            for key, values in request.POST.lists():
                if "password" in key:
                    continue
                plain = [plain_text(value) for value in values]
                if plain != values:
                    cleaned = cleaned or request.POST.copy()
                    cleaned.setlist(key, plain)
            if cleaned is not None:
                cleaned._mutable = False
                request.POST = cleaned
        return self.get_response(request)
