#!/usr/bin/env python3
"""Guards the checker's growth: `intake check --no-paths` on generated dialogs of SMALL and 4x
SMALL questions (scripts/bench/generate-dialog), counted in instructions by valgrind's callgrind
(stable on a noisy machine, unlike time). Fails when the count grows faster than n^1.3: the
checker once spent 96% of its time in a set of every question's ancestors, which is quadratic.

    python3 Tests/Growth/checker_growth.py [binary]
"""
import math, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/intake")
SMALL, LARGE = 300, 1200
LIMIT = 1.3


def instructions(binary, folder):
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary, "check", "--no-paths", folder],
        capture_output=True, text=True, timeout=900)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        sys.exit("checker growth: no instruction count from callgrind:\n" + run.stderr[-2000:])
    if "0 errors" not in run.stdout:
        sys.exit("checker growth: the generated dialog does not check clean:\n" + run.stdout[-2000:])
    return int(found.group(1))


def main():
    with tempfile.TemporaryDirectory() as work:
        # Valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes: count a copy without it.
        binary = os.path.join(work, "intake")
        subprocess.run(["cp", BINARY, binary], check=True)
        subprocess.run(["strip", "--strip-debug", binary], check=True)
        counts = {}
        for size in (SMALL, LARGE):
            folder = os.path.join(work, f"d{size}")
            subprocess.run([os.path.join(ROOT, "scripts/bench/generate-dialog"), str(size), folder], check=True)
            counts[size] = instructions(binary, folder)
        exponent = math.log(counts[LARGE] / counts[SMALL]) / math.log(LARGE / SMALL)
        print(f"checker growth: {SMALL} questions {counts[SMALL]:,} instructions, {LARGE} questions "
              f"{counts[LARGE]:,}: grows as n^{exponent:.2f} (limit n^{LIMIT})")
        if exponent > LIMIT:
            sys.exit(f"checker growth: n^{exponent:.2f} is faster than n^{LIMIT}: something turned quadratic")


main()
