//! The reference example: a water-cooled R134a chiller.
//!
//! A BITZER HSK screw compressor map ([`Ahri540Map::BITZER_HSK_R134A`]), a
//! water-cooled condenser (water in at 30 degC, 17.7 kg/s, UA 50 kW/K), an
//! expansion valve holding 5 K of superheat, and an evaporator chilling water
//! from 12 degC (14.3 kg/s, UA 60 kW/K); 3 K of subcooling at the condenser
//! outlet. The exchangers are the default zoned (moving-boundary) models, or the
//! single-zone ones with [`ChillerSpec::single_zone`]. Used by the example program,
//! the tests and the benchmarks.
use crate::prelude::*;

/// Parameters of the reference chiller, SI units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChillerSpec {
    /// Condenser water inlet temperature, K.
    pub condenser_water_in: f64,
    /// Condenser water mass flow, kg/s.
    pub condenser_water_flow: f64,
    /// Condenser conductance, W/K.
    pub condenser_ua: f64,
    /// Evaporator water inlet temperature, K.
    pub evaporator_water_in: f64,
    /// Evaporator water mass flow, kg/s.
    pub evaporator_water_flow: f64,
    /// Evaporator conductance, W/K.
    pub evaporator_ua: f64,
    /// Superheat at the evaporator outlet, K.
    pub superheat: f64,
    /// Subcooling at the condenser outlet, K.
    pub subcooling: f64,
    /// Single-zone exchangers ([`SingleZoneCondenser`], [`SingleZoneEvaporator`])
    /// instead of the default zoned ones: the model of the CoolProp reference
    /// calculation `scripts/chiller_reference.py`.
    pub single_zone: bool,
}

impl Default for ChillerSpec {
    fn default() -> Self {
        ChillerSpec {
            condenser_water_in: 303.15,
            condenser_water_flow: 17.7,
            condenser_ua: 50e3,
            evaporator_water_in: 285.15,
            evaporator_water_flow: 14.3,
            evaporator_ua: 60e3,
            superheat: 5.0,
            subcooling: 3.0,
            single_zone: false,
        }
    }
}

/// Water pressure in both secondary circuits, Pa.
const WATER_PRESSURE: f64 = 2.0e5;

/// Builds the R134a chiller of `spec` (not yet solved).
pub fn r134a_chiller(spec: &ChillerSpec) -> Result<System, SolverError> {
    let r134a = Fluid::new("R134a")
        .map_err(|e| SolverError::Component(entropyk_components::ComponentError::fluid("chiller", "fluid", e)))?;
    let water = IncompressibleLiquid::WATER;
    let mut cycle = System::new();
    cycle.add(Compressor::new("comp", r134a.clone(), Ahri540Map::BITZER_HSK_R134A)?)?;
    let (ua_cond, ua_evap) = (spec.condenser_ua, spec.evaporator_ua);
    if spec.single_zone {
        cycle.add(SingleZoneCondenser::new("cond", r134a.clone(), water, ua_cond)?)?;
    } else {
        cycle.add(Condenser::new("cond", r134a.clone(), water, ua_cond)?)?;
    }
    cycle.add(ExpansionValve::new("valve", r134a.clone()))?;
    if spec.single_zone {
        cycle.add(SingleZoneEvaporator::new("evap", r134a, water, ua_evap)?)?;
    } else {
        cycle.add(Evaporator::new("evap", r134a, water, ua_evap)?)?;
    }
    cycle.add_liquid_stream(
        "cond",
        water,
        WATER_PRESSURE,
        spec.condenser_water_in,
        spec.condenser_water_flow,
    )?;
    cycle.add_liquid_stream(
        "evap",
        water,
        WATER_PRESSURE,
        spec.evaporator_water_in,
        spec.evaporator_water_flow,
    )?;
    cycle.connect("comp.outlet", "cond.refrigerant_in")?;
    cycle.connect("cond.refrigerant_out", "valve.inlet")?;
    cycle.connect("valve.outlet", "evap.refrigerant_in")?;
    cycle.connect("evap.refrigerant_out", "comp.inlet")?;
    cycle.add_specification(Specification::superheat("evap.refrigerant_out", spec.superheat))?;
    cycle.add_specification(Specification::subcooling("cond.refrigerant_out", spec.subcooling))?;
    Ok(cycle)
}
