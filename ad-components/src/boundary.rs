//! Boundary components: a stream entering the system with a fixed state, and a sink.
use crate::{
    ComponentError, ComponentModel, IncompressibleLiquid, Medium, OperationalState, ParameterSpec, PortGuess, PortSpec,
    PortState,
};
use entropyk_thermo::{Fluid, Scalar};

/// How the state of a [`FlowSource`] is given.
#[derive(Debug, Clone)]
pub(crate) enum SourceKind {
    /// Secondary liquid at `(p, T, m)`.
    Liquid(IncompressibleLiquid),
    /// Refrigerant at `(p, h, m)`.
    RefrigerantPh,
    /// Refrigerant at `(p, T, m)` (single phase).
    RefrigerantPt(Fluid),
}

/// A stream entering the system at a fixed state and mass flow (TESPy's `Source`
/// with `p`, `T` (or `h`), `m` set; Modelica's `MassFlowSource_T` / `_h`). One
/// outlet port `"outlet"`, three equations: `p = p_set`, `h = h_set` (or
/// `h = h(p_set, T_set)`), `m = m_set`.
///
/// * [`FlowSource::new`]: a secondary liquid, parameters `pressure` (Pa),
///   `temperature` (K), `mass_flow` (kg/s); `h` from [`IncompressibleLiquid::enthalpy`].
/// * [`FlowSource::refrigerant_ph`]: a refrigerant, parameters `pressure` (Pa),
///   `enthalpy` (J/kg), `mass_flow` (kg/s).
/// * [`FlowSource::refrigerant_pt`]: a refrigerant, parameters `pressure` (Pa),
///   `temperature` (K), `mass_flow` (kg/s); `h` from the fluid's single-phase
///   `(p, T)` flash (not for two-phase states: use `refrigerant_ph`).
///
/// Operational states: Off keeps `p` and `h` and sets `m = 0` (the source sets the
/// flow of its path); Bypass is not available (a boundary has nothing to bypass).
#[derive(Debug, Clone)]
pub struct FlowSource {
    pub(crate) name: String,
    pub(crate) kind: SourceKind,
    pub(crate) p: f64,
    pub(crate) t: f64,
    pub(crate) m: f64,
    pub(crate) state: OperationalState,
    pub(crate) ports: [PortSpec; 1],
}

impl FlowSource {
    /// A source of `liquid` at `p` (Pa), `t` (K) and mass flow `m` (kg/s).
    ///
    /// ```
    /// use entropyk_components::{FlowSource, IncompressibleLiquid};
    /// let src = FlowSource::new("evap_water_in", IncompressibleLiquid::WATER, 2.0e5, 285.15, 0.5).unwrap();
    /// ```
    pub fn new(name: &str, liquid: IncompressibleLiquid, p: f64, t: f64, m: f64) -> Result<Self, ComponentError> {
        Self::build(name, SourceKind::Liquid(liquid), Medium::Secondary(liquid), p, t, m)
    }

    /// A refrigerant source at `p` (Pa), specific enthalpy `h` (J/kg) and mass flow `m` (kg/s).
    ///
    /// ```
    /// use entropyk_components::FlowSource;
    /// use entropyk_thermo::Fluid;
    /// let src = FlowSource::refrigerant_ph("feed", Fluid::new("R134a").unwrap(), 3.0e5, 4.0e5, 0.1).unwrap();
    /// ```
    pub fn refrigerant_ph(name: &str, fluid: Fluid, p: f64, h: f64, m: f64) -> Result<Self, ComponentError> {
        Self::build(name, SourceKind::RefrigerantPh, Medium::Refrigerant(fluid), p, h, m)
    }

    /// A refrigerant source at `p` (Pa), temperature `t` (K, single phase) and mass flow `m` (kg/s).
    pub fn refrigerant_pt(name: &str, fluid: Fluid, p: f64, t: f64, m: f64) -> Result<Self, ComponentError> {
        let medium = Medium::Refrigerant(fluid.clone());
        let source = Self::build(name, SourceKind::RefrigerantPt(fluid.clone()), medium, p, t, m)?;
        fluid
            .state_pt(p, t)
            .map_err(|e| ComponentError::fluid(name, "outlet", e))?;
        Ok(source)
    }

    fn build(name: &str, kind: SourceKind, medium: Medium, p: f64, x: f64, m: f64) -> Result<Self, ComponentError> {
        let specs = match kind {
            SourceKind::RefrigerantPh => &SOURCE_PH_PARAMETERS,
            _ => &SOURCE_PARAMETERS,
        };
        for (spec, value) in specs.iter().zip([p, x, m]) {
            ComponentError::check_parameter(name, spec.name, value, spec.min, spec.max)?;
        }
        Ok(FlowSource {
            name: name.to_owned(),
            kind,
            p,
            t: x,
            m,
            state: OperationalState::On,
            ports: [PortSpec::outlet("outlet", medium)],
        })
    }

    /// Specific enthalpy of the entering stream, J/kg (NaN if a refrigerant `(p, T)`
    /// flash fails, which the constructor excludes).
    pub fn enthalpy(&self) -> f64 {
        self.enthalpy_at(self.p, self.t).unwrap_or(f64::NAN)
    }

