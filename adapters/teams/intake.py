"""What /api/messages checks before an activity reaches botbuilder, cheapest first.

The order matters: the Authorization header is looked at before a byte of the body is read, the body is
read with a small limit, and only a well-formed activity from an accepted channel and tenant is handed to
botbuilder (whose deserialiser and token validation answer 500 to shapes they do not expect). In local
mode (no app id, nothing authenticated) only this machine may post: loopback peers, no proxy in between,
and a loopback ``serviceUrl`` — the reply and every later proactive message go there.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from adapters.teams.parse import tenant_id
from bot.config import Settings

# Teams activities are a few kilobytes (a card submit, a message of at most ~28 KB); 256 KiB is generous.
MAX_ACTIVITY_BYTES = 256 * 1024
FORWARDING_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP")
# Keys the Bot Framework schema defines as objects: a string there is not an activity.
OBJECT_KEYS = ("from", "recipient", "conversation", "channelData")


class Refused(Exception):  # noqa: N818 - reads as the HTTP answer it becomes
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason

    def response(self) -> web.Response:
        return web.json_response({"error": self.reason}, status=self.status)


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def check_local_peer(request: web.Request) -> None:
    """Local mode: this machine only, and never through a proxy that would make it public."""
    if not is_loopback(request.remote):
        raise Refused(403, "local mode accepts requests from this machine only")
    if any(name in request.headers for name in FORWARDING_HEADERS):
        raise Refused(403, "local mode does not accept forwarded requests")


async def read_activity(request: web.Request) -> dict[str, Any]:
    """The JSON body, bounded in size and depth, shaped like a Bot Framework activity; else 4xx."""
    if request.content_type != "application/json":
        raise Refused(415, "send application/json")
    if request.content_length is not None and request.content_length > MAX_ACTIVITY_BYTES:
        raise Refused(413, "activity too large")
    raw = await request.content.read(MAX_ACTIVITY_BYTES + 1)
    if len(raw) > MAX_ACTIVITY_BYTES:
        raise Refused(413, "activity too large")
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused(400, "malformed JSON") from None
    check_shape(body)
    return body  # type: ignore[no-any-return]  # check_shape proved it is a dict


def check_shape(body: object) -> None:
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        raise Refused(400, "not a Bot Framework activity")
    for key in OBJECT_KEYS:
        if body.get(key) is not None and not isinstance(body[key], Mapping):
            raise Refused(400, f"{key} must be an object")
    for key in ("id", "text", "serviceUrl", "channelId", "locale"):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise Refused(400, f"{key} must be a string")
    if body.get("entities") is not None and not isinstance(body["entities"], list):
        raise Refused(400, "entities must be a list")


def check_origin(body: Mapping[str, Any], settings: Settings, local: bool) -> None:
    """Only the configured channel(s) and tenant; in local mode only a loopback serviceUrl."""
    if body.get("channelId") not in settings.teams_channels:
        raise Refused(403, "channel not accepted")
    tenant = settings.microsoft_app_tenant_id
    if tenant and tenant_id(body) != tenant:
        raise Refused(403, "tenant not accepted")
    if local and body.get("serviceUrl") and not is_loopback(urlsplit(str(body["serviceUrl"])).hostname):
        raise Refused(403, "local mode replies to a loopback serviceUrl only")
