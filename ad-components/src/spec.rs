//! Plain-data definitions of the built-in components ([`ComponentSpec`]).
//!
//! A boxed [`Component`] cannot be serialised as such (it is a trait object, and
//! user-defined models may hold anything). Every built-in model therefore describes
//! itself by a [`ComponentSpec`] ([`crate::ComponentModel::to_spec`]): a closed enum,
//! one variant per model, holding exactly the constructor arguments and the
//! [`OperationalState`]. The enum derives serde's `Serialize` / `Deserialize`, so
//! systems can be written to JSON, pickled from Python or shipped to the workers of a
//! distributed sweep. [`ComponentSpec::build`] rebuilds the component through its
//! public, validating constructor: a definition read from a file is checked exactly
//! like one typed by hand, and every problem is a typed [`ComponentError`], never a
//! panic.
//!
//! Wire conventions: a fluid is written by its canonical name (`"R134a"`) and looked
//! up with [`Fluid::new`] on load; a secondary medium by its four constants
//! ([`LiquidSpec`]); the variant by a `"type"` field (`{"type": "Compressor", ...}`);
//! unknown fields are rejected (a typo is an error, not a silent default).
//!
//! ```
//! use entropyk_components::{Component, ComponentSpec, ExpansionValve};
//! use entropyk_thermo::Fluid;
//! let valve = ExpansionValve::orifice("valve", Fluid::new("R134a").unwrap(), 2.0e-6, 0.5).unwrap();
//! let spec = valve.to_spec().unwrap();
//! let rebuilt = spec.build().unwrap();
//! assert_eq!(rebuilt.to_spec(), Some(spec));
//! ```
use crate::boundary::SourceKind;
use crate::declaration::{ArgMap, Declared};
use crate::heat_exchanger::{Duty, PhaseChangeHx};
use crate::turbomachine::TurboMachine;
use crate::zoned_exchanger::ZonedHx;
use crate::{
    Ahri540Map, Component, ComponentError, ComponentModel, Compressor, Condenser, EfficiencyCompressor, Evaporator,
    ExpansionValve, Fan, FlowMerger, FlowSink, FlowSource, FlowSplitter, HeatExchanger, IncompressibleLiquid, Medium,
    OperationalState, Pipe, Pump, Side, SingleZoneCondenser, SingleZoneEvaporator,
};
use entropyk_thermo::Fluid;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

/// Port name used in the [`ComponentError::Fluid`] raised when a definition names
/// an unknown fluid (the error concerns the definition, not a port state).
pub const DEFINITION_PORT: &str = "(definition)";

/// The constants of an [`IncompressibleLiquid`] (water, air, a brine).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiquidSpec {
    /// Name used to match connection media, e.g. `"Water"`.
    pub name: String,
    /// Specific isobaric heat capacity, J/(kg K).
    pub cp: f64,
    /// Density, kg/m3.
    pub rho: f64,
    /// Dynamic viscosity, Pa s.
    pub viscosity: f64,
}

impl From<&IncompressibleLiquid> for LiquidSpec {
    fn from(liquid: &IncompressibleLiquid) -> Self {
        LiquidSpec {
            name: liquid.name.to_owned(),
            cp: liquid.cp,
            rho: liquid.rho,
            viscosity: liquid.viscosity,
        }
    }
}

impl LiquidSpec {
    /// The liquid, its constants checked (`cp`, `rho` positive, `viscosity` in
    /// `0 ..= 10` Pa s); `component` names the owner in errors.
    pub fn to_liquid(&self, component: &str) -> Result<IncompressibleLiquid, ComponentError> {
        ComponentError::check_parameter(component, "liquid cp [J/(kg K)]", self.cp, f64::MIN_POSITIVE, 1.0e6)?;
        ComponentError::check_parameter(component, "liquid density [kg/m3]", self.rho, f64::MIN_POSITIVE, 1.0e5)?;
        ComponentError::check_parameter(component, "liquid viscosity [Pa s]", self.viscosity, 0.0, 10.0)?;
        Ok(IncompressibleLiquid {
            name: intern(&self.name).ok_or(ComponentError::InvalidDefinition {
                component: component.to_owned(),
                reason: "liquid name too long (> 256 bytes) or too many distinct liquid and output names read",
            })?,
            cp: self.cp,
            rho: self.rho,
            viscosity: self.viscosity,
        })
    }
}

