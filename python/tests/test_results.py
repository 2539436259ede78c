import numpy as np
import pytest

import entropyk as ek
from entropyk.plotting import cycle_points, plot_ph, plot_ts, saturation_dome


def test_dataframe(chiller):
    pd = pytest.importorskip("pandas")
    sol = chiller.solve()
    df = sol.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["connection", "medium", "p", "h", "m", "t"]
    assert len(df) == 8
    row = df[df.connection == "comp.outlet -> cond.refrigerant_in"].iloc[0]
    assert row.medium == "R134a"
    assert row.p == sol.port("comp.outlet")["p"]
    assert set(df.medium) == {"R134a", "Water"}


def test_cycle_points_follow_the_loop(chiller):
    sol = chiller.solve()
    pts = cycle_points(sol, "R134a")
    assert pts["labels"][0] == pts["labels"][-1]
    assert len(pts["labels"]) == 5
    firsts = [l.split(" -> ")[0].split(".")[0] for l in pts["labels"][:-1]]
    # comp -> cond -> valve -> evap in some rotation
    order = ["comp", "cond", "valve", "evap"]
    k = order.index(firsts[0])
    assert firsts == order[k:] + order[:k]
    # compression raises entropy slightly (irreversible), throttling raises it too
    assert np.all(np.isfinite(pts["s"]))


def test_saturation_dome_is_consistent():
    dome = saturation_dome("R134a", n=30)
    assert np.all(np.diff(dome["p"]) > 0)
    assert np.all(dome["h_vapor"] > dome["h_liquid"])


def test_plots(chiller, tmp_path):
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    sol = chiller.solve()
    ax = plot_ph(sol, "R134a")
    ax.figure.savefig(tmp_path / "ph.png")
    assert (tmp_path / "ph.png").stat().st_size > 1000
    assert ax.get_yscale() == "log"
    ax2 = plot_ts(sol, ek.Fluid("R134a"))
    assert len(ax2.lines) == 2 + 4 + 1  # dome, four segments, points
    with pytest.raises(ValueError, match="no connection"):
        cycle_points(sol, "R32")
