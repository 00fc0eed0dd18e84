"""How `monitor history --all` shows a capture that is not a version, and why it was set aside."""

from __future__ import annotations


def set_aside_line(capture: dict) -> str:
    """One line of `monitor history --all` for a capture that is not a version.

    Text from the page (its title, in the reason) is printed on one line, without control
    characters, so a hostile page cannot rewrite the terminal."""
    reason = capture["rejected_reason"] or (
        f"redirect to {capture['location']}" if capture["location"] else "not a version"
    )
    line = (
        f"not a version  {capture['captured_at']}  {capture['source']:<7} "
        f"HTTP {capture['status']}  {reason}  {capture['url']}"
    )
    return "".join(ch if ch.isprintable() else " " for ch in line)
