"""Reproducible BOMs: the serial number and timestamp rules shared by every writer.

With ``SOURCE_DATE_EPOCH`` set, the timestamp is that instant and the serial number is a
UUIDv5 of the document content, so two scans of the same tree give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from datetime import datetime, timezone

_PLACEHOLDER_SERIAL = uuid.UUID(int=0)


def source_date_epoch() -> datetime | None:
    """The instant from ``SOURCE_DATE_EPOCH``, or None when unset/invalid."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(raw), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None


def with_serial(
    render: Callable[[uuid.UUID], str], serial: uuid.UUID | None
) -> tuple[str, uuid.UUID]:
    """(text, its serial number): ``serial``, else a UUIDv5 of the content under
    ``SOURCE_DATE_EPOCH``, else a random one."""
    if serial is not None:
        return render(serial), serial
    if source_date_epoch() is None:
        serial = uuid.uuid4()
        return render(serial), serial
    # Rendered once: the serial is the document's first ``urn:uuid:`` (JSON: right after
    # specVersion; XML: an attribute of the root element), so putting the content's UUIDv5
    # in place of the placeholder gives the bytes a second render would.
    draft = render(_PLACEHOLDER_SERIAL)
    serial = uuid.uuid5(uuid.NAMESPACE_URL, "aibom:" + hashlib.sha256(draft.encode()).hexdigest())
    placeholder = _PLACEHOLDER_SERIAL.urn
    if draft.find(placeholder) == draft.find("urn:uuid:"):
        return draft.replace(placeholder, serial.urn, 1), serial
    return render(serial), serial  # not expected; render again rather than guess
