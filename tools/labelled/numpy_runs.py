#!/usr/bin/python3
"""Labelled training runs written with plain NumPy, for keel's diagnosis corpus.

Usage:  /usr/bin/python3 tools/labelled/numpy_runs.py OUT_DIR [--only SUBSTRING]

Every run is built from scratch here: data, an MLP (or a linear model) with hand-written
backprop, an optimiser, a training loop. Each run is made to show one behaviour (stable,
oscillating, diverging, vanishing), measured, and kept only when its own numbers pass the
keep-checks written in NUMPY.md beside this file. Kept runs go to OUT_DIR/<label>/<name>.<ext>
in one of three log layouts (keel's trace CSV, a Keras CSVLogger file, JSON Lines), listed in
OUT_DIR/manifest.csv. Deterministic: every run has its own seed, BLAS runs on one thread.
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DATASETS = Path(os.environ.get("KEEL_DATASETS", ROOT.parent / "shared" / "datasets"))


# ----------------------------------------------------------------------------- data

class Data:
    """Train/validation split of one task. y is int classes or a float column."""

    def __init__(self, name, Xtr, ytr, Xva, yva, task):
        self.name, self.task = name, task
        self.Xtr, self.ytr, self.Xva, self.yva = Xtr, ytr, Xva, yva
        if task == "classification":
            self.K = int(max(ytr.max(), yva.max())) + 1
            priors = np.bincount(ytr, minlength=self.K) / len(ytr)
            nz = priors[priors > 0]
            self.chance = float(-(nz * np.log(nz)).sum())
            self.majority = max(np.bincount(yva, minlength=self.K).max() / len(yva), 1.0 / self.K)
        else:
            self.K = 1
            self.chance = float(np.mean((ytr - ytr.mean()) ** 2))
            self.majority = None


def _read_csv(name):
    path = DATASETS / f"{name}.csv"
    with open(path) as f:
        header = f.readline().strip().split(",")
        rows = [line.strip().split(",") for line in f if line.strip()]
    return header, rows


def _split(X, y, rng, val_share, task):
    """Random split, stratified so that the validation set's chance loss matches the training one:
    by class for classification, by bands of the sorted target for regression."""
    if task == "classification":
        groups = [np.flatnonzero(y == k) for k in np.unique(y)]
    else:
        order = np.argsort(y, kind="stable")
        groups = np.array_split(order, max(1, len(y) // 20))
    tr, va = [], []
    for g in groups:
        idx = rng.permutation(g)
        nva = int(round(len(idx) * val_share))
        va += list(idx[:nva])
        tr += list(idx[nva:])
    tr, va = rng.permutation(tr), rng.permutation(va)
    return X[tr], y[tr], X[va], y[va]


def _standardise(Xtr, Xva):
    mu, sd = Xtr.mean(0), Xtr.std(0)
    sd[sd == 0] = 1.0
    return (Xtr - mu) / sd, (Xva - mu) / sd


def load(name, seed, val_share=0.25, raw=False, n_train=None, raw_target=False):
    """Real data sets (standardised features unless raw) and synthetic ones."""
    rng = np.random.default_rng(1000 + seed)
    task = "classification"
    if name in ("iris", "digits", "breast_cancer", "diabetes"):
        header, rows = _read_csv(name)
        if name == "iris":
            names = sorted({r[-1] for r in rows})
            X = np.array([[float(v) for v in r[:-1]] for r in rows])
            y = np.array([names.index(r[-1]) for r in rows])
        else:
            A = np.array([[float(v) for v in r] for r in rows])
            X, y = A[:, :-1], A[:, -1]
            if name == "diabetes":
                task = "regression"
            else:
                y = y.astype(int)
    elif name == "spirals":
        K, m = 3, 140
        X, y = [], []
        for k in range(K):
            r = np.linspace(0.05, 1.0, m)
            t = np.linspace(k * 4.0, k * 4.0 + 4.2, m) + rng.normal(0, 0.22, m)
            X.append(np.c_[r * np.sin(t), r * np.cos(t)])
            y += [k] * m
        X, y = np.vstack(X), np.array(y)
    elif name in ("moons", "moons_noisy"):
        m = 250
        noise = 0.2 if name == "moons" else 0.4
        t1, t2 = rng.uniform(0, np.pi, m), rng.uniform(0, np.pi, m)
        X = np.vstack([np.c_[np.cos(t1), np.sin(t1)], np.c_[1 - np.cos(t2), 0.5 - np.sin(t2)]])
        X += rng.normal(0, noise, X.shape)
        y = np.r_[np.zeros(m, int), np.ones(m, int)]
    elif name == "blobs":
        K, d, m = 4, 6, 120
        centres = rng.normal(0, 2.5, (K, d))
        X = np.vstack([c + rng.normal(0, 1.0, (m, d)) for c in centres])
        y = np.repeat(np.arange(K), m)
    elif name == "xor":
        m = 100
        X, y = [], []
        for i, (a, b) in enumerate([(1, 1), (-1, -1), (1, -1), (-1, 1)]):
            X.append(np.c_[rng.normal(a, 0.45, m), rng.normal(b, 0.45, m)])
            y += [0 if i < 2 else 1] * m
        X, y = np.vstack(X), np.array(y)
    elif name == "linreg":
        n, d = 400, 8
        X = rng.normal(0, 1, (n, d))
        w = rng.normal(0, 1, d)
        y = X @ w + rng.normal(0, 0.7, n)
        task = "regression"
    elif name == "bars":
        # 8x8 synthetic images: 5 shapes (horizontal bar, vertical bar, diagonal, cross, box),
        # random position, pixel noise.
        m, K = 160, 5
        X, y = [], []
        for k in range(K):
            for _ in range(m):
                img = np.zeros((8, 8))
                i, j = rng.integers(1, 7, 2)
                if k == 0:
                    img[i, 1:7] = 1
                elif k == 1:
                    img[1:7, j] = 1
                elif k == 2:
                    for t in range(6):
                        img[(i + t) % 8, (j + t) % 8] = 1
                elif k == 3:
                    img[i, max(0, j - 2):j + 3] = 1
                    img[max(0, i - 2):i + 3, j] = 1
                else:
                    a, b = min(i, 5), min(j, 5)
                    img[a:a + 3, b] = img[a:a + 3, b + 2] = 1
                    img[a, b:b + 3] = img[a + 2, b:b + 3] = 1
                X.append((img + rng.normal(0, 0.25, (8, 8))).ravel())
                y.append(k)
        X, y = np.array(X), np.array(y)
    else:
        raise ValueError(name)
    X = X.astype(float)
    Xtr, ytr, Xva, yva = _split(X, y, rng, val_share, task)
    if n_train is not None:
        Xtr, ytr = Xtr[:n_train], ytr[:n_train]
    if name == "digits" and not raw:
        Xtr, Xva = Xtr / 16.0, Xva / 16.0
    elif not raw:
        Xtr, Xva = _standardise(Xtr, Xva)
    if task == "regression":
        ytr, yva = ytr.astype(float), yva.astype(float)
        if name == "linreg" and raw_target:
            ytr, yva = 40.0 * ytr + 150.0, 40.0 * yva + 150.0
        if not raw_target and name == "diabetes":
            mu, sd = ytr.mean(), ytr.std()
            ytr, yva = (ytr - mu) / sd, (yva - mu) / sd
    label = name + ("-raw" if raw else "") + ("-rawtarget" if raw_target else "")
    return Data(label, Xtr, ytr, Xva, yva, task)


# ----------------------------------------------------------------------------- model

def _act(name, z):
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
    return z


def _dact(name, z, h):
    if name == "relu":
        return (z > 0).astype(float)
    if name == "tanh":
        return 1.0 - h * h
    if name == "sigmoid":
        return h * (1.0 - h)
    return np.ones_like(z)


class MLP:
    """Dense layers; hidden activation `act`; linear output (softmax-CE or MSE outside)."""

    def __init__(self, sizes, act, init, rng, bias_init=0.0):
        self.act = act
        self.params = []
        for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
            if init == "zero":
                W = np.zeros((a, b))
            elif init == "he":
                W = rng.normal(0, math.sqrt(2.0 / a), (a, b))
            elif init == "glorot":
                W = rng.uniform(-1, 1, (a, b)) * math.sqrt(6.0 / (a + b))
            elif isinstance(init, (int, float)):
                W = rng.normal(0, float(init), (a, b))
            else:
                raise ValueError(init)
            bias = bias_init if i < len(sizes) - 2 else 0.0
            self.params += [W, np.full(b, float(bias))]
        self.nlayers = len(sizes) - 1
        self.names = [f"dense_{i}" for i in range(self.nlayers - 1)] + ["output"]

    def forward(self, X):
        zs, hs = [], [X]
        h = X
        for i in range(self.nlayers):
            z = h @ self.params[2 * i] + self.params[2 * i + 1]
            h = _act(self.act, z) if i < self.nlayers - 1 else z
            zs.append(z)
            hs.append(h)
        return zs, hs

    def loss_grad(self, X, y, task, need_grad=True):
        with np.errstate(all="ignore"):
            zs, hs = self.forward(X)
            out = zs[-1]
            n = len(X)
            if task == "classification":
                m = out.max(1, keepdims=True)
                lse = m[:, 0] + np.log(np.exp(out - m).sum(1))
                loss = float(np.mean(lse - out[np.arange(n), y]))
                correct = float(np.mean(out.argmax(1) == y))
                if not need_grad:
                    return loss, correct, None, zs, hs
                p = np.exp(out - lse[:, None])
                p[np.arange(n), y] -= 1.0
                dz = p / n
            else:
                r = out[:, 0] - y
                loss = float(np.mean(r * r))
                correct = float(np.mean(np.abs(r)))  # MAE for regression
                if not need_grad:
                    return loss, correct, None, zs, hs
                dz = (2.0 * r / n)[:, None]
            grads = [None] * len(self.params)
            for i in range(self.nlayers - 1, -1, -1):
                grads[2 * i] = hs[i].T @ dz
                grads[2 * i + 1] = dz.sum(0)
                if i > 0:
                    dh = dz @ self.params[2 * i].T
                    dz = dh * _dact(self.act, zs[i - 1], hs[i])
        return loss, correct, grads, zs, hs


# ----------------------------------------------------------------------------- optimisers

class Optimiser:
    def __init__(self, kind, params, beta=0.9, beta2=0.999, eps=1e-8):
        self.kind, self.beta, self.beta2, self.eps = kind, beta, beta2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, params, grads, lr):
        self.t += 1
        b, b2, eps = self.beta, self.beta2, self.eps
        with np.errstate(all="ignore"):
            for i, (p, g) in enumerate(zip(params, grads)):
                if self.kind == "sgd":
                    p -= lr * g
                elif self.kind == "momentum":  # heavy ball, v <- b v - lr g
                    self.m[i] = b * self.m[i] - lr * g
                    p += self.m[i]
                elif self.kind == "nesterov":  # buffer form: u <- b u + g, step g + b u
                    self.m[i] = b * self.m[i] + g
                    p -= lr * (g + b * self.m[i])
                elif self.kind == "adam":
                    self.m[i] = b * self.m[i] + (1 - b) * g
                    self.v[i] = b2 * self.v[i] + (1 - b2) * g * g
                    mh = self.m[i] / (1 - b ** self.t)
                    vh = self.v[i] / (1 - b2 ** self.t)
                    p -= lr * mh / (np.sqrt(vh) + eps)
                elif self.kind == "rmsprop":
                    self.v[i] = b2 * self.v[i] + (1 - b2) * g * g
                    p -= lr * g / (np.sqrt(self.v[i]) + eps)
                elif self.kind == "adagrad":
                    self.v[i] += g * g
                    p -= lr * g / (np.sqrt(self.v[i]) + eps)
                else:
                    raise ValueError(self.kind)


# ----------------------------------------------------------------------------- training

class Run:
    """Everything measured on one run: per step, per traced step, per epoch."""

    def __init__(self):
        self.step_loss, self.step_lr, self.step_epoch, self.step_acc = [], [], [], []
        self.trace = {}  # step -> {column: value}
        self.T, self.Tacc, self.V, self.A, self.Vmae = [], [], [], [], []
        self.nonfinite_step = None
        self.final_dead = None


def train(spec):
    """spec: dict with data, hidden, act, init, opt, lr, batch, epochs, seed and options."""
    rng = np.random.default_rng(spec["seed"])
    d = spec["data_obj"]
    out = d.K if d.task == "classification" else 1
    sizes = [d.Xtr.shape[1]] + list(spec.get("hidden", [])) + [out]
    net = MLP(sizes, spec.get("act", "relu"), spec.get("init", "he"), rng, spec.get("bias_init", 0.0))
    opt = Optimiser(spec["opt"], net.params, beta=spec.get("beta", 0.9),
                    beta2=spec.get("beta2", 0.999 if spec["opt"] == "adam" else 0.9),
                    eps=spec.get("eps", 1e-8))
    schedule = spec.get("schedule")  # function (epoch, step) -> lr, or None
    n = len(d.Xtr)
    B = n if spec["batch"] in ("full", None) else int(spec["batch"])
    trace_every = spec.get("trace_every", 10)
    run = Run()
    run.net, run.sizes, run.B = net, sizes, B
    step = 0
    for epoch in range(1, spec["epochs"] + 1):
        idx = rng.permutation(n) if B < n else np.arange(n)
        losses, accs = [], []
        for s in range(0, n, B):
            if spec.get("drop_last", True) and B < n and s + B > n:
                break
            bi = idx[s:s + B]
            step += 1
            lr = schedule(epoch, step) if schedule else spec["lr"]
            loss, acc, grads, zs, hs = net.loss_grad(d.Xtr[bi], d.ytr[bi], d.task)
            run.step_loss.append(loss)
            run.step_lr.append(lr)
            run.step_epoch.append(epoch)
            run.step_acc.append(acc)
            losses.append(loss)
            accs.append(acc)
            traced = step == 1 or step % trace_every == 0
            if not math.isfinite(loss):
                run.nonfinite_step = step
                if traced:
                    run.trace[step] = _trace_row(net, grads, None, zs, hs, spec.get("act", "relu"))
                break
            before = [p.copy() for p in net.params] if traced else None
            opt.step(net.params, grads, lr)
            if traced:
                run.trace[step] = _trace_row(net, grads, before, zs, hs, spec.get("act", "relu"))
        run.T.append(float(np.mean(losses)) if losses else float("nan"))
        run.Tacc.append(float(np.mean(accs)) if accs else float("nan"))
        if run.nonfinite_step is not None:
            run.V.append(float("nan"))
            run.A.append(float("nan"))
            run.Vmae.append(float("nan"))
            break
        vl, va, _, _, _ = net.loss_grad(d.Xva, d.yva, d.task, need_grad=False)
        if d.task == "regression":
            run.Vmae.append(float(va))
            with np.errstate(all="ignore"):
                va = 1.0 - vl / float(np.mean((d.yva - d.yva.mean()) ** 2))
        run.V.append(vl)
        run.A.append(float(va))
    run.steps = step
    run.steps_per_epoch = max(1, n // B) if spec.get("drop_last", True) else math.ceil(n / B)
    # dead share of the hidden ReLU units on the whole training set at the end
    if spec.get("act", "relu") == "relu" and net.nlayers > 1 and run.nonfinite_step is None:
        with np.errstate(all="ignore"):
            _, hs = net.forward(d.Xtr)
        dead = [float(np.mean(np.all(h == 0, axis=0))) for h in hs[1:-1]]
        run.final_dead = float(np.mean(dead))
    return run


def _trace_row(net, grads, before, zs, hs, act):
    row = {}
    with np.errstate(all="ignore"):
        for i, name in enumerate(net.names):
            W, b = net.params[2 * i], net.params[2 * i + 1]
            gW, gb = grads[2 * i], grads[2 * i + 1]
            row[f"grad_norm/{name}"] = float(math.sqrt(float(np.sum(gW * gW) + np.sum(gb * gb))))
            pn = float(math.sqrt(float(np.sum(W * W) + np.sum(b * b))))
            row[f"param_norm/{name}"] = pn
            if before is not None:
                W0, b0 = before[2 * i], before[2 * i + 1]
                dn = math.sqrt(float(np.sum((W - W0) ** 2) + np.sum((b - b0) ** 2)))
                n0 = math.sqrt(float(np.sum(W0 * W0) + np.sum(b0 * b0)))
                row[f"update_ratio/{name}"] = dn / n0 if n0 > 0 else float("nan")
            if i < net.nlayers - 1:
                if act == "relu":
                    row[f"dead_fraction/{name}"] = float(np.mean(np.all(hs[i + 1] == 0, axis=0)))
                else:
                    row[f"saturated_fraction/{name}"] = float(np.mean(np.abs(zs[i]) > 5))
    return row


# ----------------------------------------------------------------------------- keep-checks (NUMPY.md)

def _jump(a, b, C):
    return abs(b - a) / (min(a, b) + 0.02 * C)


def _jumps(x, C):
    return [_jump(a, b, C) for a, b in zip(x[:-1], x[1:])]


def _parts(x):
    x = list(x)
    n = len(x)
    return x[n // 2:], x[n - max(3, n // 4):]


def _fmt(v):
    if v is None:
        return "-"
    if not math.isfinite(v):
        return str(v)
    a = abs(v)
    if a != 0 and (a >= 1e4 or a < 1e-3):
        return f"{v:.2e}"
    return f"{v:.3g}"


def measure(spec, run):
    """The numbers the checks use, from the run's own record."""
    d = spec["data_obj"]
    C = d.chance
    T, V, A = run.T, run.V, run.A
    fin = [v for v in run.step_loss if math.isfinite(v)]
    m = {"C": C, "epochs": len(T), "steps": run.steps,
         "all_finite": run.nonfinite_step is None and all(math.isfinite(v) for v in T + V),
         "first_finite": bool(run.step_loss) and math.isfinite(run.step_loss[0]),
         "nonfinite_step": run.nonfinite_step,
         "T1": T[0], "Tmin": float(np.nanmin(T)) if any(math.isfinite(t) for t in T) else float("nan"),
         "Tmax": float(np.nanmax(T)) if any(math.isfinite(t) for t in T) else float("nan"),
         "step_max": max(fin) if fin else float("nan"),
         "Vmin": float(np.nanmin(V)) if any(math.isfinite(v) for v in V) else float("nan"),
         "Amax": float(np.nanmax(A)) if any(math.isfinite(a) for a in A) else float("nan"),
         "Alast": A[-1], "maj": d.majority, "task": d.task, "dead": run.final_dead}
    Tf = [t for t in T if math.isfinite(t)]
    Vf = [v for v in V if math.isfinite(v)]
    T2, Tt = _parts(Tf)
    V2, Vt = _parts(Vf)
    m.update(T2med=float(np.median(T2)) if T2 else float("nan"),
             Ttmed=float(np.median(Tt)) if Tt else float("nan"),
             V2med=float(np.median(V2)) if V2 else float("nan"),
             Vtmed=float(np.median(Vt)) if Vt else float("nan"),
             Vtmin=float(min(Vt)) if Vt else float("nan"),
             Tjump2=max(_jumps(T2, C), default=0.0), Vjump2=max(_jumps(V2, C), default=0.0),
             Tjumpt=max(_jumps(Tt, C), default=0.0))
    return m


