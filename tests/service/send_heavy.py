"""Send one body to a URL from N threads at once; print each answer's status and seconds as JSON.

    python send_heavy.py URL BODY_FILE N

Run as its own process by the concurrency tests, so that sending and reading megabytes does not
compete for the measuring process's interpreter.
"""

import json
import sys
import threading
import time
from pathlib import Path

import httpx


def main() -> None:
    url, body_file, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    body = body_file.read_bytes()
    results = []

    def send() -> None:
        start = time.perf_counter()
        try:
            with httpx.Client(timeout=120) as client:
                status = client.post(url, content=body, headers={"content-type": "application/json"}).status_code
        except httpx.HTTPError as error:
            status = type(error).__name__
        results.append({"status": status, "seconds": time.perf_counter() - start})

    threads = [threading.Thread(target=send) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
