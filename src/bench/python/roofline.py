#!/usr/bin/env python3
"""A roofline of one training step: each part's time, FLOPs and bytes against the machine's ceilings.

Reads
  VERBOSE  the output of a training run with oneDNN's verbose mode (DNNL_VERBOSE=1 ./lenet train ... --json):
           every primitive lenet's training chain ran, with its time
  CEILINGS the JSON line of lenet.bench.Roofline (oneDNN's sgemm, GFLOP/s; STREAM's triad, GB/s)
  PARTS    the JSON line of lenet.bench.TrainingStep (the parts outside oneDNN, ms per step)
and prints a Markdown table, one row per part: ms per step, MFLOP, MB moved, GFLOP/s, FLOPs per byte, the ceiling
for that intensity (min(sgemm, intensity x triad)) and the share of it reached. Bytes are the compulsory traffic:
each array read or written once, in the layout oneDNN chose (channel blocks padded), the caches ignored; the true
traffic is larger, so the intensities are upper bounds. Only primitives of the batch size given are counted (the
validation and test passes run other chains); the first --skip of each primitive's runs are left out (oneDNN's JIT
and Java's warm up then).

  python3 src/bench/python/roofline.py VERBOSE CEILINGS PARTS [--batch 128] [--skip 0.25] [--adam-ms MS]
      [--peer-images-per-second N] [--default-images-per-second N]
"""
import argparse
import collections
import json
import re


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("verbose")
    p.add_argument("ceilings")
    p.add_argument("parts")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--skip", type=float, default=0.25)
    p.add_argument("--adam-ms", type=float, default=None,
                   help="AdamStep's own time (lenet.onednn.AdamStepTime); else fit less forward+backward")
    p.add_argument("--peer-images-per-second", type=float, default=0,
                   help="training images/s measured with the peers' recipe (the benchmark's): adds the whole step")
    p.add_argument("--default-images-per-second", type=float, default=0,
                   help="the same for lenet's default recipe")
    return p.parse_args()


WEIGHT_ROWS = {6, 16, 120, 84, 10}


