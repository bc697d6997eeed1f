#!/usr/bin/python3
"""Labelled PyTorch training runs for evaluating keel's verdicts (development tooling only).

Usage:  /usr/bin/python3 tools/labelled/torch_runs.py OUT_DIR [--only FAMILY[,FAMILY...]] [--list]

Every run is a small PyTorch MLP trained the way a PyTorch user would train it; the script
writes keel's trace CSV for it (see /work/corpus/LABELLING.md, copied in spirit in README.md).
Each construction is made to produce one verdict; the run is KEPT only when its own numbers
pass the written check for that verdict and fail the checks of the other three (see
README.md, "The checks"). The label therefore comes from how the run was made AND from its
numbers, never from keel's classifier (which this script never runs).

Deterministic: fixed seeds, one CPU thread, no data loader workers.
"""
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA_DIR = os.environ.get("KEEL_DATASETS") or next(
    (d for d in (os.path.join(ROOT, "..", "shared", "datasets"), "/work/shared/datasets")
     if os.path.isdir(d)), "/work/shared/datasets")

TRACE_EVERY = 10
MAX_STEPS = 1500

# --------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------

def _read_csv(name):
    path = os.path.join(DATA_DIR, name + ".csv")
    with open(path) as f:
        header = f.readline().strip().split(",")
        rows = [line.strip().split(",") for line in f if line.strip()]
    return header, rows


def _spirals(n_per=200, k=3, noise=0.25, seed=101):
    rng = np.random.RandomState(seed)
    xs, ys = [], []
    for c in range(k):
        r = np.linspace(0.15, 1.0, n_per)
        t = np.linspace(c * 2 * np.pi / k, c * 2 * np.pi / k + 1.75 * np.pi, n_per)
        t = t + rng.randn(n_per) * noise * 0.4
        xs.append(np.stack([r * np.sin(t), r * np.cos(t)], 1))
        ys.append(np.full(n_per, c))
    return np.concatenate(xs).astype(np.float64), np.concatenate(ys)


def _blobs(n=800, k=4, d=6, spread=1.6, seed=102):
    rng = np.random.RandomState(seed)
    centres = rng.randn(k, d) * 2.5
    y = rng.randint(0, k, n)
    x = centres[y] + rng.randn(n, d) * spread
    return x, y


def _moons(n=600, noise=0.2, seed=103):
    rng = np.random.RandomState(seed)
    y = rng.randint(0, 2, n)
    t = rng.rand(n) * np.pi
    x = np.where(y[:, None] == 0,
                 np.stack([np.cos(t), np.sin(t)], 1),
                 np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1))
    x = x + rng.randn(n, 2) * noise
    return x, y


def _circles(n=600, noise=0.12, seed=106):
    rng = np.random.RandomState(seed)
    y = rng.randint(0, 2, n)
    t = rng.rand(n) * 2 * np.pi
    r = np.where(y == 0, 1.0, 0.55)
    x = np.stack([r * np.cos(t), r * np.sin(t)], 1) + rng.randn(n, 2) * noise
    return x, y


def _xor(n=600, spread=0.45, seed=107):
    rng = np.random.RandomState(seed)
    c = rng.randint(0, 4, n)
    centres = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]], dtype=float)
    x = centres[c] + rng.randn(n, 2) * spread
    y = (c >= 2).astype(int)
    return x, y


def _shapes(n=1000, seed=104):
    """Synthetic 8x8 images, 4 classes: horizontal bar, vertical bar, diagonal, ring; noisy,
    shifted, with random contrast."""
    rng = np.random.RandomState(seed)
    y = rng.randint(0, 4, n)
    x = np.zeros((n, 8, 8))
    for i in range(n):
        img = np.zeros((8, 8))
        c = y[i]
        o = rng.randint(1, 7)
        if c == 0:
            img[o, 1:7] = 1
        elif c == 1:
            img[1:7, o] = 1
        elif c == 2:
            s = rng.randint(-1, 2)
            for j in range(8):
                if 0 <= j + s < 8:
                    img[j, j + s] = 1
        else:
            a, b = rng.randint(1, 3), rng.randint(5, 7)
            img[a, a:b + 1] = img[b, a:b + 1] = 1
            img[a:b + 1, a] = img[a:b + 1, b] = 1
        img = img * rng.uniform(0.5, 1.5) + rng.randn(8, 8) * 0.35
        x[i] = img
    return x.reshape(n, 64) * 8, y


def _friedman(n=600, seed=105):
    rng = np.random.RandomState(seed)
    x = rng.rand(n, 6)
    y = (10 * np.sin(np.pi * x[:, 0] * x[:, 1]) + 20 * (x[:, 2] - 0.5) ** 2 + 10 * x[:, 3]
         + 5 * x[:, 4] + rng.randn(n) * 1.0)
    return x, y


_DATA_CACHE = {}


def dataset(name):
    """Returns (X float64 [n,d], y, task, K) before any scaling."""
    if name in _DATA_CACHE:
        return _DATA_CACHE[name]
    if name == "iris":
        h, rows = _read_csv("iris")
        names = sorted({r[-1] for r in rows})
        x = np.array([[float(v) for v in r[:-1]] for r in rows])
        y = np.array([names.index(r[-1]) for r in rows])
        out = (x, y, "classification", len(names))
    elif name in ("digits", "breast_cancer", "diabetes"):
        h, rows = _read_csv(name)
        t = h.index("target")
        a = np.array([[float(v) for v in r] for r in rows])
        x = np.delete(a, t, axis=1)
        if name == "diabetes":
            out = (x, a[:, t], "regression", 0)
        else:
            y = a[:, t].astype(int)
            out = (x, y, "classification", int(y.max()) + 1)
    elif name == "spirals":
        x, y = _spirals()
        out = (x, y, "classification", 3)
    elif name == "blobs":
        x, y = _blobs()
        out = (x, y, "classification", 4)
    elif name == "moons":
        x, y = _moons()
        out = (x, y, "classification", 2)
    elif name == "circles":
        x, y = _circles()
        out = (x, y, "classification", 2)
    elif name == "xor":
        x, y = _xor()
        out = (x, y, "classification", 2)
    elif name == "shapes":
        x, y = _shapes()
        out = (x, y, "classification", 4)
    elif name == "friedman":
        x, y = _friedman()
        out = (x, y, "regression", 0)
    else:
        raise ValueError(name)
    _DATA_CACHE[name] = out
    return out