def check(spec, run, ref_run=None):
    """Returns (kept, failures, measures). Thresholds as written in NUMPY.md."""
    label = spec["label"]
    m = measure(spec, run)
    C = m["C"]
    fails = []
    cls = m["task"] == "classification"

    def need(cond, text):
        if not cond:
            fails.append(text)

    if label == "stable":
        need(m["all_finite"], "non-finite loss")
        need(m["Vtmed"] <= 0.6 * C, f"tail median val {_fmt(m['Vtmed'])} > 0.6 C ({_fmt(0.6 * C)})")
        if cls:
            need(m["Amax"] >= m["maj"] + 0.15, f"best val acc {_fmt(m['Amax'])} < maj+0.15")
        else:
            need(m["Amax"] >= 0.4, f"best R2 {_fmt(m['Amax'])} < 0.4")
        need(m["Tjump2"] <= 0.25, f"second-half epoch-mean jump {_fmt(m['Tjump2'])} > 0.25")
        need(m["Vjump2"] <= 0.3, f"second-half val jump {_fmt(m['Vjump2'])} > 0.3")
        need(m["Ttmed"] <= 1.2 * m["Tmin"] + 0.05 * C,
             f"tail median train {_fmt(m['Ttmed'])} > 1.2 min {_fmt(m['Tmin'])} + 0.05 C")
    elif label == "oscillating":
        S = run.T if spec.get("osc_signal", "T") == "T" else run.V
        S2, St = _parts(S)
        j2 = _jumps(S2, C)
        big = [j for j in j2 if j >= 0.4]
        rises = [1 for a, b in zip(S2[:-1], S2[1:]) if b > a and _jump(a, b, C) >= 0.4]
        m.update(S=spec.get("osc_signal", "T"), S2min=min(S2), S2med=float(np.median(S2)),
                 S2max=max(S2), big_share=len(big) / max(1, len(j2)), rises=len(rises),
                 tail_big=sum(1 for a, b in zip(St[:-1], St[1:]) if b > a and _jump(a, b, C) >= 0.4))
        need(m["all_finite"], "non-finite loss")
        for k in ("T2med", "Ttmed", "V2med", "Vtmed"):
            need(m[k] <= 0.85 * C, f"{k} {_fmt(m[k])} > 0.85 C ({_fmt(0.85 * C)})")
        need(m["S2min"] <= 0.7 * C, f"second-half min {_fmt(m['S2min'])} > 0.7 C")
        need(m["big_share"] >= 0.25, f"share of jumps >=0.4 {_fmt(m['big_share'])} < 0.25")
        need(m["rises"] >= 3, f"{m['rises']} rises >=0.4 < 3")
        need(m["tail_big"] >= 1, "no rise >=0.4 in the tail")
        if ref_run is not None:
            R = ref_run.T if m["S"] == "T" else ref_run.V
            R2, _ = _parts([r for r in R if math.isfinite(r)])
            m["ref_med"] = float(np.median(R2)) if R2 and all(math.isfinite(r) for r in R) else float("nan")
            need(m["ref_med"] <= 0.5 * m["S2med"],
                 f"reference median {_fmt(m['ref_med'])} > half of {_fmt(m['S2med'])}")
    elif label == "diverging":
        need(m["first_finite"], "first loss not finite")
        ways = []
        if m["nonfinite_step"] is not None and m["nonfinite_step"] > 1:
            ways.append("a")
        if math.isfinite(m["Tmax"]) and m["Tmax"] >= 100 * min(m["T1"], C) and m["Ttmed"] >= 10 * C:
            ways.append("b")
        if m["all_finite"] and m["Vmin"] <= 0.7 * C and m["Vtmed"] >= 0.95 * C and m["Vtmin"] >= 0.9 * C:
            best_i = int(np.nanargmin(run.V))
            best_a = float(np.nanmax(run.A[:best_i + 1]))
            ok_acc = (best_a >= m["maj"] + 0.15 and m["Alast"] <= m["maj"] + 0.05) if cls else \
                (best_a >= 0.4 and m["Alast"] <= 0.05)
            if ok_acc:
                ways.append("c")
        if m["all_finite"] and m["Tmax"] >= 100 * m["T1"] and m["Tjumpt"] <= 0.05 and m["Ttmed"] >= m["T1"]:
            ways.append("d")
        m["ways"] = "".join(ways)
        need(bool(ways), "none of a-d")
        if spec.get("div_way") and spec["div_way"] not in ways:
            fails.append(f"constructed as {spec['div_way']} but met {m['ways'] or 'none'}")
    elif label == "vanishing":
        need(m["all_finite"], "non-finite loss")
        lo = min(m["Tmin"], m["Vmin"])
        need(lo >= 0.95 * C, f"min loss {_fmt(lo)} < 0.95 C ({_fmt(0.95 * C)})")
        for k in ("Ttmed", "Vtmed"):
            need(abs(m[k] / C - 1) <= 0.05, f"{k} {_fmt(m[k])} not within 5% of C {_fmt(C)}")
        need(m["Tmax"] <= max(1.05 * m["T1"], 1.5 * C), f"max T {_fmt(m['Tmax'])} above start")
        if cls:
            need(m["Amax"] <= m["maj"] + 0.1, f"best val acc {_fmt(m['Amax'])} > maj {_fmt(m['maj'])}+0.1")
        else:
            need(m["Amax"] <= 0.05, f"best R2 {_fmt(m['Amax'])} > 0.05")
    return not fails, fails, m


