#!/usr/bin/env python3
"""lenet against its PyTorch peers, on this machine, in one run.

Trains lenet and its peers for the same epochs with the same setup (lenet's defaults but for its distortions, label
smoothing and learning-rate schedule, which the peers do not have: lenet runs the older recipe of PEER_RECIPE; read
back from the checkpoint lenet's first run wrote, then handed to the peers). The peers: Debian's PyTorch (1.13,
lenet_peer.py) and PyTorch 2.7.1 through DJL's PyTorch engine in Java (lenet.bench.TorchPeer, from the bench
profile's jars; x86-64 Linux only). lenet with PEER_RECIPE, PyTorch 1.13, PyTorch 2.7.1 and lenet with its default
recipe train in turn, --train-runs times, and each side's median steady images/s counts. Then it measures
inference at batch 1 and at batch 1,000 (the sides alternating, five runs each, the median counting), the wall
time of evaluating the test set and the cold start of predicting one PNG (lenet and PyTorch 1.13).
ONNX Runtime runs lenet's model as `lenet export` writes it, with the same threads: inference and eval. Every
measurement runs in a child process of its own; peak memory and CPU time come from the kernel (wait4), wall time
from this driver. Prints a table, then the JSON summary on its last line, and writes the summary to
target/bench/benchmark.json. Run it through src/bench/benchmark.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HOME = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PEER = os.path.join(HOME, "src", "bench", "python", "lenet_peer.py")
# PyTorch 2.7.1 through DJL: its natives come from the classpath's jars (offline) and are unpacked under target/djl
TORCH_PEER = ["java", "-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + os.path.join(HOME, "target", "djl")]
TEST_CLASSPATH = os.path.join(HOME, "target", "test-classpath.txt")
DATA = os.path.join(HOME, "data", "mnist")
IMAGE = os.path.join(HOME, "src", "site", "resources", "digits", "one-mnist.png")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--epochs", type=int, default=10, help="training epochs on each side (default: 10)")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="threads on each side (default: cores)")
    p.add_argument("--predict-runs", type=int, default=5, help="cold starts of predict on each side (default: 5)")
    p.add_argument("--eval-runs", type=int, default=3, help="runs of eval on each side (default: 3)")
    p.add_argument("--infer-runs", type=int, default=5,
                   help="inference runs on each side, alternating; the median counts (default: 5)")
    p.add_argument("--train-runs", type=int, default=3,
                   help="training runs on each side, alternating; the median images/s counts (default: 3)")
    p.add_argument("--peer-python", default=None, help="Python with torch (default: found by src/bench/benchmark)")
    p.add_argument("--out", default=os.path.join(HOME, "target", "bench"), help="where results go")
    p.add_argument("--cpu", choices=sorted(IMITATIONS), default="native",
                   help="run every side as an older CPU: oneDNN, OpenBLAS, MKL and PyTorch's own kernels limited to "
                        "AVX2 or SSE4.1 (default: native, this CPU as it is)")
    return p.parse_args()


# What makes every side act as an older x86-64 CPU on this one (src/site/markdown/performance.md): oneDNN's
# instruction-set limit (lenet's and both PyTorches' own copies; PyTorch 2.7.1's oneDNN 3.7 still reads the DNNL_
# name), OpenBLAS's core (lenet's and Debian's), the vector width of PyTorch's own ATen kernels, and MKL's (PyTorch
# 2.7.1's matrix products; Debian's PyTorch has no MKL).
IMITATIONS = {
    "native": {},
    "avx2": {"DNNL_MAX_CPU_ISA": "AVX2", "OPENBLAS_CORETYPE": "Haswell", "ATEN_CPU_CAPABILITY": "avx2",
             "MKL_ENABLE_INSTRUCTIONS": "AVX2"},
    "sse41": {"DNNL_MAX_CPU_ISA": "SSE41", "OPENBLAS_CORETYPE": "Nehalem", "ATEN_CPU_CAPABILITY": "default",
              "MKL_ENABLE_INSTRUCTIONS": "SSE4_2"},
}


def run_measured(cmd, env=None):
    """Runs cmd with wait4, so that this child's own peak RSS and CPU times are known."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=HOME, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    raise_if_failed(cmd, proc.returncode, stderr)
    return {"stdout": stdout, "wall_seconds": wall, "peak_rss_mb": usage.ru_maxrss / 1024.0,
            "user_seconds": usage.ru_utime, "sys_seconds": usage.ru_stime}


def raise_if_failed(cmd, code, stderr):
    if code != 0:
        sys.stderr.write(stderr[-3000:])
        sys.exit("benchmark: %s exited with %d" % (" ".join(cmd), code))


