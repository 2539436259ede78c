//! A heat exchanger seen from one stream (TESPy's `SimpleHeatExchanger`), declared
//! once ([`crate::declaration`]).
use crate::declaration::{ArgDecl, ArgKind, ArgMap, ArgValue, Args, CopRole, Declaration, Declared, OutputDecl, ParamId, PortDoc};
use crate::guess::pass_mass;
use crate::{ComponentError, ComponentModel, FlowPath, Medium, OperationalState, ParameterSpec, PortGuess, PortSpec, PortState};
use entropyk_thermo::{Fluid, Scalar};

const PARAMETERS: [ParameterSpec; 1] = [ParameterSpec {
    name: "pressure_ratio",
    unit: "-",
    min: 1.0e-3,
    max: 1.0,
}];
/// The outlet-to-inlet pressure ratio in the parameter slice.
const PRESSURE_RATIO: ParamId = ParamId(0);

const PATHS: [FlowPath; 1] = [FlowPath {
    inlet: 0,
    outlet: 1,
    mass_balance: 0,
}];

/// One refrigerant stream heated or cooled by an unmodelled other side (TESPy's
/// `SimpleHeatExchanger`, Modelica's heat port on a pipe): mass conserved and
/// `p_out = pressure_ratio * p_in`; the heat flow `Q = m (h_out - h_in)` is a result,
/// set where wanted by a heat-flow specification (`Specification::heat_flow`, TESPy's
/// `Q=`), and the outlet state by port specifications. Used as the evaporator and
/// condenser of cycles drawn in TESPy's style, where duties and saturation
/// temperatures are the data rather than secondary streams and conductances.
#[derive(Debug, Clone)]
pub struct SimpleHeatExchanger {
    name: String,
    fluid: Fluid,
    pressure_ratio: f64,
    ports: [PortSpec; 2],
}

impl SimpleHeatExchanger {
    /// A one-stream exchanger named `name` for `fluid`, outlet pressure
    /// `pressure_ratio * p_in` (1: no pressure drop).
    pub fn new(name: &str, fluid: Fluid, pressure_ratio: f64) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(name, "pressure_ratio", pressure_ratio, PARAMETERS[0].min, PARAMETERS[0].max)?;
        let medium = Medium::Refrigerant(fluid.clone());
        Ok(SimpleHeatExchanger {
            name: name.to_owned(),
            fluid,
            pressure_ratio,
            ports: [PortSpec::inlet("inlet", medium.clone()), PortSpec::outlet("outlet", medium)],
        })
    }
}

impl Declared for SimpleHeatExchanger {
    const DECLARATION: Declaration = Declaration {
        kind: "SimpleHeatExchanger",
        summary: "One refrigerant stream heated or cooled by an unmodelled other side (TESPy's \
SimpleHeatExchanger): mass conserved, p_out = pressure_ratio * p_in; the heat flow \
Q = m (h_out - h_in) is set where wanted by a heat-flow specification (System.heat_flow, \
TESPy's Q=) and the outlet state by port specifications. Not counted in the COP (its \
role depends on its use: read its heat_flow).",
        args: &[
            ArgDecl {
                name: "refrigerant",
                kind: ArgKind::Refrigerant,
                default: None,
                positional: true,
                doc: "the refrigerant of the stream",
            },
            ArgDecl {
                name: "pressure_ratio",
                kind: ArgKind::parameter(PARAMETERS[0]),
                default: Some(1.0),
                positional: false,
                doc: "outlet over inlet pressure (1: no pressure drop)",
            },
        ],
        ports: &[
            PortDoc {
                name: "inlet",
                doc: "the stream in",
            },
            PortDoc {
                name: "outlet",
                doc: "the stream out",
            },
        ],
        parameters: &PARAMETERS,
        outputs: &[OutputDecl {
            name: "heat_flow",
            unit: "W",
            doc: "heat into the stream, m (h_out - h_in): positive as an evaporator, negative as a condenser",
        }],
        cop: CopRole::None,
        states: &[(OperationalState::On, "passes the stream with its pressure ratio")],
        build: |name, args| {
            let fluid = args.refrigerant(name, "refrigerant")?;
            Ok(Box::new(SimpleHeatExchanger::new(name, fluid, args.number("pressure_ratio"))?))
        },
    };

    fn args(&self) -> Args {
        let mut values = ArgMap::new();
        values.insert("refrigerant".into(), ArgValue::Text(self.fluid.name().into()));
        values.insert("pressure_ratio".into(), ArgValue::Number(self.pressure_ratio));
        Args::from_values(values)
    }
}

impl ComponentModel for SimpleHeatExchanger {
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> &'static str {
        Self::DECLARATION.kind
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
        vec![self.pressure_ratio]
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        r[0] = ports[1].m - ports[0].m;
        r[1] = ports[1].p - ports[0].p * params[PRESSURE_RATIO];
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], params: &[f64]) {
        pass_mass(0, 1, ports);
        let ratio = params[PRESSURE_RATIO];
        if let Some(p) = ports[0].p {
            ports[1].offer_p(p * ratio);
        } else if let Some(p) = ports[1].p {
            ports[0].offer_p(p / ratio);
        }
    }
    fn outputs(&self, ports: &[PortState<f64>], _params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        Ok(vec![("heat_flow", ports[0].m * (ports[1].h - ports[0].h))])
    }
}
