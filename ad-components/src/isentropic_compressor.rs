//! A compressor given by its isentropic efficiency alone (TESPy's `Compressor` with
//! `eta_s`), declared once ([`crate::declaration`]).
use crate::declaration::{ArgDecl, ArgKind, ArgMap, ArgValue, Args, CopRole, Declaration, Declared, OutputDecl, ParamId, PortDoc};
use crate::guess::pass_mass;
use crate::{ComponentError, ComponentModel, FlowPath, Medium, OperationalState, ParameterSpec, PortGuess, PortSpec, PortState, Violation};
use entropyk_thermo::{Fluid, Scalar};

const PARAMETERS: [ParameterSpec; 1] = [ParameterSpec {
    name: "eta_s",
    unit: "-",
    min: 0.05,
    max: 1.0,
}];
/// The isentropic efficiency in the parameter slice.
const ETA_S: ParamId = ParamId(0);

const PATHS: [FlowPath; 1] = [FlowPath {
    inlet: 0,
    outlet: 1,
    mass_balance: 0,
}];

/// A compressor of given isentropic efficiency: `h_out = h_in + (h_2s - h_in) / eta_s`,
/// `h_2s = h(p_out, s(p_in, h_in))`, mass conserved, shaft power `W = m (h_out - h_in)`
/// (adiabatic; the definition of the isentropic efficiency, e.g. Cengel & Boles,
/// *Thermodynamics*, 9th ed., eq. 7-60; TESPy's `Compressor` with `eta_s`). Its mass
/// flow and pressures are left to the rest of the system (specifications such as the
/// evaporator duty and the saturation temperatures), as in TESPy; for a machine of
/// given displacement use `EfficiencyCompressor`, for a rated map `Compressor`.
#[derive(Debug, Clone)]
pub struct IsentropicCompressor {
    name: String,
    fluid: Fluid,
    eta_s: f64,
    ports: [PortSpec; 2],
}

impl IsentropicCompressor {
    /// A compressor named `name` for `fluid` of isentropic efficiency `eta_s` (0.05..=1).
    ///
    /// ```
    /// use entropyk_components::{ComponentModel, IsentropicCompressor};
    /// use entropyk_thermo::Fluid;
    /// let comp = IsentropicCompressor::new("comp", Fluid::new("R134a").unwrap(), 0.75).unwrap();
    /// assert_eq!(comp.parameter_values(), vec![0.75]);
    /// ```
    pub fn new(name: &str, fluid: Fluid, eta_s: f64) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(name, "eta_s", eta_s, PARAMETERS[0].min, PARAMETERS[0].max)?;
        let medium = Medium::Refrigerant(fluid.clone());
        Ok(IsentropicCompressor {
            name: name.to_owned(),
            fluid,
            eta_s,
            ports: [PortSpec::inlet("inlet", medium.clone()), PortSpec::outlet("outlet", medium)],
        })
    }

    /// Discharge enthalpy at suction `(p_in, h_in)`, discharge pressure `p_out`, `eta_s`.
    fn discharge<D: Scalar>(&self, p_in: D, h_in: D, p_out: D, eta_s: D) -> Result<D, ComponentError> {
        let suction = self
            .fluid
            .state_ph(p_in, h_in)
            .map_err(|e| ComponentError::fluid(&self.name, "inlet", e))?;
        let h2s = self
            .fluid
            .state_ps(p_out, suction.s)
            .map_err(|e| ComponentError::fluid(&self.name, "outlet", e))?
            .h;
        Ok(h_in + (h2s - h_in) / eta_s)
    }
}

impl Declared for IsentropicCompressor {
    const DECLARATION: Declaration = Declaration {
        kind: "IsentropicCompressor",
        summary: "Compressor of given isentropic efficiency (TESPy's Compressor with eta_s): \
h_out = h_in + (h_2s - h_in) / eta_s with h_2s at the suction entropy and the discharge pressure, \
mass conserved, adiabatic (Cengel & Boles, Thermodynamics, eq. 7-60). Mass flow and pressures \
come from the rest of the system (duty, saturation temperatures).",
        args: &[
            ArgDecl {
                name: "refrigerant",
                kind: ArgKind::Refrigerant,
                default: None,
                positional: true,
                doc: "the refrigerant compressed",
            },
            ArgDecl {
                name: "eta_s",
                kind: ArgKind::parameter(PARAMETERS[0]),
                default: None,
                positional: false,
                doc: "isentropic efficiency (initial value of the parameter eta_s)",
            },
        ],
        ports: &[
            PortDoc {
                name: "inlet",
                doc: "suction",
            },
            PortDoc {
                name: "outlet",
                doc: "discharge",
            },
        ],
        parameters: &PARAMETERS,
        outputs: &[
            OutputDecl {
                name: "power",
                unit: "W",
                doc: "shaft power into the refrigerant, m (h_out - h_in), positive",
            },
            OutputDecl {
                name: "pressure_ratio",
                unit: "-",
                doc: "p_out / p_in",
            },
        ],
        cop: CopRole::WorkInput,
        states: &[(OperationalState::On, "compresses")],
        build: |name, args| {
            let fluid = args.refrigerant(name, "refrigerant")?;
            Ok(Box::new(IsentropicCompressor::new(name, fluid, args.number("eta_s"))?))
        },
    };

    fn args(&self) -> Args {
        let mut values = ArgMap::new();
        values.insert("refrigerant".into(), ArgValue::Text(self.fluid.name().into()));
        values.insert("eta_s".into(), ArgValue::Number(self.eta_s));
        Args::from_values(values)
    }
}

impl ComponentModel for IsentropicCompressor {
    fn name(&self) -> &str {
        &self.name
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
        2
    }
    fn flow_paths(&self) -> &[FlowPath] {
        &PATHS
    }
    fn parameters(&self) -> &[ParameterSpec] {
        &PARAMETERS
    }
    fn parameter_values(&self) -> Vec<f64> {
        vec![self.eta_s]
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        let (inlet, outlet) = (ports[0], ports[1]);
        r[0] = outlet.m - inlet.m;
        r[1] = outlet.h - self.discharge(inlet.p, inlet.h, outlet.p, params[ETA_S])?;
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], params: &[f64]) {
        pass_mass(0, 1, ports);
        if let (Some(p_in), Some(h_in), Some(p_out)) = (ports[0].p, ports[0].h, ports[1].p) {
            if let Ok(h_out) = self.discharge(p_in, h_in, p_out, params[ETA_S]) {
                ports[1].offer_h(h_out);
            }
        }
    }
    fn outputs(&self, ports: &[PortState<f64>], _params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        Ok(vec![
            ("power", ports[0].m * (ports[1].h - ports[0].h)),
            ("pressure_ratio", ports[1].p / ports[0].p),
        ])
    }
    /// Flow forwards, positive work, discharge above suction pressure.
    fn check_validity(&self, ports: &[PortState<f64>], _params: &[f64], out: &mut Vec<Violation>) {
        let power = ports[0].m * (ports[1].h - ports[0].h);
        crate::validity::check_compression(&self.name, &ports[0], &ports[1], power, out);
    }
}
