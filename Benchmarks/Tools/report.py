#!/usr/bin/env python3
"""Turns one `./run` into tables of ours vs each peer, with ratios.

Inputs (all from the same run, in RESULTS_DIR):
  Current_run.jmh.json   package-benchmark, --format jmh (every suite: ours and the Swift/C peers)
  erlang.txt             erlang/bench.escript (optional)
  instructions.txt       callgrind counts per pass from ./run (optional)
  packetcat.jsonl        `packetcat bench --format json` lines (optional)

Every benchmark name is `ID · IMPLEMENTATION · UNITS pkts|msgs · BYTES B`; a figure is the best
(p0) wall-clock time of one pass, turned into units/s and bytes/s. A ratio is ours / peer in
units per second: above 1 we are faster. Streams of the drip-fed runs are smaller than the
64 KiB-chunk ones, so comparisons are always per unit, never per pass.

Usage: report.py RESULTS_DIR > report.md
"""

import json
import os
import re
import sys

NAME = re.compile(r"^(?P<id>.+?) · (?P<impl>.+?) · (?P<units>\d+) (?P<noun>pkts|msgs) · (?P<bytes>\d+) B$")
UNIT_SECONDS = {"ns": 1e-9, "μs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


class Figure:
    def __init__(self, wid, impl, units, noun, nbytes, seconds, mallocs=None, instructions=None, target=None):
        self.id, self.impl, self.units, self.noun, self.bytes = wid, impl, units, noun, nbytes
        self.seconds, self.mallocs, self.instructions, self.target = seconds, mallocs, instructions, target

    @property
    def rate(self):
        return self.units / self.seconds

    @property
    def byte_rate(self):
        return self.bytes / self.seconds


def parse_name(raw):
    """(target, match) for `package.benchmark.TARGET.NAME` (JMH writes spaces as `_`)."""
    if not raw.startswith("package.benchmark."):
        return None, NAME.match(raw.strip())
    _, _, target, name = raw.split(".", 3)
    return target, NAME.match(name.replace("_", " ").strip())


def load(results):
    figures = {}
    jmh_path = os.path.join(results, "Current_run.jmh.json")
    if os.path.exists(jmh_path):
        for entry in json.load(open(jmh_path, encoding="utf-8")):
            target, m = parse_name(entry["benchmark"])
            if not m:
                continue
            metrics = entry.get("secondaryMetrics", {})
            wall = metrics.get("Time (wall clock)")
            if not wall:
                continue
            seconds = wall["scorePercentiles"]["0.0"] * UNIT_SECONDS.get(wall["scoreUnit"], 1e-9)
            malloc = metrics.get("Malloc (total)")
            mallocs = malloc["scorePercentiles"]["50.0"] if malloc else None
            f = Figure(m["id"], m["impl"], int(m["units"]), m["noun"], int(m["bytes"]), seconds, mallocs,
                       target=target)
            figures[(f.id, f.impl)] = f
        # The harness's own mallocs per pass (the `overhead` case of each suite) are not the code's.
        overhead = {}
        for entry in json.load(open(jmh_path, encoding="utf-8")):
            target, m = parse_name(entry["benchmark"])
            malloc = entry.get("secondaryMetrics", {}).get("Malloc (total)")
            if m and m["id"] == "overhead" and malloc:
                overhead[target] = malloc["scorePercentiles"]["50.0"]
        for key in [k for k in figures if k[0] == "overhead"]:
            del figures[key]
        for f in figures.values():
            if f.mallocs is not None and f.target in overhead:
                f.mallocs = max(0, f.mallocs - overhead[f.target])
    erlang_path = os.path.join(results, "erlang.txt")
    if os.path.exists(erlang_path):
        for line in open(erlang_path, encoding="utf-8"):
            if line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("·")]
            if len(parts) != 5:
                continue
            m = NAME.match(" · ".join(parts[:4]))
            if m:
                f = Figure(m["id"], m["impl"], int(m["units"]), m["noun"], int(m["bytes"]), float(parts[4]))
                figures[(f.id, f.impl)] = f
    instructions_path = os.path.join(results, "instructions.txt")
    if os.path.exists(instructions_path):
        for line in open(instructions_path, encoding="utf-8"):
            name, _, per_pass = line.rstrip("\n").rpartition("\t")
            m = NAME.match(name)
            if m and (m["id"], m["impl"]) in figures:
                figures[(m["id"], m["impl"])].instructions = float(per_pass)
    return figures


