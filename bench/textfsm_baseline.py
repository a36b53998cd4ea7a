#!/usr/bin/python3
"""Python textfsm (Debian's python3-textfsm) on the same ntc-templates test outputs as the Java engine.

Prints one JSON object: milliseconds per round over every case (median of the rounds after a warm-up).
"""
import argparse
import glob
import json
import os
import statistics
import time

from textfsm import clitable


def cases(root):
    found = []
    for raw in sorted(glob.glob(os.path.join(root, "tests", "*", "*", "*.raw"))):
        command_dir = os.path.dirname(raw)
        platform = os.path.basename(os.path.dirname(command_dir))
        command = os.path.basename(command_dir).replace("_", " ")
        with open(raw, encoding="utf-8", errors="replace") as handle:
            found.append((platform, command, handle.read()))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True, help="an ntc-templates checkout (templates/ and tests/)")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    table = clitable.CliTable("index", os.path.join(args.root, "templates"))
    work = cases(args.root)
    rounds = []
    for _ in range(args.rounds + 2):
        start = time.perf_counter()
        for platform, command, text in work:
            try:
                table.ParseCmd(text, attributes={"Platform": platform, "Command": command})
            except Exception:  # a case the index cannot serve counts as done, as on the Java side
                pass
        rounds.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"round_ms": statistics.median(rounds[2:]), "cases": len(work)}))


if __name__ == "__main__":
    main()