def origin(spec, m):
    """One line: the construction, then the numbers that bear the label out."""
    cls = m["task"] == "classification"
    acc = "val acc" if cls else "val R2"
    parts = [f"{m['epochs']} epochs / {m['steps']} steps", f"chance C {_fmt(m['C'])}",
             f"epoch-mean train loss first {_fmt(m['T1'])} min {_fmt(m['Tmin'])} max {_fmt(m['Tmax'])}"
             f" tail median {_fmt(m['Ttmed'])}",
             f"val loss min {_fmt(m['Vmin'])} tail median {_fmt(m['Vtmed'])}",
             f"{acc} best {_fmt(m['Amax'])} last {_fmt(m['Alast'])}" + (f" (majority {_fmt(m['maj'])})" if cls else "")]
    label = spec["label"]
    if label == "stable":
        parts.append(f"largest second-half jump: epoch-mean train {_fmt(m['Tjump2'])}, val {_fmt(m['Vjump2'])}")
    elif label == "oscillating":
        sig = "epoch-mean train loss" if m["S"] == "T" else "val loss"
        if spec["batch"] == "full" and m["S"] == "T":
            sig = "full-batch loss"
        parts.append(f"second half of the {sig}: min {_fmt(m['S2min'])} median {_fmt(m['S2med'])} max {_fmt(m['S2max'])}, "
                     f"{m['big_share'] * 100:.0f}% of changes jump >=40% ({m['rises']} rises), {m['tail_big']} such rises in the last quarter")
        if "ref_med" in m:
            parts.append(f"same net at lr {_fmt(spec['ref_lr'])}: second-half median {_fmt(m['ref_med'])}")
    elif label == "diverging":
        if m["nonfinite_step"]:
            parts.append(f"non-finite loss at step {m['nonfinite_step']} (largest finite step loss {_fmt(m['step_max'])})")
        parts.append(f"meets diverging check {'/'.join(m['ways'])}")
    elif label == "vanishing":
        parts.append(f"tail within {max(abs(m['Ttmed'] / m['C'] - 1), abs(m['Vtmed'] / m['C'] - 1)) * 100:.1f}% of C")
    if m.get("dead") is not None and (m["dead"] > 0.3 or label in ("diverging", "vanishing")):
        parts.append(f"dead ReLU share at the end {_fmt(m['dead'])}")
    if m.get("sat") is not None:
        parts.append(f"saturated share {_fmt(m['sat'])}")
    text = spec["desc"] + "; measured: " + "; ".join(parts)
    return '"' + text.replace('"', "'").replace("\n", " ") + '"'


