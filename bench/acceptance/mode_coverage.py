#!/usr/bin/env python3
"""Scores /generate output against the toy sets' centres, independently of the service's code.

    curl -s -XPOST localhost:5080/generate -d '{"jobId":"…","count":2500,"seed":1}' \
         -H 'content-type: application/json' | python3 mode_coverage.py [8gaussians|25gaussians]

A point covers a centre when it lies within 3 standard deviations of it (8-gaussians: std 0.02/1.414;
25-gaussians: 0.05/2.828, as the WGAN-GP authors generate them); the VEEGAN high-quality ratio is the
share of points that cover their nearest centre.
"""
import json, math, sys

if (sys.argv[1] if len(sys.argv) > 1 else "8gaussians") == "25gaussians":
    centres = [(2 * x / 2.828, 2 * y / 2.828) for x in range(-2, 3) for y in range(-2, 3)]
    threshold = 3 * 0.05 / 2.828
else:
    s = 1 / math.sqrt(2)
    unit = [(1, 0), (-1, 0), (0, 1), (0, -1), (s, s), (s, -s), (-s, s), (-s, -s)]
    centres = [(2 * x / 1.414, 2 * y / 1.414) for x, y in unit]
    threshold = 3 * 0.02 / 1.414

points = json.load(sys.stdin)["samples"]
covered, high_quality = set(), 0
for x, y in points:
    d, i = min((math.hypot(x - cx, y - cy), i) for i, (cx, cy) in enumerate(centres))
    if d < threshold:
        covered.add(i)
        high_quality += 1
print(json.dumps({"points": len(points), "modesCovered": len(covered), "modes": len(centres),
                  "highQualityRatio": round(high_quality / len(points), 4)}))
