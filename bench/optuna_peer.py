#!/usr/bin/python3
"""The Optuna + PyTorch peer of bench/optuna-bench.sh: the grid of bench/optuna-grid.yaml, written the way a
user of those two libraries would write it. Development tooling only; keel never runs it.

optimizer {sgd, adam} x learning_rate {0.001, 0.01, 0.1, 1.0} x activation {relu, tanh}: a 2 x 64 MLP, batch
32, standardised features, builtin digits split 70/15/15 (stratified), validation every epoch, the returned
value the validation accuracy at the epoch of lowest validation loss (keel's rule). Optuna's GridSampler over
a journal file shared by WORKERS processes, one torch thread each. Early stopping (--patience, keel's default
5 epochs and min_delta 1e-4) is optional: a typical Optuna objective has none, so the bench runs without.

Prints one line per trial and, last, a line `peer: trials N steps S best_val_accuracy A seconds T`.
Needs Debian's python3-optuna (3.1) and python3-torch (1.13): run it with /usr/bin/python3.
"""
import argparse
import csv
import math
import multiprocessing as mp
import os
import sys
import tempfile
import time
import warnings

import numpy as np

# JournalStorage is experimental in Optuna 3.1, Trial.system_attrs deprecated: neither matters here
warnings.filterwarnings("ignore", message=".*experimental.*")
warnings.filterwarnings("ignore", category=FutureWarning)

DIGITS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sweep", "src", "main", "resources",
                      "dev", "keel", "sweep", "data", "builtin", "digits.csv")
GRID = {
    "optimizer": ["sgd", "adam"],
    "learning_rate": [0.001, 0.01, 0.1, 1.0],
    "activation": ["relu", "tanh"],
}


M64 = (1 << 64) - 1


def _mix(z):  # keel's Seeds.mix: the SplitMix64 finaliser
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def _derive(seed, purpose):  # keel's Seeds.derive
    h = seed & M64
    for b in purpose.encode():
        h = _mix(h ^ b)
    return _mix(h)


