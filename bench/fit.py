#!/usr/bin/env python3
"""Benchmark fitting (design.page.max_pages) against a plain compile.

    bench/fit.py RESCOMP [RUNS]

For each CV, runs a plain compile and a fitted one (the same CV with
--set design.page.max_pages=N) alternately in fresh processes, RUNS times
each (default 21; after one warm-up of each), and prints the medians of
each, wall clock and CPU time, and their ratios. Interleaving puts both under the same load of this
machine. Issue 16's target: a fitted compile costs at most 4 times a plain
one. Exits 1 when a ratio is over 4.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def entries_cv(path, n):
    """A CV of n entries: 15 is a page and a few lines (bench/run.sh's kind of CV)."""
    with open(path, "w") as f:
        f.write("cv:\n  name: Pat Example\n  email: pat@example.org\n  sections:\n"
                "    experience:\n")
        for i in range(1, n + 1):
            f.write(f"      - company: Company {i}\n        position: Engineer\n"
                    "        start_date: 2019-01\n        end_date: 2020-06\n"
                    "        highlights:\n"
                    f"          - Built the system that measured and improved the "
                    f"throughput of the pipeline by {i}%.\n"
                    "          - Wrote the documentation and the tests that kept the "
                    "interfaces stable.\n")
        f.write("design:\n  theme: latex\nsettings:\n  current_date: 2026-11-01\n")


def run(cmd):
    """Wall-clock and CPU (user + system) milliseconds of one run, and its exit status."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    t = (time.perf_counter() - t0) * 1e3
    return t, (ru.ru_utime + ru.ru_stime) * 1e3, p.returncode


def main():
    exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "rescomp")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
    tmp = tempfile.mkdtemp()
    cvs = {}
    for n in (15, 16, 17):
        cvs[n] = os.path.join(tmp, f"entries{n}.yaml")
        entries_cv(cvs[n], n)
    out = os.path.join(tmp, "out.pdf")
    # (name, CV, max_pages, exit status of the fitted run)
    cases = [
        ("15 entries (margins)", cvs[15], 1, 0),
        ("16 entries (font size)", cvs[16], 1, 0),
        ("17 entries (cannot fit)", cvs[17], 1, 1),
        ("engineer (spacing)", os.path.join(ROOT, "examples", "engineer.yaml"), 1, 0),
        ("cannot fit (academic, 1 page)", os.path.join(ROOT, "examples", "academic.yaml"), 1, 1),
    ]
    worst = 0.0
    print(f"medians of {runs} interleaved runs each; wall clock, and CPU time (user + system)")
    print(f"{'case':32} {'plain ms':>9} {'fitted ms':>10} {'ratio':>6} {'plain cpu':>10} "
          f"{'fitted cpu':>11} {'ratio':>6}")
    for name, cv, n, status in cases:
        plain = [exe, cv, "-q", "-o", out]
        fitted = plain + ["--set", f"design.page.max_pages={n}"]
        times = {0: [], 1: []}
        cpu = {0: [], 1: []}
        for k in range(runs + 1):
            order = (0, 1) if k % 2 == 0 else (1, 0)
            for which in order:
                t, c, rc = run(plain if which == 0 else fitted)
                expect = 0 if which == 0 else status
                if rc != expect:
                    sys.exit(f"{name}: exit {rc}, expected {expect}")
                if k:  # the first round warms the caches
                    times[which].append(t)
                    cpu[which].append(c)
        p, f = statistics.median(times[0]), statistics.median(times[1])
        pc, fc = statistics.median(cpu[0]), statistics.median(cpu[1])
        worst = max(worst, f / p, fc / max(pc, 1e-3))
        print(f"{name:32} {p:9.1f} {f:10.1f} {f / p:6.2f} {pc:10.1f} {fc:11.1f} "
              f"{fc / max(pc, 1e-3):6.2f}")
    print(f"worst ratio {worst:.2f} (target: at most 4)")
    sys.exit(1 if worst > 4 else 0)


if __name__ == "__main__":
    main()
