"""One door to diff-match-patch: the C++ build when installed, the pure-Python one otherwise.

Both builds run the same algorithm (Myers' diff with dmp's semantic cleanup), so results agree;
`bench/diff_speed.py` measures the two against each other and against difflib.
"""

from __future__ import annotations

from collections.abc import Sequence

from diff_match_patch import diff_match_patch as _PurePython

try:
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - only where the C++ wheel is missing
    _fast = None

_OPS = {"=": 0, "-": -1, "+": 1}
_SURROGATES = range(0xD800, 0xE000)
BACKENDS = ("fast", "pure")
_preferred = "fast"

Op = tuple[int, str]


def backend() -> str:
    """Which build `diff_chars` uses by default: "fast" (C++) or "pure" (Python)."""
    return "fast" if _fast is not None and _preferred == "fast" else "pure"


def prefer(engine: str) -> str:
    """Make "fast" or "pure" the default build (benchmarks compare them); returns the old one."""
    global _preferred
    if engine not in BACKENDS:
        raise ValueError(f"unknown diff-match-patch build {engine!r}")
    previous, _preferred = _preferred, engine
    return previous


def diff_chars(a: str, b: str, *, semantic: bool, engine: str | None = None) -> list[Op]:
    """(-1|0|1, text) runs turning a into b; no time limit, so results are reproducible.

    `engine` forces "fast" or "pure" (benchmarks); by default the C++ build when present.
    """
    if (engine or backend()) == "fast" and _fast is not None:
        cleanup = "Semantic" if semantic else "No"
        return [
            (_OPS[op], text)
            for op, text in _fast.diff(a, b, timelimit=0, cleanup=cleanup, counts_only=False)
        ]
    dmp = _PurePython()
    dmp.Diff_Timeout = 0
    ops = dmp.diff_main(a, b, checklines=False)
    if semantic:
        dmp.diff_cleanupSemantic(ops)
    return [(op, text) for op, text in ops]


def encode(sequences: Sequence[Sequence[str]]) -> list[str]:
    """Map each distinct token to one character (as dmp's lines-to-chars does) so a diff over
    strings becomes a diff over token sequences."""
    codes: dict[str, str] = {}
    encoded = []
    for sequence in sequences:
        chars = []
        for token in sequence:
            if token not in codes:
                number = len(codes) + 1
                codes[token] = chr(
                    number + len(_SURROGATES) if number >= _SURROGATES.start else number
                )
            chars.append(codes[token])
        encoded.append("".join(chars))
    return encoded


def diff_tokens(
    a: Sequence[str], b: Sequence[str], *, semantic: bool, engine: str | None = None
) -> list[tuple[int, int]]:
    """Diff two token sequences as (-1|0|1, how many tokens) runs."""
    left, right = encode([a, b])
    return [
        (op, len(chars)) for op, chars in diff_chars(left, right, semantic=semantic, engine=engine)
    ]
