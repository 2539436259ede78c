//! Boundary components: a stream entering the system with a fixed state, and a sink.
use crate::{
    ComponentError, ComponentModel, IncompressibleLiquid, Medium, ParameterSpec, PortGuess, PortSpec, PortState,
};
use entropyk_thermo::Scalar;

/// A secondary stream entering the system at a fixed pressure, temperature and
/// mass flow (TESPy's `Source` with `p`, `T`, `m` set; Modelica's
/// `MassFlowSource_T`). One outlet port `"outlet"`, three equations.
///
/// Parameters: `pressure` (Pa), `temperature` (K), `mass_flow` (kg/s).
#[derive(Debug, Clone)]
pub struct FlowSource {
    name: String,
    liquid: IncompressibleLiquid,
    p: f64,
    t: f64,
    m: f64,
    ports: [PortSpec; 1],
}

impl FlowSource {
    /// A source of `liquid` at `p` (Pa), `t` (K) and mass flow `m` (kg/s).
    ///
    /// ```
    /// use entropyk_components::{FlowSource, IncompressibleLiquid};
    /// let src = FlowSource::new("evap_water_in", IncompressibleLiquid::WATER, 2.0e5, 285.15, 0.5).unwrap();
    /// ```
    pub fn new(name: &str, liquid: IncompressibleLiquid, p: f64, t: f64, m: f64) -> Result<Self, ComponentError> {
        for (spec, value) in SOURCE_PARAMETERS.iter().zip([p, t, m]) {
            ComponentError::check_parameter(name, spec.name, value, spec.min, spec.max)?;
        }
        Ok(FlowSource {
            name: name.to_owned(),
            liquid,
            p,
            t,
            m,
            ports: [PortSpec::outlet("outlet", Medium::Secondary(liquid))],
        })
    }

    /// Specific enthalpy of the entering stream, J/kg.
    pub fn enthalpy(&self) -> f64 {
        self.liquid.enthalpy(self.t, self.p)
    }
}

/// Parameters of [`FlowSource`].
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

impl ComponentModel for FlowSource {
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
        &SOURCE_PARAMETERS
    }
    fn parameter_values(&self) -> Vec<f64> {
        vec![self.p, self.t, self.m]
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        let out = ports[0];
        r[0] = out.p - params[0];
        r[1] = out.h - self.liquid.enthalpy(params[1], params[0]);
        r[2] = out.m - params[2];
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], params: &[f64]) {
        ports[0].offer_p(params[0]);
        ports[0].offer_h(self.liquid.enthalpy(params[1], params[0]));
        ports[0].offer_m(params[2]);
    }
}

/// The end of a stream leaving the system; adds no equation (TESPy's `Sink`).
#[derive(Debug, Clone)]
pub struct FlowSink {
    name: String,
    ports: [PortSpec; 1],
}

impl FlowSink {
    /// A sink for a secondary `liquid`.
    pub fn new(name: &str, liquid: IncompressibleLiquid) -> Self {
        FlowSink {
            name: name.to_owned(),
            ports: [PortSpec::inlet("inlet", Medium::Secondary(liquid))],
        }
    }
}

impl ComponentModel for FlowSink {
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
    fn residuals<D: Scalar>(&self, _ports: &[PortState<D>], _params: &[D], _r: &mut [D]) -> Result<(), ComponentError> {
        Ok(())
    }
}
