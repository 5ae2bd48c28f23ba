#!/usr/bin/env python3
"""Prints markdown tables from the output of bench/db_bench.cpp.

    python3 bench/bench_table.py LOG    (bench/run_db_bench.sh and `make bench`
                                         call it on build/bench/db_bench.log)

LOG holds one or more runs of db_bench_skyrocks, db_bench_rocksdb and
db_bench_leveldb (each run starts with its "LABEL db_bench N keys" line).
Every figure is the median over the runs of one library; the ratio columns
compare skyrocks with the best peer (the better of RocksDB and LevelDB for
that row) and with RocksDB. Ratios above 1 favour skyrocks for ops/s, below
1 for everything else. The sync table divides fillsync (and fillsync4)
ops/s by 1 / fsync latency, per run, then takes the median: 1.00 means one
fdatasync per write, above 1 means writes share syncs (group commit). Two
fsync latencies: the mean of the raw fsyncs db_bench takes between
fillsync's rounds (the same window: a shared disk's fsync latency changes
within seconds, and with a two-state disk only the means compare), and
fsynclat's p50 (a separate 1000-fsync workload, run just before).
"""
import re
import statistics
import sys

LIBS = [("skyrocks", "skyrocks"), ("rocksdb", "RocksDB 7.8.3"), ("leveldb", "LevelDB 1.23")]
PEERS = ["rocksdb", "leveldb"]

HEADER_RE = re.compile(r"^(\S+)\s+db_bench (\d+) keys, workloads (\S+)$")
WORKLOAD_RE = re.compile(
    r"^(\S+)\s+(\S+)\s+(\d+) ops/s\s+([\d.]+) micros/op\s+p50\s+(\S+) us\s+p99\s+(\S+) us"
    r"\s+wrote\s+([\d.]+) MiB\s+wamp\s+(\S+)\s+db\s+([\d.]+) MiB(?:\s+samp\s+([\d.]+))?"
    r"(?:\s+fsync p50\s+([\d.]+) us mean\s+([\d.]+) us)?$")
DB_SIZE_RE = re.compile(r"^(\S+)\s+DB size ([\d.]+) MiB$")
RSS_RE = re.compile(r"^(\S+)\s+peak RSS (\d+) MiB$")


def number(text):
    return None if text in (None, "-") else float(text)


def parse(lines):
    """Returns ({label: [run, ...]}, num keys); a run is {"w": {workload:
    {metric: value}}, "db_size": MiB, "rss": MiB}."""
    runs = {}
    nums = set()
    for line in lines:
        line = line.rstrip("\n")
        m = HEADER_RE.match(line)
        if m:
            runs.setdefault(m.group(1), []).append({"w": {}, "order": []})
            nums.add(int(m.group(2)))
            continue
        m = WORKLOAD_RE.match(line)
        if m:
            run = runs[m.group(1)][-1]
            run["order"].append(m.group(2))
            run["w"][m.group(2)] = {
                "ops": float(m.group(3)),
                "p50": number(m.group(5)),
                "p99": number(m.group(6)),
                "wamp": number(m.group(8)),
                "samp": number(m.group(10)),
                "fsync_p50": number(m.group(11)),
                "fsync_mean": number(m.group(12)),
            }
            continue
        m = DB_SIZE_RE.match(line)
        if m:
            runs[m.group(1)][-1]["db_size"] = float(m.group(2))
            continue
        m = RSS_RE.match(line)
        if m:
            runs[m.group(1)][-1]["rss"] = float(m.group(2))
    return runs, nums


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def workload_median(runs, label, workload, metric):
    return median([r["w"].get(workload, {}).get(metric) for r in runs.get(label, [])])


def sync_ratio(runs, label, workload, fsync_us):
    """Median over runs of workload ops/s x fsync_us(run, workload line) (1 =
    one sync a write)."""
    ratios = []
    for r in runs.get(label, []):
        w = r["w"].get(workload)
        us = w and fsync_us(r, w)
        if us:
            ratios.append(w["ops"] * us / 1e6)
    return median(ratios)


def pretty(workload):
    m = re.match(r"^(.*\D)([24])$", workload)
    return f"{m.group(1)}, {m.group(2)} threads" if m else workload


def fmt(value, kind):
    if value is None:
        return "-"
    if kind == "ops":
        return f"{value:,.0f}"
    if kind == "us":
        return f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
    if kind == "mib":
        return f"{value:,.1f}"
    return f"{value:.2f}"


