//! A fluent builder for [`System`].
use crate::{Control, FinalizeReport, SolverError, Specification, System};
use entropyk_components::{Component, IncompressibleLiquid};

/// Builds a [`System`] in one expression; the first error is kept and returned by
/// [`SystemBuilder::build`], which also finalizes the system.
///
/// ```
/// use entropyk_components::{Ahri540Map, Compressor, Condenser, Evaporator, ExpansionValve, IncompressibleLiquid};
/// use entropyk_solver::{NewtonConfig, Specification, SystemBuilder};
/// use entropyk_thermo::Fluid;
///
/// let r134a = Fluid::new("R134a").unwrap();
/// let water = IncompressibleLiquid::WATER;
/// let (mut system, report) = SystemBuilder::new()
///     .component(Compressor::new("comp", r134a.clone(), Ahri540Map::BITZER_HSK_R134A))
///     .component(Condenser::new("cond", r134a.clone(), water, 50e3))
///     .add(ExpansionValve::new("valve", r134a.clone()))
///     .component(Evaporator::new("evap", r134a, water, 60e3))
///     .liquid_stream("cond", water, 2e5, 303.15, 17.7)
///     .liquid_stream("evap", water, 2e5, 285.15, 14.3)
///     .cycle(&["comp", "cond", "valve", "evap"])
///     .specification(Specification::superheat("evap.refrigerant_out", 5.0))
///     .specification(Specification::subcooling("cond.refrigerant_out", 3.0))
///     .build()
///     .unwrap();
/// assert_eq!(report.unknowns, 24);
/// assert!(system.solve(&NewtonConfig::default()).unwrap().converged());
/// ```
#[derive(Debug, Default)]
pub struct SystemBuilder {
    system: System,
    error: Option<SolverError>,
}

impl SystemBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    fn apply(mut self, step: impl FnOnce(&mut System) -> Result<(), SolverError>) -> Self {
        if self.error.is_none() {
            if let Err(e) = step(&mut self.system) {
                self.error = Some(e);
            }
        }
        self
    }

    /// Adds a component (named as [`System::add`], not an arithmetic addition).
    #[allow(clippy::should_implement_trait)]
    pub fn add<C: Component + 'static>(self, component: C) -> Self {
        self.apply(|s| s.add(component))
    }

    /// Adds a component from the `Result` of its constructor.
    pub fn component<C, E>(self, component: Result<C, E>) -> Self
    where
        C: Component + 'static,
        E: Into<SolverError>,
    {
        match component {
            Ok(c) => self.apply(|s| s.add(c)),
            Err(e) => self.apply(|_| Err(e.into())),
        }
    }

    /// Connects outlet port `from` to inlet port `to`.
    pub fn connect(self, from: &str, to: &str) -> Self {
        self.apply(|s| s.connect(from, to))
    }

    /// Connects components in a closed loop, see [`System::connect_loop`].
    pub fn cycle(self, names: &[&str]) -> Self {
        self.apply(|s| s.connect_loop(names))
    }

    /// Adds a secondary liquid stream, see [`System::add_liquid_stream`].
    pub fn liquid_stream(self, component: &str, liquid: IncompressibleLiquid, p: f64, t: f64, m: f64) -> Self {
        self.apply(|s| s.add_liquid_stream(component, liquid, p, t, m))
    }

    /// Adds a specification.
    pub fn specification(self, specification: Specification) -> Self {
        self.apply(|s| s.add_specification(specification).map(drop))
    }

    /// Adds an inverse control.
    pub fn control(self, control: Control) -> Self {
        self.apply(|s| s.add_control(control).map(drop))
    }

    /// Sets a parameter `"component.parameter"`.
    pub fn parameter(self, reference: &str, value: f64) -> Self {
        self.apply(|s| s.set_parameter(reference, value))
    }

    /// Returns the finalized system and its report, or the first error.
    pub fn build(self) -> Result<(System, FinalizeReport), SolverError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let system = self.system;
        let report = system.finalize()?;
        Ok((system, report))
    }
}