def si(value, unit=""):
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= scale:
            v = value / scale
            return f"{v:.3g} {prefix}{unit}"
    return f"{value:.3g} {unit}".rstrip()


def mallocs(f):
    return "" if f.mallocs is None else str(int(round(f.mallocs)))


def ratio(a, b):
    return a.rate / b.rate if a and b else None


def fmt_ratio(r):
    return "–" if r is None else (f"{r:.2f}x" if r < 10 else f"{r:.0f}x")


# Which of our figures each peer is held against.
PAIRS = [
    ("ours scan", ["C scan", "C memchr"]),
    ("ours framer 64K", ["NIO loop 64K", "NIO decoder 64K", "erlang 64K", "C framer 64K", "C heads 64K"]),
    ("ours framer whole", ["erlang whole", "C heads whole"]),
    ("ours framer in place 64K", ["C scan", "C memchr", "erlang 64K", "C framer 64K"]),
    ("ours framer drip", ["NIO loop drip", "NIO decoder drip", "erlang drip", "C framer drip"]),
    ("ours decode_packet loop", ["erlang whole"]),
    ("ours encoder", ["C encode", "NIO loop", "NIO prepender"]),
    ("ours NIO decoder 64K", ["NIO decoder 64K"]),
    ("ours NIO decoder drip", ["NIO decoder drip"]),
    ("ours NIO head decoder 64K", ["NIO decoder 64K", "ours NIO decoder 64K"]),
    ("ours NIO head decoder drip", ["NIO decoder drip", "ours NIO decoder drip"]),
]


ORDER = ["len", "line", "sunrm", "asn1", "tpkt", "fcgi", "cdr", "http", "enc"]
SIZES = {"16": 16, "64": 64, "4k": 4096, "1m": 1 << 20}


def ids_in_order(figures):
    def key(wid):
        family = next((i for i, prefix in enumerate(ORDER) if wid.startswith(prefix)), len(ORDER))
        parts = wid.split("-")
        size = SIZES.get(parts[1], 0) if len(parts) > 1 else 0
        return (family, parts[0], size, wid)

    return sorted({wid for wid, _ in figures}, key=key)


def throughput_table(figures, out):
    out.append("| workload | ours | units/s | bytes/s | mallocs/pass | peer | peer units/s | peer mallocs/pass | ours / peer |")
    out.append("|---|---|---:|---:|---:|---|---:|---:|---:|")
    for wid in ids_in_order(figures):
        for ours_impl, peers in PAIRS:
            ours = figures.get((wid, ours_impl))
            if not ours:
                continue
            noun = "msgs" if ours.noun == "msgs" else "pkts"
            first = True
            present = [p for p in peers if (wid, p) in figures] or [None]
            for peer_impl in present:
                peer = figures.get((wid, peer_impl)) if peer_impl else None
                head = (
                    f"| {wid} | {ours_impl} | {si(ours.rate)} {noun}/s | {si(ours.byte_rate, 'B')}/s | "
                    f"{mallocs(ours)} "
                    if first
                    else "| | | | | "
                )
                tail = (
                    f"| {peer_impl} | {si(peer.rate)} {noun}/s | {mallocs(peer)} | {fmt_ratio(ratio(ours, peer))} |"
                    if peer
                    else "| | | | |"
                )
                out.append(head + tail)
                first = False


def drip_cost(figures, wid, who="ours framer"):
    """How many times more one byte costs drip-fed than in 64 KiB chunks (ours, or the C framer)."""
    big, drip = figures.get((wid, f"{who} 64K")), figures.get((wid, f"{who} drip"))
    if not big or not drip:
        return None
    return big.byte_rate / drip.byte_rate


def instruction_ratio(a, b):
    """Ours / peer in units per instruction (per-unit instruction counts, peer over ours)."""
    if not a or not b or a.instructions is None or b.instructions is None:
        return None
    return (b.instructions / b.units) / (a.instructions / a.units)


