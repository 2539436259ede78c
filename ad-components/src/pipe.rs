//! Adiabatic pipe with Darcy-Weisbach friction pressure drop.
use crate::guess::{pass_enthalpy, pass_mass, pass_pressure};
use crate::{
    ComponentError, ComponentModel, FlowPath, IncompressibleLiquid, Medium, OperationalState, PortGuess, PortSpec,
    PortState,
};
use entropyk_thermo::{Fluid, Scalar};
use std::f64::consts::PI;

const PATHS: [FlowPath; 1] = [FlowPath {
    inlet: 0,
    outlet: 1,
    mass_balance: 0,
}];

/// Reynolds number below which the flow is taken as laminar.
const RE_LAMINAR: f64 = 2000.0;
/// Reynolds number above which the flow is taken as turbulent.
const RE_TURBULENT: f64 = 4000.0;

/// A straight, horizontal, adiabatic pipe of length `L`, inner diameter `D` and
/// absolute roughness `eps`, with the Darcy-Weisbach pressure drop (e.g. White,
/// *Fluid Mechanics*, 7th ed., eq. 6.10):
///
/// `p_in - p_out = f (L / D) rho v^2 / 2 = f (L / D) m |m| / (2 rho A^2)`,
/// `A = pi D^2 / 4`, `Re = 4 |m| / (pi D mu)`,
///
/// with the friction factor
/// * turbulent (`Re >= 4000`): Swamee & Jain (1976), J. Hydraulics Div. ASCE 102(5),
///   657-664, explicit approximation of Colebrook-White within 1 % for
///   `1e-6 < eps/D < 1e-2`, `5e3 < Re < 1e8`:
///   `f = 0.25 / [log10(eps / (3.7 D) + 5.74 / Re^0.9)]^2`;
/// * laminar (`Re <= 2000`): `f = 64 / Re`, i.e. Hagen-Poiseuille
///   `p_in - p_out = 128 mu L m / (pi rho D^4)`, written without dividing by `Re`
///   so that it is regular at zero (and reverse) flow;
/// * transition: the two pressure drops blended with the smoothstep weight
///   `w = 3 x^2 - 2 x^3`, `x = (Re - 2000) / 2000` (continuous slope).
///
/// `rho` is the inlet density (homogeneous for two-phase refrigerant) and `mu` the
/// dynamic viscosity: the liquid's [`IncompressibleLiquid::viscosity`], or for a
/// refrigerant a constant given by the user (the fluid library has no transport
/// properties yet). Energy: `h_out = h_in` (adiabatic, no elevation change, kinetic
/// energy change neglected).
///
/// Ports `"inlet"`, `"outlet"`; three equations: mass balance, pressure drop,
/// `h_out = h_in`. No parameters.
///
/// Operational states: Off keeps the On equations (a pipe has no heat, work or flow
/// to switch off; at the zero flow set by the switched-off machine of the circuit
/// the pressure drop is zero and every equation is regular); Bypass: `p_out = p_in`
/// in place of the friction law (a frictionless bypass line).
#[derive(Debug, Clone)]
pub struct Pipe {
    pub(crate) name: String,
    pub(crate) medium: Medium,
    pub(crate) length: f64,
    pub(crate) diameter: f64,
    pub(crate) roughness: f64,
    pub(crate) viscosity: f64,
    pub(crate) state: OperationalState,
    pub(crate) ports: [PortSpec; 2],
}

impl Pipe {
    /// A pipe carrying a secondary `liquid` (its viscosity is used): `length` in m
    /// (positive), inner `diameter` in m (1e-4 ..= 10), absolute `roughness` in m
    /// (0 ..= diameter / 10; e.g. 4.5e-5 m for commercial steel, 1.5e-6 m for drawn
    /// copper).
    ///
    /// ```
    /// use entropyk_components::{IncompressibleLiquid, Pipe};
    /// let pipe = Pipe::new("line", IncompressibleLiquid::WATER, 50.0, 0.05, 4.5e-5).unwrap();
    /// ```
    pub fn new(
        name: &str,
        liquid: IncompressibleLiquid,
        length: f64,
        diameter: f64,
        roughness: f64,
    ) -> Result<Self, ComponentError> {
        Self::build(
            name,
            Medium::Secondary(liquid),
            length,
            diameter,
            roughness,
            liquid.viscosity,
        )
    }

    /// A refrigerant pipe with a user-given dynamic `viscosity` (Pa s, e.g. about
    /// 2e-4 Pa s for liquid R134a at 30 degC, 1.2e-5 Pa s for its vapour at 0 degC).
    pub fn refrigerant(
        name: &str,
        fluid: Fluid,
        length: f64,
        diameter: f64,
        roughness: f64,
        viscosity: f64,
    ) -> Result<Self, ComponentError> {
        Self::build(name, Medium::Refrigerant(fluid), length, diameter, roughness, viscosity)
    }

