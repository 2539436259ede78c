//! Single-zone evaporator and condenser: epsilon-NTU heat exchangers between a phase-changing
//! refrigerant and a secondary liquid.
use crate::guess::{pass_mass, pass_pressure};
use crate::validity::{check_differences, Violation, PINCH_WARNING};
use crate::{
    ComponentError, ComponentModel, FlowPath, IncompressibleLiquid, Medium, OperationalState, ParameterSpec, PortGuess,
    PortSpec, PortState,
};
use entropyk_thermo::{Fluid, Scalar};

/// Port indices shared by both exchangers.
pub(crate) const REF_IN: usize = 0;
pub(crate) const REF_OUT: usize = 1;
pub(crate) const SEC_IN: usize = 2;
pub(crate) const SEC_OUT: usize = 3;

pub(crate) const PATHS: [FlowPath; 2] = [
    FlowPath {
        inlet: REF_IN,
        outlet: REF_OUT,
        mass_balance: 0,
    },
    FlowPath {
        inlet: SEC_IN,
        outlet: SEC_OUT,
        mass_balance: 2,
    },
];

/// Temperature approach used for the initial guess of the evaporating and condensing
/// temperatures, K.
const GUESS_APPROACH: f64 = 8.0;

/// Parameters of both exchangers: the overall conductance.
pub(crate) const HX_PARAMETERS: [ParameterSpec; 1] = [ParameterSpec {
    name: "ua",
    unit: "W/K",
    min: f64::MIN_POSITIVE,
    max: 1.0e9,
}];

/// Whether the refrigerant absorbs (evaporator) or rejects (condenser) heat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Duty {
    Evaporating,
    Condensing,
}

impl Duty {
    /// The exchanger's role in the COP: an evaporator's duty is the cooling, a
    /// condenser's the heating.
    pub(crate) fn cop_role(self) -> crate::CopRole {
        match self {
            Duty::Evaporating => crate::CopRole::Cooling,
            Duty::Condensing => crate::CopRole::Heating,
        }
    }

    /// `+1` when the refrigerant is the hot stream (condenser), `-1` otherwise.
    pub(crate) fn sigma(self) -> f64 {
        match self {
            Duty::Condensing => 1.0,
            Duty::Evaporating => -1.0,
        }
    }
}

/// The shared epsilon-NTU model of [`SingleZoneEvaporator`] and [`SingleZoneCondenser`].
///
/// With the refrigerant changing phase its heat-capacity rate is infinite
/// (`C_r = 0`), so for any flow arrangement `epsilon = 1 - exp(-NTU)` with
/// `NTU = UA / C_sec`, `C_sec = m_sec cp_sec` (Incropera & DeWitt, *Fundamentals
/// of Heat and Mass Transfer*, 6th ed., eq. 11.35a). The heat flow is
/// `Q = epsilon C_sec |T_sec,in - T_sat(p_ref,in)|`, with `T_sat` the dew
/// temperature (for zeotropic blends the glide is neglected, as in the usual
/// single-temperature treatment of near-azeotropes such as R410A). Superheated and subcooled
/// zones are lumped into the two-phase zone (single-zone model): the textbook
/// simplification, kept under an explicit name. It ignores that a superheated or
/// subcooled zone needs area of its own, so a large superheat or subcooling
/// specification can make it converge onto a temperature cross, which the validity
/// check then rejects; the default [`crate::Condenser`] and [`crate::Evaporator`] are
/// zoned (moving boundary). No pressure drop.
///
/// Ports: `refrigerant_in`, `refrigerant_out`, `secondary_in`, `secondary_out`.
/// Equations (6): refrigerant and secondary mass balances, equal inlet and outlet
/// pressures on both sides, refrigerant and secondary energy balances.
///
/// Operational states ([`OperationalState`]), always six equations:
/// * On: as above.
/// * Off: no heat transfer, `Q = 0`, written `h_out = h_in` on both sides (regular
///   at zero flow: nothing divides by a mass flow). Mass balances and equal
///   pressures stay; the flows are those set by the rest of the system (zero when
///   the compressor / pump / source driving the path is Off).
/// * Bypass: identical equations to Off (both streams pass with `p`, `h`
///   unchanged and `m` conserved), since this model has no pressure drop.
#[derive(Debug, Clone)]
pub(crate) struct PhaseChangeHx {
    pub(crate) name: String,
    pub(crate) fluid: Fluid,
    pub(crate) liquid: IncompressibleLiquid,
    pub(crate) ua: f64,
    pub(crate) duty: Duty,
    pub(crate) state: OperationalState,
    pub(crate) ports: [PortSpec; 4],
}