# ----------------------------------------------------------------------------- log writers

def _num(v, style="repr"):
    if not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    if style == "g7":
        return f"{v:.7g}"
    return repr(float(v))


def write_trace(spec, run, path):
    """keel's trace CSV: metadata lines, one row a step, per-layer columns every trace_every steps."""
    d = spec["data_obj"]
    net = run.net
    hidden = net.names[:-1]
    cols = [f"grad_norm/{n}" for n in net.names] + [f"update_ratio/{n}" for n in net.names] + \
           [f"param_norm/{n}" for n in net.names]
    kind = "dead_fraction" if spec.get("act", "relu") == "relu" else "saturated_fraction"
    cols += [f"{kind}/{n}" for n in hidden]
    meta = {"framework": "numpy", "dataset": d.name, "task": d.task,
            "optimizer": spec["opt"],
            "momentum": spec["beta"] if spec["opt"] in ("momentum", "nesterov") else "",
            "learning_rate": f"{spec['lr']:.6g}", "batch_size": run.B,
            "full_batch": "true" if spec["batch"] == "full" else "",
            "activation": spec.get("act", "relu") if net.nlayers > 1 else "none",
            "depth": net.nlayers - 1, "width": max(spec.get("hidden", [0]) or [0]),
            "weight_init": spec.get("init", "he"), "seed": spec["seed"],
            "classes": d.K if d.task == "classification" else "",
            "chance_loss": f"{d.chance:.6g}", "trace_every": spec.get("trace_every", 10)}
    if spec.get("lr_note"):
        meta["lr_schedule"] = spec["lr_note"]
    items = [f"{k}={v}".replace(" ", "_") for k, v in meta.items() if v != ""]
    lines = []
    per_line = spec["seed"] % 3 + 1  # one, two or three key=value pairs per line
    for i in range(0, len(items), per_line * 2):
        lines.append("# " + " ".join(items[i:i + per_line * 2]))
    lines.append(",".join(["step", "epoch", "loss", "lr", "val_loss", "val_metric"] + cols))
    last_of_epoch = {}
    for s, e in enumerate(run.step_epoch, 1):
        last_of_epoch[e] = s
    val_at = {s: e for e, s in last_of_epoch.items()}
    style = "g7" if spec["seed"] % 2 else "repr"
    for s in range(1, len(run.step_loss) + 1):
        e = run.step_epoch[s - 1]
        row = [str(s), str(e), _num(run.step_loss[s - 1], style), _num(run.step_lr[s - 1], style)]
        if s in val_at and e - 1 < len(run.V) and math.isfinite(run.step_loss[s - 1]):
            row += [_num(run.V[e - 1], style), _num(run.A[e - 1], style)]
        else:
            row += ["", ""]
        tr = run.trace.get(s)
        row += [(_num(tr[c], style) if tr and c in tr else "") for c in cols]
        lines.append(",".join(row))
    path.write_text("\n".join(lines) + "\n")