    pub(crate) fn build(
        name: &str,
        medium: Medium,
        length: f64,
        diameter: f64,
        roughness: f64,
        viscosity: f64,
    ) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(name, "length [m]", length, f64::MIN_POSITIVE, 1.0e5)?;
        ComponentError::check_parameter(name, "diameter [m]", diameter, 1.0e-4, 10.0)?;
        ComponentError::check_parameter(name, "roughness [m]", roughness, 0.0, diameter / 10.0)?;
        ComponentError::check_parameter(name, "viscosity [Pa s]", viscosity, 1.0e-7, 10.0)?;
        Ok(Pipe {
            name: name.to_owned(),
            ports: [
                PortSpec::inlet("inlet", medium.clone()),
                PortSpec::outlet("outlet", medium.clone()),
            ],
            medium,
            length,
            diameter,
            roughness,
            viscosity,
            state: OperationalState::On,
        })
    }

    /// Darcy friction factor at Reynolds number `re` (Swamee-Jain above 4000, `64 / Re` below 2000).
    pub fn friction_factor(&self, re: f64) -> f64 {
        if re <= RE_LAMINAR {
            64.0 / re
        } else {
            let dp = self.pressure_drop(re * PI * self.diameter * self.viscosity / 4.0, 1000.0);
            let area = PI * self.diameter * self.diameter / 4.0;
            let m = re * PI * self.diameter * self.viscosity / 4.0;
            dp * 2.0 * 1000.0 * area * area * self.diameter / (self.length * m * m)
        }
    }

    /// Friction pressure drop `p_in - p_out` (Pa) at mass flow `m` (kg/s, either sign)
    /// and density `rho` (kg/m3).
    pub fn pressure_drop<D: Scalar>(&self, m: D, rho: D) -> D {
        let (d, l, mu) = (self.diameter, self.length, self.viscosity);
        let laminar = || m * (128.0 * mu * l / (PI * d.powi(4))) / rho;
        let re = m.abs() * (4.0 / (PI * d * mu));
        if re.re() <= RE_LAMINAR {
            return laminar();
        }
        let area = PI * d * d / 4.0;
        let log = (re.powf(-0.9) * 5.74 + self.roughness / (3.7 * d)).log10();
        let f = (log * log).recip() * 0.25;
        let turbulent = f * m * m.abs() * (l / (2.0 * d * area * area)) / rho;
        if re.re() >= RE_TURBULENT {
            turbulent
        } else {
            let x = (re - RE_LAMINAR) / (RE_TURBULENT - RE_LAMINAR);
            let w = x * x * (-x * 2.0 + 3.0);
            laminar() * (-w + 1.0) + turbulent * w
        }
    }
}

impl ComponentModel for Pipe {
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        Some(crate::spec::ToSpec::spec(self))
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> &'static str {
        "Pipe"
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        3
    }
    fn flow_paths(&self) -> &[FlowPath] {
        &PATHS
    }
    fn operational_state(&self) -> OperationalState {
        self.state
    }
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        self.state = state;
        Ok(())
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], _params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        let (inlet, outlet) = (ports[0], ports[1]);
        r[0] = outlet.m - inlet.m;
        r[1] = if self.state == OperationalState::Bypass {
            outlet.p - inlet.p
        } else {
            let rho = self
                .medium
                .density(inlet.p, inlet.h)
                .map_err(|e| ComponentError::fluid(&self.name, "inlet", e))?;
            inlet.p - outlet.p - self.pressure_drop(inlet.m, rho)
        };
        r[2] = outlet.h - inlet.h;
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], _params: &[f64]) {
        pass_mass(0, 1, ports);
        pass_enthalpy(0, 1, ports);
        if self.state == OperationalState::Bypass {
            pass_pressure(0, 1, ports);
            return;
        }
        if let (Some(p), Some(h), Some(m)) = (ports[0].p, ports[0].h, ports[0].m) {
            if let Ok(rho) = self.medium.density(p, h) {
                ports[1].offer_p(p - self.pressure_drop(m, rho));
            }
        }
        pass_pressure(0, 1, ports);
    }
    fn outputs(&self, ports: &[PortState<f64>], _params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        let re = 4.0 * ports[0].m.abs() / (PI * self.diameter * self.viscosity);
        Ok(vec![
            ("pressure_drop", ports[0].p - ports[1].p),
            ("reynolds_number", re),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Colebrook-White friction factor by fixed-point iteration.
    fn colebrook(re: f64, rel_roughness: f64) -> f64 {
        let mut x: f64 = 0.02_f64.powf(-0.5);
        for _ in 0..100 {
            x = -2.0 * (rel_roughness / 3.7 + 2.51 * x / re).log10();
        }
        1.0 / (x * x)
    }

    #[test]
    fn darcy_weisbach_matches_colebrook_and_hagen_poiseuille() {
        let water = IncompressibleLiquid::WATER;
        let pipe = Pipe::new("p", water, 100.0, 0.05, 4.5e-5).unwrap();
        let area = PI * 0.05 * 0.05 / 4.0;
        for m in [1.0, 2.0, 10.0] {
            let re = 4.0 * m / (PI * 0.05 * water.viscosity);
            let dp = pipe.pressure_drop(m, water.rho);
            let dp_colebrook = colebrook(re, 4.5e-5 / 0.05) * 100.0 / 0.05 * m * m / (2.0 * water.rho * area * area);
            assert!(
                (dp / dp_colebrook - 1.0).abs() < 0.015,
                "Re {re}: {dp} vs {dp_colebrook}"
            );
            assert!((pipe.pressure_drop(-m, water.rho) + dp).abs() < 1e-9 * dp);
        }
        // Laminar: Hagen-Poiseuille dp = 128 mu L Q / (pi D^4).
        let m = 0.02;
        let q = m / water.rho;
        let hp = 128.0 * water.viscosity * 100.0 * q / (PI * 0.05_f64.powi(4));
        assert!((pipe.pressure_drop(m, water.rho) / hp - 1.0).abs() < 1e-12);
        assert_eq!(pipe.pressure_drop(0.0, water.rho), 0.0);
        assert!((pipe.friction_factor(1000.0) - 0.064).abs() < 1e-15);
        assert!(Pipe::new("p", water, 100.0, 0.05, 0.1).is_err());
    }
}