def prepare(name, seed, scale_x=True, scale_y=True, val_share=0.2):
    x, y, task, k = dataset(name)
    rng = np.random.RandomState(1000 + seed)
    perm = rng.permutation(len(x))
    n_val = int(round(len(x) * val_share))
    vi, ti = perm[:n_val], perm[n_val:]
    xtr, xva = x[ti].copy(), x[vi].copy()
    if scale_x:
        mu, sd = xtr.mean(0), xtr.std(0)
        sd[sd == 0] = 1.0
        xtr, xva = (xtr - mu) / sd, (xva - mu) / sd
    ytr, yva = y[ti].copy(), y[vi].copy()
    if task == "regression":
        if scale_y:
            m, s = ytr.mean(), ytr.std()
            ytr, yva = (ytr - m) / s, (yva - m) / s
        chance = float(np.mean((ytr - ytr.mean()) ** 2))
        val_chance = float(np.mean((yva - ytr.mean()) ** 2))
        majority = 0.0
        yt = torch.tensor(ytr, dtype=torch.float32).unsqueeze(1)
        yv = torch.tensor(yva, dtype=torch.float32).unsqueeze(1)
    else:
        p = np.bincount(ytr, minlength=k) / len(ytr)
        chance = float(-(p[p > 0] * np.log(p[p > 0])).sum())
        val_chance = float(-np.log(np.maximum(p[yva], 1e-12)).mean())
        majority = float(np.bincount(yva, minlength=k).max() / len(yva))
        yt = torch.tensor(ytr, dtype=torch.long)
        yv = torch.tensor(yva, dtype=torch.long)
    return dict(xtr=torch.tensor(xtr, dtype=torch.float32), ytr=yt,
                xva=torch.tensor(xva, dtype=torch.float32), yva=yv,
                task=task, k=k, chance=chance, val_chance=val_chance, majority=majority)


# --------------------------------------------------------------------------------------------
# model
# --------------------------------------------------------------------------------------------

ACTS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid,
        "leaky_relu": nn.LeakyReLU, "elu": nn.ELU}
RELU_LIKE = ("relu", "leaky_relu", "elu")


def build(in_dim, out_dim, depth, width, act, init):
    linears, acts, mods = [], [], []
    d = in_dim
    for _ in range(depth):
        lin = nn.Linear(d, width)
        a = ACTS[act]()
        linears.append(lin)
        acts.append(a)
        mods += [lin, a]
        d = width
    out = nn.Linear(d, out_dim)
    linears.append(out)
    mods.append(out)
    model = nn.Sequential(*mods)
    init, _, out_spec = init.partition("/")   # e.g. normal:0.05/out:1.0 = output layer normal(0, 1.0)
    kind, _, arg = init.partition(":")
    with torch.no_grad():
        for lin in linears:
            if kind == "default":
                pass
            elif kind == "xavier":
                nn.init.xavier_uniform_(lin.weight)
                lin.bias.zero_()
            elif kind == "kaiming":
                nn.init.kaiming_normal_(lin.weight, nonlinearity="relu")
                lin.bias.zero_()
            elif kind == "normal":
                nn.init.normal_(lin.weight, 0.0, float(arg))
                lin.bias.zero_()
            elif kind == "zeros":
                lin.weight.zero_()
                lin.bias.zero_()
            elif kind == "outscale":  # default init, output layer multiplied (huge first loss)
                pass
            else:
                raise ValueError(init)
        if kind == "outscale":
            out.weight.mul_(float(arg))
            out.bias.mul_(float(arg))
        if out_spec:
            nn.init.normal_(out.weight, 0.0, float(out_spec.partition(":")[2]))
    return model, linears, acts


def layer_names(depth):
    return ["dense_%d" % i for i in range(depth)] + ["output"]


# --------------------------------------------------------------------------------------------
# one training run
# --------------------------------------------------------------------------------------------

class Cfg:
    def __init__(self, name, family, intended, dataset, opt="adam", lr=1e-3, momentum=0.0,
                 nesterov=False, batch=32, act="relu", depth=2, width=64, init="default",
                 epochs=20, seed=1, schedule="constant", scale_x=True, scale_y=True,
                 val_share=0.2, why="", reference_lr=None, weight_decay=0.0):
        self.__dict__.update(locals())
        del self.__dict__["self"]


def make_opt(cfg, params):
    if cfg.opt == "sgd":
        return torch.optim.SGD(params, lr=cfg.lr, momentum=cfg.momentum, nesterov=cfg.nesterov,
                               weight_decay=cfg.weight_decay)
    if cfg.opt == "adam":
        return torch.optim.Adam(params, lr=cfg.lr, weight_decay=cfg.weight_decay)
    if cfg.opt == "adamw":
        return torch.optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.weight_decay or 0.01)
    if cfg.opt == "rmsprop":
        return torch.optim.RMSprop(params, lr=cfg.lr, momentum=cfg.momentum)
    if cfg.opt == "adagrad":
        return torch.optim.Adagrad(params, lr=cfg.lr)
    raise ValueError(cfg.opt)


def finite(v):
    return v is not None and math.isfinite(v)