def write_keras(spec, run, path):
    """Keras CSVLogger: epoch from 0, one row an epoch, epoch-mean loss and metric, no metadata."""
    cls = spec["data_obj"].task == "classification"
    met = "accuracy" if cls else "mae"
    keras_order = spec["seed"] % 2 == 1  # real CSVLogger sorts its keys; hand-made loggers do not
    with_lr = spec.get("schedule") is not None or spec["seed"] % 3 == 0
    keys = ["loss", met, "val_loss", "val_" + met]
    if with_lr:
        keys.append("learning_rate" if spec["seed"] % 2 else "lr")
    if keras_order:
        keys = sorted(keys)
    lines = [",".join(["epoch"] + keys)]
    for e in range(len(run.T)):
        steps = [i for i, ep in enumerate(run.step_epoch) if ep == e + 1]
        vals = {"loss": run.T[e], met: run.Tacc[e], "val_loss": run.V[e],
                "val_" + met: run.A[e] if cls else run.Vmae[e],
                "lr": run.step_lr[steps[-1]], "learning_rate": run.step_lr[steps[-1]]}
        row = [str(e)]
        for k in keys:
            v = vals[k]
            row.append("nan" if not math.isfinite(v) else repr(float(v)))
        lines.append(",".join(row))
    path.write_text("\n".join(lines) + "\n")


def write_jsonl(spec, run, path):
    """JSON Lines, one object a logged step: every step, every N steps, or the mean of the last N."""
    mode, N = spec["jsonl"]
    cls = spec["data_obj"].task == "classification"
    acc_key = ("val_acc" if spec["seed"] % 2 else "val_accuracy") if cls else "val_r2"
    extra_epoch = spec["seed"] % 3 != 1
    extra_lr = spec["seed"] % 4 == 0
    last_of_epoch = {}
    for s, e in enumerate(run.step_epoch, 1):
        last_of_epoch[e] = s
    val_at = {s: e for e, s in last_of_epoch.items()}
    out = []
    L = run.step_loss
    for s in range(1, len(L) + 1):
        nonfinite = not math.isfinite(L[s - 1])
        if not (mode == "step" or s % N == 0 or s in val_at or nonfinite):
            continue
        obj = {"step": s}
        if extra_epoch:
            obj["epoch"] = run.step_epoch[s - 1]
        if mode == "avg":
            window = L[max(0, s - N):s]
            obj["loss"] = float(np.mean(window)) if not nonfinite else L[s - 1]
        else:
            obj["loss"] = L[s - 1]
        if extra_lr:
            obj["lr"] = run.step_lr[s - 1]
        if s in val_at and not nonfinite:
            e = val_at[s]
            obj["val_loss"] = run.V[e - 1]
            obj[acc_key] = run.A[e - 1]
        out.append(json.dumps(obj))
    path.write_text("\n".join(out) + "\n")


# ----------------------------------------------------------------------------- constructions

