#!/usr/bin/env python3
"""Loads a WganService generator export into the equivalent PyTorch module and samples from it.

    curl -sf -o gen.safetensors "$BASE/jobs/$JOB_ID/generator?format=safetensors&checkpoint=best"
    /usr/bin/python3 bench/export/load_generator.py gen.safetensors --seed 7 --count 16 [--compare $BASE]

The file's "__metadata__" describes the network ("generator": architecture, latentDim, sampleShape and
layer widths); the modules below rebuild it with the parameter and buffer names that the service's
TorchSharp modules use, and load_state_dict(strict=True) checks that every name and shape matches.
Latents are torch.randn(count, latentDim, generator=torch.Generator().manual_seed(seed)) on the CPU,
which is what the service draws for the same seed (tests/Domain.Tests/Gan/Serving/LatentsMatchPyTorchTests.cs), so
--compare BASE posts the same request to BASE/generate and prints the largest absolute difference.

Needs torch (Debian's python3-torch, PyTorch 1.13, works). Tensors are read with
safetensors.torch.load_file when the safetensors package is installed, else by the small reader here.
"""
import argparse, json, math, struct, sys, urllib.request

import torch
import torch.nn as nn

DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
          "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8,
          "U8": torch.uint8, "BOOL": torch.bool}


class Mlp(nn.Module):
    """WganService's Mlp: (Linear, ReLU) x hidden_layers, then Linear. Names: layers.0, layers.2, ..."""

    def __init__(self, latent_dim, outputs, hidden, hidden_layers):
        super().__init__()
        stack = []
        for i in range(hidden_layers):
            stack += [nn.Linear(latent_dim if i == 0 else hidden, hidden), nn.ReLU()]
        stack.append(nn.Linear(hidden, outputs))
        self.layers = nn.Sequential(*stack)

    def forward(self, z):
        return self.layers(z)


class DcganGenerator(nn.Module):
    """WganService's DcganGenerator; at 28x28 with one channel it is wgan_reference.py's Generator28.

    fc: Linear(z, c0*b*b) viewed as (c0, b, b); conv: BatchNorm2d(c0), [ReLU], then for each next
    width c: ConvTranspose2d(prev, c, 4, 2, 1), BatchNorm2d(c), ReLU; then ConvTranspose2d(64, C), Tanh.
    """

    def __init__(self, latent_dim, channels, base_size, conv_channels, relu_after_projection):
        super().__init__()
        self.base = (conv_channels[0], base_size)
        self.fc = nn.Linear(latent_dim, conv_channels[0] * base_size * base_size)
        stack = [nn.BatchNorm2d(conv_channels[0])]
        if relu_after_projection:
            stack.append(nn.ReLU())
        for inputs, outputs in zip(conv_channels, conv_channels[1:]):
            stack += [nn.ConvTranspose2d(inputs, outputs, 4, stride=2, padding=1), nn.BatchNorm2d(outputs), nn.ReLU()]
        stack += [nn.ConvTranspose2d(conv_channels[-1], channels, 4, stride=2, padding=1), nn.Tanh()]
        self.conv = nn.Sequential(*stack)

    def forward(self, z):
        channels, size = self.base
        return self.conv(self.fc(z).view(z.size(0), channels, size, size))


class DcganMnistGenerator(nn.Module):
    """WganService's DcganMnistGenerator: the WGAN-GP authors' gan_mnist.py generator, Tanh output.

    fc: Linear(z, c0*b*b), ReLU, viewed as (c0, b, b); deconv1..3: ConvTranspose2d(5, stride 2, padding 2,
    output_padding 1) through conv_channels to 1 channel, ReLU after the first two, the 8x8 map cropped
    to 7x7 after the first, Tanh last.
    """

    def __init__(self, latent_dim, base_size, conv_channels):
        super().__init__()
        self.base = (conv_channels[0], base_size)
        self.fc = nn.Linear(latent_dim, conv_channels[0] * base_size * base_size)
        widths = list(conv_channels) + [1]
        self.deconv1, self.deconv2, self.deconv3 = (
            nn.ConvTranspose2d(i, o, 5, stride=2, padding=2, output_padding=1) for i, o in zip(widths, widths[1:]))

    def forward(self, z):
        channels, size = self.base
        x = torch.relu(self.fc(z)).view(z.size(0), channels, size, size)
        x = torch.relu(self.deconv1(x))[:, :, :7, :7]
        x = torch.relu(self.deconv2(x))
        return torch.tanh(self.deconv3(x))


