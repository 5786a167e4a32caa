"""Addresses: what counts as a web address, wherever one is written.

One definition serves the settings (base_url, repo_url), the scenario format (a source's
url), the published JSON Schema and the format reference, so that no two of them can
disagree about an address.
"""

from __future__ import annotations

import re

# http or https (in any case, as browsers read it), a host, then anything but white
# space and the characters that cannot stand unescaped in an address.
HTTP_URL_PATTERN = r"[hH][tT][tT][pP][sS]?://[^\s/?#<>\"'\\`{}|^]+(?:[/?#][^\s<>\"\\`{}|^]*)?"
HTTP_URL_HELP = "an absolute http:// or https:// address"
_HTTP_URL = re.compile(HTTP_URL_PATTERN)


def is_http_url(value: str) -> bool:
    return _HTTP_URL.fullmatch(value) is not None