/// What flows through a port ([`Medium`]): `{"refrigerant": "R134a"}` or
/// `{"secondary": {"name": "Water", ...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum MediumSpec {
    /// A refrigerant by its canonical name.
    Refrigerant(String),
    /// A secondary liquid by its constants.
    Secondary(LiquidSpec),
}

impl From<&Medium> for MediumSpec {
    fn from(medium: &Medium) -> Self {
        match medium {
            Medium::Refrigerant(fluid) => MediumSpec::Refrigerant(fluid.name().to_owned()),
            Medium::Secondary(liquid) => MediumSpec::Secondary(liquid.into()),
        }
    }
}

impl MediumSpec {
    /// The medium; an unknown fluid name is a [`ComponentError::Fluid`] (with
    /// `port` [`DEFINITION_PORT`]); `component` names the owner in errors.
    pub fn to_medium(&self, component: &str) -> Result<Medium, ComponentError> {
        match self {
            MediumSpec::Refrigerant(name) => Ok(Medium::Refrigerant(fluid(component, name)?)),
            MediumSpec::Secondary(liquid) => Ok(Medium::Secondary(liquid.to_liquid(component)?)),
        }
    }
}

/// Looks a fluid up by name for `component`'s definition.
fn fluid(component: &str, name: &str) -> Result<Fluid, ComponentError> {
    Fluid::new(name).map_err(|e| ComponentError::fluid(component, DEFINITION_PORT, e))
}

/// Longest name [`intern`] keeps, in bytes.
pub const MAX_INTERNED_NAME: usize = 256;

/// Most distinct names [`intern`] keeps for the life of the process.
pub const MAX_INTERNED_NAMES: usize = 4096;

/// Returns a `&'static str` equal to `name`, for names read back from files where
/// the model keeps `&'static str` (liquid names, output names and kinds of a
/// solution), or `None` when `name` is longer than [`MAX_INTERNED_NAME`] bytes or
/// [`MAX_INTERNED_NAMES`] distinct names are already kept.
///
/// Each distinct name is allocated once for the life of the process and reused
/// afterwards (a sorted set: O(log n) per call). The bounds keep what files can make
/// the process hold to about 1 MiB: a real model has a few dozen distinct output
/// names, so a document naming thousands is refused rather than leaked.
pub fn intern(name: &str) -> Option<&'static str> {
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    for known in [IncompressibleLiquid::WATER.name, IncompressibleLiquid::AIR.name] {
        if known == name {
            return Some(known);
        }
    }
    if name.len() > MAX_INTERNED_NAME {
        return None;
    }
    let mut names = NAMES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = names.get(name) {
        return Some(found);
    }
    if names.len() >= MAX_INTERNED_NAMES {
        return None;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    Some(leaked)
}

/// Definition of a single-zone or zoned refrigerant / secondary-liquid exchanger
/// ([`SingleZoneCondenser`], [`SingleZoneEvaporator`], [`Condenser`], [`Evaporator`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangerSpec {
    /// Component name.
    pub name: String,
    /// Refrigerant name.
    pub fluid: String,
    /// Secondary liquid.
    pub liquid: LiquidSpec,
    /// Overall conductance at construction, W/K.
    pub ua: f64,
    /// Operating mode.
    #[serde(default)]
    pub state: OperationalState,
}

/// Definition of a [`Pump`] or [`Fan`]: rated-speed curves in SI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TurboMachineSpec {
    /// Component name.
    pub name: String,
    /// Pumped medium.
    pub liquid: LiquidSpec,
    /// `c0, c1, c2` of the rated-speed pressure rise `c0 + c1 Q + c2 Q^2`, Pa (Q in m3/s).
    pub pressure: [f64; 3],
    /// `e0, e1, e2` of the rated-speed efficiency.
    pub efficiency: [f64; 3],
    /// Relative speed at construction.
    pub speed: f64,
    /// Operating mode.
    #[serde(default)]
    pub state: OperationalState,
}

/// Quadratic pressure drop of one side of a [`HeatExchanger`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PressureDropSpec {
    /// Pressure drop at the nominal flow, Pa.
    pub dp_nominal: f64,
    /// Nominal mass flow, kg/s.
    pub m_nominal: f64,
}

