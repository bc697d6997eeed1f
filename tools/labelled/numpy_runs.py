#!/usr/bin/python3
"""Labelled training runs written with plain NumPy, for keel's diagnosis corpus.

Usage:  /usr/bin/python3 tools/labelled/numpy_runs.py OUT_DIR [--only SUBSTRING] [--report]

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


def _split(X, y, rng, val_share, stratify):
    """Random split; stratified by class so that the validation priors match the training ones
    (then the chance level of the validation loss is the training chance level)."""
    if not stratify:
        idx = rng.permutation(len(X))
        nva = int(round(len(X) * val_share))
        return X[idx[nva:]], y[idx[nva:]], X[idx[:nva]], y[idx[:nva]]
    tr, va = [], []
    for k in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == k))
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
    elif name == "moons":
        m = 250
        t1, t2 = rng.uniform(0, np.pi, m), rng.uniform(0, np.pi, m)
        X = np.vstack([np.c_[np.cos(t1), np.sin(t1)], np.c_[1 - np.cos(t2), 0.5 - np.sin(t2)]])
        X += rng.normal(0, 0.2, X.shape)
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
        m, K = 90, 5
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
                X.append((img + rng.normal(0, 0.35, (8, 8))).ravel())
                y.append(k)
        X, y = np.array(X), np.array(y)
    else:
        raise ValueError(name)
    X = X.astype(float)
    Xtr, ytr, Xva, yva = _split(X, y, rng, val_share, task == "classification")
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
            "optimizer": spec["opt"] + (f"(beta={spec['beta']})" if "beta" in spec and spec["opt"] in ("momentum", "nesterov") else ""),
            "learning_rate": spec["lr"], "batch_size": run.B if spec["batch"] != "full" else f"{run.B} (full batch)",
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
