# ConvScope in a container: the app and its assets installed as a package, served by uvicorn.
#   docker build -t convscope .
#   docker run -p 8000:8000 -e CONVSCOPE_FRAME_ANCESTORS="'self' https://course.example.edu" convscope
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1

WORKDIR /build
COPY pyproject.toml README.md ./
COPY app ./app
COPY static ./static
COPY templates ./templates
RUN pip install --no-cache-dir . && rm -rf /build

RUN useradd --system --no-create-home convscope
USER convscope
WORKDIR /

EXPOSE 8000
# One worker per core: each is a whole server (the app keeps no state between requests).
# --proxy-headers trusts X-Forwarded-* from the reverse proxy in front (FORWARDED_ALLOW_IPS says which).
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "2", "--proxy-headers"]