/// The definition of a built-in component: its constructor arguments and operating
/// mode, serialisable with serde (internally tagged by `"type"`). Get one with
/// [`crate::Component::to_spec`]; rebuild the component with [`ComponentSpec::build`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum ComponentSpec {
    /// [`Compressor`] (AHRI 540 map).
    Compressor {
        /// Component name.
        name: String,
        /// Refrigerant name.
        fluid: String,
        /// The map.
        map: Ahri540Map,
        /// Fraction of the power lost to the ambient.
        heat_loss_fraction: f64,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
    /// [`EfficiencyCompressor`].
    EfficiencyCompressor {
        /// Component name.
        name: String,
        /// Refrigerant name.
        fluid: String,
        /// Swept volume, m3/rev.
        displacement: f64,
        /// Speed at construction, rev/s.
        speed: f64,
        /// Volumetric efficiency at construction.
        volumetric_efficiency: f64,
        /// Isentropic efficiency at construction.
        isentropic_efficiency: f64,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
    /// [`SingleZoneCondenser`].
    SingleZoneCondenser(ExchangerSpec),
    /// [`SingleZoneEvaporator`].
    SingleZoneEvaporator(ExchangerSpec),
    /// [`Condenser`] (zoned). In documents of format version 1, `"Condenser"` meant
    /// the single-zone model: see [`ComponentSpec::upgrade`].
    Condenser(ExchangerSpec),
    /// [`Evaporator`] (zoned), see [`ComponentSpec::Condenser`].
    Evaporator(ExchangerSpec),
    /// `"ZonedCondenser"`, the name of the zoned [`Condenser`] in documents of format
    /// version 1; read only ([`ComponentSpec::upgrade`] turns it into `Condenser`).
    ZonedCondenser(ExchangerSpec),
    /// `"ZonedEvaporator"`, see [`ComponentSpec::ZonedCondenser`].
    ZonedEvaporator(ExchangerSpec),
    /// [`HeatExchanger`] (counter-flow, two single-phase streams).
    HeatExchanger {
        /// Component name.
        name: String,
        /// Medium of the hot side.
        hot: MediumSpec,
        /// Medium of the cold side.
        cold: MediumSpec,
        /// Conductance at construction, W/K.
        ua: f64,
        /// Pressure drop of the hot side, if any.
        #[serde(default)]
        hot_pressure_drop: Option<PressureDropSpec>,
        /// Pressure drop of the cold side, if any.
        #[serde(default)]
        cold_pressure_drop: Option<PressureDropSpec>,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
    /// [`ExpansionValve`] (ideal when `flow_coefficient` is `None`, else orifice).
    ExpansionValve {
        /// Component name.
        name: String,
        /// Refrigerant name.
        fluid: String,
        /// `C_d A` at full opening, m2; `None` for the ideal valve.
        #[serde(default)]
        flow_coefficient: Option<f64>,
        /// Opening at construction (1 for the ideal valve).
        opening: f64,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
    /// [`FlowSplitter`].
    FlowSplitter {
        /// Component name.
        name: String,
        /// Medium.
        medium: MediumSpec,
        /// Number of outlets.
        outlets: usize,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
    /// [`FlowMerger`].
    FlowMerger {
        /// Component name.
        name: String,
        /// Medium.
        medium: MediumSpec,
        /// Number of inlets.
        inlets: usize,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
    /// [`Pump`].
    Pump(TurboMachineSpec),
    /// [`Fan`].
    Fan(TurboMachineSpec),
    /// [`Pipe`].
    Pipe {
        /// Component name.
        name: String,
        /// Medium.
        medium: MediumSpec,
        /// Length, m.
        length: f64,
        /// Inner diameter, m.
        diameter: f64,
        /// Absolute roughness, m.
        roughness: f64,
        /// Dynamic viscosity used by the friction law, Pa s.
        viscosity: f64,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
    /// [`FlowSource`]: exactly one of `temperature` (liquids, refrigerant `(p, T)`)
    /// and `enthalpy` (refrigerant `(p, h)`).
    FlowSource {
        /// Component name.
        name: String,
        /// Medium.
        medium: MediumSpec,
        /// Pressure at construction, Pa.
        pressure: f64,
        /// Temperature at construction, K.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        temperature: Option<f64>,
        /// Specific enthalpy at construction, J/kg.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enthalpy: Option<f64>,
        /// Mass flow at construction, kg/s.
        mass_flow: f64,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
    /// [`FlowSink`].
    FlowSink {
        /// Component name.
        name: String,
        /// Medium.
        medium: MediumSpec,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
    /// A component declared once ([`crate::declaration`]): its kind, name and
    /// constructor arguments (parameters at the system's current values), rebuilt
    /// through the [`crate::registry`].
    Declared {
        /// Model kind, e.g. `"Economizer"`.
        kind: String,
        /// Component name.
        name: String,
        /// Constructor arguments.
        args: ArgMap,
        /// Operating mode.
        #[serde(default)]
        state: OperationalState,
    },
}

/// Rebuilding one concrete component type from its definition (e.g. a Python
/// component object unpickled from its [`ComponentSpec`]). Fails with
/// [`ComponentError::InvalidDefinition`] when the definition is of another type.
pub trait FromSpec: Sized {
    /// The component of `spec`, built through its validating constructor, with the
    /// operating mode of `spec`.
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError>;
}

/// The error of [`FromSpec::from_spec`] given a definition of another type.
fn wrong_type(spec: &ComponentSpec) -> ComponentError {
    ComponentError::InvalidDefinition {
        component: spec.name().to_owned(),
        reason: "the definition is of another component type",
    }
}

/// Sets the operating mode of a freshly built component.
fn with_state<C: ComponentModel>(mut component: C, state: OperationalState) -> Result<C, ComponentError> {
    ComponentModel::set_operational_state(&mut component, state)?;
    Ok(component)
}

impl FromSpec for Compressor {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::Compressor {
            name,
            fluid: f,
            map,
            heat_loss_fraction,
            state,
        } = spec
        else {
            return Err(wrong_type(spec));
        };
        let c = Compressor::new(name, fluid(name, f)?, *map)?.with_heat_loss_fraction(*heat_loss_fraction)?;
        with_state(c, *state)
    }
}

impl FromSpec for EfficiencyCompressor {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::EfficiencyCompressor {
            name,
            fluid: f,
            displacement,
            speed,
            volumetric_efficiency,
            isentropic_efficiency,
            state,
        } = spec
        else {
            return Err(wrong_type(spec));
        };
        let c = EfficiencyCompressor::new(
            name,
            fluid(name, f)?,
            *displacement,
            *speed,
            *volumetric_efficiency,
            *isentropic_efficiency,
        )?;
        with_state(c, *state)
    }
}

/// [`FromSpec`] of the phase-change exchangers: variant, duty, wrapping.
macro_rules! exchanger_from_spec {
    ($type:ident, $duty:expr, $wrap:expr) => {
        impl FromSpec for $type {
            fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
                let ComponentSpec::$type(s) = spec else {
                    return Err(wrong_type(spec));
                };
                with_state($wrap(phase_change(s, $duty)?), s.state)
            }
        }
    };
}

exchanger_from_spec!(SingleZoneCondenser, Duty::Condensing, SingleZoneCondenser);
exchanger_from_spec!(SingleZoneEvaporator, Duty::Evaporating, SingleZoneEvaporator);
exchanger_from_spec!(Condenser, Duty::Condensing, |hx| Condenser(ZonedHx(hx)));
exchanger_from_spec!(Evaporator, Duty::Evaporating, |hx| Evaporator(ZonedHx(hx)));

impl FromSpec for HeatExchanger {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::HeatExchanger {
            name,
            hot,
            cold,
            ua,
            hot_pressure_drop,
            cold_pressure_drop,
            state,
        } = spec
        else {
            return Err(wrong_type(spec));
        };
        let mut hx = HeatExchanger::new(name, hot.to_medium(name)?, cold.to_medium(name)?, *ua)?;
        for (side, drop) in [(Side::Hot, hot_pressure_drop), (Side::Cold, cold_pressure_drop)] {
            if let Some(d) = drop {
                hx = hx.with_pressure_drop(side, d.dp_nominal, d.m_nominal)?;
            }
        }
        with_state(hx, *state)
    }
}

impl FromSpec for ExpansionValve {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::ExpansionValve {
            name,
            fluid: f,
            flow_coefficient,
            opening,
            state,
        } = spec
        else {
            return Err(wrong_type(spec));
        };
        let valve = match flow_coefficient {
            None => ExpansionValve::new(name, fluid(name, f)?),
            Some(cd) => ExpansionValve::orifice(name, fluid(name, f)?, *cd, *opening)?,
        };
        with_state(valve, *state)
    }
}

impl FromSpec for FlowSplitter {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::FlowSplitter {
            name,
            medium,
            outlets,
            state,
        } = spec
        else {
            return Err(wrong_type(spec));
        };
        with_state(FlowSplitter::new(name, medium.to_medium(name)?, *outlets)?, *state)
    }
}

impl FromSpec for FlowMerger {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::FlowMerger {
            name,
            medium,
            inlets,
            state,
        } = spec
        else {
            return Err(wrong_type(spec));
        };
        with_state(FlowMerger::new(name, medium.to_medium(name)?, *inlets)?, *state)
    }
}

impl FromSpec for Pump {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::Pump(s) = spec else {
            return Err(wrong_type(spec));
        };
        with_state(Pump(turbomachine(s, "Pump")?), s.state)
    }
}

