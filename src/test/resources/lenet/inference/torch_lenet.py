"""Trains a LeNet-5 briefly with PyTorch, as the scripts people learn from do, and exports it with torch.onnx.export.

Usage: python3 torch_lenet.py MNIST_DIR OUT_DIR

Writes OUT_DIR/plain.onnx (inputs as transforms.ToTensor() gives them, logits out) and OUT_DIR/normalized.onnx
(inputs as transforms.Normalize((0.1307,), (0.3081,)) gives them, log-probabilities out, batch fixed at 1), and for
each OUT_DIR/NAME.txt: PyTorch's own digit for each of the 10,000 MNIST test images, one per line. Also
OUT_DIR/channels-last.onnx: the plain model taking its images N×28×28×1, as Keras models and tf2onnx take them, and
OUT_DIR/channels-last.txt: PyTorch's digits for the test images given so.
"""
import gzip
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN, STD = 0.1307, 0.3081


def idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


class ChannelsLast(nn.Module):
    """A model fed N×28×28×1 (height, width, channels), as Keras lays images out."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x.permute(0, 3, 1, 2))


class LeNet(nn.Module):
    def __init__(self, log_softmax):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
        self.log_softmax = log_softmax

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))
        return F.log_softmax(x, dim=1) if self.log_softmax else x


def main(data, out):
    torch.manual_seed(1)
    torch.set_num_threads(2)
    train_x = idx(os.path.join(data, "train-images-idx3-ubyte.gz"), 16).reshape(-1, 1, 28, 28)[:8_000]
    train_y = idx(os.path.join(data, "train-labels-idx1-ubyte.gz"), 8)[:8_000]
    test_x = idx(os.path.join(data, "t10k-images-idx3-ubyte.gz"), 16).reshape(-1, 1, 28, 28)
    for name, normalized in (("plain", False), ("normalized", True)):
        def tensor(images):
            x = torch.from_numpy(images.astype(np.float32) / 255.0)  # what transforms.ToTensor() gives
            return (x - MEAN) / STD if normalized else x

        model = LeNet(log_softmax=normalized)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        x, y = tensor(train_x), torch.from_numpy(train_y.astype(np.int64))
        model.train()
        for start in range(0, len(x), 64):
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x[start:start + 64]), y[start:start + 64])
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            digits = model(tensor(test_x)).argmax(1).numpy()
        np.savetxt(os.path.join(out, name + ".txt"), digits, fmt="%d")
        example = tensor(test_x[:1])
        axes = None if normalized else {"input": {0: "batch"}, "output": {0: "batch"}}
        torch.onnx.export(model, example, os.path.join(out, name + ".onnx"), opset_version=13,
                          input_names=["input"], output_names=["output"], dynamic_axes=axes)
        if not normalized:
            last = ChannelsLast(model).eval()
            images = tensor(test_x).permute(0, 2, 3, 1).contiguous()
            with torch.no_grad():
                np.savetxt(os.path.join(out, "channels-last.txt"), last(images).argmax(1).numpy(), fmt="%d")
            torch.onnx.export(last, images[:1], os.path.join(out, "channels-last.onnx"), opset_version=13,
                              input_names=["conv2d_input"], output_names=["output"],
                              dynamic_axes={"conv2d_input": {0: "batch"}, "output": {0: "batch"}})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