impl PhaseChangeHx {
    pub(crate) fn new(
        name: &str,
        fluid: Fluid,
        liquid: IncompressibleLiquid,
        ua: f64,
        duty: Duty,
    ) -> Result<Self, ComponentError> {
        let spec = &HX_PARAMETERS[0];
        ComponentError::check_parameter(name, spec.name, ua, spec.min, spec.max)?;
        let ports = [
            PortSpec::inlet("refrigerant_in", Medium::Refrigerant(fluid.clone())),
            PortSpec::outlet("refrigerant_out", Medium::Refrigerant(fluid.clone())),
            PortSpec::inlet("secondary_in", Medium::Secondary(liquid)),
            PortSpec::outlet("secondary_out", Medium::Secondary(liquid)),
        ];
        Ok(PhaseChangeHx {
            name: name.to_owned(),
            fluid,
            liquid,
            ua,
            duty,
            state: OperationalState::On,
            ports,
        })
    }

    /// Checks the inlet streams the heat transfer needs, whatever the model: flowing
    /// (`m > 0` at each port of `ports_flowing`), and for a condenser a secondary stream
    /// entering below the refrigerant's critical temperature: above it nothing can
    /// condense (the refrigerant is a supercritical gas; a transcritical cycle rejects
    /// heat in a gas cooler, [`crate::HeatExchanger`]).
    pub(crate) fn check_inlets<D: Scalar>(
        &self,
        ports: &[PortState<D>],
        ports_flowing: &[(usize, &'static str)],
    ) -> Result<(), ComponentError> {
        for &(port, name) in ports_flowing {
            let m = ports[port].m.re();
            if !(m > 0.0) {
                return Err(ComponentError::StateOutOfRange {
                    component: self.name.clone(),
                    port: name,
                    quantity: "mass flow [kg/s]",
                    value: m,
                    min: f64::MIN_POSITIVE,
                    max: f64::INFINITY,
                });
            }
        }
        let t_c = self.fluid.critical_temperature();
        let sec_in = ports[SEC_IN];
        let t_sec_in = self.liquid.temperature(sec_in.h.re(), sec_in.p.re());
        if self.duty == Duty::Condensing && t_sec_in >= t_c {
            return Err(ComponentError::StateOutOfRange {
                component: self.name.clone(),
                port: "secondary_in",
                quantity: "temperature [K] (a condenser's secondary stream must enter below the \
                           refrigerant's critical temperature: above it nothing condenses; use a \
                           HeatExchanger as gas cooler)",
                value: t_sec_in,
                min: 0.0,
                max: t_c,
            });
        }
        Ok(())
    }

    /// Heat flow from the secondary stream to the refrigerant (negative in a condenser), W.
    fn heat_to_refrigerant<D: Scalar>(&self, ports: &[PortState<D>], ua: D) -> Result<D, ComponentError> {
        self.check_inlets(ports, &[(SEC_IN, "secondary_in")])?;
        let sec_in = ports[SEC_IN];
        let t_sat = self
            .fluid
            .saturation_temperatures(ports[REF_IN].p)
            .map_err(|e| ComponentError::fluid(&self.name, "refrigerant_in", e))?
            .1;
        let t_sec_in = self.liquid.temperature(sec_in.h, sec_in.p);
        let c_sec = sec_in.m * self.liquid.cp;
        let effectiveness = -(-(ua / c_sec)).exp() + 1.0;
        Ok(effectiveness * c_sec * (t_sec_in - t_sat))
    }

    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        r[0] = ports[REF_OUT].m - ports[REF_IN].m;
        r[1] = ports[REF_OUT].p - ports[REF_IN].p;
        r[2] = ports[SEC_OUT].m - ports[SEC_IN].m;
        r[3] = ports[SEC_OUT].p - ports[SEC_IN].p;
        if self.state == OperationalState::On {
            let q = self.heat_to_refrigerant(ports, params[0])?;
            r[4] = ports[REF_IN].m * (ports[REF_OUT].h - ports[REF_IN].h) - q;
            r[5] = ports[SEC_IN].m * (ports[SEC_OUT].h - ports[SEC_IN].h) + q;
        } else {
            r[4] = ports[REF_OUT].h - ports[REF_IN].h;
            r[5] = ports[SEC_OUT].h - ports[SEC_IN].h;
        }
        Ok(())
    }

    pub(crate) fn guess(&self, ports: &mut [PortGuess]) {
        pass_mass(REF_IN, REF_OUT, ports);
        pass_mass(SEC_IN, SEC_OUT, ports);
        pass_pressure(REF_IN, REF_OUT, ports);
        pass_pressure(SEC_IN, SEC_OUT, ports);
        if self.state != OperationalState::On {
            crate::guess::pass_enthalpy(REF_IN, REF_OUT, ports);
            crate::guess::pass_enthalpy(SEC_IN, SEC_OUT, ports);
        }
        let (Some(h), Some(p)) = (ports[SEC_IN].h, ports[SEC_IN].p) else {
            return;
        };
        let t_sec = self.liquid.temperature(h, p);
        let (t_sat, outlet_offset, sec_rise) = match self.duty {
            Duty::Evaporating => (t_sec - GUESS_APPROACH, 5.0, -3.0),
            Duty::Condensing => (t_sec + GUESS_APPROACH, -3.0, 5.0),
        };
        ports[SEC_OUT].offer_h(h + sec_rise * self.liquid.cp);
        let t_sat = t_sat.clamp(
            self.fluid.triple_temperature() + 1.0,
            self.fluid.critical_temperature() - 5.0,
        );
        if ports[REF_IN].p.is_none() && ports[REF_OUT].p.is_none() {
            if let Ok(sat) = self.fluid.saturation_t(t_sat) {
                ports[REF_IN].offer_p(sat.p);
                ports[REF_OUT].offer_p(sat.p);
            }
        }
        if let Some(p) = ports[REF_OUT].p {
            if let Ok(sat) = self.fluid.saturation_p(p) {
                let t_sat = if outlet_offset > 0.0 { sat.t_dew } else { sat.t_bubble };
                if let Ok(state) = self.fluid.state_pt(p, t_sat + outlet_offset) {
                    ports[REF_OUT].offer_h(state.h);
                }
            }
        }
    }

    /// The exchanger's validity envelope at a converged state: the second law along
    /// the refrigerant path. The refrigerant's temperature is taken at its inlet, its
    /// outlet and the saturation points in between; the secondary stream's at the same
    /// places of a counter-flow arrangement, `T_sec(h) = T_sec,in + m_ref (h - h_ref,out)
    /// / C_sec` (the secondary enters where the refrigerant leaves). Between those
    /// points both profiles are linear in enthalpy, so the smallest hot-minus-cold
    /// difference is at one of them. Counter-flow is the most favourable arrangement: a
    /// cross found there is a cross in any arrangement. A difference below
    /// `-SECOND_LAW_TOLERANCE` is a hard [`crate::Law::SecondLaw`] violation, one
    /// below [`PINCH_WARNING`] a [`crate::Law::Pinch`] warning. Checked in the On state with heat
    /// transferred only (Off / Bypass transfer none).
    pub(crate) fn check_profile(&self, ports: &[PortState<f64>], out: &mut Vec<Violation>) {
        let (r_in, r_out, sec) = (ports[REF_IN], ports[REF_OUT], ports[SEC_IN]);
        if self.state != OperationalState::On || r_out.h == r_in.h || !(r_in.m > 0.0 && sec.m > 0.0) {
            return;
        }
        let c_sec = sec.m * self.liquid.cp;
        let t_sec_in = self.liquid.temperature(sec.h, sec.p);
        let (p, m) = (r_in.p, r_in.m);
        // saturation points inside the path (none above the critical pressure)
        let saturation = self.fluid.saturation_p(p).map(|sat| [sat.h_liquid, sat.h_vapor]);
        let (lo, hi) = (r_in.h.min(r_out.h), r_in.h.max(r_out.h));
        let inside = saturation.into_iter().flatten().filter(|&h| h > lo && h < hi);
        let points = [r_in.h, r_out.h].into_iter().chain(inside);
        let sigma = self.duty.sigma();
        let mut differences = Vec::with_capacity(4);
        for h in points {
            match self.fluid.state_ph(p, h) {
                Ok(state) => differences.push(sigma * (state.t - (t_sec_in + m * (h - r_out.h) / c_sec))),
                Err(_) => return, // outside the EOS: reported by the connection checks
            }
        }
        check_differences(&self.name, differences, PINCH_WARNING, out);
    }

    fn outputs(&self, ports: &[PortState<f64>], params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        let q = if self.state == OperationalState::On {
            self.heat_to_refrigerant(ports, params[0])?
        } else {
            0.0
        };
        let t_sat = self
            .fluid
            .saturation_temperatures(ports[REF_IN].p)
            .map_err(|e| ComponentError::fluid(&self.name, "refrigerant_in", e))?
            .1;
        Ok(vec![
            // heat into the refrigerant (the first flow path): negative in a condenser
            ("heat_flow", q),
            ("saturation_temperature", t_sat),
            (
                "secondary_outlet_temperature",
                self.liquid.temperature(ports[SEC_OUT].h, ports[SEC_OUT].p),
            ),
        ])
    }
}

macro_rules! phase_change_exchanger {
    ($(#[$doc:meta])* $name:ident, $duty:expr, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(pub(crate) PhaseChangeHx);

        impl $name {
            /// A heat exchanger of conductance `ua` (W/K) between `fluid` and a secondary `liquid`.
            pub fn new(name: &str, fluid: Fluid, liquid: IncompressibleLiquid, ua: f64) -> Result<Self, ComponentError> {
                PhaseChangeHx::new(name, fluid, liquid, ua, $duty).map($name)
            }
            /// Overall heat-transfer conductance, W/K.
            pub fn ua(&self) -> f64 {
                self.0.ua
            }
        }

        impl ComponentModel for $name {
            fn to_spec(&self) -> Option<$crate::ComponentSpec> {
                Some($crate::spec::ToSpec::spec(self))
            }
            fn name(&self) -> &str {
                &self.0.name
            }
            fn kind(&self) -> &'static str {
                $kind
            }
            fn cop_role(&self) -> $crate::CopRole {
                $duty.cop_role()
            }
            fn ports(&self) -> &[PortSpec] {
                &self.0.ports
            }
            fn n_equations(&self) -> usize {
                6
            }
            fn flow_paths(&self) -> &[FlowPath] {
                &PATHS
            }
            fn parameters(&self) -> &[ParameterSpec] {
                &HX_PARAMETERS
            }
            fn parameter_values(&self) -> Vec<f64> {
                vec![self.0.ua]
            }
            fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
                self.0.residuals(ports, params, r)
            }
            fn guess(&self, ports: &mut [PortGuess], _params: &[f64]) {
                self.0.guess(ports)
            }
            fn operational_state(&self) -> OperationalState {
                self.0.state
            }
            fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
                self.0.state = state;
                Ok(())
            }
            fn outputs(&self, ports: &[PortState<f64>], params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
                self.0.outputs(ports, params)
            }
            fn check_validity(&self, ports: &[PortState<f64>], _params: &[f64], out: &mut Vec<Violation>) {
                self.0.check_profile(ports, out)
            }
        }
    };
}

