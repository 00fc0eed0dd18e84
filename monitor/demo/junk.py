"""Fault pages for the replay that are not the policy but look like the site, and archive answers
a backfill must survive without failing: what monitor/ingest/admission.py and the wayback spider are
tested against.

- ``soft-404-chrome``: "page not found" inside the site's own theme (nav, footer, scripts),
  served with status 200, as WordPress and single-page apps do;
- ``loading``: the site's theme around a "Loading..." shell whose text a script would fill;
- ``404``: a plain 404 answer (for an archived capture: the archive cannot serve it);
- ``lying-charset``: the real page, UTF-8, with a header that says ``charset=utf-16``;
- ``cdx-bad-rows``: the CDX answer with rows no real capture can have (impossible timestamps,
  status and digest, a capture dated in the future).
"""

from __future__ import annotations

import json

JUNK_KINDS = frozenset({"soft-404-chrome", "loading", "404", "lying-charset", "cdx-bad-rows"})

NOT_FOUND_MARKDOWN = """# Oops! That page can't be found.

It looks like nothing was found at this location. Maybe try one of the links below or a search?

## Recent posts

- Five tips for healthy skin this winter
- Meet our new team of specialists
- What to expect at your first consultation
- Our clinic is now open on Sundays

## Categories

- News
- Treatments
- Patient stories
"""

LOADING_MARKDOWN = "Loading..."

BAD_CDX_ROWS = (
    # (timestamp, statuscode, digest): each impossible in its own way
    ("2015BADSTTAMP", "200", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
    ("99999999999999", "200", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"),
    ("20990101000000", "200", "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"),
    ("20180101000000", "2O0", "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD"),
    ("20180202000000", "200", "not a digest!"),
)


def junk_markdown(kind: str) -> str:
    """The Markdown a themed junk page renders in place of the policy."""
    return NOT_FOUND_MARKDOWN if kind == "soft-404-chrome" else LOADING_MARKDOWN


def with_bad_rows(body: bytes, original: str) -> bytes:
    """A JSON CDX answer (header row first, fields as asked) with the bad rows added."""
    table = json.loads(body or b"[]")
    if not table:
        return body
    header, rows = table[0], table[1:]
    tail = rows[-2:] if len(rows) >= 2 and rows[-2] == [] else []
    rows = rows[: len(rows) - len(tail)]
    for timestamp, status, digest in BAD_CDX_ROWS:
        values = {
            "urlkey": "bad",
            "timestamp": timestamp,
            "original": original,
            "mimetype": "text/html",
            "statuscode": status,
            "digest": digest,
            "length": "100",
        }
        rows.append([values[name] for name in header])
    return ("[" + ",\n".join(json.dumps(row) for row in [header, *rows, *tail]) + "]\n").encode()
