#!/usr/bin/env python3
"""The seed's PyTorch WGAN-GP recipe on real MNIST, for bench/QualityBench (time to quality).

The networks are shared/reference/wgan_reference.py's dcgan28-gp pair (Generator28, and critic28
without BatchNorm), loaded from that file rather than copied; the recipe is the seed's: Adam 1e-4,
betas (0, 0.9), lambda 10, n_critic 5, batch 64, no learning-rate decay. Trains on the IDX training
files and, each time the training clock (sample saving excluded) passes a mark, saves N samples of the
generator in eval mode as MARK_DIR/pytorch-seed-<minutes>.npy: float32 in [-1, 1], shape (N, 1, 28, 28).
One JSON line per mark goes to stdout: {"minutes", "seconds", "generator_steps", "path"}.

    /usr/bin/python3 bench/quality/pytorch_seed.py --data bench/mnist/data --out DIR --marks 2.5,5,10,20 \
        [--threads 2] [--samples 1000] [--reference ../shared/reference/wgan_reference.py]
"""
import argparse, gzip, importlib.util, json, os, struct, time
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_REFERENCE = os.path.join(HERE, "..", "..", "..", "shared", "reference", "wgan_reference.py")


def load_reference(path):
    spec = importlib.util.spec_from_file_location("wgan_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count, rows, cols = struct.unpack(">IIII", data[:16])
    if magic != 2051:
        raise SystemExit(f"{path}: not an IDX image file (magic {magic})")
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, 1, rows, cols)
    # The service's scaling of uint8 pixels: [0, 255] -> [-1, 1].
    return torch.from_numpy(pixels.astype(np.float32) / 127.5 - 1.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="bench/mnist/data")
    ap.add_argument("--out", required=True)
    ap.add_argument("--marks", default="2.5,5,10,20", help="minutes of training time, ascending")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reference", default=DEFAULT_REFERENCE)
    args = ap.parse_args()
    marks = sorted(float(m) for m in args.marks.split(","))

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    ref = load_reference(args.reference)
    G, C = ref.Generator28(), ref.critic28(batchnorm=False)
    opt_g = torch.optim.Adam(G.parameters(), 1e-4, betas=(0.0, 0.9))
    opt_c = torch.optim.Adam(C.parameters(), 1e-4, betas=(0.0, 0.9))
    batch, z_dim, n_critic, gp = 64, 100, 5, 10.0
    data = read_idx_images(os.path.join(args.data, "train-images-idx3-ubyte.gz"))
    fixed_z = torch.randn(args.samples, z_dim, generator=torch.Generator().manual_seed(args.seed + 1))
    os.makedirs(args.out, exist_ok=True)

    def iteration():
        for _ in range(n_critic):
            real = data[torch.randint(0, data.size(0), (batch,))]
            fake = G(torch.randn(batch, z_dim)).detach()
            loss_c = C(fake).mean() - C(real).mean() + gp * ref.gradient_penalty(C, real, fake)
            opt_c.zero_grad(set_to_none=True)
            loss_c.backward()
            opt_c.step()
        for p in C.parameters():
            p.requires_grad_(False)
        loss_g = -C(G(torch.randn(batch, z_dim))).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        for p in C.parameters():
            p.requires_grad_(True)

    trained, steps = 0.0, 0
    for minutes in marks:
        while trained < minutes * 60:
            start = time.perf_counter()
            iteration()
            trained += time.perf_counter() - start
            steps += 1
        G.eval()
        with torch.no_grad():
            samples = torch.cat([G(z) for z in fixed_z.split(256)]).clamp(-1, 1).numpy().astype(np.float32)
        G.train()
        path = os.path.join(args.out, f"pytorch-seed-{minutes:g}.npy")
        np.save(path, np.ascontiguousarray(samples))
        print(json.dumps(dict(minutes=minutes, seconds=trained, generator_steps=steps, path=path)), flush=True)


if __name__ == "__main__":
    main()
