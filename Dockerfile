# roundtable-bot: a small image running `roundtable-bot serve` as a non-root user.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot bot
COPY handlers handlers
COPY adapters adapters
COPY storage storage
COPY service service
RUN pip install --no-cache-dir --prefix=/install ".[postgres]"

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 PORT=3978 \
    DATABASE_URL=sqlite+aiosqlite:////data/roundtable.db
RUN useradd --create-home --uid 10001 roundtable && mkdir /data && chown roundtable /data
COPY --from=build /install /usr/local
USER roundtable
WORKDIR /home/roundtable
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"3978\")}/healthz', timeout=2)"
CMD ["roundtable-bot", "serve"]