    /// `h` at pressure `p` and the second parameter `x` (temperature or enthalpy).
    fn enthalpy_at<D: Scalar>(&self, p: D, x: D) -> Result<D, ComponentError> {
        match &self.kind {
            SourceKind::Liquid(liquid) => Ok(liquid.enthalpy(x, p)),
            SourceKind::RefrigerantPh => Ok(x),
            SourceKind::RefrigerantPt(fluid) => Ok(fluid
                .state_pt(p, x)
                .map_err(|e| ComponentError::fluid(&self.name, "outlet", e))?
                .h),
        }
    }
}

/// Parameters of [`FlowSource`] given by temperature.
const SOURCE_PARAMETERS: [ParameterSpec; 3] = [
    ParameterSpec {
        name: "pressure",
        unit: "Pa",
        min: 1.0,
        max: 1.0e8,
    },
    ParameterSpec {
        name: "temperature",
        unit: "K",
        min: 200.0,
        max: 500.0,
    },
    ParameterSpec {
        name: "mass_flow",
        unit: "kg/s",
        min: 0.0,
        max: 1.0e4,
    },
];

/// Parameters of a refrigerant [`FlowSource`] given by enthalpy.
const SOURCE_PH_PARAMETERS: [ParameterSpec; 3] = [
    SOURCE_PARAMETERS[0],
    ParameterSpec {
        name: "enthalpy",
        unit: "J/kg",
        min: -1.0e7,
        max: 1.0e7,
    },
    SOURCE_PARAMETERS[2],
];

/// Rejects Bypass on a boundary component.
fn boundary_state(name: &str, kind: &'static str, state: OperationalState) -> Result<OperationalState, ComponentError> {
    if state == OperationalState::Bypass {
        Err(ComponentError::UnsupportedOperationalState {
            component: name.to_owned(),
            kind,
            state,
            reason: "a boundary has no stream to bypass",
        })
    } else {
        Ok(state)
    }
}

impl ComponentModel for FlowSource {
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        Some(crate::spec::ToSpec::spec(self))
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> &'static str {
        "FlowSource"
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        3
    }
    fn parameters(&self) -> &[ParameterSpec] {
        match self.kind {
            SourceKind::RefrigerantPh => &SOURCE_PH_PARAMETERS,
            _ => &SOURCE_PARAMETERS,
        }
    }
    fn parameter_values(&self) -> Vec<f64> {
        vec![self.p, self.t, self.m]
    }
    fn operational_state(&self) -> OperationalState {
        self.state
    }
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        self.state = boundary_state(&self.name, "FlowSource", state)?;
        Ok(())
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        let out = ports[0];
        r[0] = out.p - params[0];
        r[1] = out.h - self.enthalpy_at(params[0], params[1])?;
        r[2] = match self.state {
            OperationalState::Off => out.m,
            _ => out.m - params[2],
        };
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], params: &[f64]) {
        ports[0].offer_p(params[0]);
        if let Ok(h) = self.enthalpy_at(params[0], params[1]) {
            ports[0].offer_h(h);
        }
        ports[0].offer_m(if self.state == OperationalState::Off {
            0.0
        } else {
            params[2]
        });
    }
}

/// The end of a stream leaving the system; adds no equation (TESPy's `Sink`).
/// Off is accepted and changes nothing (no equation); Bypass is not available.
#[derive(Debug, Clone)]
pub struct FlowSink {
    pub(crate) name: String,
    pub(crate) state: OperationalState,
    pub(crate) ports: [PortSpec; 1],
}

impl FlowSink {
    /// A sink for a secondary `liquid`.
    pub fn new(name: &str, liquid: IncompressibleLiquid) -> Self {
        Self::for_medium(name, Medium::Secondary(liquid))
    }

    /// A sink for a refrigerant.
    pub fn refrigerant(name: &str, fluid: Fluid) -> Self {
        Self::for_medium(name, Medium::Refrigerant(fluid))
    }

    /// A sink for any medium.
    pub fn for_medium(name: &str, medium: Medium) -> Self {
        FlowSink {
            name: name.to_owned(),
            state: OperationalState::On,
            ports: [PortSpec::inlet("inlet", medium)],
        }
    }
}

impl ComponentModel for FlowSink {
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        Some(crate::spec::ToSpec::spec(self))
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> &'static str {
        "FlowSink"
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        0
    }
    fn operational_state(&self) -> OperationalState {
        self.state
    }
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        self.state = boundary_state(&self.name, "FlowSink", state)?;
        Ok(())
    }
    fn residuals<D: Scalar>(&self, _ports: &[PortState<D>], _params: &[D], _r: &mut [D]) -> Result<(), ComponentError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refrigerant_pt_source_sets_the_flash_enthalpy_and_off_zero_flow() {
        let fluid = Fluid::new("R134a").unwrap();
        let mut src = FlowSource::refrigerant_pt("s", fluid.clone(), 3.0e5, 280.0, 0.2).unwrap();
        let h = fluid.state_pt(3.0e5, 280.0).unwrap().h;
        assert!((src.enthalpy() - h).abs() < 1e-9);
        let ports = [PortState { p: 3.0e5, h, m: 0.2 }];
        let mut r = [1.0; 3];
        src.residuals(&ports, &src.parameter_values(), &mut r).unwrap();
        assert!(r.iter().all(|x| x.abs() < 1e-9), "{r:?}");
        src.set_operational_state(OperationalState::Off).unwrap();
        src.residuals(&ports, &src.parameter_values(), &mut r).unwrap();
        assert_eq!(r[2], 0.2);
        assert!(src.set_operational_state(OperationalState::Bypass).is_err());
        assert!(FlowSource::refrigerant_ph("s", fluid, 3.0e5, 4.0e5, -1.0).is_err());
    }
}
