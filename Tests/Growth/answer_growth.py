#!/usr/bin/env python3
"""Guards what an answer costs as the dialog grows: the kiosk answering generated dialogs of SMALL
and 4x SMALL questions (scripts/bench/generate-dialog), counted in instructions by valgrind's
callgrind (stable on a noisy machine, unlike time). Each dialog is answered twice, FEW and MANY
lines, so what reading the dialog and starting cost cancels out; the difference is what
MANY - FEW answers cost. Fails when that grows faster than n^0.3 with the dialog's size: the
path was once walked again from the first question at every answer (switched back on, this
counts n^0.77). Too coarse, in a debug build, to see the copy of every answer that the kiosk's
screen once made at each answer (a few percent of a debug answer at 1,200 questions): the
benchmark's answer rows, on a release build, show that one.

    python3 Tests/Growth/answer_growth.py [binary]
"""
import math, os, sys, tempfile

from callgrind import ROOT, generated_dialog, instructions, readable_copy

BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/intake")
SMALL, LARGE = 300, 1200
FEW, MANY = 40, 240
LIMIT = 0.3


def answered(binary, folder, data, answers):
    # "1" is an answer every generated kind takes (Yes, the first option, one, a word), so the
    # lines need not follow which questions a `when` leaves out. The input ends unfinished: the
    # kiosk keeps the session and stops.
    # Without the compiled-dialog cache: the first run would read and check the dialog and save
    # it, the second read it back, and the difference would not be the answers' alone.
    env = dict(os.environ, INTAKE_KEY_PASSPHRASE="growth test, not a secret", INTAKE_CACHE_DIR="")
    count, run = instructions(
        [binary, "kiosk", "--once", "--dialog", folder, "--data", data], "answer growth",
        input="1\n" * answers, env=env)
    refused = run.stdout.count("Please type")
    if refused:
        sys.exit(f"answer growth: {refused} generated answers were refused:\n" + run.stdout[-2000:])
    return count


def main():
    with tempfile.TemporaryDirectory() as work:
        binary = readable_copy(BINARY, work)
        cost = {}
        for size in (SMALL, LARGE):
            folder = generated_dialog(size, os.path.join(work, f"d{size}"))
            counts = [answered(binary, folder, os.path.join(work, f"data{size}-{n}"), n) for n in (FEW, MANY)]
            cost[size] = (counts[1] - counts[0]) / (MANY - FEW)
            if cost[size] <= 0:
                sys.exit(f"answer growth: {MANY} answers cost no more than {FEW} on {size} questions: {counts}")
        exponent = math.log(cost[LARGE] / cost[SMALL]) / math.log(LARGE / SMALL)
        print(f"answer growth: an answer costs {cost[SMALL]:,.0f} instructions at {SMALL} questions, "
              f"{cost[LARGE]:,.0f} at {LARGE}: grows as n^{exponent:.2f} (limit n^{LIMIT})")
        if exponent > LIMIT:
            sys.exit(f"answer growth: n^{exponent:.2f} is faster than n^{LIMIT}: an answer costs more "
                     "the longer the dialog")


main()
