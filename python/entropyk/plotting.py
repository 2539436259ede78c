"""p-h and T-s diagrams of a solved cycle (matplotlib).

    >>> import entropyk as ek
    >>> from entropyk.plotting import plot_ph
    >>> ax = plot_ph(solution, "R134a")          # doctest: +SKIP
    >>> ax.figure.savefig("cycle_ph.png")         # doctest: +SKIP

The saturation dome comes from the fluid's equation of state (``Fluid.saturation_t``
from 1 K above the triple point to 0.05 K below the critical point); the state
points are the refrigerant connections of the solution, joined in flow order
(component by component along the loop).
"""
from __future__ import annotations

from typing import Any, Optional, TypedDict

import numpy as np
import numpy.typing as npt

from ._core import Fluid, Solution

__all__ = ["saturation_dome", "cycle_points", "plot_ph", "plot_ts", "CyclePoints"]


class CyclePoints(TypedDict):
    """The result of :func:`cycle_points`."""

    labels: list[str]
    p: npt.NDArray[np.float64]
    h: npt.NDArray[np.float64]
    t: npt.NDArray[np.float64]
    s: npt.NDArray[np.float64]


def saturation_dome(fluid: Fluid | str, n: int = 120) -> dict[str, npt.NDArray[np.float64]]:
    """Saturated liquid and vapour lines: arrays t, p, h_liquid, h_vapor, s_liquid, s_vapor (SI)."""
    f = Fluid(fluid) if isinstance(fluid, str) else fluid
    t_low = f.saturation_p(2e4)["t"] if f.critical_pressure > 2e4 else f.critical_temperature * 0.6
    ts = np.linspace(t_low, f.critical_temperature - 0.05, n)
    rows = [f.saturation_t(float(t)) for t in ts]
    return {key: np.array([r[key] for r in rows]) for key in ("t", "p", "h_liquid", "h_vapor", "s_liquid", "s_vapor")}


def cycle_points(solution: Solution, fluid: Fluid | str) -> CyclePoints:
    """States of the connections carrying `fluid`, in flow order around the loop:
    labels, p, h, t, s (SI). The last point repeats the first when the loop closes."""
    f = Fluid(fluid) if isinstance(fluid, str) else fluid
    labels = [l for l, m in zip(solution.connections, solution.media) if m == f.name]
    if not labels:
        raise ValueError(f"the solution has no connection carrying {f.name}")
    source = {l: l.split(" -> ")[0].split(".")[0] for l in labels}
    target = {l: l.split(" -> ")[1].split(".")[0] for l in labels}
    ordered = [labels[0]]
    while len(ordered) < len(labels):
        nxt = [l for l in labels if source[l] == target[ordered[-1]] and l not in ordered]
        if not nxt:
            ordered += [l for l in labels if l not in ordered]
            break
        ordered.append(nxt[0])
    closed = target[ordered[-1]] == source[ordered[0]]
    if closed:
        ordered.append(ordered[0])
    states = [solution.port(l.split(" -> ")[0]) for l in ordered]
    s = [f.state_ph(st["p"], st["h"])["s"] for st in states]
    return {
        "labels": ordered,
        "p": np.array([st["p"] for st in states]),
        "h": np.array([st["h"] for st in states]),
        "t": np.array([st["t"] for st in states]),
        "s": np.array(s),
    }


def _axes(ax: Optional[Any]) -> Any:
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


def plot_ph(solution: Solution, fluid: Fluid | str, ax: Optional[Any] = None) -> Any:
    """Pressure (log, bar) over specific enthalpy (kJ/kg): dome and cycle. Returns the axes."""
    ax = _axes(ax)
    dome = saturation_dome(fluid)
    ax.plot(dome["h_liquid"] / 1e3, dome["p"] / 1e5, color="0.5", lw=1)
    ax.plot(dome["h_vapor"] / 1e3, dome["p"] / 1e5, color="0.5", lw=1)
    pts = cycle_points(solution, fluid)
    ax.plot(pts["h"] / 1e3, pts["p"] / 1e5, "o-", color="C0")
    ax.set_yscale("log")
    ax.set_xlabel("h [kJ/kg]")
    ax.set_ylabel("p [bar]")
    ax.set_title(f"{Fluid(fluid).name if isinstance(fluid, str) else fluid.name}: p-h diagram")
    return ax


def plot_ts(solution: Solution, fluid: Fluid | str, ax: Optional[Any] = None) -> Any:
    """Temperature (degC) over specific entropy (kJ/(kg K)): dome and cycle. Returns the axes."""
    ax = _axes(ax)
    dome = saturation_dome(fluid)
    ax.plot(dome["s_liquid"] / 1e3, dome["t"] - 273.15, color="0.5", lw=1)
    ax.plot(dome["s_vapor"] / 1e3, dome["t"] - 273.15, color="0.5", lw=1)
    pts = cycle_points(solution, fluid)
    f = Fluid(fluid) if isinstance(fluid, str) else fluid
    # Isobaric segments (heat exchangers) follow the isobar through the dome.
    for i in range(len(pts["p"]) - 1):
        p0, p1 = pts["p"][i], pts["p"][i + 1]
        if abs(p0 - p1) <= 1e-9 * p0:
            states = [f.state_ph(p0, float(h)) for h in np.linspace(pts["h"][i], pts["h"][i + 1], 40)]
            ax.plot([st["s"] / 1e3 for st in states], [st["t"] - 273.15 for st in states], color="C1")
        else:
            ax.plot(pts["s"][i : i + 2] / 1e3, pts["t"][i : i + 2] - 273.15, color="C1")
    ax.plot(pts["s"] / 1e3, pts["t"] - 273.15, "o", color="C1")
    ax.set_xlabel("s [kJ/(kg K)]")
    ax.set_ylabel("T [degC]")
    ax.set_title(f"{Fluid(fluid).name if isinstance(fluid, str) else fluid.name}: T-s diagram")
    return ax
