"""Every feature's rules, in the order they are tried: the first that matches decides."""

from __future__ import annotations

from handlers.intents import basics, matchmaking, organiser, pitches, registration, summaries
from handlers.intents.engine import Intents

INTENTS = Intents(
    (
        *registration.RULES[:1],  # a join code quoted anywhere wins
        *basics.RULES[:2],  # reminders off / on: before the organiser's "remind delegations …"
        *pitches.RULES,  # before registration: "cancel our pitch" is no withdrawal
        *organiser.RULES,  # before registration: "export the registrations" is no registering
        *basics.RULES[2:3],  # a question about one's reminders, once no organiser's request took it
        *summaries.RULES,  # before registration: "a summary of our delegation" is no registering
        *matchmaking.RULES[:2],  # before registration: "登记我们的需求" records needs, registers nobody
        *registration.RULES[1:],
        *matchmaking.RULES[2:],
        *basics.RULES[3:],
    )
)
understand = INTENTS.understand
