"""How close is `monitor extract` to what careful people kept? Token-level precision, recall and
F1 against Open Terms Archive's extracted versions, per service and overall, automatically and
with per-service rules (bench/selectors.yaml); trafilatura and readability-lxml measured the
same way when installed (pip install -e '.[bench]'); then the false-positive and
missed-change checks on the noise-only and changed snapshot pairs. Appends to bench/RESULTS.md.

    python bench/extraction.py [CORPUS] [--no-append]

CORPUS defaults to ../shared/corpus/real beside the repository; tests/data/corpus is the copy of
a few services the tests use.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import Corpus, Score, markdown_text, score  # noqa: E402
from diffs import compare  # noqa: E402
from diffs.clauses import split  # noqa: E402
from diffs.normalize import normalize  # noqa: E402
from diffs.rules import Rules  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "real"
SELECTORS = Path(__file__).with_name("selectors.yaml")
RESULTS = Path(__file__).with_name("RESULTS.md")

Extractor = Callable[[bytes, Rules], str]


def ours(body: bytes, rules: Rules) -> str:
    """What `monitor extract` prints: the clauses of the normalized document."""
    document = normalize(
        body,
        content_type="text/html",
        select=rules.select,
        remove=rules.remove,
        start=rules.start,
        end=rules.end,
    )
    return "\n".join(clause.text for clause in split(document))


def _trafilatura() -> Extractor | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return lambda body, _: trafilatura.extract(body.decode("utf-8", "replace")) or ""


def _readability() -> Extractor | None:
    try:
        import lxml.html
        from readability import Document as Readable
    except ImportError:
        return None

    def run(body: bytes, _: Rules) -> str:
        summary = Readable(body.decode("utf-8", "replace")).summary()
        return lxml.html.fromstring(summary).text_content() if summary.strip() else ""

    return run


def load_rules(path: Path = SELECTORS) -> dict[str, Rules]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {service: Rules.parse(entry) for service, entry in data.items()}


def measure(corpus: Corpus, rules: dict[str, Rules]) -> tuple[list[str], dict[str, dict]]:
    """Scores per service and method; the first return value lists the methods measured."""
    methods: dict[str, tuple[Extractor, bool]] = {"auto": (ours, False), "rules": (ours, True)}
    for name, factory in (("trafilatura", _trafilatura), ("readability", _readability)):
        extractor = factory()
        if extractor:
            methods[name] = (extractor, False)
    table: dict[str, dict] = {}
    for service in corpus.services():
        row: dict[str, Score] = {}
        seconds: dict[str, float] = {}
        for html_name, md_name in [(h, m) for _, h, m in corpus.paired(service)]:
            body = corpus.path(html_name).read_bytes()
            expected = markdown_text(corpus.path(md_name).read_text(encoding="utf-8"))
            for method, (extractor, with_rules) in methods.items():
                began = time.perf_counter()
                text = extractor(body, rules.get(service, Rules()) if with_rules else Rules())
                seconds[method] = seconds.get(method, 0.0) + time.perf_counter() - began
                row[method] = row.get(method, Score(0, 0, 0)) + score(text, expected)
        table[service] = {"scores": row, "seconds": seconds}
    return list(methods), table


def pair_checks(corpus: Corpus, rules: dict[str, Rules]) -> list[tuple[str, str, str, int, int]]:
    """(kind, service, pair, minor-or-material changes, all changes) for every checked pair."""
    pairs = [("noise", service, old, new) for service, old, new in corpus.noise_pairs()]
    pairs += [
        ("change" if pair.policy_changed(corpus) else "rendering", pair.service, pair.old, pair.new)
        for pair in corpus.change_pairs()
    ]
    results = []
    for kind, service, old, new in pairs:
        changes = compare_files(corpus, rules.get(service, Rules()), old, new)
        serious = sum(1 for c in changes if c.judgement.materiality != "cosmetic")
        pair = f"{Path(old).stem} -> {Path(new).stem}"
        results.append((kind, service, pair, serious, len(changes)))
    return results


def compare_files(corpus: Corpus, rules: Rules, old: str, new: str):
    def document(name: str):
        return normalize(
            corpus.path(name).read_bytes(),
            content_type="text/html",
            select=rules.select,
            remove=rules.remove,
            start=rules.start,
            end=rules.end,
        )

    return compare(document(old), document(new))


def report(corpus: Corpus, methods: list[str], table: dict[str, dict], checks: list) -> str:
    lines = [
        f"## Extraction vs Open Terms Archive, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {platform.machine()} {platform.system()}, Python {platform.python_version()};"
        f" corpus {corpus.root}. P/R/F1: token precision, recall, F1 against the paired .md;"
        " auto = no rules, rules = bench/selectors.yaml.",
        "",
        "| service | " + " | ".join(f"{m} P / R / F1" for m in methods) + " |",
        "|---|" + "---|" * len(methods),
    ]
    totals = {m: Score(0, 0, 0) for m in methods}
    for service, data in table.items():
        cells = []
        for method in methods:
            s = data["scores"].get(method, Score(0, 0, 0))
            totals[method] = totals[method] + s
            cells.append(f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.2f}")
        lines.append(f"| {service} | " + " | ".join(cells) + " |")
    cells = [f"**{t.precision:.2f} / {t.recall:.2f} / {t.f1:.2f}**" for t in totals.values()]
    lines.append("| **overall** | " + " | ".join(cells) + " |")
    seconds = {m: sum(d["seconds"].get(m, 0.0) for d in table.values()) for m in methods}
    base = seconds["auto"] or 1.0
    lines += [
        "",
        "Time over all snapshots: "
        + ", ".join(f"{m} {seconds[m]:.1f} s ({seconds[m] / base:.2f}x auto)" for m in methods),
        "",
    ]
    for kind, title in (
        ("noise", "Noise-only pairs (must be 0 minor/material)"),
        ("change", "Changed pairs (must show at least 1 change)"),
        (
            "rendering",
            "Changed pairs whose OTA versions read the same, only OTA's rendering moved"
            " (must be 0 minor/material)",
        ),
    ):
        rows = [c for c in checks if c[0] == kind]
        bad = [c for c in rows if (c[4] == 0 if kind == "change" else c[3])]
        lines.append(f"{title}: {len(rows) - len(bad)}/{len(rows)} hold.")
        lines += [f"- FAILS: {c[1]} {c[2]}: {c[3]} minor/material, {c[4]} changes" for c in bad]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-append", action="store_true", help="print only")
    args = parser.parse_args(argv)
    if not (args.corpus / "MANIFEST.json").exists():
        print(f"error: no MANIFEST.json in {args.corpus}", file=sys.stderr)
        return 2
    corpus = Corpus(args.corpus)
    rules = load_rules()
    methods, table = measure(corpus, rules)
    text = report(corpus, methods, table, pair_checks(corpus, rules))
    print(text)
    if not args.no_append:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
