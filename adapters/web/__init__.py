"""The organiser console on the web: server-rendered pages and a read-only JSON API under /organiser/,
mounted in the one aiohttp server (service/server.py) on the bot's own database."""