impl FromSpec for Fan {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::Fan(s) = spec else {
            return Err(wrong_type(spec));
        };
        with_state(Fan(turbomachine(s, "Fan")?), s.state)
    }
}

impl FromSpec for Pipe {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::Pipe {
            name,
            medium,
            length,
            diameter,
            roughness,
            viscosity,
            state,
        } = spec
        else {
            return Err(wrong_type(spec));
        };
        let pipe = Pipe::build(
            name,
            medium.to_medium(name)?,
            *length,
            *diameter,
            *roughness,
            *viscosity,
        )?;
        with_state(pipe, *state)
    }
}

impl FromSpec for FlowSource {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::FlowSource {
            name,
            medium,
            pressure,
            temperature,
            enthalpy,
            mass_flow,
            state,
        } = spec
        else {
            return Err(wrong_type(spec));
        };
        let source = match (medium.to_medium(name)?, temperature, enthalpy) {
            (Medium::Secondary(liquid), Some(t), None) => FlowSource::new(name, liquid, *pressure, *t, *mass_flow)?,
            (Medium::Refrigerant(f), None, Some(h)) => FlowSource::refrigerant_ph(name, f, *pressure, *h, *mass_flow)?,
            (Medium::Refrigerant(f), Some(t), None) => FlowSource::refrigerant_pt(name, f, *pressure, *t, *mass_flow)?,
            _ => {
                return Err(ComponentError::InvalidDefinition {
                    component: name.clone(),
                    reason: "a source needs exactly one of temperature and enthalpy \
                             (a secondary liquid needs temperature)",
                })
            }
        };
        with_state(source, *state)
    }
}

