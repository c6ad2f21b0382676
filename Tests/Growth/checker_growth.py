#!/usr/bin/env python3
"""Guards the checker's growth: `intake check --no-paths` on generated dialogs of SMALL and 4x
SMALL questions (scripts/bench/generate-dialog), counted in instructions by valgrind's callgrind
(stable on a noisy machine, unlike time). Fails when the count grows faster than n^1.3: the
checker once spent 96% of its time in a set of every question's ancestors, which is quadratic.

    python3 Tests/Growth/checker_growth.py [binary]
"""
import math, os, sys, tempfile

from callgrind import ROOT, generated_dialog, instructions, readable_copy

BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/intake")
SMALL, LARGE = 300, 1200
LIMIT = 1.3


def checked(binary, folder):
    count, run = instructions([binary, "check", "--no-paths", folder], "checker growth")
    if "0 errors" not in run.stdout:
        sys.exit("checker growth: the generated dialog does not check clean:\n" + run.stdout[-2000:])
    return count


def main():
    with tempfile.TemporaryDirectory() as work:
        binary = readable_copy(BINARY, work)
        counts = {}
        for size in (SMALL, LARGE):
            counts[size] = checked(binary, generated_dialog(size, os.path.join(work, f"d{size}")))
        exponent = math.log(counts[LARGE] / counts[SMALL]) / math.log(LARGE / SMALL)
        print(f"checker growth: {SMALL} questions {counts[SMALL]:,} instructions, {LARGE} questions "
              f"{counts[LARGE]:,}: grows as n^{exponent:.2f} (limit n^{LIMIT})")
        if exponent > LIMIT:
            sys.exit(f"checker growth: n^{exponent:.2f} is faster than n^{LIMIT}: something turned quadratic")


main()
