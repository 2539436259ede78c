//! The economizer: a counter-flow subcooler between the liquid line and an injection
//! (or vapour-injection) branch, declared once ([`crate::declaration`]).
use crate::declaration::{ArgDecl, ArgKind, ArgMap, ArgValue, Args, CopRole, Declaration, Declared, OutputDecl, PortDoc};
use crate::{
    ComponentError, ComponentModel, FlowPath, HeatExchanger, OperationalState, ParameterSpec, PortGuess,
    PortSpec, PortState, Violation,
};
use entropyk_thermo::{Fluid, Scalar};

/// Port names, in the order of the underlying [`HeatExchanger`]'s (hot in, hot out,
/// cold in, cold out).
const PORTS: [&str; 4] = ["liquid_in", "liquid_out", "injection_in", "injection_out"];

const PARAMETERS: [ParameterSpec; 1] = [ParameterSpec {
    name: "ua",
    unit: "W/K",
    min: f64::MIN_POSITIVE,
    max: 1.0e9,
}];

/// An economizer (subcooler) of a vapour-injection or economized cycle: the
/// condenser's liquid (`liquid_in` -> `liquid_out`) is subcooled, counter-flow, by a
/// part of itself throttled to an intermediate pressure (`injection_in` ->
/// `injection_out`), which evaporates and is injected into the compressor's
/// intermediate port or an intermediate stage (ASHRAE Handbook - Refrigeration 2022,
/// ch. 2; Ma & Chai, Int. J. Refrig. 26 (2003) 11-17; TESPy's economized heat pump
/// examples use the same arrangement).
///
/// Model: the counter-flow epsilon-NTU exchanger of [`HeatExchanger`] with the
/// liquid line as its hot stream and the injection line as its cold one, both the
/// same refrigerant (`HeatExchanger::internal`): the throttled, two-phase injection
/// inlet is a stream of infinite capacity rate at its saturation temperature
/// (`Cr = 0`, Incropera & DeWitt eq. 11.35a), `Q = epsilon(NTU) Q_max`,
/// `NTU = UA / C_liquid`, with the real-fluid `Q_max` of the liquid brought to the
/// injection's saturation temperature; energy and mass balances on both lines, no
/// pressure drop. Valid while the injection stream leaves at most slightly superheated
/// (single-zone approximation; the validity check compares the two temperature
/// profiles at 11 points and fails the solve on a cross).
///
/// Bypass mode: no heat exchanged, both lines pass unchanged (the injection valve
/// closed and the branch bypassed, or an economizer switched out at low lift), with
/// the same number of equations.
#[derive(Debug, Clone)]
pub struct Economizer {
    hx: HeatExchanger,
    ports: [PortSpec; 4],
}

impl Economizer {
    /// An economizer named `name` for `fluid`, of conductance `ua` (W/K).
    ///
    /// ```
    /// use entropyk_components::{ComponentModel, Economizer};
    /// use entropyk_thermo::Fluid;
    /// let eco = Economizer::new("eco", Fluid::new("R134a").unwrap(), 2.0e3).unwrap();
    /// assert_eq!(eco.ports()[2].name, "injection_in");
    /// ```
    pub fn new(name: &str, fluid: Fluid, ua: f64) -> Result<Self, ComponentError> {
        let hx = HeatExchanger::internal(name, fluid, ua)?;
        let ports = std::array::from_fn(|k| PortSpec {
            name: PORTS[k],
            ..hx.ports()[k].clone()
        });
        Ok(Economizer { hx, ports })
    }

    /// Overall conductance at construction, W/K (the system's table holds the current
    /// value, `"<name>.ua"`).
    pub fn ua(&self) -> f64 {
        self.hx.ua()
    }

    /// The economizer's name of the underlying exchanger's port `name`.
    fn port_name(name: &'static str) -> &'static str {
        match name {
            "hot_in" => PORTS[0],
            "hot_out" => PORTS[1],
            "cold_in" => PORTS[2],
            "cold_out" => PORTS[3],
            other => other,
        }
    }
}

impl Declared for Economizer {
    const DECLARATION: Declaration = Declaration {
        kind: "Economizer",
        summary: "Economizer (subcooler) of a vapour-injection or economized cycle: the liquid line \
(liquid_in -> liquid_out) is subcooled, counter-flow, by a part of itself throttled to an \
intermediate pressure (injection_in -> injection_out), which evaporates and goes to the \
compressor's injection port. Counter-flow epsilon-NTU with the two-phase injection stream at \
infinite capacity rate (Incropera & DeWitt eq. 11.35a) and the real-fluid maximum heat flow; \
ASHRAE Handbook - Refrigeration (2022) ch. 2; Ma & Chai, Int. J. Refrig. 26 (2003).",
        args: &[
            ArgDecl {
                name: "refrigerant",
                kind: ArgKind::Refrigerant,
                default: None,
                positional: true,
                doc: "the refrigerant of both lines",
            },
            ArgDecl {
                name: "ua",
                kind: ArgKind::parameter(PARAMETERS[0]),
                default: None,
                positional: false,
                doc: "overall heat-transfer conductance (initial value of the parameter ua)",
            },
        ],
        ports: &[
            PortDoc {
                name: PORTS[0],
                doc: "liquid from the condenser (refrigerant inlet, hot side)",
            },
            PortDoc {
                name: PORTS[1],
                doc: "subcooled liquid to the main expansion valve",
            },
            PortDoc {
                name: PORTS[2],
                doc: "throttled injection stream at the intermediate pressure (cold side)",
            },
            PortDoc {
                name: PORTS[3],
                doc: "evaporated injection stream to the compressor's injection port",
            },
        ],
        parameters: &PARAMETERS,
        outputs: &[
            OutputDecl {
                name: "heat_flow",
                unit: "W",
                doc: "heat into the liquid line (its first flow path): negative, the liquid is subcooled",
            },
            OutputDecl {
                name: "effectiveness",
                unit: "-",
                doc: "Q / Q_max",
            },
        ],
        cop: CopRole::None,
        states: &[
            (OperationalState::On, "exchanges heat"),
            (
                OperationalState::Bypass,
                "no heat exchanged and no pressure drop: both lines pass unchanged",
            ),
        ],
        build: |name, args| {
            let fluid = args.refrigerant(name, "refrigerant")?;
            Ok(Box::new(Economizer::new(name, fluid, args.number("ua"))?))
        },
    };