impl FromSpec for FlowSink {
    fn from_spec(spec: &ComponentSpec) -> Result<Self, ComponentError> {
        let ComponentSpec::FlowSink { name, medium, state } = spec else {
            return Err(wrong_type(spec));
        };
        with_state(FlowSink::for_medium(name, medium.to_medium(name)?), *state)
    }
}

/// The component of `spec` (of type `C`), boxed.
fn boxed<C: FromSpec + ComponentModel + Clone + 'static>(
    spec: &ComponentSpec,
) -> Result<Box<dyn Component>, ComponentError> {
    Ok(Box::new(C::from_spec(spec)?))
}

impl ComponentSpec {
    /// The definition of a declared component ([`crate::declaration::Declared`]).
    pub fn declared<C: Declared + ComponentModel>(component: &C) -> Self {
        ComponentSpec::Declared {
            kind: C::DECLARATION.kind.to_owned(),
            name: component.name().to_owned(),
            args: component.args().values().clone(),
            state: component.operational_state(),
        }
    }

    /// The definition meaning, in the current format, what `self` meant in a document
    /// of format `version`. In version 1 `"Condenser"` / `"Evaporator"` were the
    /// single-zone models (now [`SingleZoneCondenser`], [`SingleZoneEvaporator`]) and
    /// the zoned ones were written `"ZonedCondenser"` / `"ZonedEvaporator"`; from
    /// version 2 on the zoned models are the default `"Condenser"` / `"Evaporator"`. A
    /// version-1 file therefore loads exactly the models it was written with.
    pub fn upgrade(self, version: u32) -> Self {
        match self {
            ComponentSpec::Condenser(s) if version == 1 => ComponentSpec::SingleZoneCondenser(s),
            ComponentSpec::Evaporator(s) if version == 1 => ComponentSpec::SingleZoneEvaporator(s),
            ComponentSpec::ZonedCondenser(s) => ComponentSpec::Condenser(s),
            ComponentSpec::ZonedEvaporator(s) => ComponentSpec::Evaporator(s),
            spec => spec,
        }
    }