def train(cfg):
    d = prepare(cfg.dataset, cfg.seed, cfg.scale_x, cfg.scale_y, cfg.val_share)
    xtr, ytr, xva, yva = d["xtr"], d["ytr"], d["xva"], d["yva"]
    n = len(xtr)
    bs = n if cfg.batch in (None, "full") else min(int(cfg.batch), n)
    spe = (n + bs - 1) // bs
    epochs = min(cfg.epochs, max(1, MAX_STEPS // spe))
    torch.manual_seed(cfg.seed)
    out_dim = 1 if d["task"] == "regression" else d["k"]
    model, linears, acts = build(xtr.shape[1], out_dim, cfg.depth, cfg.width, cfg.act, cfg.init)
    loss_fn = nn.MSELoss() if d["task"] == "regression" else nn.CrossEntropyLoss()
    opt = make_opt(cfg, model.parameters())
    total = epochs * spe
    if cfg.schedule == "cosine":
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total)
        per_step = True
    elif cfg.schedule.startswith("step"):  # step:EVERY_EPOCHS:GAMMA
        _, every, gamma = cfg.schedule.split(":")
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=int(every), gamma=float(gamma))
        per_step = False
    else:
        sched, per_step = None, False

    rec = {"on": False, "pre": [None] * len(acts), "post": [None] * len(acts)}

    def hook(i):
        def f(mod, inp, out):
            if rec["on"]:
                rec["pre"][i] = inp[0].detach()
                rec["post"][i] = out.detach()
        return f
    for i, a in enumerate(acts):
        a.register_forward_hook(hook(i))

    names = layer_names(cfg.depth)
    gen = torch.Generator().manual_seed(cfg.seed)
    rows = []
    step = 0
    stop = False
    for ep in range(1, epochs + 1):
        perm = torch.randperm(n, generator=gen)
        for b in range(spe):
            idx = perm[b * bs:(b + 1) * bs]
            step += 1
            trace = step == 1 or step % TRACE_EVERY == 0
            rec["on"] = trace
            model.train()
            out = model(xtr[idx])
            loss = loss_fn(out, ytr[idx])
            opt.zero_grad()
            loss.backward()
            lv = loss.item()
            lr = opt.param_groups[0]["lr"]
            row = {"step": step, "epoch": ep, "loss": lv, "lr": lr}
            if trace:
                before = []
                for j, lin in enumerate(linears):
                    g = torch.cat([p.grad.reshape(-1) for p in lin.parameters()])
                    row["grad_norm/" + names[j]] = g.norm().item()
                    before.append(torch.cat([p.detach().reshape(-1) for p in lin.parameters()]).clone())
                for j in range(len(acts)):
                    post, pre = rec["post"][j], rec["pre"][j]
                    if cfg.act in RELU_LIKE:
                        row["dead_fraction/" + names[j]] = (post == 0).all(dim=0).float().mean().item()
                    else:
                        row["saturated_fraction/" + names[j]] = (pre.abs() > 5).float().mean().item()
            rec["on"] = False
            opt.step()
            if trace:
                for j, lin in enumerate(linears):
                    after = torch.cat([p.detach().reshape(-1) for p in lin.parameters()])
                    nb = before[j].norm().item()
                    diff = (after - before[j]).norm().item()
                    row["update_ratio/" + names[j]] = diff / nb if nb > 0 else (0.0 if diff == 0 else float("inf"))
                    row["param_norm/" + names[j]] = after.norm().item()
            if not math.isfinite(lv) and step > 1:
                stop = True
            if b == spe - 1 and not stop:
                model.eval()
                with torch.no_grad():
                    o = model(xva)
                    vl = loss_fn(o, yva).item()
                    if d["task"] == "regression":
                        sst = ((yva - yva.mean()) ** 2).sum().item()
                        vm = 1.0 - ((o - yva) ** 2).sum().item() / sst
                    else:
                        vm = (o.argmax(1) == yva).float().mean().item()
                row["val_loss"], row["val_metric"] = vl, vm
            rows.append(row)
            if stop:
                break
            if sched is not None and per_step:
                sched.step()
        if stop:
            break
        if sched is not None and not per_step:
            sched.step()
    meta = dict(framework="pytorch", dataset=cfg.dataset, task=d["task"],
                loss="mse" if d["task"] == "regression" else "cross_entropy",
                val_metric="r2" if d["task"] == "regression" else "accuracy",
                preprocess="standardize" if cfg.scale_x else "raw",
                optimizer=cfg.opt + ("_nesterov" if cfg.nesterov else ""),
                learning_rate=cfg.lr,
                momentum=0.9 if cfg.opt in ("adam", "adamw") else cfg.momentum,
                lr_schedule=cfg.schedule,
                batch_size=bs, activation=cfg.act, depth=cfg.depth, width=cfg.width,
                weight_init=cfg.init, epochs=epochs, seed=cfg.seed, trace_every=TRACE_EVERY)
    if cfg.opt in ("adam", "adamw"):
        meta["betas"] = "0.9/0.999"
    if cfg.weight_decay or cfg.opt == "adamw":
        meta["weight_decay"] = cfg.weight_decay or 0.01
    if d["task"] == "regression":
        meta["target"] = "standardize" if cfg.scale_y else "raw"
    else:
        meta["classes"] = d["k"]
    meta["chance_loss"] = "%.6g" % d["chance"]
    return dict(cfg=cfg, rows=rows, meta=meta, names=names, chance=d["chance"],
                val_chance=d["val_chance"], majority=d["majority"], task=d["task"], k=d["k"], spe=spe, epochs_planned=epochs,
                n_train=n, batch=bs)


# --------------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------------

