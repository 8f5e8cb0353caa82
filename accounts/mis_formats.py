"""Staff lists as English school MIS export them: Arbor, SIMS, Bromcom, or a plain CSV.

Columns are found by their names (in any order, case and spacing ignored); the file may be UTF-8
with or without a byte-order mark, or Windows-1252 (what Excel on Windows saves as "CSV").
Each format is documented with a sample in docs/mis/.
"""

import re

# The field each header name gives, across the formats; a file needs an email and a name.
FIELD_HEADERS = {
    "name": ["name", "full name", "staff name"],
    "first_name": ["first name", "forename", "legal forename", "given name"],
    "preferred_first_name": ["preferred first name", "preferred forename", "known as"],
    "last_name": ["last name", "surname", "legal surname", "family name", "preferred surname"],
    "email": ["email", "email address", "work email", "work email address", "school email", "e-mail"],
    "job_title": ["job title", "post", "job role", "role title", "position"],
    "roles": ["roles"],
}
HEADER_FIELD = {header: field for field, headers in FIELD_HEADERS.items() for header in headers}

# How each MIS's export is recognised: the column names only it has together.
FORMATS = [
    ("arbor", "Arbor staff export", {"first name", "last name", "email address"}),
    ("sims", "SIMS staff list", {"legal surname", "legal forename", "work email"}),
    ("sims", "SIMS staff list", {"surname", "forename", "work email"}),
    ("bromcom", "Bromcom staff export", {"forename", "surname", "email", "job role"}),
    ("simple", "CSV with name, email, job title, roles", {"name", "email"}),
]


def decode(raw):
    """The text of an uploaded file: UTF-8 (a BOM is dropped), else Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; Latin-1 reads those rather than refusing the file.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def normalise_header(cell):
    return re.sub(r"[\s_]+", " ", cell.replace("\ufeff", "")).strip().lower()


def detect(header):
    """(format key, label, {field: column index}) for a header row, or None if it lacks email and name."""
    names = [normalise_header(h) for h in header]
    columns = {}
    for index, name in enumerate(names):
        field = HEADER_FIELD.get(name)
        if field and field not in columns:
            columns[field] = index
    if "email" not in columns or not ({"name", "first_name", "last_name"} & set(columns)):
        return None
    present = set(names)
    key, label = next(((k, label) for k, label, needs in FORMATS if needs <= present), ("other", "Staff list"))
    return key, label, columns


def person_name(cells, columns):
    """The person's name as they are known: a full-name column, else preferred or first name + surname."""

    def cell(field):
        index = columns.get(field)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    if cell("name"):
        return cell("name")
    return " ".join(part for part in (cell("preferred_first_name") or cell("first_name"), cell("last_name")) if part)