    /// Name of the component.
    pub fn name(&self) -> &str {
        match self {
            ComponentSpec::Compressor { name, .. }
            | ComponentSpec::EfficiencyCompressor { name, .. }
            | ComponentSpec::HeatExchanger { name, .. }
            | ComponentSpec::ExpansionValve { name, .. }
            | ComponentSpec::FlowSplitter { name, .. }
            | ComponentSpec::FlowMerger { name, .. }
            | ComponentSpec::Pipe { name, .. }
            | ComponentSpec::FlowSource { name, .. }
            | ComponentSpec::FlowSink { name, .. }
            | ComponentSpec::Declared { name, .. } => name,
            ComponentSpec::SingleZoneCondenser(s)
            | ComponentSpec::SingleZoneEvaporator(s)
            | ComponentSpec::Condenser(s)
            | ComponentSpec::Evaporator(s)
            | ComponentSpec::ZonedCondenser(s)
            | ComponentSpec::ZonedEvaporator(s) => &s.name,
            ComponentSpec::Pump(s) | ComponentSpec::Fan(s) => &s.name,
        }
    }

    /// Rebuilds the component through its validating constructor and sets its
    /// operating mode ([`FromSpec`] of the variant's type). Unknown fluids,
    /// out-of-range values and inconsistent definitions are [`ComponentError`]s.
    pub fn build(&self) -> Result<Box<dyn Component>, ComponentError> {
        match self {
            ComponentSpec::Compressor { .. } => boxed::<Compressor>(self),
            ComponentSpec::EfficiencyCompressor { .. } => boxed::<EfficiencyCompressor>(self),
            ComponentSpec::SingleZoneCondenser(_) => boxed::<SingleZoneCondenser>(self),
            ComponentSpec::SingleZoneEvaporator(_) => boxed::<SingleZoneEvaporator>(self),
            ComponentSpec::Condenser(_) => boxed::<Condenser>(self),
            ComponentSpec::Evaporator(_) => boxed::<Evaporator>(self),
            ComponentSpec::ZonedCondenser(_) | ComponentSpec::ZonedEvaporator(_) => self.clone().upgrade(2).build(),
            ComponentSpec::HeatExchanger { .. } => boxed::<HeatExchanger>(self),
            ComponentSpec::ExpansionValve { .. } => boxed::<ExpansionValve>(self),
            ComponentSpec::FlowSplitter { .. } => boxed::<FlowSplitter>(self),
            ComponentSpec::FlowMerger { .. } => boxed::<FlowMerger>(self),
            ComponentSpec::Pump(_) => boxed::<Pump>(self),
            ComponentSpec::Fan(_) => boxed::<Fan>(self),
            ComponentSpec::Pipe { .. } => boxed::<Pipe>(self),
            ComponentSpec::FlowSource { .. } => boxed::<FlowSource>(self),
            ComponentSpec::FlowSink { .. } => boxed::<FlowSink>(self),
            ComponentSpec::Declared {
                kind,
                name,
                args,
                state,
            } => {
                let declaration =
                    crate::registry::declaration(kind).ok_or_else(|| ComponentError::InvalidArgument {
                        component: name.clone(),
                        kind: "declared component",
                        argument: "kind".to_owned(),
                        expected: format!(
                            "unknown kind '{}'; the declared kinds are {}",
                            kind.chars().take(64).collect::<String>(),
                            crate::registry::DECLARATIONS
                                .iter()
                                .map(|d| d.kind)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    })?;
                let mut component = declaration.build_from(name, args.clone())?;
                component.set_operational_state(*state)?;
                Ok(component)
            }
        }
    }
}

/// The shared model of the single-zone and zoned phase-change exchangers.
fn phase_change(s: &ExchangerSpec, duty: Duty) -> Result<PhaseChangeHx, ComponentError> {
    PhaseChangeHx::new(
        &s.name,
        fluid(&s.name, &s.fluid)?,
        s.liquid.to_liquid(&s.name)?,
        s.ua,
        duty,
    )
}

/// The shared model of pumps and fans (curves already in Pa, so no unit conversion
/// and an exact round trip).
fn turbomachine(s: &TurboMachineSpec, kind: &'static str) -> Result<TurboMachine, ComponentError> {
    TurboMachine::new(&s.name, kind, s.liquid.to_liquid(&s.name)?, s.pressure, s.efficiency)?.with_speed(s.speed)
}

/// Built-in models describe themselves ([`crate::ComponentModel::to_spec`] calls this).
pub(crate) trait ToSpec {
    /// The definition of `self`.
    fn spec(&self) -> ComponentSpec;
}

impl ToSpec for Compressor {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::Compressor {
            name: self.name.clone(),
            fluid: self.fluid.name().to_owned(),
            map: self.map,
            heat_loss_fraction: self.heat_loss_fraction,
            state: self.state,
        }
    }
}

