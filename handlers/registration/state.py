"""The registration flow's dialog: what it remembers between two answers (the draft lives only here
until the user confirms the summary) and the Dialog bound to it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from handlers.shared.dialog import Dialog, DialogData

Mode = Literal["new", "change", "withdraw"]


class RegistrationState(DialogData):
    mode: Mode
    draft: dict[str, Any] = Field(default_factory=dict)  # field → answer so far (see fields.py)
    delegation_id: int | None = None  # the delegation being edited, or joined before registering
    editing: bool = False  # one field is being changed: back to the summary (or the record) after it
    carried: bool = False  # started from the previous edition's record: only what it lacks is asked


DIALOG = Dialog("registration", RegistrationState)
