"""Python benchmark: building a long network from Python (issue 13: add / connect in
constant time; 40 000 connections in under 0.2 s), and the per-call cost at several
sizes, which stays flat when building is linear.

Run: python benches/python/bench_build.py [--repeat N]
Prints the median over the repeats of building N pipes in a chain (N - 1 connections),
names varying with N so that nothing is cached between sizes.
"""
import argparse
import statistics
import time

import entropyk as ek


def build(n, tag):
    """`n` water pipes named `{tag}{k}`, chained outlet to inlet; seconds taken."""
    start = time.perf_counter()
    system = ek.System()
    for k in range(n):
        system.add(ek.Pipe(f"{tag}{k}", "water", length=1.0, diameter=0.05))
    for k in range(n - 1):
        system.connect(f"{tag}{k}.outlet", f"{tag}{k + 1}.inlet")
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for n in (1000, 10000, 40001):
        times = [build(n, f"p{r}_") for r in range(args.repeat)]
        median = statistics.median(times)
        print(f"{n - 1:6d} connections: {median:.3f} s median ({1e6 * median / (2 * n - 1):.2f} us per add/connect)")


if __name__ == "__main__":
    main()
