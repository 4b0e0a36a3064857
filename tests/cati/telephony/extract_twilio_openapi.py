"""Regenerate ``twilio_calls_recordings_openapi.json`` from Twilio's published OpenAPI file.

The fake Twilio server in these tests validates requests against the Calls and Recordings
part of ``twilio/twilio-oai`` (``twilio_api_v2010.json``). The full file is 1.8 MB, so only
the paths the dialer uses and the component schemas they reference are kept; examples and
long descriptions are dropped. Run: ``python tests/cati/telephony/extract_twilio_openapi.py
/path/to/twilio_api_v2010.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

PATHS = (
    "/2010-04-01/Accounts/{AccountSid}/Calls.json",
    "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
    "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Notifications.json",
    "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json",
    "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{Sid}.json",
    "/2010-04-01/Accounts/{AccountSid}/Recordings.json",
    "/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json",
)
DROP_KEYS = {"examples", "description", "summary", "x-twilio", "tags"}
OUTPUT = Path(__file__).with_name("twilio_calls_recordings_openapi.json")


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in DROP_KEYS}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value.rsplit("/", 1)[-1])
            else:
                found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def extract(full: dict[str, Any]) -> dict[str, Any]:
    paths = {p: _strip(full["paths"][p]) for p in PATHS}
    schemas: dict[str, Any] = {}
    pending = _refs(paths)
    while pending:
        name = pending.pop()
        if name in schemas:
            continue
        schemas[name] = _strip(full["components"]["schemas"][name])
        pending |= _refs(schemas[name]) - set(schemas)
    return {
        "openapi": full["openapi"],
        "info": {
            "title": full["info"]["title"],
            "version": full["info"]["version"],
            "x-extracted-from": "twilio/twilio-oai spec/json/twilio_api_v2010.json",
        },
        "servers": full["servers"],
        "security": full["security"],
        "paths": paths,
        "components": {
            "securitySchemes": full["components"]["securitySchemes"],
            "schemas": dict(sorted(schemas.items())),
        },
    }


if __name__ == "__main__":
    source = Path(
        sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/twilio_api_v2010.json"
    )
    result = extract(json.loads(source.read_text(encoding="utf-8")))
    OUTPUT.write_text(json.dumps(result, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")
