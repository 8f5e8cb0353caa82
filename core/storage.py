"""Uploaded files are whole, or not there at all.

A disk that fills up half-way through a file made Django's file storage leave the part it had
written; a request that failed after saving its file (the database refused the record) left a
file that nothing points at. ``WholeFileSystemStorage`` removes the part it wrote when a write
fails, and the files a request wrote when ``accounts.submissions`` rolls the request back.
"""

import contextlib
import contextvars
import errno
import os

from django.core.files.storage import FileSystemStorage

# The files saved while serving the current request, when someone collects them (see below).
_written = contextvars.ContextVar("files_written", default=None)

# Errors that mean "no room": a full disk, a full quota, a file larger than allowed.
NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
NO_ROOM_MESSAGE = (
    "The file could not be stored: the server has no room for it. Nothing was saved. "
    "Tell your school's site administrator, then try again."
)


class WholeFileSystemStorage(FileSystemStorage):
    """The local file storage, leaving no partial file when a write fails."""

    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.exists(path)
        try:
            saved = super()._save(name, content)
        except OSError:
            if not existed:  # what Django wrote of it before the disk filled up
                with contextlib.suppress(FileNotFoundError):
                    os.remove(path)
            raise
        written = _written.get()
        if written is not None:
            written.append((self, saved))
        return saved


@contextlib.contextmanager
def files_written():
    """Collect the files saved inside the block: ``remove_files(collected)`` if it did not commit."""
    collected = []
    token = _written.set(collected)
    try:
        yield collected
    finally:
        _written.reset(token)


def remove_files(collected):
    for storage, name in collected:
        with contextlib.suppress(OSError):
            storage.delete(name)


def is_no_room(error):
    return isinstance(error, OSError) and error.errno in NO_ROOM
