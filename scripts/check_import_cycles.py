"""Checks the module import graphs of the Rust crates for cycles (issue 13).

A module `a` imports `b` when its code (comments and `#[cfg(test)]` modules left
out) names `crate::b`, or an item that `lib.rs` re-exports from `b`. The solver's
data types (system, topology, solution, error...) may refer to each other; the
driver, the solver configuration and the iterative methods must lie on no cycle,
and no two Python-binding modules may import each other.

Run: python scripts/check_import_cycles.py  (exit status 1 on a forbidden cycle)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def graph(crate_src):
    """Module -> set of modules it imports, for the flat crate directory `crate_src`."""
    mods = {f[:-3] for f in os.listdir(crate_src) if f.endswith(".rs")}
    lib = open(os.path.join(crate_src, "lib.rs")).read()
    reexported = {}
    for module, names in re.findall(r"pub use (\w+)::\{?([\w, ]+)\}?;", lib):
        for name in names.split(","):
            reexported[name.strip()] = module
    deps = {}
    for m in sorted(mods - {"lib"}):
        src = open(os.path.join(crate_src, m + ".rs")).read()
        src = re.sub(r"//[^\n]*", "", src)
        src = re.sub(r"#\[cfg\(test\)\]\s*mod tests \{.*", "", src, flags=re.S)
        names = re.findall(r"crate::(\w+)", src)
        for group in re.findall(r"use crate::\{([^}]*)\}", src):
            names += [n.split("::")[0] for n in re.split(r"[,\s]+", group) if n]
        deps[m] = {n if n in mods else reexported.get(n) for n in names} - {None, m}
    return deps


def cycles(deps):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in deps.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(component)

    sys.setrecursionlimit(10_000)
    for v in deps:
        if v not in index:
            visit(v)
    return out


def main():
    failures = []
    solver_control = {"driver", "config", "problem", "sweep", "newton", "picard", "fallback", "chord", "iteration"}
    for component in cycles(graph(os.path.join(ROOT, "solver", "src"))):
        if component & solver_control:
            failures.append(f"solver/src: cycle through the driver or a method: {sorted(component)}")
    for component in cycles(graph(os.path.join(ROOT, "python", "src"))):
        if component & {"system", "config", "solve", "components", "more_components"}:
            failures.append(f"python/src: modules importing each other: {sorted(component)}")
    for failure in failures:
        print(failure)
    print("import cycles:", "FAILED" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