    fn args(&self) -> Args {
        let mut values = ArgMap::new();
        values.insert("refrigerant".into(), ArgValue::Text(self.hx.ports()[0].medium.name().into()));
        values.insert("ua".into(), ArgValue::Number(self.hx.ua()));
        Args::from_values(values)
    }
}

impl ComponentModel for Economizer {
    fn name(&self) -> &str {
        self.hx.name()
    }
    fn kind(&self) -> &'static str {
        Self::DECLARATION.kind
    }
    fn cop_role(&self) -> CopRole {
        Self::DECLARATION.cop
    }
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        Some(crate::ComponentSpec::declared(self))
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        ComponentModel::n_equations(&self.hx)
    }
    fn flow_paths(&self) -> &[FlowPath] {
        ComponentModel::flow_paths(&self.hx)
    }
    fn parameters(&self) -> &[ParameterSpec] {
        &PARAMETERS
    }
    fn parameter_values(&self) -> Vec<f64> {
        vec![self.hx.ua()]
    }
    fn operational_state(&self) -> OperationalState {
        ComponentModel::operational_state(&self.hx)
    }
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        match state {
            OperationalState::On | OperationalState::Bypass => self.hx.set_operational_state(state),
            OperationalState::Off => Err(ComponentError::UnsupportedOperationalState {
                component: self.name().to_owned(),
                kind: self.kind(),
                state,
                reason: "an economizer has no Off state of its own: use Bypass (both lines pass unchanged)",
            }),
        }
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], parameters: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        self.hx.residuals(ports, parameters, r)
    }
    fn guess(&self, ports: &mut [PortGuess], parameters: &[f64]) {
        ComponentModel::guess(&self.hx, ports, parameters)
    }
    fn outputs(&self, ports: &[PortState<f64>], parameters: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        ComponentModel::outputs(&self.hx, ports, parameters)
    }
    fn check_validity(&self, ports: &[PortState<f64>], parameters: &[f64], out: &mut Vec<Violation>) {
        let first = out.len();
        ComponentModel::check_validity(&self.hx, ports, parameters, out);
        for v in &mut out[first..] {
            v.port = v.port.map(Self::port_name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Component;

    /// The economizer as the solver sees it.
    fn boxed(name: &str, ua: f64) -> Box<dyn Component> {
        Box::new(Economizer::new(name, Fluid::new("R134a").unwrap(), ua).unwrap())
    }

    #[test]
    fn declared_ports_and_outputs_match_the_model() {
        let eco = boxed("eco", 2.0e3);
        let ports: Vec<_> = eco.ports().iter().map(|p| p.name).collect();
        let declared: Vec<_> = Economizer::DECLARATION.ports.iter().map(|p| p.name).collect();
        assert_eq!(ports, declared);
        assert_eq!(eco.parameters(), Economizer::DECLARATION.parameters);
        // outputs at a plausible state: liquid at 10 bar subcooled by the injection at 4 bar
        let fluid = Fluid::new("R134a").unwrap();
        let liquid = fluid.state_pt(10e5, 305.0).unwrap().h;
        let wet = fluid.state_px(4e5, 0.2).unwrap().h;
        let s = [
            PortState { p: 10e5, h: liquid, m: 1.0 },
            PortState { p: 10e5, h: liquid - 1.0e4, m: 1.0 },
            PortState { p: 4e5, h: wet, m: 0.1 },
            PortState { p: 4e5, h: wet + 1.0e5, m: 0.1 },
        ];
        let names: Vec<_> = eco.outputs(&s, &[2.0e3]).unwrap().iter().map(|(n, _)| *n).collect();
        let declared: Vec<_> = Economizer::DECLARATION.outputs.iter().map(|o| o.name).collect();
        assert_eq!(names, declared);
    }

    #[test]
    fn off_is_refused_with_the_bypass_named() {
        let mut eco = Economizer::new("eco", Fluid::new("R134a").unwrap(), 2.0e3).unwrap();
        let err = ComponentModel::set_operational_state(&mut eco, OperationalState::Off).unwrap_err();
        assert!(err.to_string().contains("Bypass"), "{err}");
        ComponentModel::set_operational_state(&mut eco, OperationalState::Bypass).unwrap();
        assert_eq!(ComponentModel::operational_state(&eco), OperationalState::Bypass);
    }
}