def targets_table(figures, out):
    rows = []

    def add(label, ours_key, peer, goal, higher=True, peer_label=None):
        ours = figures.get(ours_key)
        r = ratio(ours, peer) if ours and peer else None
        ir = instruction_ratio(ours, peer)
        holds = None if r is None else (r >= goal if higher else r <= goal)
        rows.append((label, peer_label or (peer.impl if peer else "–"), f"≥ {goal}x", r, ir, holds))

    for wid, c_impl in (("len4-64", "C scan"), ("line-64", "C memchr")):
        add(f"{wid}: codec scan vs C", (wid, "ours scan"), figures.get((wid, c_impl)), 0.5)
    for wid, erl_goal in (("len4-64", 3), ("line-64", 2)):
        add(f"{wid}: framer vs NIO ByteBuffer loop", (wid, "ours framer 64K"), figures.get((wid, "NIO loop 64K")), 3)
        add(f"{wid}: framer vs Erlang decode_packet, 64 KiB chunks", (wid, "ours framer 64K"),
            figures.get((wid, "erlang 64K")), erl_goal)
        add(f"{wid}: framer vs Erlang decode_packet, whole stream", (wid, "ours framer whole"),
            figures.get((wid, "erlang whole")), erl_goal)
    add("http-req: typed head vs Erlang decode_packet, 64 KiB chunks", ("http-req", "ours framer 64K"),
        figures.get(("http-req", "erlang 64K")), 4)
    add("http-req: typed head vs Erlang decode_packet, whole stream", ("http-req", "ours framer whole"),
        figures.get(("http-req", "erlang whole")), 4)
    add("http-req: typed head vs NIOHTTP1 pipeline", ("http-req", "ours framer 64K"),
        figures.get(("http-req", "NIO decoder 64K")), 8)
    add("http-req: head as one value through ByteToMessageHandler vs NIOHTTP1's (issue 10)",
        ("http-req", "ours NIO head decoder 64K"), figures.get(("http-req", "NIO decoder 64K")), 5)
    out.append("| target (issue 6 item 5) | peer | goal | ours / peer (time) | ours / peer (instructions) | holds |")
    out.append("|---|---|---|---:|---:|---|")
    for label, peer, goal, r, ir, holds in rows:
        verdict = "–" if holds is None else ("yes" if holds else "**no**")
        out.append(f"| {label} | {peer} | {goal} | {fmt_ratio(r)} | {fmt_ratio(ir)} | {verdict} |")
    for wid in ("line-64", "line-4k", "http-req", "http-cookie"):
        cost = drip_cost(figures, wid)
        verdict = "–" if cost is None else ("yes" if cost <= 3 else "**no**")
        shown = "–" if cost is None else f"{cost:.1f}x"
        floor = drip_cost(figures, wid, "C framer")
        floor_shown = "" if floor is None else f" (C framer, same chunks: {floor:.1f}x)"
        out.append(
            f"| {wid}: drip-fed cost per byte vs 64 KiB chunks | (ours){floor_shown} | ≤ 3x | {shown} | | {verdict} |")


def packetcat_runs(results):
    """Every `packetcat bench` line of the run: (arguments as a dict, the JSON result)."""
    path = os.path.join(results, "packetcat.jsonl")
    if not os.path.exists(path):
        return []
    runs = []
    for line in open(path, encoding="utf-8"):
        cmd, _, js = line.partition("\t")
        if not js.startswith("{"):
            continue
        words = cmd.split()[2:]  # after `packetcat bench`
        args = {}
        for i, w in enumerate(words):
            if w.startswith("--") and w != "--against":
                nxt = words[i + 1] if i + 1 < len(words) else None
                args[w[2:]] = nxt if nxt is not None and not nxt.startswith("--") else True
        runs.append((args, json.loads(js)))
    return runs