def step_decay(lr0, factor, every):
    return lambda e, s: lr0 * factor ** ((e - 1) // every)


def spike(lr0, lr_hi, at_epoch):
    return lambda e, s: lr_hi if e == at_epoch else lr0


def ramp(lr0, factor, every):
    return lambda e, s: lr0 * factor ** ((e - 1) // every)


def R_(label, family, dataset, note, **kw):
    """One candidate run. kw: hidden, act, init, bias_init, opt, beta, lr, batch, epochs, seed,
    schedule + lr_note, dkw (data options), osc_signal, ref (too-large-rate reference), div_way."""
    spec = dict(label=label, family=family, dataset=dataset, note=note, hidden=[], act="relu",
                init="he", opt="sgd", batch=32, epochs=30, seed=0, dkw={})
    spec.update(kw)
    return spec


def candidates():
    S, O, D, V = "stable", "oscillating", "diverging", "vanishing"
    c = []
    # ---- stable ---------------------------------------------------------------------------
    c += [
        R_(S, "softmax-regression", "iris", "sensible rate", lr=0.1, batch=16, epochs=40, seed=0),
        R_(S, "softmax-regression", "digits", "sensible rate", lr=0.1, batch=32, epochs=15, seed=1),
        R_(S, "softmax-regression", "breast_cancer", "Adagrad, sensible rate", opt="adagrad", lr=0.1, epochs=30, seed=2),
        R_(S, "mlp-adam", "digits", "Adam at its default rate", hidden=[64], opt="adam", lr=1e-3, epochs=15, seed=0),
        R_(S, "mlp-adam", "spirals", "Adam", hidden=[64, 64], opt="adam", lr=3e-3, epochs=60, seed=1),
        R_(S, "mlp-adam", "bars", "Adam on 8x8 synthetic shape images", hidden=[32], opt="adam", lr=1e-3, batch=16, epochs=30, seed=2),
        R_(S, "mlp-adam", "moons", "Adam", hidden=[32, 32], act="tanh", init="glorot", opt="adam", lr=1e-3, batch=16, epochs=40, seed=3),
        R_(S, "mlp-adam", "xor", "RMSprop", hidden=[16], opt="rmsprop", lr=3e-3, batch=16, epochs=40, seed=4),
        R_(S, "mlp-adam", "digits", "four ReLU layers, Adam", hidden=[64, 64, 64, 64], opt="adam", lr=1e-3, epochs=15, seed=5),
        R_(S, "tiny-batch", "iris", "batch of one: noisy per-step loss, smooth validation", hidden=[16], lr=0.01, batch=1, epochs=30, seed=0),
        R_(S, "tiny-batch", "iris", "batch of two with heavy-ball momentum 0.9", hidden=[16], opt="momentum", beta=0.9, lr=0.005, batch=2, epochs=30, seed=1),
        R_(S, "tiny-batch", "breast_cancer", "batch of one", hidden=[16], lr=0.005, batch=1, epochs=15, seed=2),
        R_(S, "tiny-batch", "moons", "batch of four", hidden=[32], lr=0.1, batch=4, epochs=30, seed=3),
        R_(S, "tiny-batch", "xor", "batch of two", hidden=[16], act="tanh", init="glorot", lr=0.02, batch=2, epochs=25, seed=4),
        R_(S, "plateau", "blobs", "easy task: learnt in a few epochs, then a long flat plateau", hidden=[16], lr=0.1, batch=16, epochs=60, seed=6),
        R_(S, "plateau", "xor", "learnt early, then a long plateau", hidden=[8], act="tanh", init="glorot", opt="momentum", beta=0.9, lr=0.05, batch=32, epochs=80, seed=7),
        R_(S, "slow-learning", "digits", "small rate: slow but clear learning", hidden=[32], lr=0.01, epochs=25, seed=0),
        R_(S, "slow-learning", "iris", "small rate: slow but clear learning", lr=0.005, batch=16, epochs=60, seed=1),
        R_(S, "slow-learning", "breast_cancer", "small rate: slow but clear learning", hidden=[8], lr=0.002, batch=16, epochs=40, seed=2),
        R_(S, "overfit", "digits", "100 training images, wide net, full batch: validation loss creeps up after its minimum",
           dkw=dict(n_train=100), hidden=[256], opt="adam", lr=3e-3, batch="full", epochs=300, seed=0),
        R_(S, "overfit", "breast_cancer", "80 training rows, two wide layers", dkw=dict(n_train=80), hidden=[128, 128], opt="adam", lr=1e-3, batch=16, epochs=80, seed=1),
        R_(S, "overfit", "iris", "30 training rows, full batch", dkw=dict(n_train=30), hidden=[64, 64], opt="adam", lr=1e-2, batch="full", epochs=300, seed=2),
        R_(S, "step-decay", "digits", "rate x0.3 every 8 epochs", hidden=[64], lr=0.2, schedule=step_decay(0.2, 0.3, 8), lr_note="x0.3_every_8_epochs", epochs=24, seed=0),
        R_(S, "step-decay", "spirals", "Nesterov 0.9, rate x0.5 every 15 epochs", hidden=[64], opt="nesterov", beta=0.9, lr=0.05, schedule=step_decay(0.05, 0.5, 15), lr_note="x0.5_every_15_epochs", batch=16, epochs=60, seed=1),
        R_(S, "step-decay", "moons", "momentum 0.9, rate x0.1 at epoch 21", hidden=[32], opt="momentum", beta=0.9, lr=0.1, schedule=step_decay(0.1, 0.1, 20), lr_note="x0.1_every_20_epochs", epochs=40, seed=2),
        R_(S, "regression", "diabetes", "standardised target, MSE", hidden=[32], lr=0.02, batch=16, epochs=40, seed=0),
        R_(S, "regression", "linreg", "noisy linear data, linear model, MSE", lr=0.01, batch=16, epochs=30, seed=1),
        R_(S, "regression", "diabetes", "raw (unstandardised) target, MSE in the thousands, small rate", dkw=dict(raw_target=True), hidden=[32], lr=1e-3, epochs=30, seed=2),
        R_(S, "regression", "linreg", "target scaled x40 +150, Adam", dkw=dict(raw_target=True), hidden=[16], opt="adam", lr=0.05, epochs=60, seed=3),
        R_(S, "regression", "diabetes", "RMSprop", hidden=[16, 16], act="tanh", init="glorot", opt="rmsprop", lr=1e-3, epochs=40, seed=4),
    ]
    # ---- oscillating ----------------------------------------------------------------------
    for lr, seed in [(10, 0), (10, 1), (14, 0), (16, 0), (12, 2), (12, 3), (16, 5), (10, 8)]:
        c.append(R_(O, "edge-of-stability", "moons", "full-batch gradient descent far past 2/sharpness: the loss flips or surges step after step",
                    hidden=[32], act="tanh", init="glorot", lr=lr, batch="full", epochs=300, seed=seed, osc_signal="T"))
    for lr, seed in [(16, 1), (24, 1), (20, 2), (20, 3)]:
        c.append(R_(O, "edge-of-stability", "spirals", "full-batch gradient descent far past 2/sharpness",
                    hidden=[16], act="tanh", init="glorot", lr=lr, batch="full", epochs=300, seed=seed, osc_signal="T"))
    for ds, hid, lr, seed, opt in [("digits", [64], 0.03, 0, "momentum"), ("digits", [64], 0.05, 1, "momentum"),
                                   ("iris", [16], 0.03, 0, "momentum"), ("iris", [16], 0.1, 1, "momentum"),
                                   ("moons", [32], 0.1, 0, "momentum"), ("blobs", [32], 0.05, 2, "momentum"),
                                   ("breast_cancer", [16], 0.05, 3, "momentum"), ("spirals", [32], 0.1, 4, "momentum"),
                                   ("digits", [64], 0.03, 5, "nesterov"), ("digits", [32], 0.03, 8, "momentum"),
                                   ("moons", [32], 0.1, 9, "momentum")]:
        c.append(R_(O, "heavy-ball", ds, f"{'heavy-ball' if opt == 'momentum' else 'Nesterov'} momentum 0.99 near its stability edge: under-damped ringing of the validation loss",
                    hidden=hid, opt=opt, beta=0.99, lr=lr, epochs=40, seed=seed, osc_signal="V"))
    for ds, hid, opt, lr, B, E, sig, seed in [("iris", [32], "adam", 0.3, 8, 60, "T", 0), ("moons", [32, 32], "adam", 0.3, 16, 40, "T", 1),
                                             ("spirals", [64], "adam", 0.3, 16, 40, "V", 2), ("spirals", [64], "adam", 0.3, 16, 40, "T", 3),
                                             ("xor", [32], "adam", 0.3, 16, 40, "T", 4), ("blobs", [32], "adam", 0.3, 16, 40, "T", 5),
                                             ("iris", [32], "rmsprop", 0.1, 8, 60, "T", 6), ("moons", [32, 32], "rmsprop", 0.1, 16, 40, "V", 7),
                                             ("digits", [64], "adam", 0.1, 32, 30, "V", 8), ("digits", [64], "rmsprop", 0.03, 32, 30, "V", 9),
                                             # the six that passed of a 48-run scan (6 data sets x Adam 0.1/0.3, RMSprop
                                             # 0.05/0.2 x signal T/V, batch 8, 60 epochs, seed 11); see NUMPY.md
                                             ("iris", [32], "adam", 0.3, 8, 60, "T", 11), ("iris", [32], "rmsprop", 0.05, 8, 60, "V", 11),
                                             ("iris", [32], "rmsprop", 0.2, 8, 60, "T", 11), ("xor", [32], "adam", 0.3, 8, 60, "T", 11),
                                             ("xor", [32], "rmsprop", 0.2, 8, 60, "T", 11), ("spirals", [64], "rmsprop", 0.2, 8, 60, "T", 11)]:
        c.append(R_(O, "adaptive-too-large", ds, f"{'Adam' if opt == 'adam' else 'RMSprop'} at {lr}: falls once, then bounces in a band far above what a 10x smaller rate reaches",
                    hidden=hid, opt=opt, lr=lr, batch=B, epochs=E, seed=seed, osc_signal=sig, ref=lr / 10))
    for ds, hid, lr, B, seed in [("moons", [32], 2.0, 8, 0), ("moons", [32], 1.5, 8, 1), ("xor", [32], 2.0, 8, 2),
                                 ("spirals", [32], 1.0, 8, 3), ("iris", [16], 1.0, 4, 4)]:
        c.append(R_(O, "sgd-too-large", ds, "plain SGD at a too-large rate with small batches: the validation loss bounces epoch to epoch",
                    hidden=hid, lr=lr, batch=B, epochs=40, seed=seed, osc_signal="V", ref=lr / 10))
    # ---- diverging ------------------------------------------------------------------------
    c += [
        # the ReLU nets on a raw target blow up inside the first epoch (7-10 steps): logged per step only
        R_(D, "nan-sgd", "diabetes", "raw target (variance ~6000) and a rate above the edge: overflow to inf/NaN within the first epoch", dkw=dict(raw_target=True), hidden=[32], lr=0.01, seed=0, div_way="a", fmt="trace"),
        R_(D, "nan-sgd", "diabetes", "linear model, raw target, rate 4x its edge: the loss grows ~17 orders of magnitude an epoch, then overflows", dkw=dict(raw_target=True), lr=1.0, seed=1, div_way="a"),
        R_(D, "nan-sgd", "linreg", "target scaled x40 +150, rate above the edge: overflow to inf/NaN within the first epoch", dkw=dict(raw_target=True), hidden=[16], lr=0.01, seed=2, div_way="a", fmt="jsonl"),
        R_(D, "above-edge-gd", "linreg", "linear model, full-batch gradient descent at 1.3 x 2/lambda_max: the loss grows geometrically", lr=0.0, batch="full", epochs=200, seed=3, edge=1.3, div_way="b"),
        R_(D, "above-edge-gd", "diabetes", "linear model, full-batch gradient descent at 1.1 x 2/lambda_max: the loss grows geometrically", lr=0.0, batch="full", epochs=300, seed=4, edge=1.1, div_way="b"),
        R_(D, "momentum-climb", "linreg", "linear model, heavy-ball 0.9 at half its full-batch edge with batches of 64: the loss climbs by orders of magnitude", lr=0.0, opt="momentum", beta=0.9, batch=64, epochs=40, seed=0, edge=0.5, div_way="b"),
        R_(D, "momentum-climb", "diabetes", "linear model, heavy-ball 0.97 at half its full-batch edge, batches of 64", lr=0.0, opt="momentum", beta=0.97, batch=64, epochs=40, seed=1, edge=0.5, div_way="b"),
        R_(D, "momentum-climb", "linreg", "linear model, heavy-ball 0.99 at 0.1 of its full-batch edge, batches of 32", lr=0.0, opt="momentum", beta=0.99, batch=32, epochs=40, seed=2, edge=0.1, div_way="b"),
        R_(D, "lr-ramp", "diabetes", "rate doubled every 3 epochs: learns, then blows up", hidden=[32], lr=0.01, schedule=ramp(0.01, 2.0, 3), lr_note="x2_every_3_epochs", epochs=30, seed=0),
        R_(D, "lr-ramp", "linreg", "rate doubled every 4 epochs: learns, then blows up", lr=0.005, schedule=ramp(0.005, 2.0, 4), lr_note="x2_every_4_epochs", batch=16, epochs=40, seed=1),
        R_(D, "lr-ramp", "digits", "rate x3 every 4 epochs: learns, then is lost", hidden=[64], lr=0.05, schedule=ramp(0.05, 3.0, 4), lr_note="x3_every_4_epochs", epochs=24, seed=2),
        R_(D, "lr-ramp", "iris", "rate x3 every 5 epochs, tanh", hidden=[16], act="tanh", init="glorot", lr=0.05, schedule=ramp(0.05, 3.0, 5), lr_note="x3_every_5_epochs", batch=16, epochs=40, seed=3),
    ]
    for ds, hid, hi, seed in [("digits", [64], 3.0, 0), ("digits", [64], 10.0, 1), ("moons", [32, 32], 10.0, 2),
                              ("moons", [32], 10.0, 3), ("bars", [32], 5.0, 4), ("blobs", [32, 32], 10.0, 5), ("spirals", [64], 10.0, 6)]:
        c.append(R_(D, "relu-death", ds, f"learns at 0.1, then one epoch at {hi} kills the ReLUs: back at chance and flat",
                    hidden=hid, lr=0.1, schedule=spike(0.1, hi, 8), lr_note=f"{hi}_in_epoch_8_only", epochs=30, seed=seed, div_way="c"))
    for ds, hid, act, hi, seed in [("digits", [64], "tanh", 50.0, 0), ("moons", [32], "tanh", 50.0, 1), ("iris", [16], "tanh", 50.0, 2),
                                   ("blobs", [32], "relu", 30.0, 3), ("spirals", [32], "tanh", 50.0, 4)]:
        c.append(R_(D, "explode-saturate", ds, f"learns at 0.05, then one epoch at {hi} throws the logits up by orders of magnitude; they stay there",
                    hidden=hid, act=act, init="glorot" if act == "tanh" else "he", lr=0.05, schedule=spike(0.05, hi, 8), lr_note=f"{hi}_in_epoch_8_only",
                    epochs=30, seed=seed, div_way=None))
    # ---- vanishing ------------------------------------------------------------------------
    c += [
        R_(V, "deep-sigmoid", "digits", "10 sigmoid layers, N(0, 0.1) init", hidden=[32] * 10, act="sigmoid", init=0.1, lr=0.1, seed=0),
        R_(V, "deep-sigmoid", "digits", "12 sigmoid layers, N(0, 0.05) init, momentum 0.9", hidden=[32] * 12, act="sigmoid", init=0.05, opt="momentum", beta=0.9, lr=0.05, seed=1),
        R_(V, "deep-sigmoid", "iris", "12 sigmoid layers, N(0, 0.05) init", hidden=[32] * 12, act="sigmoid", init=0.05, lr=0.1, batch=16, seed=2),
        R_(V, "deep-sigmoid", "breast_cancer", "10 sigmoid layers, N(0, 0.1) init", hidden=[32] * 10, act="sigmoid", init=0.1, lr=0.05, seed=3),
        R_(V, "deep-sigmoid", "blobs", "15 sigmoid layers, N(0, 0.1) init", hidden=[16] * 15, act="sigmoid", init=0.1, lr=0.1, batch=16, seed=4),
        R_(V, "deep-sigmoid", "digits", "10 sigmoid layers, N(0, 4) init: saturated start, the loss falls to ln 10 and sits", hidden=[32] * 10, act="sigmoid", init=4.0, lr=0.1, seed=5),
        R_(V, "deep-sigmoid", "diabetes", "10 sigmoid layers, N(0, 0.1) init, MSE", hidden=[32] * 10, act="sigmoid", init=0.1, lr=0.05, seed=6),
        R_(V, "deep-sigmoid", "linreg", "8 sigmoid layers, N(0, 0.1) init, MSE", hidden=[32] * 8, act="sigmoid", init=0.1, lr=0.01, seed=7),
        R_(V, "deep-tanh-small-init", "moons", "15 tanh layers, N(0, 0.05) init", hidden=[32] * 15, act="tanh", init=0.05, lr=0.1, seed=0),
        R_(V, "deep-tanh-small-init", "bars", "10 tanh layers, N(0, 0.02) init, momentum 0.9", hidden=[32] * 10, act="tanh", init=0.02, opt="momentum", beta=0.9, lr=0.05, seed=1),
        R_(V, "deep-tanh-small-init", "spirals", "12 tanh layers, N(0, 0.05) init", hidden=[32] * 12, act="tanh", init=0.05, lr=0.1, seed=2),
        R_(V, "deep-tanh-small-init", "digits", "10 tanh layers, N(0, 0.03) init", hidden=[32] * 10, act="tanh", init=0.03, lr=0.1, seed=3),
        R_(V, "zero-init", "digits", "all weights zero, ReLU: no gradient reaches any hidden weight", hidden=[32, 32, 32], init="zero", lr=0.1, seed=0),
        R_(V, "zero-init", "iris", "all weights zero, tanh, Adam", hidden=[16, 16], act="tanh", init="zero", opt="adam", lr=0.01, batch=16, seed=1),
        R_(V, "zero-init", "diabetes", "all weights zero, ReLU, MSE", hidden=[32], init="zero", lr=0.05, seed=2),
        R_(V, "zero-init", "bars", "all weights zero, tanh, momentum 0.9", hidden=[64], act="tanh", init="zero", opt="momentum", beta=0.9, lr=0.05, seed=3),
        R_(V, "tiny-lr", "spirals", "rate 1e-4 on a small-init net: nothing moves", hidden=[32, 32, 32], init=0.01, lr=1e-4, seed=0),
        R_(V, "tiny-lr", "iris", "rate 1e-4", hidden=[16], act="tanh", init=0.01, lr=1e-4, batch=16, seed=1),
        R_(V, "tiny-lr", "breast_cancer", "Adam at 1e-6", hidden=[16], init=0.01, opt="adam", lr=1e-6, seed=2),
        R_(V, "tiny-lr", "linreg", "rate 1e-5, MSE", hidden=[16], init=0.01, lr=1e-5, seed=3),
        R_(V, "dead-start", "digits", "hidden biases initialised at -10: every ReLU dead from the start", hidden=[64, 64], bias_init=-10.0, lr=0.1, seed=0),
        R_(V, "dead-start", "moons", "hidden biases initialised at -20", hidden=[32], bias_init=-20.0, lr=0.1, seed=1),
        R_(V, "dead-start", "diabetes", "hidden biases initialised at -20, MSE", hidden=[32], bias_init=-20.0, lr=0.05, seed=2),
    ]
    return c


# ----------------------------------------------------------------------------- main

JSONL_MODES = [("step", 1), ("every", 10), ("avg", 20), ("every", 5), ("avg", 10), ("every", 25)]


def describe(spec, d, run):
    sizes = run.sizes
    if len(sizes) == 2:
        model = "softmax regression" if d.task == "classification" else "linear regression"
    else:
        init = spec["init"] if isinstance(spec["init"], str) else f"N(0,{spec['init']})"
        model = f"MLP {'-'.join(map(str, sizes))} {spec['act']} {init} init"
    opt = spec["opt"] + (f" {spec['beta']}" if spec["opt"] in ("momentum", "nesterov") else "")
    batch = "full batch" if spec["batch"] == "full" else f"batch {spec['batch']}"
    lr = _fmt(spec["lr"])
    return f"NumPy {model} on {d.name} ({d.task}), {opt} lr {lr}, {batch}, seed {spec['seed']}: {spec['note']}"


def name_of(spec):
    lr = f"{spec['lr']:.3g}".replace("e-0", "e-")
    b = "fb" if spec["batch"] == "full" else f"b{spec['batch']}"
    return f"{spec['family']}-{spec['dataset'].replace('_', '-')}-{spec['opt']}{lr}-{b}-s{spec['seed']}"


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    out = Path(argv[1])
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    t0 = time.time()
    rows, drops = [], []
    per_label = {}
    n_jsonl = 0
    for spec in candidates():
        name = name_of(spec)
        if only and only not in name:
            continue
        spec["data_obj"] = d = load(spec["dataset"], spec["seed"], **spec["dkw"])
        if spec.get("edge"):  # rate as a multiple of the full-batch edge 2/lambda_max of the linear model's MSE
            X = np.c_[d.Xtr, np.ones(len(d.Xtr))]
            lam = float(np.linalg.eigvalsh(2 * X.T @ X / len(X)).max())
            k = 1 + spec.get("beta", 0) if spec["opt"] == "momentum" else 1
            spec["lr"] = spec["edge"] * 2 * k / lam
            spec["note"] += f" (lambda_max {lam:.3g}, lr {spec['lr']:.3g})"
        t = time.time()
        run = train(spec)
        ref = None
        if spec.get("ref"):
            spec["ref_lr"] = spec["ref"]
            ref = train(dict(spec, lr=spec["ref"]))
        kept, fails, m = check(spec, run, ref)
        spec["desc"] = describe(spec, d, run)
        dt = time.time() - t
        if not kept:
            drops.append((name, spec["label"], fails))
            print(f"drop {spec['label']:<11} {name}: {'; '.join(fails)}  ({dt:.1f}s)", file=sys.stderr)
            continue
        name = name_of(spec)
        i = per_label.get(spec["label"], 0)
        per_label[spec["label"]] = i + 1
        fmt = spec.get("fmt") or ["trace", "keras", "jsonl"][(i + len(spec["label"])) % 3]
        ext = {"trace": "csv", "keras": "log" if spec["seed"] % 4 == 3 else "csv", "jsonl": "jsonl"}[fmt]
        if fmt == "jsonl":
            spec["jsonl"] = ("step", 1) if spec["batch"] == "full" or run.steps < 50 else JSONL_MODES[n_jsonl % len(JSONL_MODES)]
            n_jsonl += 1
        rel = f"{spec['label']}/{name}.{ext}"
        (out / spec["label"]).mkdir(parents=True, exist_ok=True)
        {"trace": write_trace, "keras": write_keras, "jsonl": write_jsonl}[fmt](spec, run, out / rel)
        fmt_note = fmt if fmt != "jsonl" else f"jsonl-{spec['jsonl'][0]}{spec['jsonl'][1] if spec['jsonl'][0] != 'step' else ''}"
        rows.append((rel, spec["label"], spec["family"], origin(spec, m), fmt_note))
        print(f"keep {spec['label']:<11} {rel} [{fmt_note}] ({dt:.1f}s)", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "manifest.csv", "w") as f:
        f.write("file,label,family,split,origin\n")
        for rel, label, family, orig, _ in rows:
            f.write(f"{rel},{label},{family},,{orig}\n")
    counts = {}
    for _, label, _, _, fmt in rows:
        counts.setdefault(label, {}).setdefault(fmt.split("-")[0], 0)
        counts[label][fmt.split("-")[0]] += 1
    print(f"kept {len(rows)}, dropped {len(drops)} in {time.time() - t0:.0f}s: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
