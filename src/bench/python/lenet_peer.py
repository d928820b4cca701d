#!/usr/bin/env python3
"""The PyTorch peer of lenet's benchmark: the same LeNet-5 and the same training setup, in PyTorch.

Network: conv 5x5x6 (padding 2) - max-pool 2 - conv 5x5x16 - max-pool 2 - dense 120 - dense 84 - 10, ReLU,
log-softmax + NLL loss; He-normal weights (Xavier-normal for the output layer) and zero biases, as DL4J's
WeightInit.RELU / XAVIER. Training: Adam, learning rate decayed by --gamma after every epoch, a seeded hold-out
of --val-size training images for validation, and every training image moved by a random 0..--shift pixels per
epoch. MNIST is read once from the project's IDX files into memory (no DataLoader), its best setup.

Subcommands print one JSON object on stdout:
  train   train, report per-epoch figures, steady-state images/s and test accuracy; save the weights
  infer   inference images/s at batch 1 and at a large batch, on the test set
  eval    load the weights, read the test set, print its accuracy (the wall-time comparison for `lenet eval`)
  predict load the weights, read one image, print the digit (the cold-start comparison for `lenet predict`)
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads (default: cores)")
    common.add_argument("--data", default="data/mnist", help="folder with MNIST's .gz IDX files")
    t = sub.add_parser("train", parents=[common])
    t.add_argument("--epochs", type=int, default=2)
    t.add_argument("--batch-size", type=int, default=64)
    t.add_argument("--lr", type=float, default=1e-3)
    t.add_argument("--gamma", type=float, default=0.7)
    t.add_argument("--shift", type=int, default=2)
    t.add_argument("--val-size", type=int, default=5000)
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--output", default=None, help="where to save the weights (state_dict)")
    i = sub.add_parser("infer", parents=[common])
    i.add_argument("--model", required=True)
    i.add_argument("--single", type=int, default=2000, help="images inferred one at a time")
    i.add_argument("--batch", type=int, default=1000, help="the large batch size")
    i.add_argument("--passes", type=int, default=3, help="passes over the test set at the large batch")
    e = sub.add_parser("eval", parents=[common])
    e.add_argument("--model", required=True)
    r = sub.add_parser("predict")
    r.add_argument("--threads", type=int, default=os.cpu_count())
    r.add_argument("--model", required=True)
    r.add_argument("image")
    return p.parse_args()


def peak_rss_mb():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    import numpy as np
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist(folder, train):
    import torch
    prefix = "train" if train else "t10k"
    images = read_idx(os.path.join(folder, prefix + "-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(folder, prefix + "-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.astype("float32") / 255.0).unsqueeze(1)
    y = torch.from_numpy(labels.astype("int64"))
    return x, y


def network():
    import torch
    from torch import nn

    class LeNet5(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
            self.conv2 = nn.Conv2d(6, 16, 5)
            self.fc1 = nn.Linear(400, 120)
            self.fc2 = nn.Linear(120, 84)
            self.out = nn.Linear(84, 10)
            for layer in (self.conv1, self.conv2, self.fc1, self.fc2):
                nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
                nn.init.zeros_(layer.bias)
            nn.init.xavier_normal_(self.out.weight)
            nn.init.zeros_(self.out.bias)

        def forward(self, x):
            f = torch.nn.functional
            x = f.max_pool2d(f.relu(self.conv1(x)), 2)
            x = f.max_pool2d(f.relu(self.conv2(x)), 2)
            x = torch.flatten(x, 1)
            x = f.relu(self.fc1(x))
            x = f.relu(self.fc2(x))
            return f.log_softmax(self.out(x), dim=1)

    return LeNet5()


def shifted(x, max_shift, generator):
    """Moves each image by a random whole number of pixels in [-max_shift, max_shift], zero-filled."""
    import torch
    if max_shift == 0:
        return x
    n, s = x.shape[0], max_shift
    padded = torch.nn.functional.pad(x, (s,) * 4)  # padded[y + s] = x[y]
    dy = torch.randint(-s, s + 1, (n, 1), generator=generator)
    dx = torch.randint(-s, s + 1, (n, 1), generator=generator)
    rows = torch.arange(28).unsqueeze(0) - dy + s  # out[y] = x[y - dy]
    cols = torch.arange(28).unsqueeze(0) - dx + s
    return padded[torch.arange(n)[:, None, None], 0, rows[:, :, None], cols[:, None, :]].unsqueeze(1)


def evaluate(model, x, y, batch=1000):
    import torch
    model.eval()
    correct, loss = 0, 0.0
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            out = model(x[i:i + batch])
            loss += torch.nn.functional.nll_loss(out, y[i:i + batch], reduction="sum").item()
            correct += (out.argmax(1) == y[i:i + batch]).sum().item()
    return correct / x.shape[0], loss / x.shape[0]


def train(args):
    import torch
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    x, y = load_mnist(args.data, True)
    order = torch.randperm(x.shape[0], generator=generator)
    val_idx, train_idx = order[:args.val_size], order[args.val_size:]
    xv, yv = x[val_idx].contiguous(), y[val_idx].contiguous()
    xt, yt = x[train_idx].contiguous(), y[train_idx].contiguous()
    xtest, ytest = load_mnist(args.data, False)
    model = network()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=args.gamma)
    epochs = []
    n = xt.shape[0]
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        perm = torch.randperm(n, generator=generator)
        total, batches = 0.0, 0
        for i in range(0, n, args.batch_size):
            idx = perm[i:i + args.batch_size]
            data = shifted(xt[idx], args.shift, generator)
            optimizer.zero_grad()
            loss = torch.nn.functional.nll_loss(model(data), yt[idx])
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
        seconds = time.perf_counter() - start
        scheduler.step()
        val_acc, val_loss = evaluate(model, xv, yv) if args.val_size > 0 else (float("nan"), float("nan"))
        epochs.append({"epoch": epoch, "train_loss": total / batches, "val_loss": val_loss, "val_accuracy": val_acc,
                       "train_seconds": seconds, "images_per_second": n / seconds})
        print(json.dumps(epochs[-1]), file=sys.stderr, flush=True)
    test_acc, _ = evaluate(model, xtest, ytest)
    if args.output:
        torch.save(model.state_dict(), args.output)
    steady = epochs[1:] or epochs
    return {"epochs": epochs, "test_accuracy": test_acc,
            "train_images_per_second": sum(n for _ in steady) / sum(e["train_seconds"] for e in steady),
            "peak_rss_mb": peak_rss_mb()}


def trained(path):
    """The network with the weights saved at path, ready for inference."""
    import torch
    model = network()
    model.load_state_dict(torch.load(path))
    model.eval()
    return model


def infer(args):
    import torch
    model = trained(args.model)
    x, _ = load_mnist(args.data, False)
    with torch.no_grad():
        for i in range(200):  # warm-up
            model(x[i:i + 1])
        model(x[:args.batch])
        start = time.perf_counter()
        for i in range(args.single):
            model(x[i:i + 1]).argmax(1)
        single = args.single / (time.perf_counter() - start)
        start = time.perf_counter()
        count = 0
        for _ in range(args.passes):
            for i in range(0, x.shape[0], args.batch):
                model(x[i:i + args.batch]).argmax(1)
                count += x[i:i + args.batch].shape[0]
        large = count / (time.perf_counter() - start)
    return {"batch1_images_per_second": single, "batch_large": args.batch,
            "batch_large_images_per_second": large, "peak_rss_mb": peak_rss_mb()}


def eval_(args):
    """What lenet eval does: the test set read from its IDX files, classified in batches, the accuracy printed."""
    import torch
    model = trained(args.model)
    x, y = load_mnist(args.data, False)
    with torch.no_grad():
        accuracy, _ = evaluate(model, x, y)
    return {"images": int(x.shape[0]), "accuracy": accuracy, "peak_rss_mb": peak_rss_mb()}


def predict(args):
    import torch
    from PIL import Image, ImageOps
    model = trained(args.model)
    image = Image.open(args.image)
    if image.mode in ("RGBA", "LA", "P"):  # transparent drawings: on white paper
        paper = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(paper, image.convert("RGBA"))
    image = ImageOps.grayscale(image)
    if sum(image.getdata()) / (image.width * image.height) > 127:  # dark ink on light paper: invert
        image = ImageOps.invert(image)
    image = image.resize((28, 28), Image.BILINEAR)
    x = torch.tensor(list(image.getdata()), dtype=torch.float32).reshape(1, 1, 28, 28) / 255.0
    with torch.no_grad():
        p = model(x).exp()[0]
    digit = int(p.argmax())
    return {"file": args.image, "digit": digit, "probability": float(p[digit]), "peak_rss_mb": peak_rss_mb()}


def blas_library():
    """The BLAS library this process loaded (python3-torch links the system's libblas.so.3, which Debian's
    alternatives point at OpenBLAS once libopenblas0-pthread is installed)."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return sorted(os.path.realpath(p) for p in paths)
    except OSError:
        return []


def main():
    args = parse_args()
    import torch
    torch.set_num_threads(args.threads)
    result = {"train": train, "infer": infer, "eval": eval_, "predict": predict}[args.command](args)
    result.update({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
