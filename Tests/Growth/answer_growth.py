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
import math, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/intake")
SMALL, LARGE = 300, 1200
FEW, MANY = 40, 240
LIMIT = 0.3


def instructions(binary, folder, data, answers):
    # "1" is an answer every generated kind takes (Yes, the first option, one, a word), so the
    # lines need not follow which questions a `when` leaves out. The input ends unfinished: the
    # kiosk keeps the session and stops.
    lines = "1\n" * answers
    env = dict(os.environ, INTAKE_KEY_PASSPHRASE="growth test, not a secret")
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary, "kiosk", "--once",
         "--dialog", folder, "--data", data],
        input=lines, capture_output=True, text=True, timeout=900, env=env)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        sys.exit("answer growth: no instruction count from callgrind:\n" + run.stderr[-2000:])
    refused = run.stdout.count("Please type")
    if refused:
        sys.exit(f"answer growth: {refused} generated answers were refused:\n" + run.stdout[-2000:])
    return int(found.group(1))


def main():
    with tempfile.TemporaryDirectory() as work:
        # Valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes: count a copy without it.
        binary = os.path.join(work, "intake")
        subprocess.run(["cp", BINARY, binary], check=True)
        subprocess.run(["strip", "--strip-debug", binary], check=True)
        cost = {}
        for size in (SMALL, LARGE):
            folder = os.path.join(work, f"d{size}")
            subprocess.run([os.path.join(ROOT, "scripts/bench/generate-dialog"), str(size), folder], check=True)
            counts = [instructions(binary, folder, os.path.join(work, f"data{size}-{n}"), n) for n in (FEW, MANY)]
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
