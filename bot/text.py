"""Text helpers of the kernel: what every feature does to a typed line before comparing it with words."""

from __future__ import annotations

import re

from bot.i18n.detect import fold

_MENTION = re.compile(r"^\s*(<@[^>]+>|@\S+)\s*")


def normalise_command(text: str) -> str:
    """Lower-case, accent-free, mention- and slash-free text used to match command words."""
    return " ".join(fold(_MENTION.sub("", text).strip().lstrip("/")).split())