def ratios(values, higher_is_better):
    sky = values.get("skyrocks")
    peers = [values.get(p) for p in PEERS if values.get(p)]
    if not sky or not peers:
        return "-", "-"
    best = max(peers) if higher_is_better else min(peers)
    rdb = values.get("rocksdb")
    return f"{sky / best:.2f}", (f"{sky / rdb:.2f}" if rdb else "-")


def table(title, rows, kind, higher_is_better=False, with_ratios=True):
    """rows: [(row name, {label: value}[, kind for this row])]; a row of
    kind "disk" (no library involved) is formatted as kind, without ratios."""
    heads = ["", *[name for _, name in LIBS]]
    if with_ratios:
        heads += ["skyrocks / best peer", "skyrocks / RocksDB"]
    out = [title, "", "| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for name, values, *row_kind in rows:
        disk = row_kind == ["disk"]
        row_fmt = kind if disk or not row_kind else row_kind[0]
        cells = [name, *[fmt(values.get(label), row_fmt) for label, _ in LIBS]]
        if with_ratios:
            cells += ["-", "-"] if disk else ratios(values, higher_is_better)
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench_table.py LOG")
    with open(sys.argv[1]) as f:
        runs, nums = parse(f)
    if not runs:
        sys.exit(f"{sys.argv[1]}: no db_bench output")
    workloads = []
    for label_runs in runs.values():
        for r in label_runs:
            workloads += [w for w in r["order"] if w not in workloads]
    labels = [label for label, _ in LIBS]
    counts = ", ".join(f"{label} {len(runs.get(label, []))}" for label in labels)
    print(f"db_bench, {'/'.join(str(n) for n in sorted(nums))} keys; runs: {counts};"
          f" medians of the runs\n")

    def rows(metric, names):
        return [(pretty(w), {l: workload_median(runs, l, w, metric) for l in labels})
                for w in names]

    timed = [w for w in workloads if w != "fsynclat"]
    ops_rows = rows("ops", timed)
    if "fsynclat" in workloads:
        ops_rows.append(("fsync (1 / p50, no library)",
                         {l: workload_median(runs, l, "fsynclat", "ops") for l in labels},
                         "disk"))
    print(table("Throughput, ops/s (higher is better)", ops_rows, "ops", higher_is_better=True))
    with_lat = [w for w in timed if any(workload_median(runs, l, w, "p99") for l in labels)]
    print(table("p99 latency, us (lower is better)", rows("p99", with_lat), "us"))
    writes = [w for w in timed if any(workload_median(runs, l, w, "wamp") for l in labels)]
    print(table("Write amplification: bytes the process wrote during the workload and until its"
                " background writes stopped / keys+values written (lower is better)",
                rows("wamp", writes), "x"))
    footprint = [("space amp after overwrite: DB dir / (live keys x 116)",
                  {l: workload_median(runs, l, "overwrite", "samp") for l in labels}, "x"),
                 ("DB dir size at the end, MiB",
                  {l: median([r.get("db_size") for r in runs.get(l, [])]) for l in labels}),
                 ("peak RSS, MiB",
                  {l: median([r.get("rss") for r in runs.get(l, [])]) for l in labels})]
    print(table("Footprint (lower is better)", footprint, "mib"))
    syncs = [w for w in ("fillsync", "fillsync2", "fillsync4") if w in workloads]
    if syncs:
        def in_window(_, w):
            return w["fsync_mean"]

        def fsynclat(r, _):
            return r["w"].get("fsynclat", {}).get("p50")

        sync_rows = []
        for w in syncs:
            sync_rows += [
                (f"{pretty(w)} ops/s x mean fsync between its rounds",
                 {l: sync_ratio(runs, l, w, in_window) for l in labels}),
                (f"{pretty(w)} ops/s x fsynclat p50",
                 {l: sync_ratio(runs, l, w, fsynclat) for l in labels}),
                (f"mean fsync between {pretty(w)} rounds, us",
                 {l: workload_median(runs, l, w, "fsync_mean") for l in labels}, "us"),
            ]
        print(table("Sync writes against the disk: 1.00 = one fdatasync per write,"
                    " above 1 = writes share syncs", sync_rows, "x", with_ratios=False))


if __name__ == "__main__":
    main()
