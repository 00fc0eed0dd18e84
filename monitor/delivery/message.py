"""The alert people read: a title and a Markdown body built from one stored change set.

Pure functions (no I/O), so every message can be tested with literals. apprise turns the Markdown
into HTML with a text part for email and into mrkdwn for Slack. Policy text is untrusted: it is
backslash-escaped so it cannot open links, images, emphasis, code or HTML, and ``@mentions`` are
broken with a zero-width space so a policy cannot ping ``@channel``. Long changes are summarized
by whole sentences around the changed words, and a long change set keeps its first changes in full
and lists the rest, so nothing is cut in the middle of a clause.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from monitor.read.report import clean, one_line
from monitor.store import AlertCapture, AlertEvidence

RANK = {"cosmetic": 0, "minor": 1, "material": 2}
BODY_BUDGET = 6000  # characters of detailed changes before the rest is listed in one line each
CLAUSE_BUDGET = 600  # a clause longer than this shows only the sentences that changed
MAX_LISTED = 20
ELLIPSIS = " … "

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")
MENTION = re.compile(r"(?<![\w.@*~])@(?=\w)")  # an @ that starts a word, not an e-mail's
BROADCAST = re.compile(
    r"@(?=[*~]*(?:channel|here|everyone|all|group|room|online)\b)", re.IGNORECASE
)
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
EDGES = re.compile(r"([\W_]*)(.*?)([\W_]*)", re.DOTALL)
URL_UNSAFE = "()<> \"'`"


def escape(text: str | None, *, mentions: bool = True) -> str:
    """Policy text made inert in Markdown, HTML and Slack: one line, no markup, no mentions."""
    text = " ".join(clean(text).split())
    text = MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return defuse_mentions(text) if mentions else text


def defuse_mentions(text: str) -> str:
    """``@channel``, ``@here``, ``@someone`` become plain text (a zero-width space after @)."""
    text = BROADCAST.sub("@\u200b", text)
    return MENTION.sub("@\u200b", text)


def link(label: str, url: str) -> str:
    """A Markdown link whose URL cannot break out of its parentheses."""
    safe = "".join(quote(ch) if ch in URL_UNSAFE else ch for ch in clean(url))
    return f"[{escape(label)}]({safe})"


def capture_url(capture: AlertCapture, wayback_url: str) -> str:
    """Where to see a capture: the Wayback Machine's copy, or the live page it came from."""
    if capture.source == "wayback":
        stamp = re.sub(r"\D", "", capture.captured_at)[:14]
        return f"{wayback_url.rstrip('/')}/web/{stamp}/{capture.url}"
    return capture.url


def report_link(site: str, since: str, report_url: str | None) -> str:
    if report_url:
        target = report_url.replace("{site}", site) if "{site}" in report_url else report_url
        if "{site}" not in report_url:
            target = f"{report_url.rstrip('/')}/{site}.html"
        return link(f"full report for {site}", target)
    return f"`monitor report {site} --since {since} -o {site}.html`"


def counted(changes: list[dict]) -> str:
    """ "2 material changes, 1 minor change"."""
    parts = []
    for level in ("material", "minor"):
        n = sum(1 for c in changes if c["materiality"] == level)
        if n:
            parts.append(f"{n} {level} change{'s' if n != 1 else ''}")
    return ", ".join(parts) or "no changes"


def render_alert(
    evidence: AlertEvidence,
    threshold: str,
    *,
    wayback_url: str,
    report_url: str | None = None,
) -> tuple[str, str]:
    """(title, Markdown body) for the changes at or above ``threshold``, most material first."""
    least = RANK[threshold]
    changes = sorted(
        (c for c in evidence.changes if not c.get("technical") and RANK[c["materiality"]] >= least),
        key=lambda c: -RANK[c["materiality"]],
    )
    day = evidence.newer.captured_at[:10]
    name = one_line(evidence.site_name or evidence.site)  # the name, as the feed shows it
    title = f"{name} privacy policy: {counted(changes)} ({day})"
    older, newer = evidence.older, evidence.newer
    lines = [
        f"**{escape(evidence.site_name)}** changed its privacy policy: {counted(changes)}.",
        "",
        f"- Before: {link(_when(older), capture_url(older, wayback_url))}",
        f"- After: {link(_when(newer), capture_url(newer, wayback_url))}",
        f"- Full report: {report_link(evidence.site, day, report_url)}",
    ]
    used = sum(len(line) for line in lines)
    listed: list[dict] = []
    for number, change in enumerate(changes, start=1):
        block = change_block(number, change)
        if listed or (number > 1 and used + len(block) > BODY_BUDGET):
            listed.append(change)
            continue
        lines += ["", block]
        used += len(block)
    if listed:
        lines += ["", f"**{len(listed)} more** (see the full report):"]
        for change in listed[:MAX_LISTED]:
            lines.append(f"- {change['materiality']}: {change['op']} in {_section(change)}")
        if len(listed) > MAX_LISTED:
            lines.append(f"- and {len(listed) - MAX_LISTED} more")
    return title, "\n".join(lines) + "\n"


