"""A PyTorch training loop that writes keel's trace format (docs/PYTORCH.md), so that `keel diagnose`,
`keel diagnose --follow` and `keel report` see per-layer gradient norms and update ratios, not just the loss.
Copy KeelTrace into your code; the loop below shows where its three calls go. Run: python3 pytorch_trace.py OUT.csv"""
import math
import sys
from collections import OrderedDict

import torch


class KeelTrace:
    """Loss and learning rate every step; every `every` steps, per layer with weights: the gradient norm of the mean
    loss before the optimiser, the update ratio ||new - old|| / ||old||, and the parameter norm after the step."""

    def __init__(self, path, model, optimizer, every=10, classes=None, val_examples=None):
        self.layers = [(n, m) for n, m in model.named_modules() if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d))]
        self.optimizer, self.every, self.step = optimizer, every, 0
        names = [n for n, _ in self.layers]
        columns = ["step", "epoch", "loss", "lr", "val_loss", "val_metric"]
        columns += [f"{kind}/{n}" for kind in ("grad_norm", "update_ratio", "param_norm") for n in names]
        self.file = open(path, "w", buffering=1)  # line-buffered: `keel diagnose --follow` sees every row at once
        if classes:  # what learning nothing costs: a loss that ends at ln K learnt nothing
            self.file.write(f"# classes={classes}\n# chance_loss={math.log(classes):.6f}\n")
        if val_examples:  # how many examples val_loss averages over: a few of them moving is not a swing
            self.file.write(f"# val_examples={val_examples}\n")
        self.file.write(f"# trace_every={every}\n" + ",".join(columns) + "\n")

    def before_step(self):
        """After loss.backward(), before optimizer.step()."""
        self.step += 1
        self.measured = self.step == 1 or self.step % self.every == 0
        if self.measured:
            self.grads = [_norm(p.grad for p in m.parameters() if p.grad is not None) for _, m in self.layers]
            self.old = [[p.detach().clone() for p in m.parameters()] for _, m in self.layers]

    def after_step(self, epoch, loss):
        """After optimizer.step(): writes the step's row."""
        cells = [self.step, epoch, f"{loss:.6g}", f"{self.optimizer.param_groups[0]['lr']:.6g}", "", ""]
        if self.measured:
            with torch.no_grad():
                params = [list(m.parameters()) for _, m in self.layers]
                moved = [_norm(p - o for p, o in zip(ps, old)) for ps, old in zip(params, self.old)]
                norms = [_norm(ps) for ps in params]
            cells += [f"{g:.6g}" for g in self.grads]
            cells += [f"{d / o:.6g}" if o > 0 else "" for d, o in zip(moved, (_norm(old) for old in self.old))]
            cells += [f"{n:.6g}" for n in norms]
        else:
            cells += [""] * (3 * len(self.layers))
        self.file.write(",".join(map(str, cells)) + "\n")

    def validation(self, val_loss, val_accuracy=None):
        """Once an epoch: a row of the same step, which keel merges into the step's row."""
        empty = [""] * (3 * len(self.layers))
        accuracy = "" if val_accuracy is None else f"{val_accuracy:.6g}"
        self.file.write(",".join(map(str, [self.step, "", "", "", f"{val_loss:.6g}", accuracy] + empty)) + "\n")


def _norm(tensors):
    return math.sqrt(sum(float(t.detach().pow(2).sum()) for t in tensors))


if __name__ == "__main__":
    torch.manual_seed(0)
    # Three noisy classes in 8 dimensions; a 64x64 ReLU network, Adam, 20 epochs of 16 minibatches.
    centres = torch.randn(3, 8) * 2
    y = torch.arange(600) % 3
    x = centres[y] + torch.randn(600, 8)
    train, val = (x[:512], y[:512]), (x[512:], y[512:])
    model = torch.nn.Sequential(OrderedDict(fc1=torch.nn.Linear(8, 64), relu1=torch.nn.ReLU(),
                                            fc2=torch.nn.Linear(64, 64), relu2=torch.nn.ReLU(), out=torch.nn.Linear(64, 3)))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    trace = KeelTrace(sys.argv[1] if len(sys.argv) > 1 else "trace.csv", model, optimizer, every=10, classes=3,
                      val_examples=len(val[1]))
    for epoch in range(1, 21):
        order = torch.randperm(512)
        for i in range(0, 512, 32):
            batch = order[i:i + 32]
            loss = loss_fn(model(train[0][batch]), train[1][batch])
            optimizer.zero_grad()
            loss.backward()
            trace.before_step()
            optimizer.step()
            trace.after_step(epoch, loss.item())
        with torch.no_grad():
            out = model(val[0])
            trace.validation(loss_fn(out, val[1]).item(), (out.argmax(1) == val[1]).float().mean().item())