phase_change_exchanger!(
    /// Single-zone evaporator: the refrigerant boils at `T_sat(p)` and cools the secondary liquid.
    /// Single-zone epsilon-NTU model, see the module documentation.
    ///
    /// ```
    /// use entropyk_components::{SingleZoneEvaporator, IncompressibleLiquid};
    /// use entropyk_thermo::Fluid;
    /// let evap = SingleZoneEvaporator::new("evap", Fluid::new("R134a").unwrap(), IncompressibleLiquid::WATER, 2500.0).unwrap();
    /// assert_eq!(evap.ua(), 2500.0);
    /// ```
    SingleZoneEvaporator,
    Duty::Evaporating,
    "Evaporator"
);

phase_change_exchanger!(
    /// Single-zone condenser: the refrigerant condenses at `T_sat(p)` and heats the secondary liquid.
    /// Single-zone epsilon-NTU model, see the module documentation.
    ///
    /// ```
    /// use entropyk_components::{SingleZoneCondenser, IncompressibleLiquid};
    /// use entropyk_thermo::Fluid;
    /// let cond = SingleZoneCondenser::new("cond", Fluid::new("R134a").unwrap(), IncompressibleLiquid::WATER, 3000.0).unwrap();
    /// ```
    SingleZoneCondenser,
    Duty::Condensing,
    "Condenser"
);
