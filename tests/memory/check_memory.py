#!/usr/bin/env python3
"""Peak memory in proportion to the input (issue 12).

    check_memory.py RESCOMP BIGCV_PY SIZE WORKDIR

Writes a realistic CV of SIZE bytes with bench/bigcv.py (in this process,
so that only rescomp is a child), compiles it to a PDF and fails when the
peak resident set size of the run exceeds 20 times the input plus 30 MB.
"""
import importlib.util
import os
import resource
import subprocess
import sys

exe, generator, size, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
os.makedirs(work, exist_ok=True)
spec = importlib.util.spec_from_file_location("bigcv", generator)
bigcv = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bigcv)
cv = os.path.join(work, "big.yaml")
pdf = os.path.join(work, "big.pdf")
bigcv.write_cv(size, cv)
size = os.path.getsize(cv)

run = subprocess.run([exe, cv, "-o", pdf, "-q"], stderr=subprocess.PIPE, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
# 20 bytes a byte of CV and 30 MB: 20 MB until the structure tree's dates
# (for HTML's <time>) and the output held in memory for the library's API
# took the 4 MB CV from 99.0 to 100.2 MB, and the draws' ligatures and font
# expansion and the words' protrusion to 102.4 MB; 25 MB until the draws'
# right-to-left glyph runs, RenderCV's inline math in the markup and the
# CFF face of the classic theme (its subset program rewritten in memory)
# took it to 107.5 MB.
limit = 20 * size + 30 * 1000 * 1000
print(f"input {size / 1e6:.1f} MB, peak RSS {peak / 1e6:.1f} MB, limit {limit / 1e6:.1f} MB "
      f"({peak / size:.1f} times the input)")
if run.returncode != 0 or not os.path.getsize(pdf):
    sys.exit(f"rescomp failed (exit {run.returncode}): {run.stderr}")
if peak > limit:
    sys.exit("peak memory is out of proportion to the input")