def issue13_table(figures, results, out):
    """Issue 13's goals, each from this run: the harness (~1 MiB, cache-resident), `packetcat
    bench` on the same streams and on ~64 MB ones (beyond the cache), and the instruction counts."""
    runs = packetcat_runs(results)
    rows = []

    def find(type_, payload=None, big=False, in_place=False, chunk=None):
        for args, d in runs:
            if args.get("type") != type_ or (payload and args.get("payload") != payload):
                continue
            if bool(args.get("in-place")) != in_place or args.get("chunk") != chunk:
                continue
            if (d["bytes"] > 32 * 1024 * 1024) != big:
                continue
            return d
        return None

    def peer_ratio(d, peer):
        for p in (d or {}).get("against", []):
            if p["peer"] == peer:
                return p["ratio"]
        return None

    def add(item, label, value, goal, higher=True, note=""):
        holds = None if value is None else (value >= goal if higher else value <= goal)
        sign = "≥" if higher else "≤"
        rows.append((item, label, f"{sign} {goal}x", value, holds, note))

    # 1. packetcat bench runs the harness's loop: same stream, same run, within 10 %.
    for wid, type_, payload in (("len4-64", "4", "64"), ("line-64", "line", "64"), ("line-4k", "line", "4096"),
                                ("http-req", "http_bin", None)):
        harness = figures.get((wid, "ours framer 64K"))
        d = find(type_, payload)
        r = d["packets_per_second"] / harness.rate if d and harness and type_ != "http_bin" else None
        if d and harness and type_ == "http_bin":
            r = d["packets_per_second"] / 9 / harness.rate  # 9 packets (lines) a request
        add("1", f"`packetcat bench` / harness `{wid} · ours framer 64K`, wall clock", r, 0.9, note="≤ 10 % apart")
    # The same by instruction counts (./check-packetcat): the wall clock of this kind of machine
    # moves by up to 2x between runs minutes apart, the instructions do not.
    checked = os.path.join(results, "check-packetcat.txt")
    if os.path.exists(checked):
        for line in open(checked, encoding="utf-8"):
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 4 or not fields[2].startswith("packetcat ") or not fields[3].startswith("harness "):
                continue
            ours, harness = int(fields[2].split()[1]), int(fields[3].split()[1])
            r = ours / harness if harness else None
            holds = None if r is None else 0.9 <= r <= 1.1
            rows.append(("1", f"`packetcat bench` / harness `{fields[1].rstrip(' ·')}`, instructions a pass",
                         "0.9x–1.1x", r, holds, "./check-packetcat"))
    # 2 and 3. Both stream sizes; the framer copying each chunk in (default) and framing in place.
    goals = (("4", "64", "64 B frames, 4-byte header", "2", "walk", 0.7, 6),
             ("line", "64", "64 B lines", "2", "memchr", 0.7, 3),
             ("line", "4096", "4 KiB lines", "3", "memchr", 0.9, 1.5))
    for type_, payload, what, item, c_peer, c_goal, erl_goal in goals:
        for big in (False, True):
            where = "~64 MB" if big else "~1 MiB"
            for in_place in (True, False):
                d = find(type_, payload, big=big, in_place=in_place)
                how = "in place (`feed`)" if in_place else "copied in (`append`)"
                add(item, f"{what}, {where}, {how} vs C {c_peer}", peer_ratio(d, c_peer), c_goal)
                add(item, f"{what}, {where}, {how} vs Erlang", peer_ratio(d, "erlang"), erl_goal)
            # C's copying reader on the same chunks (memchr-copy for lines, walk-copy for frames),
            # timed in turns with ours: what copying each chunk in leaves a framer, against the
            # in-place split or walk the goal names.
            c_copy = {"memchr": "memchr-copy", "walk": "walk-copy"}[c_peer]
            d = find(type_, payload, big=big, in_place=False)
            m, mc = peer_ratio(d, c_peer), peer_ratio(d, c_copy)
            if mc is not None:
                rows.append((item, f"{what}, {where}, copied in (`append`) vs C {c_copy} (C copying the same chunks in)",
                             "", mc, None, ""))
            if m and mc:
                rows.append((item, f"{what}, {where}: C {c_copy} itself vs C {c_peer} (what copying in leaves any framer)",
                             "", m / mc, None, ""))
            d = find(type_, payload, big=big, in_place=True)
            c, e = peer_ratio(d, c_peer), peer_ratio(d, "erlang")
            ceiling = e / c if c and e else None
            if ceiling is not None:
                rows.append((item, f"{what}, {where}: C {c_peer} itself vs Erlang (what any framer can reach)",
                             "", ceiling, None, ""))
    d = find("http_bin", big=True)
    add("2", "typed HTTP request, ~64 MB vs Erlang", peer_ratio(d, "erlang"), 6)
    d = find("http_bin")
    add("2", "typed HTTP request, ~1 MiB vs Erlang", peer_ratio(d, "erlang"), 6)
    # 4. picohttpparser itself cannot be in the run (its code may not be committed); `C heads` is
    # a parser of its kind written here, held against picohttpparser by hand (README).
    for how, ours_impl, c_impl in (("64 KiB chunks", "ours framer 64K", "C heads 64K"),
                                   ("whole stream", "ours framer whole", "C heads whole")):
        ours, c = figures.get(("http-req", ours_impl)), figures.get(("http-req", c_impl))
        add("4", f"typed HTTP request vs C heads (pointers and lengths), {how}, wall clock", ratio(ours, c), 1.0)
        rows.append(("4", f"the same, instructions a request", "", instruction_ratio(ours, c), None, ""))
    # 5. Drip-fed bytes: instructions a byte against the C framer drip-fed the same way.
    c_drip = figures.get(("line-64", "C framer drip"))
    for wid in ("line-64", "http-req"):
        ours = figures.get((wid, "ours framer drip"))
        r = None
        if ours and c_drip and ours.instructions is not None and c_drip.instructions is not None:
            r = (ours.instructions / ours.bytes) / (c_drip.instructions / c_drip.bytes)
        add("5", f"{wid} drip-fed, instructions a byte / C line framer drip-fed", r, 1.5, higher=False)
    out.append("| item | measure | goal | ours / peer | holds |")
    out.append("|---|---|---|---:|---|")
    for item, label, goal, value, holds, note in rows:
        verdict = "–" if holds is None else ("yes" if holds else "**no**")
        shown = fmt_ratio(value) if value is not None else "–"
        out.append(f"| {item} | {label}{' (' + note + ')' if note else ''} | {goal} | {shown} | {verdict} |")