def thread_env(threads):
    env = dict(os.environ)
    env["OMP_NUM_THREADS"] = str(threads)
    return env


# what the peer can do too, the recipe before 2026-11-27: whole-pixel shifts, no flagged 1s, hard targets, rate
# 0.002 × 0.7 per epoch, 5,000 images held out for validation (accuracy.md measures the default recipe's extra work
# on its own)
PEER_RECIPE = ["--rotate", "0", "--scale", "0", "--shear", "0", "--elastic", "0", "--thicken", "0",
               "--flagged-ones", "0", "--label-smoothing", "0", "--lr", "0.002", "--gamma", "0.7",
               "--schedule", "exponential", "--val-size", "5000"]


def lenet_train(args, model, recipe=PEER_RECIPE):
    r = run_measured([os.path.join(HOME, "lenet"), "--threads", str(args.threads), "train", "--epochs",
                      str(args.epochs), *recipe, "--json", "--output", model], thread_env(args.threads))
    lines = [json.loads(line) for line in r["stdout"].splitlines() if line.strip()]
    epochs = [line for line in lines if "epoch" in line]
    with zipfile.ZipFile(model) as z:
        hyper = json.loads(z.read("lenet.json"))["hyper_parameters"]
    return {"epochs": epochs, "test_accuracy": lines[-1]["test_accuracy"], "hyper_parameters": hyper,
            "train_images_per_second": steady(epochs), **usage(r)}


def peer_train(args, peer, hyper, weights):
    """One peer's training run; peer: the command that runs it (lenet_peer.py's or TorchPeer's), before its
    subcommand."""
    r = run_measured([*peer, "train", "--threads", str(args.threads), "--data", DATA,
                      "--epochs", str(args.epochs), "--batch-size", str(hyper["batch_size"]),
                      "--lr", str(hyper["learning_rate"] * hyper.get("workers", 1)), "--gamma", str(hyper["gamma"]),
                      "--shift", str(hyper["shift"]), "--val-size", str(hyper["val_size"]),
                      "--seed", str(hyper["seed"]), "--output", weights], thread_env(args.threads))
    result = json.loads(r["stdout"].splitlines()[-1])
    for e in result["epochs"]:
        e["images_per_second"] = round(e["images_per_second"], 1)
    return {"epochs": result["epochs"], "test_accuracy": result["test_accuracy"], "torch": result["torch"],
            "blas": result["blas"], **({"torch_library": result["torch_library"]} if "torch_library" in result else {}),
            "train_images_per_second": steady(result["epochs"]), **usage(r)}


def median_train(runs):
    """One side's training runs as one: the first run (whose model the later measurements use) with the median
    steady images/s, each run's figure and test accuracy kept beside it, in order, and the most memory."""
    result = dict(runs[0])
    values = [r["train_images_per_second"] for r in runs]
    result["train_images_per_second"] = round(statistics.median(values), 1)
    result["train_images_per_second_runs"] = [round(v, 1) for v in values]
    result["test_accuracy_runs"] = [r["test_accuracy"] for r in runs]
    result["peak_rss_mb"] = round(max(r["peak_rss_mb"] for r in runs), 3)
    result["runs"] = len(runs)
    return result


def torch_peer():
    """The command that runs PyTorch 2.7.1 through DJL (lenet.bench.TorchPeer), or None, with the reason on stderr,
    where it cannot run: its natives are those of x86-64 Linux."""
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"):
        print("benchmark: PyTorch 2.7.1 (DJL) has natives for x86-64 Linux only, not %s %s: its side is skipped"
              % (platform.system(), platform.machine()), file=sys.stderr)
        return None
    if not os.path.exists(TEST_CLASSPATH):
        print("benchmark: %s is missing (src/bench/benchmark writes it): the PyTorch 2.7.1 side is skipped"
              % os.path.relpath(TEST_CLASSPATH, HOME), file=sys.stderr)
        return None
    with open(TEST_CLASSPATH) as f:
        deps = f.read().strip()
    cp = os.pathsep.join([os.path.join(HOME, "target", "lenet.jar"), os.path.join(HOME, "target", "test-classes"),
                          deps])
    return TORCH_PEER + ["-cp", cp, "lenet.bench.TorchPeer"]


def steady(epochs):
    """Training images/s after warm-up: every epoch but the first (all of them when there is only one)."""
    later = epochs[1:] or epochs
    seconds = sum(1.0 / e["images_per_second"] for e in later)
    return len(later) / seconds


def usage(r):
    return {k: round(r[k], 3) for k in ("wall_seconds", "peak_rss_mb", "user_seconds", "sys_seconds")}