def build(description):
    shape = description["sampleShape"]
    if description["architecture"] == "mlp":
        return Mlp(description["latentDim"], math.prod(shape), description["hidden"], description["hiddenLayers"])
    if description["architecture"] == "dcgan":
        return DcganGenerator(description["latentDim"], shape[0], description["baseSize"],
                              description["convChannels"], description["reluAfterProjection"])
    if description["architecture"] == "dcgan-mnist":
        return DcganMnistGenerator(description["latentDim"], description["baseSize"], description["convChannels"])
    raise ValueError(f"unknown architecture {description['architecture']!r}")


def read_header(path):
    """The JSON header: 8 bytes of little-endian length, then that many bytes of UTF-8 JSON."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        return length, json.loads(f.read(length).decode("utf-8"))


def read_tensors(path):
    """Every tensor in the file, by name: with the safetensors package if present, else by hand."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        pass
    else:
        return load_file(path), "safetensors.torch.load_file"

    length, header = read_header(path)
    with open(path, "rb") as f:
        f.seek(8 + length)
        data = bytearray(f.read())  # Writable, so torch.frombuffer shares it without a warning.
    if sys.byteorder != "little":
        raise SystemExit("this reader assumes a little-endian machine, as the format's data is")
    tensors, expected_begin = {}, 0
    entries = sorted(((k, v) for k, v in header.items() if k != "__metadata__"), key=lambda e: e[1]["data_offsets"])
    for name, info in entries:
        dtype, shape, (begin, end) = DTYPES[info["dtype"]], info["shape"], info["data_offsets"]
        count = math.prod(shape)
        element = torch.empty((), dtype=dtype).element_size()
        if begin != expected_begin or end - begin != count * element:
            raise ValueError(f"{name}: offsets {begin}..{end} do not fit shape {shape} of {info['dtype']} at {expected_begin}")
        tensor = torch.frombuffer(data, dtype=dtype, count=count, offset=begin) if count else torch.empty(0, dtype=dtype)
        tensors[name] = tensor.reshape(shape).clone()
        expected_begin = end
    if expected_begin != len(data):
        raise ValueError(f"data holds {len(data)} bytes; the header covers {expected_begin}")
    return tensors, "the json+struct reader in this script"


def sample(module, latent_dim, shape, count, seed):
    generator = torch.Generator().manual_seed(seed)
    latents = torch.randn(count, latent_dim, generator=generator)
    with torch.no_grad():
        return module(latents).reshape(count, *shape)


def served_samples(base_url, metadata, count, seed):
    body = json.dumps({"jobId": metadata["jobId"], "count": count, "seed": seed, "checkpoint": metadata["checkpoint"]}).encode()
    request = urllib.request.Request(base_url.rstrip("/") + "/generate", data=body, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="a .safetensors file from GET /jobs/{id}/generator")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--count", type=int, default=16)
    parser.add_argument("--compare", metavar="BASE_URL", help="the Api, to compare with POST /generate of the same job, checkpoint, seed and count")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="largest absolute difference --compare accepts (default 1e-4)")
    args = parser.parse_args()

    _, header = read_header(args.file)
    metadata = header["__metadata__"]
    description = json.loads(metadata["generator"])
    module = build(description)
    tensors, reader = read_tensors(args.file)
    module.load_state_dict(tensors, strict=True)
    module.eval()  # BatchNorm uses the trained running statistics, as /generate does.
    samples = sample(module, description["latentDim"], description["sampleShape"], args.count, args.seed)

    print(f"job {metadata['jobId']} ({metadata.get('jobName', '')}), {metadata['checkpoint']} generator at step {metadata['generatorStep']}")
    print(f"{description['architecture']} generator, {len(tensors)} tensors read with {reader}, loaded with strict=True")
    print(f"samples: shape {list(samples.shape)}, seed {args.seed}, min {samples.min().item():.4f}, max {samples.max().item():.4f}")
    print("first samples" + ("" if samples[0].numel() <= 16 else ", first 8 values each") + ":")
    print(samples[:8] if samples[0].numel() <= 16 else samples[:8].flatten(1)[:, :8])
    if args.compare is None:
        return
    served = served_samples(args.compare, metadata, args.count, args.seed)
    if str(served["generatorStep"]) != metadata["generatorStep"]:
        raise SystemExit(f"the Api now serves step {served['generatorStep']}, the file holds step {metadata['generatorStep']}: download again")
    difference = (samples - torch.tensor(served["samples"]).reshape(samples.shape)).abs().max().item()
    print(f"max |PyTorch - /generate| over {samples.numel()} values: {difference:.3g}")
    if difference > args.tolerance:
        raise SystemExit(f"difference {difference:.3g} is above the tolerance {args.tolerance:g}")


if __name__ == "__main__":
    main()
