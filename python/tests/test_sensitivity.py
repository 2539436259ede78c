import pytest

import entropyk as ek
from conftest import build_chiller


def test_capacity_sensitivity_matches_resolves():
    chiller = build_chiller()
    sol = chiller.solve()
    param = "evap_secondary_source.temperature"
    ift = chiller.sensitivity(sol, param, heat_flow="evap")
    step = 1e-3

    def capacity(delta):
        c = build_chiller()
        c.set_parameter(param, 285.15 + delta)
        return c.solve().output("evap", "heat_flow")

    fd = (capacity(step) - capacity(-step)) / (2 * step)
    assert ift == pytest.approx(fd, rel=1e-5)
    assert ift > 0


def test_sensitivity_arguments(chiller):
    sol = chiller.solve()
    with pytest.raises(ek.ValidationError, match="exactly one"):
        chiller.sensitivity(sol, "evap.ua")
    with pytest.raises(ek.ValidationError, match="exactly one"):
        chiller.sensitivity(sol, "evap.ua", pressure="comp.inlet", heat_flow="evap")
    with pytest.raises(ek.TopologyError, match="no parameter"):
        chiller.sensitivity(sol, "evap.area", pressure="comp.inlet")
    assert chiller.sensitivity(sol, "evap.ua", pressure="comp.inlet") > 0
