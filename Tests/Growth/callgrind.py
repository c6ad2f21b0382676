"""What the growth guards share: a copy of the binary valgrind can read, counting a run's
instructions with callgrind (stable on a noisy machine, unlike time), and generated dialogs."""
import os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def readable_copy(binary, work):
    """A copy of `binary` in `work` without its debug information: valgrind 3.19 cannot read the
    DWARF 5 the Swift toolchain writes."""
    copy = os.path.join(work, "intake")
    subprocess.run(["cp", binary, copy], check=True)
    subprocess.run(["strip", "--strip-debug", copy], check=True)
    return copy


def generated_dialog(size, folder):
    """An intake-like dialog of `size` questions (scripts/bench/generate-dialog) in `folder`."""
    subprocess.run([os.path.join(ROOT, "scripts/bench/generate-dialog"), str(size), folder], check=True)
    return folder


def instructions(argv, what, **run):
    """The instructions callgrind counted running `argv`, and the run; exits naming `what` when
    callgrind gave no count."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
        capture_output=True, text=True, timeout=900, **run)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        sys.exit(f"{what}: no instruction count from callgrind:\n" + done.stderr[-2000:])
    return int(found.group(1)), done