impl ToSpec for EfficiencyCompressor {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::EfficiencyCompressor {
            name: self.name.clone(),
            fluid: self.fluid.name().to_owned(),
            displacement: self.displacement,
            speed: self.values[0],
            volumetric_efficiency: self.values[1],
            isentropic_efficiency: self.values[2],
            state: self.state,
        }
    }
}

/// The [`ExchangerSpec`] of a phase-change exchanger.
fn exchanger_spec(hx: &PhaseChangeHx) -> ExchangerSpec {
    ExchangerSpec {
        name: hx.name.clone(),
        fluid: hx.fluid.name().to_owned(),
        liquid: (&hx.liquid).into(),
        ua: hx.ua,
        state: hx.state,
    }
}

impl ToSpec for SingleZoneCondenser {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::SingleZoneCondenser(exchanger_spec(&self.0))
    }
}

impl ToSpec for SingleZoneEvaporator {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::SingleZoneEvaporator(exchanger_spec(&self.0))
    }
}

impl ToSpec for Condenser {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::Condenser(exchanger_spec(&self.0 .0))
    }
}

impl ToSpec for Evaporator {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::Evaporator(exchanger_spec(&self.0 .0))
    }
}

impl ToSpec for HeatExchanger {
    fn spec(&self) -> ComponentSpec {
        let drop = |side: usize| {
            self.pressure_drop[side].map(|(dp_nominal, m_nominal)| PressureDropSpec { dp_nominal, m_nominal })
        };
        ComponentSpec::HeatExchanger {
            name: self.name.clone(),
            hot: (&self.ports[0].medium).into(),
            cold: (&self.ports[2].medium).into(),
            ua: self.ua,
            hot_pressure_drop: drop(Side::Hot as usize),
            cold_pressure_drop: drop(Side::Cold as usize),
            state: self.state,
        }
    }
}

impl ToSpec for ExpansionValve {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::ExpansionValve {
            name: self.name.clone(),
            fluid: self.fluid.name().to_owned(),
            flow_coefficient: self.flow_coefficient,
            opening: self.opening,
            state: self.state,
        }
    }
}

impl ToSpec for FlowSplitter {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::FlowSplitter {
            name: self.name.clone(),
            medium: (&self.ports[0].medium).into(),
            outlets: self.n_outlets(),
            state: self.state,
        }
    }
}

impl ToSpec for FlowMerger {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::FlowMerger {
            name: self.name.clone(),
            medium: (&self.ports[self.n_inlets()].medium).into(),
            inlets: self.n_inlets(),
            state: self.state,
        }
    }
}

/// The [`TurboMachineSpec`] of a pump or fan.
fn turbomachine_spec(t: &TurboMachine) -> TurboMachineSpec {
    TurboMachineSpec {
        name: t.name.clone(),
        liquid: (&t.medium).into(),
        pressure: t.pressure,
        efficiency: t.efficiency,
        speed: t.speed,
        state: t.state,
    }
}

impl ToSpec for Pump {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::Pump(turbomachine_spec(&self.0))
    }
}

impl ToSpec for Fan {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::Fan(turbomachine_spec(&self.0))
    }
}

impl ToSpec for Pipe {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::Pipe {
            name: self.name.clone(),
            medium: (&self.medium).into(),
            length: self.length,
            diameter: self.diameter,
            roughness: self.roughness,
            viscosity: self.viscosity,
            state: self.state,
        }
    }
}

impl ToSpec for FlowSource {
    fn spec(&self) -> ComponentSpec {
        let (temperature, enthalpy) = match self.kind {
            SourceKind::RefrigerantPh => (None, Some(self.t)),
            SourceKind::Liquid(_) | SourceKind::RefrigerantPt(_) => (Some(self.t), None),
        };
        ComponentSpec::FlowSource {
            name: self.name.clone(),
            medium: (&self.ports[0].medium).into(),
            pressure: self.p,
            temperature,
            enthalpy,
            mass_flow: self.m,
            state: self.state,
        }
    }
}

