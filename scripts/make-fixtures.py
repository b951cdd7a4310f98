#!/usr/bin/env python3
"""Generate the ONNX test fixtures used by CoreNet.

Run with the system Python that has torch + numpy (Debian python3-torch,
python3-numpy) and the Debian `dataset-fashion-mnist` package:

    /usr/bin/python3 scripts/make-fixtures.py --model lenet300   # test/fixtures/lenet300.*
    /usr/bin/python3 scripts/make-fixtures.py --tiny             # test/fixtures/tiny/*
    /usr/bin/python3 scripts/make-fixtures.py --model wide       # models/wide.* (not committed)

Everything is seeded so that re-running produces the same weights (on the same
torch build).  No network access, no torchvision, no `onnx` Python package:
the Fashion-MNIST IDX reader and the small ONNX protobuf reader used to list
the exported node op types are implemented below.
"""

import argparse
import gzip
import json
import os
import random
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA_DIR = "/usr/share/datasets/fashion-mnist"
OPSET = 13


def log(msg):
    print(msg, flush=True)


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


# --------------------------------------------------------------------------
# Fashion-MNIST (gzipped IDX files)
# --------------------------------------------------------------------------

def read_idx_gz(path):
    """Read a gzipped IDX file (http://yann.lecun.com/exdb/mnist/ format)."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype_code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype_code != 0x08:
        raise ValueError("%s: unsupported IDX header (dtype 0x%02x)" % (path, dtype_code))
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if arr.size != int(np.prod(dims)):
        raise ValueError("%s: expected %d values, got %d" % (path, int(np.prod(dims)), arr.size))
    return arr.reshape(dims)


def load_fashion_mnist(data_dir):
    def load(prefix):
        x = read_idx_gz(os.path.join(data_dir, prefix + "-images-idx3-ubyte.gz"))
        y = read_idx_gz(os.path.join(data_dir, prefix + "-labels-idx1-ubyte.gz"))
        # Scale to [0,1], no standardisation: inputs stay non-negative.
        x = (x.astype(np.float32) / np.float32(255.0)).reshape(-1, 1, 28, 28)
        return torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))

    xtr, ytr = load("train")
    xte, yte = load("t10k")
    log("Fashion-MNIST from %s: train %s, test %s" % (data_dir, tuple(xtr.shape), tuple(xte.shape)))
    return xtr, ytr, xte, yte


# --------------------------------------------------------------------------
# Minimal ONNX protobuf reader (only what we need for the sidecars)
# --------------------------------------------------------------------------

def _varint(buf, i):
    result = 0
    shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7


def _fields(buf):
    """Yield (field_number, wire_type, value) of a protobuf message."""
    i = 0
    n = len(buf)
    while i < n:
        key, i = _varint(buf, i)
        field, wt = key >> 3, key & 7
        if wt == 0:
            val, i = _varint(buf, i)
        elif wt == 1:
            val = buf[i:i + 8]
            i += 8
        elif wt == 2:
            ln, i = _varint(buf, i)
            val = buf[i:i + ln]
            i += ln
        elif wt == 5:
            val = buf[i:i + 4]
            i += 4
        else:
            raise ValueError("unsupported protobuf wire type %d" % wt)
        yield field, wt, val


def _signed64(v):
    return v - (1 << 64) if v >= (1 << 63) else v


def _int64s(wire_type, value):
    """A repeated int64 field: packed (length-delimited bytes) or a single varint."""
    if wire_type != 2:
        return [_signed64(value)]
    out, j = [], 0
    while j < len(value):
        d, j = _varint(value, j)
        out.append(_signed64(d))
    return out


def _value_info(buf):
    name, dims = None, []
    for f, _, v in _fields(buf):
        if f == 1:
            name = bytes(v).decode()
        elif f == 2:  # TypeProto
            for f2, _, v2 in _fields(v):
                if f2 == 1:  # tensor_type
                    for f3, _, v3 in _fields(v2):
                        if f3 == 2:  # TensorShapeProto
                            for f4, _, v4 in _fields(v3):
                                if f4 == 1:  # Dimension
                                    d = None
                                    for f5, _, v5 in _fields(v4):
                                        if f5 == 1:
                                            d = _signed64(v5)
                                        elif f5 == 2:
                                            d = bytes(v5).decode()
                                    dims.append(d)
    return {"name": name, "shape": dims}


def _attribute(buf):
    """Decode an AttributeProto into (name, value); tensors/graphs are summarised."""
    name, val, ints, floats = None, None, [], []
    for f, wt, v in _fields(buf):
        if f == 1:
            name = bytes(v).decode()
        elif f == 2:
            val = struct.unpack("<f", bytes(v))[0]
        elif f == 3:
            val = _signed64(v)
        elif f == 4:
            val = bytes(v).decode(errors="replace")
        elif f == 5:
            val = "<tensor>"
        elif f == 6:
            val = "<graph>"
        elif f == 7:
            if wt == 2:
                floats.extend(struct.unpack("<%df" % (len(v) // 4), bytes(v)))
            else:
                floats.append(struct.unpack("<f", bytes(v))[0])
        elif f == 8:
            ints.extend(_int64s(wt, v))
    if val is None:
        val = ints if ints else floats
    return name, val


def describe_onnx(path):
    """Return opset, nodes (op_type/name/inputs/outputs), initializers, inputs, outputs."""
    with open(path, "rb") as f:
        buf = memoryview(f.read())
    info = {"opset": None, "nodes": [], "initializers": [], "inputs": [], "outputs": []}
    graph = None
    for f, _, v in _fields(buf):
        if f == 8:  # opset_import
            domain, version = "", None
            for f2, _, v2 in _fields(v):
                if f2 == 1:
                    domain = bytes(v2).decode()
                elif f2 == 2:
                    version = v2
            if domain in ("", "ai.onnx"):
                info["opset"] = version
        elif f == 7:
            graph = v
    if graph is None:
        raise ValueError("%s: no graph" % path)
    for f, wt, v in _fields(graph):
        if f == 1:  # NodeProto
            node = {"op_type": None, "name": "", "inputs": [], "outputs": [], "attributes": {}}
            for f2, _, v2 in _fields(v):
                if f2 == 1:
                    node["inputs"].append(bytes(v2).decode())
                elif f2 == 2:
                    node["outputs"].append(bytes(v2).decode())
                elif f2 == 3:
                    node["name"] = bytes(v2).decode()
                elif f2 == 4:
                    node["op_type"] = bytes(v2).decode()
                elif f2 == 5:
                    k, val = _attribute(v2)
                    node["attributes"][k] = val
            info["nodes"].append(node)
        elif f == 5:  # TensorProto initializer
            name, dims = None, []
            for f2, wt2, v2 in _fields(v):
                if f2 == 1:
                    dims.extend(_int64s(wt2, v2))
                elif f2 == 8:
                    name = bytes(v2).decode()
            info["initializers"].append({"name": name, "dims": dims})
        elif f == 11:
            info["inputs"].append(_value_info(v))
        elif f == 12:
            info["outputs"].append(_value_info(v))
    init_names = {t["name"] for t in info["initializers"]}
    info["inputs"] = [i for i in info["inputs"] if i["name"] not in init_names]
    return info


# --------------------------------------------------------------------------
# Export helpers
# --------------------------------------------------------------------------

def export_onnx(model, example, path, input_name, output_name):
    model.eval()
    torch.onnx.export(
        model,
        (example,),
        path,
        input_names=[input_name],
        output_names=[output_name],
        dynamic_axes={input_name: {0: "batch"}, output_name: {0: "batch"}},
        opset_version=OPSET,
        do_constant_folding=True,
        export_params=True,
    )
    info = describe_onnx(path)
    log("  wrote %s (%d bytes), ops: %s" % (os.path.relpath(path, REPO_ROOT), os.path.getsize(path),
                                             " ".join(n["op_type"] for n in info["nodes"])))
    return info


def save_npy(path, arr):
    arr = np.ascontiguousarray(arr, dtype=np.float32)
    np.save(path, arr)
    log("  wrote %s %s float32 (%d bytes)" % (os.path.relpath(path, REPO_ROOT), list(arr.shape),
                                              os.path.getsize(path)))


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")
    log("  wrote %s" % os.path.relpath(path, REPO_ROOT))


# --------------------------------------------------------------------------
# Trained MLPs on Fashion-MNIST
# --------------------------------------------------------------------------

ARCHS = {
    "lenet300": [784, 300, 100, 10],
    "wide": [784, 1000, 1000, 1000, 10],
}


def make_mlp(sizes):
    layers = [nn.Flatten()]
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


@torch.no_grad()
def accuracy(model, x, y, batch=1000):
    model.eval()
    correct = 0
    for i in range(0, x.shape[0], batch):
        correct += (model(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
    return correct / x.shape[0]


def train_model(name, args):
    sizes = ARCHS[name]
    out_dir = args.out_dir or (os.path.join(REPO_ROOT, "test", "fixtures") if name == "lenet300"
                               else os.path.join(REPO_ROOT, "models"))
    os.makedirs(out_dir, exist_ok=True)
    epochs = args.epochs if args.epochs is not None else 3
    lr, batch, seed = 1e-3, 128, args.seed

    xtr, ytr, xte, yte = load_fashion_mnist(args.data_dir)
    seed_everything(seed)
    model = make_mlp(sizes)
    arch = "-".join(str(s) for s in sizes)
    log("Training %s (%s, ReLU, bias) for %d epochs: Adam lr=%g, batch=%d, seed=%d, threads=%d"
        % (name, arch, epochs, lr, batch, seed, torch.get_num_threads()))
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(seed)
    t0 = time.time()
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(xtr.shape[0], generator=gen)
        total, seen = 0.0, 0
        for i in range(0, xtr.shape[0], batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * idx.shape[0]
            seen += idx.shape[0]
        log("  epoch %d/%d: train loss %.4f, test acc %.4f (%.1fs)"
            % (epoch + 1, epochs, total / seen, accuracy(model, xte, yte), time.time() - t0))
    train_seconds = time.time() - t0
    train_acc = accuracy(model, xtr, ytr)
    test_acc = accuracy(model, xte, yte)
    log("Trained in %.1fs: train acc %.4f, test acc %.4f" % (train_seconds, train_acc, test_acc))

    model.eval()
    ref_in = xte[:16].clone()
    with torch.no_grad():
        ref_logits = model(ref_in)
    onnx_path = os.path.join(out_dir, name + ".onnx")
    info = export_onnx(model, ref_in, onnx_path, "input", "logits")
    save_npy(os.path.join(out_dir, name + "-ref-input.npy"), ref_in.numpy())
    save_npy(os.path.join(out_dir, name + "-ref-logits.npy"), ref_logits.numpy())
    write_json(os.path.join(out_dir, name + ".json"), {
        "name": name,
        "architecture": arch,
        "description": "MLP %s with ReLU and bias, trained on Fashion-MNIST (x/255 in [0,1], no standardisation)" % arch,
        "dataset": "fashion-mnist",
        "epochs": epochs,
        "seed": seed,
        "lr": lr,
        "optimizer": "Adam",
        "batch": batch,
        "torch": torch.__version__,
        "opset": info["opset"],
        "train_accuracy": round(train_acc, 4),
        "test_accuracy": round(test_acc, 4),
        "input": {"name": "input", "shape": ["batch", 1, 28, 28]},
        "output": {"name": "logits", "shape": ["batch", 10]},
        "ref_input": name + "-ref-input.npy",
        "ref_logits": name + "-ref-logits.npy",
        "ref_rows": int(ref_in.shape[0]),
        "ref_labels": [int(v) for v in yte[:16]],
        "ref_predictions": [int(v) for v in ref_logits.argmax(1)],
        "ops": [n["op_type"] for n in info["nodes"]],
        "nodes": info["nodes"],
        "initializers": info["initializers"],
    })


# --------------------------------------------------------------------------
# Tiny untrained models for unit tests
# --------------------------------------------------------------------------

class TinyMatMul(nn.Module):
    """12-8-6-3 MLP written with explicit parameters so the export is MatMul + Add."""

    def __init__(self):
        super().__init__()
        sizes = [12, 8, 6, 3]
        for i in range(3):
            fan_in = sizes[i]
            bound = 1.0 / fan_in ** 0.5
            setattr(self, "W%d" % (i + 1), nn.Parameter(torch.empty(sizes[i], sizes[i + 1]).uniform_(-bound, bound)))
            setattr(self, "b%d" % (i + 1), nn.Parameter(torch.empty(sizes[i + 1]).uniform_(-bound, bound)))

    def forward(self, x):
        x = torch.relu(x @ self.W1 + self.b1)
        x = torch.relu(x @ self.W2 + self.b2)
        return x @ self.W3 + self.b3


class TinyReshape(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(12, 8)
        self.fc2 = nn.Linear(8, 3)

    def forward(self, x):
        x = x.reshape(x.shape[0], -1)
        return self.fc2(torch.relu(self.fc1(x)))


# (name, input shape without batch, description, constructor, note on how torch exports it)
TINY = [
    ("tiny-gemm", [12], "Linear(12,8) ReLU Linear(8,6) ReLU Linear(6,3)",
     lambda: nn.Sequential(nn.Linear(12, 8), nn.ReLU(), nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 3)),
     "each Linear exports as Gemm(transB=1) with weight [out,in] and bias [out]"),
    ("tiny-matmul", [12], "x@W1+b1 ReLU x@W2+b2 ReLU x@W3+b3 (12-8-6-3, explicit nn.Parameter)",
     TinyMatMul,
     "each layer exports as MatMul (weight initializer [in,out]) followed by Add (bias [out])"),
    ("tiny-nobias", [12], "Linear(12,8,bias=False) ReLU Linear(8,3,bias=False)",
     lambda: nn.Sequential(nn.Linear(12, 8, bias=False), nn.ReLU(), nn.Linear(8, 3, bias=False)),
     "bias-free Linear exports as a plain MatMul with a pre-transposed weight initializer [in,out] "
     "(constant folding removes the Transpose), no Gemm and no Add"),
    ("tiny-conv", [1, 6, 6], "Conv2d(1,2,3) ReLU Flatten Linear(32,5) ReLU Linear(5,3)",
     lambda: nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(32, 5), nn.ReLU(),
                           nn.Linear(5, 3)),
     "Conv (weight [2,1,3,3], bias [2]) is not compressible; Flatten then two Gemm layers are"),
    ("tiny-conv-only", [1, 6, 6], "Conv2d(1,2,3) ReLU Flatten",
     lambda: nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten()),
     "no Gemm/MatMul at all: nothing to compress"),
    ("tiny-reshape", [1, 4, 3], "x.reshape(x.shape[0], -1) Linear(12,8) ReLU Linear(8,3)",
     TinyReshape,
     "the dynamic reshape exports as Shape/Gather/Unsqueeze/Concat (with Constant index nodes) "
     "feeding Reshape, then Gemm Relu Gemm"),
]


def make_tiny(args):
    out_dir = os.path.join(args.out_dir or os.path.join(REPO_ROOT, "test", "fixtures"), "tiny")
    os.makedirs(out_dir, exist_ok=True)
    rows = 8
    log("Writing tiny untrained models to %s (seed %d, %d reference rows, inputs uniform in [0,1))"
        % (os.path.relpath(out_dir, REPO_ROOT), args.seed, rows))
    for k, (name, in_shape, desc, ctor, note) in enumerate(TINY):
        seed_everything(args.seed + k)
        model = ctor()
        model.eval()
        x = torch.rand([rows] + in_shape)
        with torch.no_grad():
            y = model(x)
        log("%s: %s" % (name, desc))
        info = export_onnx(model, x, os.path.join(out_dir, name + ".onnx"), "input", "output")
        save_npy(os.path.join(out_dir, name + "-input.npy"), x.numpy())
        save_npy(os.path.join(out_dir, name + "-output.npy"), y.numpy())
        write_json(os.path.join(out_dir, name + ".json"), {
            "name": name,
            "description": desc,
            "export_note": note,
            "trained": False,
            "seed": args.seed + k,
            "torch": torch.__version__,
            "opset": info["opset"],
            "input": {"name": "input", "shape": ["batch"] + in_shape},
            "output": {"name": "output", "shape": ["batch"] + list(y.shape[1:])},
            "ref_input": name + "-input.npy",
            "ref_output": name + "-output.npy",
            "ref_rows": rows,
            "ops": [n["op_type"] for n in info["nodes"]],
            "nodes": info["nodes"],
            "initializers": info["initializers"],
        })


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", choices=sorted(ARCHS), default=None,
                   help="train and export this MLP on Fashion-MNIST (default lenet300 unless --tiny)")
    p.add_argument("--tiny", action="store_true", help="write the tiny untrained unit-test models")
    p.add_argument("--out-dir", default=None,
                   help="output directory (default: test/fixtures for lenet300 and --tiny "
                        "[tiny/ is appended], models/ for wide)")
    p.add_argument("--data-dir", default=DEFAULT_DATA_DIR, help="directory with the Fashion-MNIST *.gz IDX files")
    p.add_argument("--epochs", type=int, default=None, help="training epochs (default 3)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    log("torch %s, numpy %s, ONNX opset %d" % (torch.__version__, np.__version__, OPSET))
    if args.tiny:
        make_tiny(args)
    if args.model or not args.tiny:
        train_model(args.model or "lenet300", args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