def instructions_table(figures, out):
    rows = [f for f in figures.values() if f.instructions is not None]
    if not rows:
        return
    out.append("")
    out.append("Instructions per unit (callgrind, `bench-probe`, one pass minus setup; stable on a busy machine):")
    out.append("")
    out.append("| workload | implementation | instructions / unit |")
    out.append("|---|---|---:|")
    for f in sorted(rows, key=lambda f: (f.id, f.impl)):
        out.append(f"| {f.id} | {f.impl} | {f.instructions / f.units:.1f} |")


def packetcat_table(results, out):
    path = os.path.join(results, "packetcat.jsonl")
    if not os.path.exists(path):
        return
    lines = [l for l in open(path, encoding="utf-8") if "\t{" in l]
    if not lines:
        return
    out.append("")
    out.append("`packetcat bench` (same machine, same run; peers timed in the same packetcat run, ours / peer):")
    out.append("")
    out.append("| command | packets/s | bytes/s | ours / peer |")
    out.append("|---|---:|---:|---|")
    for line in lines:
        cmd, _, js = line.partition("\t")
        d = json.loads(js)
        peers = ", ".join(f"{p['peer']} {p['ratio']:.2f}x" for p in d.get("against", []))
        out.append(
            f"| `{cmd.strip()}` | {si(d['packets_per_second'])} | {si(d['bytes_per_second'], 'B')}/s | {peers} |"
        )


def main():
    results = sys.argv[1]
    figures = load(results)
    out = []
    meta = os.path.join(results, "machine.txt")
    if os.path.exists(meta):
        out.extend(l.rstrip("\n") for l in open(meta, encoding="utf-8"))
        out.append("")
    out.append("### Targets")
    out.append("")
    targets_table(figures, out)
    out.append("")
    out.append("### Issue 13's goals")
    out.append("")
    issue13_table(figures, results, out)
    out.append("")
    out.append("### Ours vs each peer")
    out.append("")
    throughput_table(figures, out)
    instructions_table(figures, out)
    packetcat_table(results, out)
    allocations = os.path.join(results, "allocations.txt")
    if os.path.exists(allocations):
        out.append("")
        out.append("Allocation limits (`./check-allocations`: whole runs of our framer and encoder):")
        out.append("")
        out.append("```")
        out.extend(l.rstrip("\n") for l in open(allocations, encoding="utf-8"))
        out.append("```")
    print("\n".join(out))


if __name__ == "__main__":
    main()
