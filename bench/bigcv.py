#!/usr/bin/env python3
"""Write a large but realistic CV of about SIZE bytes (for memory benchmarks).

    bench/bigcv.py SIZE OUT.yaml        (SIZE in bytes; 4M and 16M accepted)

What a big real input holds, in proportion: experience and project entries
with summaries and three to six highlights each (inline markup, links),
publications with authors and DOIs, one-line skills, one huge text entry
(a sixteenth of the file, one paragraph) and now and then a long field (a
company name, a highlight or a summary of several kilobytes). The texts
are bench/corpus/'s paragraphs; the output depends only on SIZE.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def paragraphs(name):
    """The paragraphs of a corpus file (blank-line separated, # comments)."""
    out, cur = [], []
    with open(os.path.join(HERE, "corpus", name), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("#"):
                continue
            if not line:
                if cur:
                    out.append(" ".join(cur))
                cur = []
            else:
                cur.append(line)
    if cur:
        out.append(" ".join(cur))
    return out


def q(s):
    """A YAML double-quoted scalar (the corpus holds no backslash)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_size(s):
    mult = {"K": 1 << 10, "M": 1 << 20}.get(s[-1:].upper(), 1)
    return int(float(s.rstrip("kKmM")) * mult)


def write_cv(size, path):
    """Write the CV of about `size` bytes to path."""
    highlights = paragraphs("highlights.txt")
    summaries = paragraphs("summaries.txt")
    research = paragraphs("research.txt")
    abstracts = paragraphs("abstracts.txt")
    hard = paragraphs("hard.txt")
    out = []
    n = 0  # bytes written so far

    def emit(s):
        nonlocal n
        out.append(s)
        n += len(s.encode("utf-8")) + 1

    emit("cv:")
    emit("  name: Pat Example")
    emit("  headline: Staff Engineer and Researcher")
    emit("  location: Zürich, Switzerland")
    emit("  email: pat@example.org")
    emit("  website: https://example.org/pat")
    emit("  social_networks:")
    emit("    - network: GitHub")
    emit("      username: patexample")
    emit("  sections:")

    # One huge text entry: a single paragraph of a sixteenth of the file.
    emit("    statement:")
    words, k, total = [], 0, 0
    while total < size // 16:
        p = research[k % len(research)]
        words.append(p)
        total += len(p) + 1
        k += 1
    emit("      - " + q(" ".join(words)))

    # The rest: sections of entries, in these shares of what remains.
    budget = size - n - 200
    plan = [("experience", 0.55), ("projects", 0.15), ("publications", 0.22),
            ("skills", 0.08)]
    i = 0  # running entry number, for variety and the long fields
    for section, share in plan:
        stop = n + int(budget * share)
        emit(f"    {section}:")
        while n < stop:
            i += 1
            long_field = i % 97 == 0  # now and then a field of kilobytes
            if section in ("experience", "projects"):
                if section == "experience":
                    company = f"Company {i}"
                    if long_field:
                        company += " " + " ".join(hard[j % len(hard)] for j in range(i, i + 6))
                    emit(f"      - company: {q(company)}")
                    emit(f"        position: {q('Senior Engineer' if i % 3 else 'Research Scientist')}")
                    emit(f"        location: {q('Berlin, Germany' if i % 2 else 'Boston, MA')}")
                else:
                    emit(f"      - name: {q(f'Project {i}: ' + hard[i % len(hard)][:60])}")
                y = 1990 + i % 30
                emit(f"        start_date: {y}-{1 + i % 12:02d}")
                emit(f"        end_date: {y + 1 + i % 4}-{1 + (i * 7) % 12:02d}")
                summary = summaries[i % len(summaries)]
                if long_field and section == "projects":
                    summary = " ".join(summaries[j % len(summaries)] for j in range(i, i + 12))
                emit(f"        summary: {q(summary)}")
                emit("        highlights:")
                for j in range(3 + i % 4):
                    h = highlights[(i * 5 + j) % len(highlights)]
                    if long_field and j == 0:
                        h = " ".join(abstracts[m % len(abstracts)] for m in range(i, i + 10))
                    emit(f"          - {q(h)}")
            elif section == "publications":
                title = abstracts[i % len(abstracts)].split(". ")[0][:140]
                emit(f"      - title: {q(title)}")
                emit("        authors:")
                for j in range(2 + i % 6):
                    who = "***Pat Example***" if j == i % 3 else f"Author {(i * 13 + j) % 997} Name"
                    emit(f"          - {q(who)}")
                emit(f"        journal: {q('Proceedings of the Conference on Systems ' + str(i % 50))}")
                emit(f"        date: {2000 + i % 25}-{1 + i % 12:02d}")
                emit(f"        doi: 10.{1000 + i % 9000}/example.{i}")
                if i % 4 == 0:
                    emit(f"        summary: {q(abstracts[(i // 4) % len(abstracts)])}")
            else:
                details = ", ".join(hard[(i + j) % len(hard)].split()[j % 5] for j in range(8))
                emit(f"      - label: {q(f'Skill group {i}')}")
                emit(f"        details: {q(details)}")
    emit("design:")
    emit("  theme: classic")
    emit("settings:")
    emit("  current_date: 2026-11-01")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: bigcv.py SIZE OUT.yaml")
    write_cv(parse_size(sys.argv[1]), sys.argv[2])