class JavaRandom:
    """java.util.Random, so that the peer trains on exactly keel's split (Splitter)."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def _next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        r = self.seed >> (48 - bits)
        return r - (1 << 32) if r >= 1 << 31 else r

    def next_int(self, bound):
        r = self._next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + m < (1 << 31):
                return r
            u = self._next(31)


def _shuffle(a, rng):
    for i in range(len(a) - 1, 0, -1):
        j = rng.next_int(i + 1)
        a[i], a[j] = a[j], a[i]


def keel_split(y, seed, val_share=0.15, test_share=0.15):
    """keel's stratified split (sweep/.../data/Splitter.java) of class indices y by the sweep's seed."""
    rng = JavaRandom(_derive(seed, "split"))
    train, val, test = [], [], []
    seen = val_so_far = test_so_far = 0
    for c in range(int(y.max()) + 1):
        group = [i for i in range(len(y)) if y[i] == c]
        _shuffle(group, rng)
        seen += len(group)
        n_val = max(0, min(math.floor(seen * val_share + 0.5) - val_so_far, len(group)))
        n_test = max(0, min(math.floor(seen * test_share + 0.5) - test_so_far, len(group) - n_val))
        val_so_far += n_val
        test_so_far += n_test
        for i, row in enumerate(group):
            (val if i < n_val else test if i < n_val + n_test else train).append(row)
    for part in (train, val, test):
        _shuffle(part, rng)
    return train, val, test


def load_digits(seed):
    with open(DIGITS) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    target = header.index("target")
    x = np.array([[float(v) for i, v in enumerate(r) if i != target] for r in body], dtype=np.float32)
    y = np.array([int(float(r[target])) for r in body], dtype=np.int64)
    train, val, test = keel_split(y, seed)
    mean = x[train].mean(axis=0)
    sd = x[train].std(axis=0)
    sd[sd == 0] = 1.0
    x = (x - mean) / sd
    return (x[train], y[train]), (x[val], y[val]), (x[test], y[test])


def taken(trial):
    """Whether another worker already ran or runs this grid point. Optuna's GridSampler hands out a visited point
    again when two workers ask for the last one at once (17 trials instead of 16 in a first run); the duplicate
    is dropped here, before it trains, so that the peer trains the same 16 trials as keel."""
    import optuna
    grid_id = trial.system_attrs.get("grid_id")
    states = (optuna.trial.TrialState.RUNNING, optuna.trial.TrialState.COMPLETE)
    return any(t.number < trial.number and t.system_attrs.get("grid_id") == grid_id
               for t in trial.study.get_trials(deepcopy=False, states=states))


def objective_factory(args, data, steps_total):
    import optuna
    import torch
    from torch import nn

    (xtr, ytr), (xva, yva), _ = data
    xtr, ytr = torch.from_numpy(xtr), torch.from_numpy(ytr)
    xva, yva = torch.from_numpy(xva), torch.from_numpy(yva)

    def objective(trial):
        opt = trial.suggest_categorical("optimizer", GRID["optimizer"])
        lr = trial.suggest_categorical("learning_rate", GRID["learning_rate"])
        act = trial.suggest_categorical("activation", GRID["activation"])
        if taken(trial):
            raise optuna.TrialPruned("another worker runs this grid point")
        torch.manual_seed(trial.number)
        layer = nn.ReLU if act == "relu" else nn.Tanh
        model = nn.Sequential(nn.Linear(xtr.shape[1], args.width), layer(),
                              *[m for _ in range(args.depth - 1) for m in (nn.Linear(args.width, args.width), layer())],
                              nn.Linear(args.width, 10))
        optimizer = torch.optim.SGD(model.parameters(), lr=lr) if opt == "sgd" \
            else torch.optim.Adam(model.parameters(), lr=lr)
        loss_fn = nn.CrossEntropyLoss()
        best_loss, best_acc, reference, waited, steps = math.inf, 0.0, math.inf, 0, 0
        for epoch in range(args.epochs):
            model.train()
            order = torch.randperm(len(xtr))
            for start in range(0, len(xtr), args.batch_size):
                batch = order[start:start + args.batch_size]
                optimizer.zero_grad()
                loss = loss_fn(model(xtr[batch]), ytr[batch])
                loss.backward()
                optimizer.step()
                steps += 1
            model.eval()
            with torch.no_grad():
                out = model(xva)
                val_loss = loss_fn(out, yva).item()
                val_acc = (out.argmax(1) == yva).float().mean().item()
            trial.report(val_acc, epoch)
            if val_loss < best_loss:
                best_loss, best_acc = val_loss, val_acc
            if not math.isfinite(loss.item()):
                break
            if args.patience:
                if val_loss < reference - 1e-4:
                    reference, waited = val_loss, 0
                else:
                    waited += 1
                    if waited >= args.patience:
                        break
        with steps_total.get_lock():
            steps_total.value += steps
        trial.set_user_attr("steps", steps)
        print(f"trial {trial.number} {opt} lr={lr} {act}: steps {steps} best val_accuracy {best_acc:.4f}",
              flush=True)
        return best_acc

    return objective


def worker(args, journal, steps_total):
    import optuna
    import torch
    torch.set_num_threads(1)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(journal))
    study = optuna.load_study(study_name="grid", storage=storage, sampler=optuna.samplers.GridSampler(GRID))
    study.optimize(objective_factory(args, load_digits(args.seed), steps_total))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--patience", type=int, default=0, help="early stopping after N epochs without improvement (0: off)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--depth", type=int, default=2)
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    started = time.time()
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        journal = os.path.join(tmp, "journal.log")
        storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(journal))
        optuna.create_study(study_name="grid", storage=storage, direction="maximize")
        steps_total = mp.Value("l", 0)
        procs = [mp.get_context("fork").Process(target=worker, args=(args, journal, steps_total))
                 for _ in range(args.workers)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join()
        if any(proc.exitcode != 0 for proc in procs):
            sys.exit("peer: a worker failed")
        study = optuna.load_study(study_name="grid", storage=storage)
        done = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
        print(f"peer: trials {len(done)} steps {steps_total.value} best_val_accuracy {study.best_value:.4f} "
              f"seconds {time.time() - started:.2f}")


if __name__ == "__main__":
    main()