def lenet_infer(args, model):
    """Batch 1 with the OpenMP wait policy of ./lenet predict (passive), batch 1,000 with that of ./lenet eval (a
    short spin): each in its own JVM, with the launcher's collector and heap, and the optimising compiler of a long
    run. model: a lenet model, or an ONNX file (run on ONNX Runtime, whose threads OpenMP's settings leave alone)."""
    java = ["java", "-XX:+UseSerialGC", "-Xmx1g", "-Dlenet.home=" + HOME] + os.environ.get("LENET_JAVA_OPTS", "").split()
    cp = os.path.join(HOME, "target", "lenet.jar") + os.pathsep + os.path.join(HOME, "target", "test-classes")
    main = java + ["-cp", cp, "lenet.bench.Inference", model, DATA, str(args.threads)]
    single = run_measured(main + ["2000", "1000", "0"], openmp_env(args.threads, "OMP_WAIT_POLICY", "PASSIVE"))
    large = run_measured(main + ["0", "1000", "3"], openmp_env(args.threads, "GOMP_SPINCOUNT", "1000"))
    result = json.loads(large["stdout"].splitlines()[-1])
    result["batch1_images_per_second"] = json.loads(single["stdout"].splitlines()[-1])["batch1_images_per_second"]
    result.update(usage(large))
    result["peak_rss_mb"] = round(max(single["peak_rss_mb"], large["peak_rss_mb"]), 3)
    return result


def median_infer(runs):
    """One side's inference runs as one: the median images/s at batch 1 and at the large batch (each run's figure
    kept beside it, in order), the most memory, the rest from the last run. The machine's speed wanders from one
    second to the next, so the sides alternate and the medians count."""
    result = dict(runs[-1])
    for key in ("batch1_images_per_second", "batch_large_images_per_second"):
        values = [r[key] for r in runs]
        result[key] = round(statistics.median(values), 1)
        result[key.replace("_per_second", "_per_second_runs")] = [round(v, 1) for v in values]
    result["peak_rss_mb"] = round(max(r["peak_rss_mb"] for r in runs), 3)
    result["runs"] = len(runs)
    return result


def openmp_env(threads, name, value):
    """The environment ./lenet gives the JVM (see the launcher), unless the user set an OpenMP wait policy."""
    env = thread_env(threads)
    if "OMP_WAIT_POLICY" not in env and "GOMP_SPINCOUNT" not in env:
        env[name] = value
    return env


def peer_infer(args, peer, weights):
    r = run_measured([*peer, "infer", "--threads", str(args.threads), "--data", DATA, "--model", weights],
                     thread_env(args.threads))
    return {**json.loads(r["stdout"].splitlines()[-1]), **usage(r)}


def predict_pair(args, python, model, weights):
    lenet, peer = [], []
    for _ in range(args.predict_runs):
        r = run_measured([os.path.join(HOME, "lenet"), "predict", "--model", model, IMAGE], dict(os.environ))
        lenet.append(r)
        if python:
            r = run_measured([python, PEER, "predict", "--model", weights, IMAGE], dict(os.environ))
            peer.append(r)
    return summarise_predict(lenet), summarise_predict(peer) if python else None


def export_onnx(model, onnx):
    run_measured([os.path.join(HOME, "lenet"), "export", "--model", model, "--output", onnx], dict(os.environ))


def eval_runs(args, python, model, onnx, weights, torch2, weights2):
    """./lenet eval of the lenet model and of its ONNX file, and the peers' eval, alternating, --eval-runs each."""
    lenet_cmd = [os.path.join(HOME, "lenet"), "--threads", str(args.threads), "eval", "--json", "--model"]
    sides = {"lenet": lenet_cmd + [model], "onnxruntime": lenet_cmd + [onnx]}
    peer_eval = ["eval", "--threads", str(args.threads), "--data", DATA, "--model"]
    if python:
        sides["pytorch"] = [python, PEER, *peer_eval, weights]
    if torch2:
        sides["pytorch2"] = [*torch2, *peer_eval, weights2]
    runs = {side: [] for side in sides}
    for _ in range(args.eval_runs):
        for side, cmd in sides.items():
            env = thread_env(args.threads) if side.startswith("pytorch") else dict(os.environ)
            runs[side].append(run_measured(cmd, env))
    return {side: {"runs": len(rs),
                   "wall_seconds_median": round(statistics.median(r["wall_seconds"] for r in rs), 3),
                   "peak_rss_mb": round(max(r["peak_rss_mb"] for r in rs), 1),
                   "accuracy": json.loads(rs[-1]["stdout"].splitlines()[-1])["accuracy"]}
            for side, rs in runs.items()}