def change_block(number: int, change: dict) -> str:
    """One change: heading with section, what kind and why, then before and after."""
    lines = [f"### {number}. {change['materiality'].capitalize()}: {_section(change)}"]
    categories = ", ".join(escape(c) for c in change.get("categories", [])) or "uncategorized"
    reasons = "; ".join(escape(r) for r in change.get("reasons", []))
    lines.append(f"*{change['op']}* · {categories}" + (f" · why: {reasons}" if reasons else ""))
    if change["op"] == "modified" and change.get("highlights"):
        lines.append(f"> **Before:** {marked(change['highlights'], -1)}")
        lines.append(">")
        lines.append(f"> **After:** {marked(change['highlights'], 1)}")
    elif change["op"] == "removed":
        lines.append(f"> **Removed:** {summarized(change['before'] or '')}")
    elif change["op"] == "added":
        lines.append(f"> **Added:** {summarized(change['after'] or '')}")
    else:
        lines.append(f"> **{change['op'].capitalize()}:** {summarized(change['after'] or '')}")
    return "\n".join(lines)


def marked(highlights: list, side: int) -> str:
    """One side of a change with its changed words marked: ~~removed~~ or **added**.

    Long text keeps only the sentences holding a change, with "…" where sentences were left out.
    """
    pieces = [(kind, words) for kind, words in highlights if kind in (0, side) and words]
    plain_length = sum(len(words) for _, words in pieces)
    if plain_length > CLAUSE_BUDGET:
        if all(kind == side for kind, _ in pieces):
            pieces = _opening_sentences(" ".join(words for _, words in pieces), side)
        else:
            pieces = _changed_sentences(pieces, side)
    wrapper = {-1: "~~", 1: "**"}.get(side, "")
    out = []
    for kind, words in pieces:
        if kind == "gap":
            out.append(ELLIPSIS)
        elif kind == 0 or not wrapper:
            out.append(_spaced(words))
        else:
            out.append(_wrapped(words, wrapper))
    return defuse_mentions(re.sub(r" {2,}", " ", "".join(out)).strip())


def summarized(text: str) -> str:
    """A whole clause, unmarked: in full, or its opening sentences when long."""
    return marked([[0, text]], 0)


def _wrapped(words: str, wrapper: str) -> str:
    """Changed words inside markers; edge punctuation stays outside, where Markdown needs it."""
    lead, core, trail = EDGES.fullmatch(words).groups()
    if not core:
        return _spaced(words)
    return f"{_spaced(lead)}{wrapper}{escape(core, mentions=False)}{wrapper}{_spaced(trail)}"


def _spaced(words: str) -> str:
    """Escaped text that keeps its edge spaces, so pieces join as the words did."""
    if not words.strip():
        return " " if words else ""
    lead = " " if words[:1].isspace() else ""
    trail = " " if words[-1:].isspace() else ""
    return f"{lead}{escape(words, mentions=False)}{trail}"


def _changed_sentences(pieces: list[tuple[int, str]], side: int) -> list[tuple]:
    """Split unchanged text into sentences; keep those touching a change, mark the gaps."""
    sentences: list[list[tuple[int, str]]] = [[]]
    for kind, words in pieces:
        if kind != 0:
            sentences[-1].append((kind, words))
            continue
        parts = SENTENCE_END.split(words)
        for index, part in enumerate(parts):
            if index:
                sentences.append([])
            sentences[-1].append((0, part + (" " if index < len(parts) - 1 else "")))
    result: list[tuple] = []
    for sentence in sentences:
        if any(kind == side for kind, _ in sentence):
            result.extend(sentence)
        elif not result or result[-1][0] != "gap":
            result.append(("gap", ""))
    return result


def _opening_sentences(text: str, side: int) -> list[tuple]:
    """A long clause added or removed whole: its first sentences, then how many words follow."""
    sentences = SENTENCE_END.split(text)
    kept: list[str] = []
    for sentence in sentences:
        if kept and sum(len(s) for s in kept) + len(sentence) > CLAUSE_BUDGET:
            break
        kept.append(sentence)
    rest = sentences[len(kept) :]
    if not rest:
        return [(side, text)]
    words = sum(len(s.split()) for s in rest)
    return [(side, " ".join(kept)), ("gap", ""), (0, f"({words} more words in the full report)")]


def _when(capture: AlertCapture) -> str:
    source = "Wayback Machine" if capture.source == "wayback" else "live page"
    return f"{capture.captured_at[:10]} ({source})"


def _section(change: dict) -> str:
    return escape(change.get("section")) or "(no section)"