def padded(channels, layout):
    """Channels as stored: blocked layouts (aBcd16b, aBcd8b, ABcd16a16b...) round the channel dimension up."""
    m = re.search(r"(\d+)b", layout)
    return -(-channels // int(m.group(1))) * int(m.group(1)) if m and "B" in layout else channels


def conv_sizes(desc):
    d = {k: int(v) for k, v in re.findall(r"([a-z]+)(\d+)", desc)}
    return d


def cost(kind, prop, desc, mds):
    """(FLOPs, bytes) of one run of a primitive, from its problem descriptor and memory descriptors."""
    layouts = [m.split(":")[-2] if m.count(":") >= 3 else "" for m in mds.split(" ")]
    lay = " ".join(layouts)
    if kind == "convolution":
        d = conv_sizes(desc)
        mb, ic, oc = d["mb"], d["ic"], d["oc"]
        flops = 2.0 * mb * oc * d["oh"] * d["ow"] * ic * d["kh"] * d["kw"]
        src = mb * padded(ic, layouts[0]) * d["ih"] * d["iw"]
        dst = mb * padded(oc, layouts[-1]) * d["oh"] * d["ow"]
        wei = oc * ic * d["kh"] * d["kw"]
        return flops, 4.0 * (src + dst + wei + oc)
    if kind == "inner_product":
        d = conv_sizes(desc)
        inputs = d["ic"] * d.get("ih", 1) * d.get("iw", 1)
        flops = 2.0 * d["mb"] * inputs * d["oc"]
        return flops, 4.0 * (d["mb"] * inputs + d["mb"] * d["oc"] + inputs * d["oc"] + d["oc"])
    if kind.startswith("pooling"):
        d = conv_sizes(desc)
        c = padded(d["ic"], layouts[0])
        src, dst = d["mb"] * c * d["ih"] * d["iw"], d["mb"] * c * d["oh"] * d["ow"]
        # forward: src read, dst and its u8 workspace written; backward: diff_dst and workspace read, diff_src written
        return 0.0, 4.0 * (src + dst) + dst
    dims = [int(x) for x in desc.split("x")] if re.fullmatch(r"[\dx]+", desc) else []
    n = 1
    for i, v in enumerate(dims):
        n *= padded(v, layouts[0]) if i == 1 else v
    if kind == "eltwise":
        return float(n), 4.0 * n * (2 if prop.startswith("forward") else 3)
    if kind == "reorder":
        m = 1
        for i, v in enumerate(dims):
            m *= padded(v, layouts[-1]) if i == 1 else v
        return 0.0, 4.0 * (n + m)
    return 0.0, 0.0


def main():
    args = parse_args()
    ceilings = json.loads(open(args.ceilings).read().strip().splitlines()[-1])
    parts = json.loads(open(args.parts).read().strip().splitlines()[-1])
    peak, bandwidth = ceilings["sgemm_gflops"], ceilings["triad_gb_per_s"]
    runs = collections.OrderedDict()
    for line in open(args.verbose):
        if not line.startswith("onednn_verbose,exec"):
            continue
        f = line.rstrip().split(",")
        kind, prop, mds, desc, ms = f[3], f[5], f[6], f[9], float(f[10])
        if prop == "forward_inference":
            continue
        batch = re.match(r"mb(\d+)", desc) or re.match(r"(\d+)x", desc)
        # the weights' reorders (DL4J's layout to oneDNN's and back) carry no batch: their first dimension is a
        # layer's outputs; the validation passes' few reorders of them are counted too
        weights = kind == "reorder" and batch and int(batch.group(1)) in WEIGHT_ROWS
        if not weights and (not batch or int(batch.group(1)) != args.batch):
            continue
        runs.setdefault((kind, prop, desc, mds), []).append(ms)
    steps = max(len(v) for k, v in runs.items() if k[0] == "convolution")
    rows, total = [], {"ms": 0.0, "flops": 0.0, "bytes": 0.0}
    for (kind, prop, desc, mds), times in runs.items():
        kept = times[int(len(times) * args.skip):]
        per_step = sum(kept) / len(kept) * len(times) / steps
        flops, nbytes = cost(kind, prop, desc, mds)
        flops, nbytes = flops * len(times) / steps, nbytes * len(times) / steps
        name = "%s %s %s" % (kind.replace("_v2", ""), prop.replace("_training", ""), desc)
        if kind == "reorder":
            ends = [m.split(":")[-2] for m in mds.split(" ") if m.count(":") >= 3]
            name = "reorder %s, %s to %s" % (desc, ends[0], ends[-1])
        rows.append((name, per_step, flops, nbytes))
    adam = args.adam_ms if args.adam_ms is not None else parts["fit_all_of_it_"] - parts["forward_backward_loss"]
    java = [("Adam update (AdamStep)", adam,
             61706 * 10.0, 61706 * 4 * 8.0),
            ("default augmentation (distortions, flagged 1s, label smoothing)", parts["default_augmentation"],
             args.batch * 784 * 60.0, args.batch * 784 * 8.0),
            ("whole-pixel shift (the peer's recipe)", parts["shift"], 0.0, args.batch * 784 * 8.0),
            ("batch assembly (ShuffledBatches.next)", parts["batch"], 0.0, 0.0)]
    onednn_ms = sum(r[1] for r in rows)
    step_ms = parts["forward_backward_loss"]
    if step_ms > onednn_ms:  # oneDNN's verbose mode slows its primitives: the difference can come out below 0
        rows.append(("the rest of forward+backward: softmax, loss, labels, JNI", step_ms - onednn_ms,
                     args.batch * 10 * 10.0, args.batch * 10 * 12.0))
    print("ceilings: oneDNN sgemm %.1f GFLOP/s, STREAM triad %.1f GB/s, %d threads" % (
        peak, bandwidth, ceilings["threads"]))
    print()
    print("| part | ms per step | MFLOP | MB | GFLOP/s | FLOP/byte | ceiling GFLOP/s | of ceiling |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, ms, flops, nbytes in rows + java:
        intensity = flops / nbytes if nbytes else float("inf")
        ceiling = min(peak, intensity * bandwidth)
        rate = flops / ms / 1e6 if ms > 0 else 0.0
        share = rate / ceiling if ceiling > 0 and flops > 0 else float("nan")
        # a part without arithmetic is bound by memory alone: its share is bytes moved at the triad's rate
        if flops == 0 and nbytes > 0 and ms > 0:
            share = nbytes / ms / 1e6 / bandwidth
        print("| %s | %.3f | %.2f | %.2f | %.1f | %s | %s | %s |" % (
            name, ms, flops / 1e6, nbytes / 1e6, rate, "%.1f" % intensity if nbytes else "–",
            "%.0f" % ceiling if flops else "%.1f GB/s" % bandwidth, "–" if share != share else "%.0f%%" % (100 * share)))
        if "shift" not in name:
            total["ms"] += ms
            total["flops"] += flops
            total["bytes"] += nbytes
    rate = total["flops"] / total["ms"] / 1e6
    print("| **the parts added up, default recipe** | **%.3f** | **%.1f** | **%.1f** | **%.1f** | %.1f | %.0f | **%.0f%%** |" % (
        total["ms"], total["flops"] / 1e6, total["bytes"] / 1e6, rate, total["flops"] / total["bytes"], peak,
        100 * rate / peak))
    per_image = sum(r[2] for r in rows) / args.batch
    for label, rate_images in (("the peers' recipe", args.peer_images_per_second),
                               ("the default recipe", args.default_images_per_second)):
        if rate_images:
            achieved = per_image * rate_images / 1e9
            print("| **a step as trained, %s: %s images/s** | **%.3f** | %.1f | | **%.1f** | | %.0f | **%.0f%%** |" % (
                label, "{:,.0f}".format(rate_images), 1e3 * args.batch / rate_images, per_image * args.batch / 1e6,
                achieved, peak, 100 * achieved / peak))
    print()
    print(json.dumps({"ceilings": ceilings, "parts": parts, "step_ms": total["ms"], "step_gflops": rate,
                      "of_sgemm": rate / peak, "steps_seen": steps}))


if __name__ == "__main__":
    main()