def summarise_predict(runs):
    return {"runs": len(runs), "wall_seconds_median": round(statistics.median(r["wall_seconds"] for r in runs), 3),
            "wall_seconds_min": round(min(r["wall_seconds"] for r in runs), 3),
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
            "output": runs[-1]["stdout"].strip().splitlines()[-1] if runs[-1]["stdout"].strip() else ""}


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    flags = set()
    try:
        with open("/proc/cpuinfo") as f:
            flags = set(next(line.split(":", 1)[1].split() for line in f if line.startswith("flags")))
    except (OSError, StopIteration):
        pass
    # the kernels lenet's libraries chose, as lenet info reports them, under this run's environment
    info = subprocess.run([os.path.join(HOME, "lenet"), "info", "--json"], capture_output=True, text=True)
    backend = json.loads(info.stdout.splitlines()[-1])["backend"] if info.returncode == 0 else {}
    return {"cpu": cpu, "avx512f": "avx512f" in flags, "avx2": "avx2" in flags, "cores": os.cpu_count(),
            "memory_gb": round(mem, 1), "os": platform.platform(), "java": java,
            "onednn_isa": backend.get("onednn_isa"), "blas_core": backend.get("blas_core"),
            "overrides": backend.get("overrides", [])}


ROWS = [
    ("training images/s (STEADY)", "train", "train_images_per_second", "{:,.0f}"),
    ("training images/s, lenet, default recipe (STEADY)", "train_default", "train_images_per_second", "{:,.0f}"),
    ("inference images/s, batch 1", "infer", "batch1_images_per_second", "{:,.0f}"),
    ("inference images/s, batch 1,000", "infer", "batch_large_images_per_second", "{:,.0f}"),
    ("eval of the 10,000 test images, median wall time (s)", "eval", "wall_seconds_median", "{:.2f}"),
    ("test accuracy after EPOCHS", "train", "test_accuracy", "{:.2%}"),
    ("peak memory, training (MB)", "train", "peak_rss_mb", "{:,.0f}"),
    ("peak memory, inference (MB)", "infer", "peak_rss_mb", "{:,.0f}"),
    ("predict cold start, median (s)", "predict", "wall_seconds_median", "{:.2f}"),
    ("peak memory, predict (MB)", "predict", "peak_rss_mb", "{:,.0f}"),
]


def side_names(summary):
    """The table's other sides and their names: Debian's PyTorch by its version (1.13 on Debian 12)."""
    version = (summary.get("pytorch_version") or "").split(".")
    debian = "PyTorch " + ".".join(version[:2]) if len(version) > 1 else "PyTorch"
    return [("pytorch", debian), ("pytorch2", "PyTorch 2.7.1"), ("onnxruntime", "ONNX Runtime")]