impl ToSpec for FlowSink {
    fn spec(&self) -> ComponentSpec {
        ComponentSpec::FlowSink {
            name: self.name.clone(),
            medium: (&self.ports[0].medium).into(),
            state: self.state,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in model survives spec -> build -> spec unchanged, including a
    /// non-default operating mode.
    #[test]
    fn every_builtin_round_trips_through_its_spec() {
        let r134a = Fluid::new("R134a").unwrap();
        let water = IncompressibleLiquid::WATER;
        let air = IncompressibleLiquid::AIR;
        let brine = IncompressibleLiquid {
            name: "MyBrine",
            cp: 3600.0,
            rho: 1050.0,
            viscosity: 4.0e-3,
        };
        let mut components: Vec<Box<dyn Component>> = vec![
            Box::new(
                Compressor::new("c", r134a.clone(), Ahri540Map::BITZER_HSK_R134A)
                    .unwrap()
                    .with_heat_loss_fraction(0.1)
                    .unwrap(),
            ),
            Box::new(EfficiencyCompressor::new("ec", r134a.clone(), 1.0e-4, 50.0, 0.9, 0.7).unwrap()),
            Box::new(SingleZoneCondenser::new("cd", r134a.clone(), water, 5.0e4).unwrap()),
            Box::new(SingleZoneEvaporator::new("ev", r134a.clone(), brine, 6.0e4).unwrap()),
            Box::new(Condenser::new("zc", r134a.clone(), water, 5.0e4).unwrap()),
            Box::new(Evaporator::new("ze", r134a.clone(), water, 6.0e4).unwrap()),
            Box::new(
                HeatExchanger::internal("ihx", r134a.clone(), 300.0)
                    .unwrap()
                    .with_pressure_drop(Side::Cold, 1.0e4, 0.5)
                    .unwrap(),
            ),
            Box::new(ExpansionValve::new("v", r134a.clone())),
            Box::new(ExpansionValve::with_kv("kv", r134a.clone(), 0.3, 0.4).unwrap()),
            Box::new(FlowSplitter::new("s", Medium::Secondary(water), 3).unwrap()),
            Box::new(FlowMerger::new("m", Medium::Refrigerant(r134a.clone()), 2).unwrap()),
            Box::new(
                Pump::new("p", water, [20.0, 0.0, -1.0e5], [0.0, 140.0, -7.0e3])
                    .unwrap()
                    .with_speed(0.9)
                    .unwrap(),
            ),
            Box::new(Fan::new("f", air, [400.0, 0.0, -25.0], [0.0, 0.6, -0.15]).unwrap()),
            Box::new(Pipe::new("pi", water, 50.0, 0.05, 4.5e-5).unwrap()),
            Box::new(FlowSource::new("src", brine, 2.0e5, 285.0, 0.5).unwrap()),
            Box::new(FlowSource::refrigerant_ph("rph", r134a.clone(), 3.0e5, 4.0e5, 0.1).unwrap()),
            Box::new(FlowSource::refrigerant_pt("rpt", r134a.clone(), 3.0e5, 290.0, 0.1).unwrap()),
            Box::new(FlowSink::refrigerant("snk", r134a)),
        ];
        components[0].set_operational_state(OperationalState::Bypass).unwrap();
        for c in &components {
            let spec = c.to_spec().expect("built-in components have a spec");
            assert_eq!(spec.name(), c.name());
            let rebuilt = spec.build().unwrap();
            assert_eq!(rebuilt.to_spec().as_ref(), Some(&spec), "{}", c.name());
            assert_eq!(rebuilt.kind(), c.kind());
            assert_eq!(rebuilt.parameter_values(), c.parameter_values());
            assert_eq!(rebuilt.operational_state(), c.operational_state());
        }
    }

    #[test]
    fn bad_definitions_are_typed_errors() {
        let spec = ComponentSpec::ExpansionValve {
            name: "v".into(),
            fluid: "R999".into(),
            flow_coefficient: None,
            opening: 1.0,
            state: OperationalState::On,
        };
        assert!(matches!(spec.build(), Err(ComponentError::Fluid { .. })));
        let spec = ComponentSpec::FlowSource {
            name: "src".into(),
            medium: MediumSpec::Secondary((&IncompressibleLiquid::WATER).into()),
            pressure: 2.0e5,
            temperature: None,
            enthalpy: Some(4.0e4),
            mass_flow: 1.0,
            state: OperationalState::On,
        };
        assert!(matches!(spec.build(), Err(ComponentError::InvalidDefinition { .. })));
        let valve = ExpansionValve::new("v", Fluid::new("R134a").unwrap()).spec();
        assert!(matches!(
            Pump::from_spec(&valve),
            Err(ComponentError::InvalidDefinition { .. })
        ));
        assert!(ExpansionValve::from_spec(&valve).is_ok());
        assert_eq!(intern("Water"), Some(IncompressibleLiquid::WATER.name));
        assert!(std::ptr::eq(intern("Brine-x").unwrap(), intern("Brine-x").unwrap()));
        assert_eq!(intern(&"x".repeat(MAX_INTERNED_NAME + 1)), None);
    }
}