def fmt(v):
    if v is None:
        return ""
    if isinstance(v, int):
        return str(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return "%.6g" % v


def write_trace(run, path):
    names, cfg = run["names"], run["cfg"]
    cols = ["step", "epoch", "loss", "lr", "val_loss", "val_metric"]
    for kind in ("grad_norm", "update_ratio", "param_norm"):
        cols += ["%s/%s" % (kind, n) for n in names]
    hid = names[:-1]
    if cfg.act in RELU_LIKE:
        cols += ["dead_fraction/" + n for n in hid]
    else:
        cols += ["saturated_fraction/" + n for n in hid]
    with open(path, "w") as f:
        for k, v in run["meta"].items():
            f.write("# %s=%s\n" % (k, v))
        f.write(",".join(cols) + "\n")
        for r in run["rows"]:
            f.write(",".join(fmt(r.get(c)) for c in cols) + "\n")


# --------------------------------------------------------------------------------------------
# measurements and the checks (fixed in README.md; a run is kept only if its intended check
# passes and the other three fail)
# --------------------------------------------------------------------------------------------

SWING = 0.30          # an epoch-to-epoch change of at least 30% of the smaller value ...
SWING_FLOOR = 0.05    # ... and at least 5% of the chance loss in absolute terms
FLIP_ALT, FLIP_REL = 0.9, 0.05              # full batch: a period-2 flip-flop that counts as oscillating
FLIP_QUIET_ALT, FLIP_QUIET_REL = 0.8, 0.005  # full batch: a flip-flop too clear to call the run stable


def measure(run):
    rows, C, M = run["rows"], run["chance"], run["majority"]
    reg = run["task"] == "regression"
    losses = [r["loss"] for r in rows]
    nonfinite = [r["step"] for r in rows if not math.isfinite(r["loss"])]
    by_ep = {}
    for r in rows:
        by_ep.setdefault(r["epoch"], []).append(r["loss"])
    E = []
    for e in sorted(by_ep):
        v = by_ep[e]
        if len(v) < run["spe"]:
            continue  # unfinished epoch (run stopped on a non-finite loss)
        fin = [x for x in v if math.isfinite(x)]
        if e == 1 and len(fin) >= len(v) - 2 and fin:   # allow an inf first step
            E.append(float(np.mean(fin)))
        elif len(fin) == len(v):
            E.append(float(np.mean(v)))
        else:
            E.append(float("nan"))
    V = [r["val_loss"] for r in rows if "val_loss" in r]
    A = [r["val_metric"] for r in rows if "val_metric" in r]
    # the untrained loss: the first step's (the second's if the first is not finite)
    head = [x for x in losses[:2] if math.isfinite(x)]
    L0 = head[0] if head else float("nan")

    def reversals(X):
        """(count, median relative size) of reversals in the second half: a swing (a change of
        >= SWING of the smaller value and >= SWING_FLOOR of chance) followed at once by a swing
        the other way."""
        n = len(X)
        if n < 4 or not all(math.isfinite(x) for x in X):
            return 0, 0.0
        sw, size = [], []
        for i in range(n // 2, n - 1):
            a, b = X[i], X[i + 1]
            dlt = b - a
            lo = min(abs(a), abs(b))
            ok = abs(dlt) >= SWING * lo and abs(dlt) >= SWING_FLOOR * C
            sw.append(np.sign(dlt) if ok else 0)
            size.append(abs(dlt) / lo if lo > 0 else float("inf"))
        hits = [i for i in range(len(sw) - 1) if sw[i] != 0 and sw[i + 1] == -sw[i]]
        return len(hits), float(np.median([min(size[i], size[i + 1]) for i in hits])) if hits else 0.0

    def flipflop(X):
        """Full-batch runs: share of successive second-half changes of the loss that reverse the
        previous change, and the median change relative to the smaller value."""
        h = X[len(X) // 2:]
        if len(h) < 10 or not all(map(math.isfinite, h)):
            return 0.0, 0.0
        d = [b - a for a, b in zip(h, h[1:])]
        alt = sum(1 for x, y in zip(d, d[1:]) if x * y < 0) / (len(d) - 1)
        rel = float(np.median([abs(x) / max(min(a, b), 1e-30) for x, a, b in zip(d, h, h[1:])]))
        return alt, rel

    m = dict(C=C, Cv=run["val_chance"], M=M, reg=reg, nonfinite=nonfinite, L0=L0, E=E, V=V, A=A,
             first=losses[0], steps=len(rows), epochs=len(E),
             maxloss=max((x for x in losses if math.isfinite(x)), default=float("nan")),
             full_batch=run["spe"] == 1)
    m["revV"], m["swingV"] = reversals(V)
    m["revE"], m["swingE"] = reversals(E)
    m["flip_alt"], m["flip_rel"] = flipflop(E) if m["full_batch"] else (0.0, 0.0)
    return m


def start(m):
    """The higher of the chance loss and the untrained loss (the first finite of steps 1-2)."""
    return max(m["C"], m["L0"]) if math.isfinite(m["L0"]) else m["C"]


def learnt_level(m, share):
    """Metric level that means 'closed `share` of the gap from chance to perfect'."""
    return share if m["reg"] else m["M"] + share * (1 - m["M"])


def check_stable(m):
    E, A, V, C = m["E"], m["A"], m["V"], m["C"]
    if any(s > 2 for s in m["nonfinite"]) or not E or not all(map(math.isfinite, E + V)):
        return False, "non-finite after step 2"
    if len(E) < 5:
        return False, "fewer than 5 epochs"
    if E[-1] > 0.5 * C:
        return False, "last epoch-mean loss %.3g > 0.5 chance %.3g" % (E[-1], C)
    if A[-1] < learnt_level(m, 0.5 if not m["reg"] else 0.3):
        return False, "last val metric %.3g below learnt level %.3g" % (A[-1], learnt_level(m, 0.5 if not m["reg"] else 0.3))
    if A[-1] < max(A) - (0.1 if m["reg"] else 0.05):
        return False, "val metric fell from best %.3g to %.3g" % (max(A), A[-1])
    if m["revV"] > 1 or m["revE"] > 1:
        return False, "swinging: %d val / %d epoch-mean reversals" % (m["revV"], m["revE"])
    if m["flip_alt"] >= FLIP_QUIET_ALT and m["flip_rel"] >= FLIP_QUIET_REL:
        return False, "full-batch loss flip-flops (%.0f%% of changes reverse, median %.1f%%)" % (
            100 * m["flip_alt"], 100 * m["flip_rel"])
    if max(E) > 1.5 * start(m):
        return False, "epoch-mean loss rose to %.3g" % max(E)
    return True, "ok"


def check_oscillating(m):
    E, A, V, C = m["E"], m["A"], m["V"], m["C"]
    if m["nonfinite"] or not E or not all(map(math.isfinite, E + V)):
        return False, "non-finite"
    if len(E) < 8:
        return False, "fewer than 8 epochs"
    if max(E) > 2 * start(m):
        return False, "epoch-mean loss blew up to %.3g" % max(E)
    if max(A) < learnt_level(m, 0.3):
        return False, "never learnt (best val metric %.3g)" % max(A)
    q = max(2, len(E) // 4)
    if np.mean(E[-q:]) > 0.8 * C:
        return False, "tail epoch-mean loss %.3g back near chance" % np.mean(E[-q:])
    if np.mean(A[-q:]) < learnt_level(m, 0.2):
        return False, "tail val metric %.3g back near chance" % np.mean(A[-q:])
    flip = m["flip_alt"] >= FLIP_ALT and m["flip_rel"] >= FLIP_REL
    if m["revV"] < 3 and m["revE"] < 3 and not flip:
        return False, "only %d val / %d epoch-mean reversals" % (m["revV"], m["revE"])
    return True, "ok"


def check_diverging(m):
    E, A, C = m["E"], m["A"], m["C"]
    if any(s >= 3 for s in m["nonfinite"]):
        return True, "non-finite at step %d" % min(s for s in m["nonfinite"] if s >= 3)
    Ef = [x for x in E if math.isfinite(x)]
    if len(Ef) < 3:
        return False, "too short"
    base = start(m)
    if max(Ef) >= 4 * base and Ef[-1] >= 0.9 * min(C, m["L0"]):
        return True, "blow-up"
    q = max(2, len(Ef) // 4)
    tail = Ef[-q:]
    if (max(A) >= learnt_level(m, 0.3) and min(Ef) <= 0.6 * C
            and A[-1] <= (0.05 if m["reg"] else m["M"] + 0.05)
            and min(tail) >= 0.95 * C and max(tail) <= 1.1 * min(tail)):
        return True, "learnt then lost"
    return False, "no blow-up / loss of training"


def check_vanishing(m):
    E, A, V, C = m["E"], m["A"], m["V"], m["C"]
    if m["nonfinite"] or not E or not all(map(math.isfinite, E + V)):
        return False, "non-finite"
    if len(E) < 5:
        return False, "fewer than 5 epochs"
    lim = 0.05 if m["reg"] else m["M"] + 0.05
    if max(A) > lim:
        return False, "val metric reached %.3g > %.3g" % (max(A), lim)
    q = max(2, len(E) // 4)
    if abs(np.mean(E[-q:]) - C) > 0.05 * C:
        return False, "last-quarter epoch-mean %.4g not within 5%% of chance %.4g" % (np.mean(E[-q:]), C)
    if min(E) < 0.9 * C or min(V) < 0.9 * m["Cv"]:
        return False, "clearly below chance (epoch mean %.4g of %.4g, val %.4g of %.4g)" % (
            min(E), C, min(V), m["Cv"])
    if max(E) > 1.1 * start(m):
        return False, "epoch-mean loss rose to %.3g" % max(E)
    return True, "ok"


CHECKS = {"stable": check_stable, "oscillating": check_oscillating,
          "diverging": check_diverging, "vanishing": check_vanishing}


def judge(m, intended):
    res = {k: f(m) for k, f in CHECKS.items()}
    ok, why = res[intended]
    if not ok:
        return False, "%s check failed: %s" % (intended, why)
    others = [k for k, (o, _) in res.items() if o and k != intended]
    if others:
        return False, "also passes the %s check" % "/".join(others)
    return True, why


# --------------------------------------------------------------------------------------------
# the constructions
# --------------------------------------------------------------------------------------------

def C_(family, intended, why, dataset, seed, **kw):
    return Cfg(name="", family=family, intended=intended, dataset=dataset, seed=seed, why=why, **kw)


def constructions():
    out = []
    add = out.append
    S, O, D, V = "stable", "oscillating", "diverging", "vanishing"

    # ---------------- stable ----------------
    w = "a sensible rate for this optimiser"
    add(C_("sane-adam", S, w, "digits", 1, opt="adam", lr=1e-3, batch=32, epochs=20))
    add(C_("sane-adam", S, w, "shapes", 2, opt="adam", lr=1e-3, batch=32, act="tanh", width=32, init="xavier", epochs=30))
    add(C_("sane-adam", S, w, "breast_cancer", 3, opt="adam", lr=1e-3, batch=16, act="elu", depth=1, width=32, epochs=30))
    add(C_("sane-adam", S, w, "spirals", 4, opt="adam", lr=3e-3, batch=32, depth=3, width=64, init="kaiming", epochs=80))
    add(C_("sane-adam", S, w, "blobs", 5, opt="adam", lr=1e-3, batch=64, act="leaky_relu", epochs=40))
    add(C_("sane-adam", S, w, "iris", 6, opt="adam", lr=1e-2, batch=8, act="tanh", depth=1, width=16, epochs=60))
    add(C_("sane-sgd", S, w, "digits", 11, opt="sgd", lr=0.1, batch=32, epochs=30))
    add(C_("sane-sgd", S, w, "iris", 12, opt="sgd", lr=0.1, batch=8, act="tanh", depth=1, width=16, epochs=60))
    add(C_("sane-sgd", S, w, "moons", 13, opt="sgd", lr=0.1, batch=16, width=32, epochs=40))
    add(C_("sane-sgd", S, w, "breast_cancer", 14, opt="sgd", lr=0.3, batch=32, act="sigmoid", depth=1, width=32, epochs=40))
    add(C_("sane-sgd", S, w, "shapes", 15, opt="sgd", lr=0.05, batch=32, depth=1, width=128, init="kaiming", epochs=40))
    add(C_("sane-momentum", S, w, "digits", 21, opt="sgd", lr=0.01, momentum=0.9, batch=64, depth=3, width=128, epochs=40))
    add(C_("sane-momentum", S, w, "shapes", 22, opt="sgd", lr=0.01, momentum=0.9, nesterov=True, batch=32, act="elu", epochs=40))
    add(C_("sane-momentum", S, w, "blobs", 23, opt="sgd", lr=0.05, momentum=0.9, batch=32, act="tanh", width=32, epochs=40))
    add(C_("sane-momentum", S, w, "breast_cancer", 24, opt="sgd", lr=0.01, momentum=0.9, nesterov=True, batch=32, epochs=40))
    add(C_("sane-momentum", S, w, "spirals", 25, opt="sgd", lr=0.05, momentum=0.9, batch=32, depth=3, width=64, epochs=80))
    add(C_("sane-rmsprop", S, w, "digits", 31, opt="rmsprop", lr=1e-3, batch=32, epochs=25))
    add(C_("sane-rmsprop", S, w, "blobs", 32, opt="rmsprop", lr=1e-3, batch=32, act="tanh", epochs=40))
    add(C_("sane-rmsprop", S, w, "moons", 33, opt="rmsprop", lr=3e-3, batch=32, act="elu", width=32, epochs=60))
    add(C_("sane-rmsprop", S, w, "iris", 34, opt="rmsprop", lr=3e-3, batch=16, width=32, epochs=100))
    add(C_("sane-adagrad", S, w, "iris", 41, opt="adagrad", lr=0.05, batch=16, width=32, epochs=100))
    add(C_("sane-adagrad", S, w, "shapes", 42, opt="adagrad", lr=0.05, batch=32, act="leaky_relu", epochs=40))
    add(C_("sane-adamw", S, w, "spirals", 43, opt="adamw", lr=3e-3, batch=32, depth=3, width=64, epochs=80))
    add(C_("sane-adamw", S, w, "digits", 44, opt="adamw", lr=1e-3, batch=32, act="leaky_relu", epochs=20))

    w = "batches of 2-8 on easy data: single-batch spikes, smooth validation"
    for i, (ds, opt, lr, b, ep) in enumerate([("iris", "sgd", 0.05, 4, 40), ("iris", "adam", 1e-3, 2, 20),
                                              ("blobs", "sgd", 0.05, 4, 10), ("blobs", "adam", 1e-3, 8, 20),
                                              ("moons", "sgd", 0.05, 4, 12), ("moons", "adam", 1e-3, 2, 6),
                                              ("breast_cancer", "sgd", 0.05, 4, 12), ("breast_cancer", "adam", 1e-3, 2, 6),
                                              ("iris", "sgd", 0.1, 2, 20)]):
        add(C_("tiny-batch", S, w, ds, 51 + i, opt=opt, lr=lr, batch=b, epochs=ep))

    w = "a small rate: slow but clear learning"
    add(C_("slow", S, w, "digits", 61, opt="sgd", lr=0.005, batch=32, epochs=30))
    add(C_("slow", S, w, "breast_cancer", 62, opt="sgd", lr=0.005, batch=32, epochs=40))
    add(C_("slow", S, w, "shapes", 63, opt="adam", lr=1e-4, batch=32, epochs=40))
    add(C_("slow", S, w, "blobs", 64, opt="sgd", lr=0.003, batch=16, act="tanh", epochs=37))

    w = "a learning-rate schedule"
    add(C_("schedule", S, w, "digits", 71, opt="sgd", lr=0.1, batch=32, epochs=30, schedule="step:10:0.1"))
    add(C_("schedule", S, w, "spirals", 72, opt="adam", lr=1e-2, batch=32, depth=3, width=64, epochs=80, schedule="cosine"))
    add(C_("schedule", S, w, "shapes", 73, opt="sgd", lr=0.05, momentum=0.9, batch=32, epochs=40, schedule="cosine"))
    add(C_("schedule", S, w, "blobs", 74, opt="adam", lr=3e-3, batch=32, epochs=40, schedule="step:15:0.3"))
    add(C_("schedule", S, w, "breast_cancer", 75, opt="rmsprop", lr=3e-3, batch=32, epochs=40, schedule="cosine"))

    w = "a wide net trained long after fitting: validation loss rises while training loss falls"
    add(C_("overfit", S, w, "iris", 81, opt="adam", lr=1e-3, batch=16, depth=2, width=256, epochs=150))
    add(C_("overfit", S, w, "breast_cancer", 82, opt="adam", lr=3e-3, batch=32, depth=2, width=256, epochs=60))

    w = "output layer initialised 1000x too large: huge first loss, then a normal descent"
    for i, (ds, opt, lr) in enumerate([("digits", "adam", 1e-3), ("shapes", "adam", 1e-3),
                                       ("spirals", "adam", 3e-3), ("blobs", "rmsprop", 1e-3),
                                       ("breast_cancer", "adam", 3e-3)]):
        add(C_("big-init", S, w, ds, 91 + i, opt=opt, lr=lr, batch=32, epochs=30, init="outscale:1000"))

    w = "regression with MSE at a sensible rate"
    add(C_("regression", S, w, "diabetes", 101, opt="adam", lr=1e-3, batch=32, epochs=50))
    add(C_("regression", S, w, "diabetes", 102, opt="sgd", lr=0.003, momentum=0.9, batch=32, act="tanh", epochs=20))
    add(C_("regression", S, w, "friedman", 103, opt="adam", lr=3e-3, batch=32, act="tanh", epochs=60))
    add(C_("regression", S, w, "friedman", 104, opt="sgd", lr=0.05, batch=16, epochs=40))
    add(C_("regression", S, w + " on the raw target (MSE in the target's own units)", "diabetes", 105,
           opt="adam", lr=0.1, batch=32, epochs=25, scale_y=False))
    add(C_("regression", S, w + " on the raw target (MSE in the target's own units)", "friedman", 106,
           opt="adam", lr=0.01, batch=32, epochs=60, scale_y=False))
    add(C_("regression", S, w, "friedman", 107, opt="rmsprop", lr=1e-3, batch=64, act="elu", depth=3, epochs=120))

    w = "trained far past convergence: a plateau after learning"
    add(C_("plateau", S, w, "blobs", 111, opt="adam", lr=1e-3, batch=64, epochs=150))
    add(C_("plateau", S, w, "moons", 112, opt="sgd", lr=0.1, momentum=0.9, batch=64, epochs=150))
    add(C_("plateau", S, w, "iris", 113, opt="sgd", lr=0.05, batch=32, act="tanh", epochs=375))

    # ---------------- oscillating ----------------
    w = "heavy-ball momentum at a rate too large for it"
    for s in (1, 2, 3, 4, 5):
        add(C_("heavy-ball", O, w, "circles", 210 + s, opt="sgd", lr=0.1, momentum=0.95, batch=16, epochs=50))
        add(C_("heavy-ball", O, w, "moons", 230 + s, opt="sgd", lr=0.1, momentum=0.95, batch=16, epochs=50))
    for s in (1, 2, 3):
        add(C_("heavy-ball", O, w, "circles", 200 + s, opt="sgd", lr=0.02, momentum=0.99, batch=16, epochs=50))
        add(C_("heavy-ball", O, w, "xor", 220 + s, opt="sgd", lr=0.1, momentum=0.95, batch=16, epochs=50))
        add(C_("heavy-ball", O, w, "digits", 240 + s, opt="sgd", lr=0.01, momentum=0.99, batch=64, epochs=60))

    w = "plain SGD at a rate near 1 on small data"
    for s in (4, 5):
        add(C_("sgd-large", O, w, "circles", 330 + s, opt="sgd", lr=1.0, batch=16, epochs=50))
        add(C_("sgd-large", O, w, "xor", 340 + s, opt="sgd", lr=1.0, batch=16, epochs=50))
    for s in (1, 2, 3):
        add(C_("sgd-large", O, w, "moons", 300 + s, opt="sgd", lr=1.0, batch=16, epochs=50))
        add(C_("sgd-large", O, w, "iris", 310 + s, opt="sgd", lr=1.0, batch=8, epochs=100))
        add(C_("sgd-large", O, w, "spirals", 320 + s, opt="sgd", lr=1.0, batch=16, epochs=50))
        add(C_("sgd-large", O, w, "circles", 330 + s, opt="sgd", lr=1.0, batch=16, epochs=50))
        add(C_("sgd-large", O, w, "xor", 340 + s, opt="sgd", lr=1.0, batch=16, epochs=50))

    w = "Adam at 50-100x its default rate"
    for s in (1, 2, 3, 4, 5):
        add(C_("adam-large", O, w, "digits", 400 + s, opt="adam", lr=0.05, batch=128, epochs=100, reference_lr=1e-3))
        add(C_("adam-large", O, w, "shapes", 410 + s, opt="adam", lr=0.1, batch=128, epochs=100, reference_lr=1e-3))
    w = "RMSprop at 10-20x its default rate"
    for s in (1, 2, 3):
        add(C_("rmsprop-large", O, w, "xor", 500 + s, opt="rmsprop", lr=0.01, batch=16, epochs=50, reference_lr=1e-3))
        add(C_("rmsprop-large", O, w, "moons", 510 + s, opt="rmsprop", lr=0.02, batch=16, epochs=50, reference_lr=1e-3))
        add(C_("rmsprop-large", O, w, "circles", 520 + s, opt="rmsprop", lr=0.02, batch=16, epochs=50, reference_lr=1e-3))

    w = "full-batch gradient descent past the edge of stability"
    for s in (1, 2, 3):
        add(C_("fullbatch-gd", O, w, "diabetes", 600 + s, opt="sgd", lr=0.3, batch="full", depth=1, width=32, epochs=400))
        add(C_("fullbatch-gd", O, w, "friedman", 620 + s, opt="sgd", lr=0.2, batch="full", depth=1, width=32, epochs=400))
        add(C_("fullbatch-gd", O, w, "friedman", 630 + s, opt="sgd", lr=0.5, batch="full", act="tanh", depth=1, width=32, epochs=400))

    # ---------------- diverging ----------------
    w = "SGD at 50-100x a working rate: the loss overflows"
    for i, (ds, lr) in enumerate([("digits", 10), ("digits", 20), ("shapes", 5), ("blobs", 20), ("spirals", 10),
                                  ("iris", 20), ("breast_cancer", 20)]):
        add(C_("nan-lr", D, w, ds, 700 + i, opt="sgd", lr=lr, batch=32, epochs=20))
    w = "full-batch gradient descent well past the edge of stability on MSE"
    for i, (ds, lr) in enumerate([("diabetes", 0.8), ("friedman", 0.8), ("diabetes", 1.5)]):
        add(C_("nan-lr", D, w, ds, 710 + i, opt="sgd", lr=lr, batch="full", depth=1, width=32, epochs=200))

    w = "unscaled inputs at a rate that suits standardised ones"
    add(C_("raw-inputs", D, w, "breast_cancer", 721, opt="sgd", lr=0.01, batch=32, epochs=30, scale_x=False))
    add(C_("raw-inputs", D, w, "breast_cancer", 722, opt="sgd", lr=0.05, batch=32, epochs=30, scale_x=False))
    add(C_("raw-inputs", D, w, "breast_cancer", 723, opt="sgd", lr=0.01, momentum=0.9, batch=32, epochs=30, scale_x=False))
    add(C_("raw-inputs", D, w, "diabetes", 724, opt="sgd", lr=0.01, batch=32, epochs=30, scale_x=False))
    add(C_("raw-inputs", D, w, "diabetes", 728, opt="sgd", lr=0.001, momentum=0.9, batch=32, epochs=30, scale_x=False))
    add(C_("raw-inputs", D, w + " and a raw target", "diabetes", 725, opt="sgd", lr=0.001, batch=32, epochs=30, scale_x=False, scale_y=False))
    add(C_("raw-inputs", D, w + " and a raw target", "diabetes", 726, opt="sgd", lr=1e-4, momentum=0.9, batch=16, epochs=30, scale_x=False, scale_y=False))

    w = "heavy-ball momentum 0.99 at a rate 10-50x too large: the loss climbs orders of magnitude"
    for i, (ds, lr) in enumerate([("digits", 0.3), ("blobs", 0.3), ("shapes", 0.5), ("spirals", 0.3), ("iris", 0.5),
                                  ("digits", 0.1)]):
        add(C_("momentum-blowup", D, w, ds, 730 + i, opt="sgd", lr=lr, momentum=0.99, batch=64, epochs=30))

    w = ("a step schedule that multiplies the rate by 40 after 15 epochs (0.05 to 2): learns, then the oversized "
         "steps lose training (dead ReLUs back at chance, a blow-up, or NaN)")
    for ds, sd in [("digits", 1), ("digits", 2), ("digits", 3), ("digits", 4), ("shapes", 5), ("shapes", 6),
                   ("shapes", 7)]:
        add(C_("learn-then-die", D, w, ds, 740 + sd, opt="sgd", lr=0.05, batch=32, epochs=30, schedule="step:15:40"))

    w = "a step schedule with gamma 10 instead of 0.1: learns, then the rate grows and the loss blows up"
    for i, (ds, opt, lr) in enumerate([("digits", "sgd", 0.05), ("blobs", "adam", 1e-3), ("shapes", "sgd", 0.05),
                                       ("moons", "adam", 1e-3), ("breast_cancer", "rmsprop", 1e-3)]):
        add(C_("lr-growth", D, w, ds, 750 + i, opt=opt, lr=lr, batch=32, epochs=30, schedule="step:4:10"))

    w = ("Adam at 10-30 (10^4 times its default): the first steps throw the loss up many orders of magnitude and "
         "kill the ReLUs; the loss then sits flat above its start")
    for i, (ds, lr) in enumerate([("digits", 10), ("digits", 30), ("shapes", 10), ("shapes", 30), ("spirals", 10),
                                  ("moons", 30), ("iris", 30), ("breast_cancer", 10)]):
        add(C_("explode-flat", D, w, ds, 761 + i, opt="adam", lr=lr, batch=32, epochs=20))
    w = "SGD at 20 (a few hundred times a working rate): one explosion, then a flat level above the start"
    for sd in (1, 2, 3):
        add(C_("explode-flat", D, w, "shapes", 770 + sd, opt="sgd", lr=20, batch=32, epochs=20))

    # ---------------- vanishing ----------------
    w = "a deep sigmoid stack with a small normal init: the signal and gradients die in the depth"
    for i, (ds, d, std, lr) in enumerate([("digits", 10, 0.05, 0.1), ("shapes", 10, 0.05, 0.1),
                                          ("breast_cancer", 12, 0.05, 0.1), ("iris", 10, 0.05, 0.1),
                                          ("blobs", 14, 0.02, 0.1), ("spirals", 8, 0.05, 0.3),
                                          ("moons", 16, 0.1, 0.1), ("digits", 20, 0.1, 0.05)]):
        add(C_("deep-sigmoid", V, w, ds, 800 + i, opt="sgd", lr=lr, batch=32, act="sigmoid", depth=d,
               width=64, init="normal:%g" % std, epochs=30))
    add(C_("deep-sigmoid", V, w, "circles", 811, opt="sgd", lr=0.1, batch=32, act="sigmoid", depth=12,
           width=32, init="normal:0.05", epochs=40))
    add(C_("deep-sigmoid", V, w, "xor", 812, opt="sgd", lr=0.1, batch=32, act="sigmoid", depth=10,
           width=64, init="normal:0.1", epochs=40))
    add(C_("deep-sigmoid", V, w, "diabetes", 810, opt="sgd", lr=0.05, batch=118, act="sigmoid", depth=10,
           width=64, init="normal:0.05", epochs=100))
    w = "a deep tanh stack with a small normal init: activations shrink to zero layer by layer"
    for i, (ds, d, std, lr) in enumerate([("digits", 12, 0.02, 0.05), ("shapes", 12, 0.02, 0.05),
                                          ("breast_cancer", 10, 0.01, 0.1), ("iris", 16, 0.05, 0.05),
                                          ("blobs", 10, 0.02, 0.1), ("spirals", 12, 0.03, 0.1)]):
        add(C_("deep-tanh", V, w, ds, 820 + i, opt="sgd", lr=lr, batch=32, act="tanh", depth=d,
               width=64, init="normal:%g" % std, epochs=30))
    add(C_("deep-tanh", V, w, "circles", 831, opt="sgd", lr=0.1, batch=32, act="tanh", depth=14,
           width=32, init="normal:0.03", epochs=40))
    add(C_("deep-tanh", V, w, "xor", 832, opt="sgd", lr=0.05, batch=32, act="tanh", depth=10,
           width=64, init="normal:0.02", epochs=40))
    add(C_("deep-tanh", V, w, "friedman", 830, opt="sgd", lr=0.05, batch=120, act="tanh", depth=12,
           width=64, init="normal:0.02", epochs=100))
    w = "a deep small-init sigmoid stack with a large output layer: the loss falls from a saturated start to chance and sits there"
    for i, (ds, d) in enumerate([("digits", 10), ("shapes", 10), ("blobs", 12), ("spirals", 10), ("iris", 12),
                                 ("circles", 10)]):
        add(C_("saturated-start", V, w, ds, 840 + i, opt="sgd", lr=0.1, batch=32, act="sigmoid", depth=d,
               width=64, init="normal:0.05/out:1.5", epochs=100 if ds == "iris" else 30))
    w = "all weights and biases initialised to zero: no gradient reaches the hidden layers"
    for i, (ds, act, opt, lr) in enumerate([("digits", "relu", "adam", 1e-3), ("shapes", "tanh", "sgd", 0.1),
                                            ("iris", "relu", "sgd", 0.1), ("breast_cancer", "tanh", "adam", 1e-3),
                                            ("moons", "relu", "sgd", 0.1), ("blobs", "tanh", "adam", 1e-3)]):
        add(C_("zero-init", V, w, ds, 850 + i, opt=opt, lr=lr, batch=32, act=act, depth=4, width=64,
               init="zeros", epochs=30))
    add(C_("zero-init", V, w, "spirals", 858, opt="sgd", lr=0.1, batch=32, act="relu", depth=3, width=128,
           init="zeros", epochs=40))
    add(C_("zero-init", V, w, "xor", 859, opt="adam", lr=1e-3, batch=16, act="tanh", depth=6, width=32,
           init="zeros", epochs=25))
    add(C_("zero-init", V, w, "diabetes", 857, opt="adam", lr=1e-3, batch=59, depth=4, width=64, init="zeros", epochs=40))
    w = "a learning rate so small that nothing moves"
    for i, (ds, opt, lr) in enumerate([("digits", "sgd", 1e-5), ("shapes", "sgd", 1e-5), ("spirals", "adam", 1e-6),
                                       ("digits", "adam", 1e-6), ("iris", "sgd", 1e-5), ("moons", "sgd", 1e-6)]):
        add(C_("tiny-lr", V, w, ds, 860 + i, opt=opt, lr=lr, batch=32, epochs=20))
    return out


OPT_NAMES = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad"}


def describe(cfg, run):
    c = cfg
    if c.opt == "sgd" and c.momentum:
        o = "SGD+%s %g" % ("Nesterov" if c.nesterov else "momentum", c.momentum)
    else:
        o = OPT_NAMES[c.opt]
    data = c.dataset + ("" if c.scale_x else " (raw inputs)")
    if run["task"] == "regression" and not c.scale_y:
        data += " (raw target)"
    bs = "full batch %d" % run["batch"] if c.batch == "full" else "batch %d" % run["batch"]
    sched = "" if c.schedule == "constant" else ", %s schedule" % c.schedule.replace(":", " ")
    return "%s %g on %s, %s %dx%d %s init, %s, %d epochs%s" % (
        o, c.lr, data, c.act, c.depth, c.width, c.init, bs, run["meta"]["epochs"], sched)


def summary(m, ref=None):
    g = lambda x: "%.3g" % x
    metric = "R2" if m["reg"] else "acc"
    parts = ["%d steps" % m["steps"]]
    if m["nonfinite"]:
        parts.append("non-finite loss at step %d" % m["nonfinite"][0])
    parts.append("loss first %s (chance %s)" % (g(m["first"]), g(m["C"])))
    if m["E"]:
        Ef = [x for x in m["E"] if math.isfinite(x)]
        parts.append("epoch-mean loss first %s best %s highest %s last %s" % (g(m["E"][0]), g(min(Ef)), g(max(Ef)), g(m["E"][-1])))
    if m["A"]:
        A = [x for x in m["A"] if math.isfinite(x)]
        if A:
            base = "" if m["reg"] else " (majority %.2f)" % m["M"]
            parts.append("val %s best %.3f last %.3f%s" % (metric, max(A), m["A"][-1], base))
    if m["V"] and all(map(math.isfinite, m["V"])):
        parts.append("val loss best %s last %s" % (g(min(m["V"])), g(m["V"][-1])))
    rv = "second-half reversals of >=30%%: val loss %d" % m["revV"]
    if m["revV"]:
        rv += " (median swing %.0f%%)" % (100 * m["swingV"])
    rv += ", epoch-mean loss %d" % m["revE"]
    if m["revE"]:
        rv += " (median swing %.0f%%)" % (100 * m["swingE"])
    parts.append(rv)
    if m["full_batch"] and m["flip_alt"] > 0:
        parts.append("%.0f%% of second-half full-batch loss changes reverse the previous one (median size %.1f%%)" % (
            100 * m["flip_alt"], 100 * m["flip_rel"]))
    if ref is not None:
        parts.append("same net at lr %g: epoch-mean loss best %s last %s, val %s best %.3f" % (
            ref["lr"], g(min(ref["m"]["E"])), g(ref["m"]["E"][-1]), metric, max(ref["m"]["A"])))
    return "; ".join(parts)


def family_check(cfg, m, ref):
    """Extra, construction-specific conditions (README: 'Family conditions')."""
    if ref is not None and cfg.family == "adam-large":
        q = max(2, len(m["E"]) // 4)
        tail = float(np.mean(m["E"][-q:]))
        if tail < 3 * ref["m"]["E"][-1]:
            return False, "tail epoch-mean loss %.3g is not 3x above the %.3g the same net reaches at lr %g" % (
                tail, ref["m"]["E"][-1], ref["lr"])
    if cfg.family == "overfit":
        i = int(np.argmin(m["V"]))
        if not (m["V"][-1] >= 1.3 * m["V"][i] and m["E"][-1] < m["E"][i]):
            return False, "validation loss did not rise 30% above its best while the training loss fell"
    if cfg.family == "big-init":
        if not m["first"] > 10 * m["C"]:
            return False, "first loss %.3g is not 10x chance" % m["first"]
    if cfg.family == "explode-flat":
        Ef = m["E"]
        if not (len(Ef) >= 5 and all(map(math.isfinite, Ef))):
            return False, "non-finite loss (an overflow, not an explosion that stays finite)"
        if max(Ef) < 1e3 * start(m):
            return False, "no epoch-mean loss 1000x above the start"
        h = Ef[len(Ef) // 2:]
        if not (min(Ef[1:]) > start(m) and max(h) <= 3 * min(h)):
            return False, "after the explosion the loss did not sit flat (within 3x) above the start"
    return True, ""


def slug(x):
    return ("%g" % x).replace("+", "")


def run_name(cfg):
    o = cfg.opt + ("-nesterov" if cfg.nesterov else "-mom%g" % cfg.momentum if cfg.momentum else "")
    b = "full" if cfg.batch == "full" else "bs%d" % cfg.batch
    extra = ""
    if not cfg.scale_x:
        extra += "-rawx"
    if not cfg.scale_y:
        extra += "-rawy"
    if cfg.init != "default":
        extra += "-" + cfg.init.replace(":", "").replace("/", "-")
    if cfg.schedule != "constant":
        extra += "-" + cfg.schedule.split(":")[0]
    return "%s-%s-%s-lr%s-%s-%s%dx%d%s-s%d" % (cfg.family, cfg.dataset, o, slug(cfg.lr), b, cfg.act,
                                               cfg.depth, cfg.width, extra, cfg.seed)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    out_dir = argv[1]
    only = None
    dropped_path = None
    i = 2
    while i < len(argv):
        if argv[i] == "--only":
            only = set(argv[i + 1].split(","))
            i += 2
        elif argv[i] == "--dropped":
            dropped_path = argv[i + 1]
            i += 2
        else:
            raise SystemExit("unknown argument " + argv[i])
    cfgs = [c for c in constructions() if only is None or c.family in only or c.intended in only]
    names = [run_name(c) for c in cfgs]
    assert len(set(names)) == len(names), "duplicate run names"
    for lab in CHECKS:
        os.makedirs(os.path.join(out_dir, lab), exist_ok=True)
    manifest, dropped = [], []
    refs = {}
    t0 = time.time()
    for cfg, name in zip(cfgs, names):
        t = time.time()
        run = train(cfg)
        m = measure(run)
        ref = None
        if cfg.reference_lr:
            key = (cfg.dataset, cfg.seed, cfg.opt, cfg.batch, cfg.act, cfg.depth, cfg.width, cfg.init, cfg.epochs)
            if key not in refs:
                rc = Cfg(**dict(cfg.__dict__, lr=cfg.reference_lr, reference_lr=None))
                refs[key] = dict(lr=cfg.reference_lr, m=measure(train(rc)))
            ref = refs[key]
        ok, why = judge(m, cfg.intended)
        if ok:
            ok, why = family_check(cfg, m, ref)
        desc = describe(cfg, run)
        origin = "%s: %s; measured: %s" % (desc, cfg.why, summary(m, ref))
        assert '"' not in origin and "\n" not in origin
        status = "KEEP" if ok else "drop"
        print("%-5s %-11s %-70s %5.1fs %s" % (status, cfg.intended, name, time.time() - t, "" if ok else why),
              flush=True)
        if ok:
            rel = "%s/%s.csv" % (cfg.intended, name)
            write_trace(run, os.path.join(out_dir, rel))
            manifest.append('%s,%s,%s,,"%s"' % (rel, cfg.intended, cfg.family, origin))
        else:
            dropped.append((name, cfg.intended, cfg.family, why, desc + "; measured: " + summary(m, ref)))
    with open(os.path.join(out_dir, "manifest.csv"), "w") as f:
        f.write("file,label,family,split,origin\n")
        for line in manifest:
            f.write(line + "\n")
    if dropped_path:
        with open(dropped_path, "w") as f:
            f.write("name,intended,family,failed,run\n")
            for d in dropped:
                f.write('%s,%s,%s,"%s","%s"\n' % d)
    counts = {}
    for line in manifest:
        lab = line.split(",")[1]
        counts[lab] = counts.get(lab, 0) + 1
    print("kept %d, dropped %d, %s, %.0f s" % (len(manifest), len(dropped), counts, time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
