"""A running JVM's resident memory split by mapping, every few seconds: its Java heap (the address range
`jcmd PID GC.heap_info` prints), other anonymous memory (the C heap, thread stacks) and files (libraries, the class
archive). reliability.md, "A long, hostile load", used it beside src/bench/serve-soak.

    python3 src/bench/python/resident_by_mapping.py PID [SECONDS_BETWEEN]
"""
import re
import subprocess
import sys
import time


def heap_range(pid):
    info = subprocess.run(["jcmd", pid, "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    addresses = [int(a, 16) for line in info.splitlines() if "generation" in line or "region" in line
                 for a in re.findall(r"0x[0-9a-f]+", line)]
    return min(addresses), max(addresses)


def split(pid, low, high):
    kb = {"heap": 0, "anon": 0, "file": 0}
    kind = None
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            mapping = re.match(r"^([0-9a-f]+)-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$", line)
            if mapping:
                start, path = int(mapping.group(1), 16), mapping.group(2)
                kind = "heap" if low <= start < high else "anon" if path == "" or path.startswith("[") else "file"
            elif line.startswith("Rss:"):
                kb[kind] += int(line.split()[1])
    return kb


def main():
    pid = sys.argv[1]
    every = float(sys.argv[2]) if len(sys.argv) > 2 else 10
    low, high = heap_range(pid)
    start = time.time()
    while True:
        try:
            kb = split(pid, low, high)
        except FileNotFoundError:
            return
        print(f"t={time.time() - start:5.0f} s  resident {sum(kb.values()) / 1024:6.1f} MB  java heap "
              f"{kb['heap'] / 1024:6.1f}  other anonymous {kb['anon'] / 1024:6.1f}  files {kb['file'] / 1024:6.1f}",
              flush=True)
        time.sleep(every)


if __name__ == "__main__":
    main()
