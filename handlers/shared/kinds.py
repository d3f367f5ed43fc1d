"""The kinds of campaign: the value stored in ``campaign.kind``. What each kind means when it is planned,
fanned out and sent is one entry of the registry in handlers/campaigns/registry.py.

Kept here, with no imports of its own, because the features that create campaigns (agenda, outreach, shared
notices) and the registry that reads them both need the names: the registry imports those features, so the
names cannot live in it without an import cycle.
"""

from __future__ import annotations

from enum import StrEnum


class CampaignKind(StrEnum):
    """The values are the strings already stored in the database: renaming one needs a data migration."""

    REMINDER = "reminder"  # a deadline reminder from the event's rules
    CUE = "cue"  # 15 minutes before a provider's pitch slot
    BROADCAST = "broadcast"  # an organiser's message
    CHANGE = "change"  # a programme change after an event reload
    START = "start"  # "starting now", to a session's followers
    NOTICE = "notice"  # a one-off notice to one person that could not be sent at once
    MEETING = "meeting"  # 5 minutes before a matchmaking meeting, to both sides
    MEETING_CHECK = "meeting-check"  # after a meeting: did it happen?
    FOLLOW_UP = "follow-up"  # 1, 3 and 6 months after the event: where did the meeting lead?
