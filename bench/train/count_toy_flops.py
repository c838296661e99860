"""Counts the matrix-product FLOPs one toy-gp iteration really executes (PyTorch's profiler, with_flops,
over every aten::mm/addmm, backward and double backward included), to check the analytic convention in
bench/TrainBench/FlopCount.cs. The toy MLP has only linear layers, so matrix products are all its work.
    /usr/bin/python3 bench/train/count_toy_flops.py /path/to/shared/reference/wgan_reference.py"""
import importlib.util
import sys

import torch
from torch.profiler import ProfilerActivity, profile

spec = importlib.util.spec_from_file_location("reference", sys.argv[1])
reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reference)
torch.manual_seed(0)
m = reference.build("toy-gp")
G, C, batch = m["G"], m["C"], m["batch"]
real = torch.randn(batch, 2)


def critic_update(penalty):
    fake = G(torch.randn(batch, 2)).detach()
    loss = C(fake).mean() - C(real).mean()
    if penalty:
        loss = loss + m["gp"] * reference.gradient_penalty(C, real, fake)
    m["optC"].zero_grad(set_to_none=True)
    loss.backward()
    m["optC"].step()


def generator_update():
    for p in C.parameters():
        p.requires_grad_(False)
    loss = -C(G(torch.randn(batch, 2))).mean()
    m["optG"].zero_grad(set_to_none=True)
    loss.backward()
    m["optG"].step()
    for p in C.parameters():
        p.requires_grad_(True)


def flops(step):
    step()  # warm-up outside the profile
    with profile(activities=[ProfilerActivity.CPU], with_flops=True) as prof:
        step()
    return sum(e.flops for e in prof.key_averages() if e.flops)


forward = flops(lambda: C(real))
without, with_penalty, gen = flops(lambda: critic_update(False)), flops(lambda: critic_update(True)), flops(generator_update)
print(f"critic forward F = {forward / 1e9:.3f} GFLOP (batch {batch})")
print(f"critic update without the penalty: {without / forward:.2f} F; with it: {with_penalty / forward:.2f} F "
      f"(the penalty adds {(with_penalty - without) / forward:.2f} F); generator update {gen / forward:.2f} F")
print(f"one iteration (5 critic updates + 1 generator update): {(5 * with_penalty + gen) / 1e9:.2f} GFLOP")