def table(summary):
    sides = side_names(summary)
    lines = ["| measure | lenet | " + " | ".join("%s | lenet/%s" % (name, name) for _, name in sides) + " |",
             "| --- | ---: |" + " ---: | ---: |" * len(sides)]
    for label, part, key, fmt in ROWS:
        n = summary["epochs"]
        label = label.replace("STEADY", "epochs 2..%d" % n if n > 1 else "epoch 1, no warm-up excluded") \
            .replace("EPOCHS", "%d epoch%s" % (n, "" if n == 1 else "s"))
        mine = summary["lenet"][part][key]
        cells = [label, fmt.format(mine)]
        for side, _ in sides:
            other = summary[side].get(part, {}).get(key) if summary[side] else None
            if other is None:
                cells += ["skipped" if side.startswith("pytorch") and not summary[side] else "–", "n/a"]
            else:
                cells += [fmt.format(other), "{:.2f}".format(mine / other)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    args = parse_args()
    os.environ.update(IMITATIONS[args.cpu])  # every child, of both sides, inherits it
    os.makedirs(args.out, exist_ok=True)
    python = args.peer_python
    torch2 = torch_peer()
    work = tempfile.mkdtemp(prefix="lenet-bench-")
    model, weights = os.path.join(work, "lenet.zip"), os.path.join(work, "peer.pt")
    weights2 = os.path.join(work, "peer2.params")
    onnx = os.path.join(work, "lenet.onnx")
    ort = {}
    try:
        log = lambda s: print("benchmark: " + s, file=sys.stderr, flush=True)
        # the first run of each side writes the model the later measurements use; the others write to scratch
        trains = {"lenet": [], "pytorch": [], "pytorch2": [], "lenet_default": []}
        for run in range(args.train_runs):
            out = lambda path: path if run == 0 else os.path.join(work, "scratch-" + os.path.basename(path))
            log("training run %d of %d, %d epochs, %d threads: lenet with the peers' recipe..."
                % (run + 1, args.train_runs, args.epochs, args.threads))
            trains["lenet"].append(lenet_train(args, out(model)))
            hyper = trains["lenet"][0]["hyper_parameters"]
            if python:
                log("... the PyTorch peer with the same setup...")
                trains["pytorch"].append(peer_train(args, [python, PEER], hyper, out(weights)))
            if torch2:
                log("... PyTorch 2.7.1 (DJL) with the same setup...")
                trains["pytorch2"].append(peer_train(args, torch2, hyper, out(weights2)))
            log("... lenet with its default recipe...")
            trains["lenet_default"].append(lenet_train(args, os.path.join(work, "default.zip"), []))
        lenet = {"train": median_train(trains["lenet"]), "train_default": median_train(trains["lenet_default"])}
        peer = {"train": median_train(trains["pytorch"])} if python else None
        peer2 = {"train": median_train(trains["pytorch2"])} if torch2 else None
        export_onnx(model, onnx)
        log("inference, lenet, then PyTorch, then PyTorch 2.7.1, then ONNX Runtime on the exported file, %d each..."
            % args.infer_runs)
        infers = {"lenet": [], "pytorch": [], "pytorch2": [], "onnxruntime": []}
        for _ in range(args.infer_runs):
            infers["lenet"].append(lenet_infer(args, model))
            if python:
                infers["pytorch"].append(peer_infer(args, [python, PEER], weights))
            if torch2:
                infers["pytorch2"].append(peer_infer(args, torch2, weights2))
            infers["onnxruntime"].append(lenet_infer(args, onnx))
        lenet["infer"], ort["infer"] = median_infer(infers["lenet"]), median_infer(infers["onnxruntime"])
        if python:
            peer["infer"] = median_infer(infers["pytorch"])
        if torch2:
            peer2["infer"] = median_infer(infers["pytorch2"])
        log("eval of the test set, %d each, alternating..." % args.eval_runs)
        evals = eval_runs(args, python, model, onnx, weights, torch2, weights2)
        lenet["eval"], ort["eval"] = evals["lenet"], evals["onnxruntime"]
        if python:
            peer["eval"] = evals["pytorch"]
        if torch2:
            peer2["eval"] = evals["pytorch2"]
        log("predict cold starts, %d each, alternating..." % args.predict_runs)
        lenet["predict"], peer_predict = predict_pair(args, python, model, weights)
        if python:
            peer["predict"] = peer_predict
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary = {"date": datetime.date.today().isoformat(), "machine": machine(), "cpu_imitated": args.cpu,
               "epochs": args.epochs,
               "threads": args.threads, "train_runs": args.train_runs, "image": os.path.relpath(IMAGE, HOME),
               "lenet": lenet, "pytorch": peer, "pytorch2": peer2, "onnxruntime": ort,
               "ratios": {}, "ratios_pytorch2": {}, "ratios_onnxruntime": {}}
    if peer:
        summary["pytorch_version"] = peer["train"].get("torch")
        summary["pytorch_blas"] = peer["train"].get("blas")
    if peer2:
        summary["pytorch2_version"] = peer2["train"].get("torch")
        summary["pytorch2_library"] = peer2["train"].get("torch_library")
    for side, ratios in ((peer, "ratios"), (peer2, "ratios_pytorch2"), (ort, "ratios_onnxruntime")):
        for _, part, key, _ in ROWS:
            if side and part in side:
                summary[ratios][part + "." + key] = round(lenet[part][key] / side[part][key], 3)
    m = summary["machine"]
    print("lenet vs PyTorch (Debian's and 2.7.1) and ONNX Runtime on %s (%s), %d cores, %s GB, %s, %s" % (
        m["cpu"], "AVX-512" if m["avx512f"] else "AVX2" if m["avx2"] else "no AVX2", m["cores"], m["memory_gb"],
        summary["date"], m["java"]))
    print("kernels: oneDNN %s, OpenBLAS %s%s" % (m["onednn_isa"], m["blas_core"],
                                                 "; imitating: " + " ".join("%s=%s" % kv for kv in
                                                                             IMITATIONS[args.cpu].items())
                                                 if args.cpu != "native" else ""))
    print(table(summary))
    if peer:
        print("PyTorch %s, BLAS: %s" % (summary["pytorch_version"], ", ".join(summary["pytorch_blas"]) or "unknown"))
    if peer2:
        print("PyTorch %s through DJL: %s" % (summary["pytorch2_version"], ", ".join(summary["pytorch2_library"])))
    with open(os.path.join(args.out, "benchmark.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
