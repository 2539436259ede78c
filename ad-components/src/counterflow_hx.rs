//! Counter-flow heat exchanger between two single-phase streams (epsilon-NTU with
//! effective, mean, capacity rates for real fluids).
use crate::guess::{pass_enthalpy, pass_mass, pass_pressure};
use crate::{
    ComponentError, ComponentModel, FlowPath, Medium, OperationalState, ParameterSpec, PortGuess, PortSpec, PortState,
};
use entropyk_thermo::{Fluid, Phase, Scalar};

const HOT_IN: usize = 0;
const HOT_OUT: usize = 1;
const COLD_IN: usize = 2;
const COLD_OUT: usize = 3;

const PATHS: [FlowPath; 2] = [
    FlowPath {
        inlet: HOT_IN,
        outlet: HOT_OUT,
        mass_balance: 0,
    },
    FlowPath {
        inlet: COLD_IN,
        outlet: COLD_OUT,
        mass_balance: 2,
    },
];

/// Temperature approach of the initial guess of a refrigerant exchanging heat with a
/// secondary liquid (as for [`crate::Condenser`] and [`crate::Evaporator`]), K.
const GUESS_APPROACH: f64 = 8.0;

/// Reduced gas-cooler pressure `p / p_c` guessed at the critical temperature, and its
/// slope in reduced temperature: Kauf's optimum high-pressure correlation for CO2,
/// `p_opt = 2.6 bar/K * t_gc,out + 7.54 bar` (F. Kauf, Int. J. Therm. Sci. 38 (1999)
/// 1061-1070), written in reduced variables (`p_c = 73.77 bar`, `T_c = 304.13 K`) so
/// that it applies by corresponding states to any refrigerant rejecting heat above its
/// critical temperature.
const SUPERCRITICAL_GUESS: (f64, f64) = (1.2, 10.7);

/// Inlet temperature difference (K) below which a refrigerant stream's effective
/// capacity rate is `m cp` at the mean temperature instead of the divided difference
/// of enthalpies (whose round-off grows as `1 / dT`): the two agree to `O(dT^2)`.
const SMALL_SPAN: f64 = 1.0e-3;

const PARAMETERS: [ParameterSpec; 1] = [ParameterSpec {
    name: "ua",
    unit: "W/K",
    min: f64::MIN_POSITIVE,
    max: 1.0e9,
}];

/// A side of a two-stream exchanger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The stream entering at `hot_in`.
    Hot,
    /// The stream entering at `cold_in`.
    Cold,
}

/// Counter-flow effectiveness (Incropera & DeWitt, *Fundamentals of Heat and Mass
/// Transfer*, 6th ed., eq. 11.29a; 11.29b for `Cr = 1`):
///
/// `epsilon = [1 - exp(-NTU (1 - Cr))] / [1 - Cr exp(-NTU (1 - Cr))]`,
///
/// evaluated as `1 / (1 + exp(-x) (1 - Cr) / (1 - exp(-x)))`, `x = NTU (1 - Cr)`,
/// with the series `(1 - Cr) / (1 - exp(-x)) = (1 + x/2 + x^2/12) / NTU` for
/// `|x| < 1e-4`, so that it is smooth through `Cr = 1` (`epsilon = NTU / (1 + NTU)`).
pub fn counterflow_effectiveness<D: Scalar>(ntu: D, cr: D) -> D {
    let y = -cr + 1.0;
    let x = ntu * y;
    let ratio = if x.re().abs() < 1.0e-4 {
        (x * x / 12.0 + x * 0.5 + 1.0) / ntu
    } else {
        y / (-(-x).exp_m1())
    };
    ((-x).exp() * ratio + 1.0).recip()
}

/// A counter-flow heat exchanger between two single-phase streams (water/water,
/// brine/refrigerant vapour, supercritical CO2 gas cooler, or refrigerant/refrigerant
/// as a suction-line internal heat exchanger or economizer), epsilon-NTU method with
/// effective (mean) capacity rates for real fluids:
///
/// * each stream's capacity rate is its mean over the largest temperature range it
///   could span, from its own inlet temperature to the other stream's
///   (mean specific heat over the temperature range, W. M. Kays, A. L. London,
///   *Compact Heat Exchangers*, 3rd ed., McGraw-Hill, 1984):
///   `C_i = m_i [h_i(p_i, T_other,in) - h_i,in] / (T_other,in - T_i,in)`
///   (refrigerant: `h` from the EOS at the stream's inlet pressure; secondary liquid:
///   `C = m cp`, constant `cp`). Then `C_min (T_hot,in - T_cold,in) = Q_max =
///   min[m_hot (h_hot,in - h_hot(p_hot, T_cold,in)), m_cold (h_cold(p_cold,
///   T_hot,in) - h_cold,in)]`, the real-fluid maximum heat flow: neither stream can
///   be brought past the other's inlet temperature (the real-fluid `Q_max` of
///   epsilon-NTU models, e.g. Bell et al., ACHP). A constant inlet `cp`
///   instead badly underestimates a supercritical CO2 gas cooler's capacity rate,
///   whose `cp` peaks between its inlet and the water temperature;
/// * `Cr = C_min / C_max`, `NTU = UA / C_min`,
///   `Q = epsilon(NTU, Cr) Q_max = epsilon C_min (T_hot,in - T_cold,in)` with the
///   counter-flow [`counterflow_effectiveness`] (Incropera & DeWitt, eq. 11.29a);
/// * equal inlet temperatures: within `SMALL_SPAN` (1e-3 K) the divided difference
///   is replaced by its limit `m cp` at the mean temperature (`O(dT^2)` apart), so
///   `C` stays finite and `Q -> 0` smoothly, `Q = 0` at equal temperatures;
/// * a two-phase refrigerant inlet (e.g. the throttled injection stream of an
///   economizer) is a stream of infinite capacity rate at its saturation temperature,
///   `Cr = 0` (Incropera & DeWitt eq. 11.35a), and `Q_max` is that of the other,
///   single-phase, stream brought to the saturation temperature (its effective `C`
///   as above); valid while the two-phase stream stays two-phase (single-zone
///   approximation; both inlets two-phase is rejected);
/// * energy balances `m_hot (h_hot,out - h_hot,in) = -Q`,
///   `m_cold (h_cold,out - h_cold,in) = Q`; mass balances on both sides;
/// * pressure: `p_out = p_in - dp(m)` per side, with an optional quadratic pressure
///   drop `dp = dp_nom (m / m_nom) |m / m_nom|` ([`HeatExchanger::with_pressure_drop`],
///   turbulent-flow scaling, e.g. VDI Heat Atlas, 2nd ed., L1), else `dp = 0`.
///
/// The mean `C` removes the error of a constant inlet `cp` in `Q_max` but epsilon-NTU
/// still assumes linear temperature profiles in between: a pinch inside the exchanger
/// (cp peak of a near-critical stream, or a refrigerant stream whose range to the
/// other inlet temperature crosses its saturation temperature, whose `C` then
/// includes the latent heat and jumps when the other inlet temperature crosses it)
/// needs a zoned model. The sign of `Q` follows the inlet temperatures, so the "hot"
/// and "cold" labels only name the ports.
///
/// Ports `"hot_in"`, `"hot_out"`, `"cold_in"`, `"cold_out"`; six equations
/// (hot mass balance, hot pressure, cold mass balance, cold pressure, hot energy,
/// cold energy); parameter `ua` (W/K).
///
/// Operational states (six equations in each):
/// * Off: no heat transfer, `h_out = h_in` on both sides (regular at zero flow);
///   the pressure-drop laws stay (zero at zero flow); flows are set by the rest of
///   the system.
/// * Bypass: both streams bypass the exchanger, `p_out = p_in` and `h_out = h_in`
///   on both sides, mass conserved.
#[derive(Debug, Clone)]
pub struct HeatExchanger {
    pub(crate) name: String,
    pub(crate) ua: f64,
    /// `(dp_nom, m_nom)` per side, hot then cold.
    pub(crate) pressure_drop: [Option<(f64, f64)>; 2],
    pub(crate) state: OperationalState,
    pub(crate) ports: [PortSpec; 4],
}

impl HeatExchanger {
    /// A counter-flow exchanger of conductance `ua` (W/K) between a `hot` and a `cold` medium.
    ///
    /// ```
    /// use entropyk_components::{HeatExchanger, IncompressibleLiquid, Medium};
    /// let water = Medium::Secondary(IncompressibleLiquid::WATER);
    /// let hx = HeatExchanger::new("hx", water.clone(), water, 5.0e3).unwrap();
    /// ```
    pub fn new(name: &str, hot: Medium, cold: Medium, ua: f64) -> Result<Self, ComponentError> {
        let spec = &PARAMETERS[0];
        ComponentError::check_parameter(name, spec.name, ua, spec.min, spec.max)?;
        Ok(HeatExchanger {
            name: name.to_owned(),
            ua,
            pressure_drop: [None, None],
            state: OperationalState::On,
            ports: [
                PortSpec::inlet("hot_in", hot.clone()),
                PortSpec::outlet("hot_out", hot),
                PortSpec::inlet("cold_in", cold.clone()),
                PortSpec::outlet("cold_out", cold),
            ],
        })
    }

    /// A refrigerant/refrigerant exchanger: suction-line internal heat exchanger
    /// (liquid line hot, suction vapour cold) or economizer / subcooler (liquid line
    /// hot, throttled two-phase injection stream cold).
    pub fn internal(name: &str, fluid: Fluid, ua: f64) -> Result<Self, ComponentError> {
        Self::new(name, Medium::Refrigerant(fluid.clone()), Medium::Refrigerant(fluid), ua)
    }

    /// Adds a quadratic pressure drop on `side`: `dp_nominal` (Pa, >= 0) at `m_nominal` (kg/s, > 0).
    pub fn with_pressure_drop(mut self, side: Side, dp_nominal: f64, m_nominal: f64) -> Result<Self, ComponentError> {
        ComponentError::check_parameter(&self.name, "nominal pressure drop [Pa]", dp_nominal, 0.0, 1.0e8)?;
        ComponentError::check_parameter(
            &self.name,
            "nominal mass flow [kg/s]",
            m_nominal,
            f64::MIN_POSITIVE,
            1.0e5,
        )?;
        self.pressure_drop[side as usize] = Some((dp_nominal, m_nominal));
        Ok(self)
    }

    /// Overall heat-transfer conductance, W/K.
    pub fn ua(&self) -> f64 {
        self.ua
    }

    fn side_dp<D: Scalar>(&self, side: usize, m: D) -> D {
        match self.pressure_drop[side] {
            Some((dp, m_nom)) => m * m.abs() * (dp / (m_nom * m_nom)),
            None => D::from(0.0),
        }
    }

    /// Inlet temperature (K) of the stream entering at `port`, and whether it is a
    /// two-phase refrigerant (a stream of infinite capacity rate).
    fn inlet<D: Scalar>(&self, port: usize, state: PortState<D>) -> Result<(D, bool), ComponentError> {
        let name = self.ports[port].name;
        if !(state.m.re() > 0.0) {
            return Err(ComponentError::StateOutOfRange {
                component: self.name.clone(),
                port: name,
                quantity: "mass flow [kg/s]",
                value: state.m.re(),
                min: f64::MIN_POSITIVE,
                max: f64::INFINITY,
            });
        }
        match &self.ports[port].medium {
            Medium::Secondary(liquid) => Ok((liquid.temperature(state.h, state.p), false)),
            Medium::Refrigerant(fluid) => {
                let s = fluid
                    .state_ph(state.p, state.h)
                    .map_err(|e| ComponentError::fluid(&self.name, name, e))?;
                Ok((s.t, s.phase == Phase::TwoPhase))
            }
        }
    }

    /// Effective (mean) heat-capacity rate, W/K, of the single-phase stream entering
    /// at `port` with temperature `t_in`, over the range to the other stream's inlet
    /// temperature `t_other` at its own pressure:
    /// `C = m (h(p, t_other) - h_in) / (t_other - t_in)`; within [`SMALL_SPAN`] of
    /// equal temperatures, `C = m cp(p, (t_in + t_other) / 2)` (the limit, with the
    /// midpoint rule's `O(dT^2)` error instead of the divided difference's round-off).
    fn capacity<D: Scalar>(&self, port: usize, state: PortState<D>, t_in: D, t_other: D) -> Result<D, ComponentError> {
        let fluid = match &self.ports[port].medium {
            Medium::Secondary(liquid) => return Ok(state.m * liquid.cp),
            Medium::Refrigerant(fluid) => fluid,
        };
        let name = self.ports[port].name;
        let span = t_other - t_in;
        if span.re().abs() >= SMALL_SPAN {
            let h_other = fluid
                .state_pt(state.p, t_other)
                .map_err(|e| ComponentError::fluid(&self.name, name, e))?
                .h;
            return Ok(state.m * (h_other - state.h) / span);
        }
        let mid = fluid
            .state_pt(state.p, (t_in + t_other) * 0.5)
            .map_err(|e| ComponentError::fluid(&self.name, name, e))?;
        match mid.cp() {
            Some(cp) => Ok(state.m * cp),
            None => Err(ComponentError::StateOutOfRange {
                component: self.name.clone(),
                port: name,
                quantity: "vapour quality [-] (two-phase at the mean temperature)",
                value: 0.5,
                min: 1.0,
                max: 0.0,
            }),
        }
    }

    /// Initial guess of the refrigerant pressure when one side is a refrigerant and the
    /// other a secondary liquid of known inlet state, and no refrigerant pressure is
    /// known yet: the refrigerant side rejecting heat (the `hot` side) is placed at
    /// `T = T_sec,in + 8 K`, the absorbing side at `T_sec,in - 8 K`. Below the critical
    /// temperature (minus 5 K) that is the saturation pressure at `T` (as
    /// [`crate::Condenser`], [`crate::Evaporator`]); a rejecting refrigerant above it is
    /// a gas cooler, where saturation does not exist and the pressure is a free design
    /// variable: `p = p_c [1.2 + 10.7 (T / T_c - 1)]` ([`SUPERCRITICAL_GUESS`], Kauf's
    /// optimum-pressure correlation in reduced form, about 9.4 MPa for CO2 with 25 degC
    /// water).
    fn guess_refrigerant_pressure(&self, ports: &mut [PortGuess]) {
        let (fluid, liquid, (ref_in, ref_out, sec_in), rejects) =
            match (&self.ports[HOT_IN].medium, &self.ports[COLD_IN].medium) {
                (Medium::Refrigerant(f), Medium::Secondary(l)) => (f, l, (HOT_IN, HOT_OUT, COLD_IN), true),
                (Medium::Secondary(l), Medium::Refrigerant(f)) => (f, l, (COLD_IN, COLD_OUT, HOT_IN), false),
                _ => return,
            };
        if ports[ref_in].p.is_some() || ports[ref_out].p.is_some() {
            return;
        }
        let (Some(h), Some(p)) = (ports[sec_in].h, ports[sec_in].p) else {
            return;
        };
        let t_sec = liquid.temperature(h, p);
        let t_c = fluid.critical_temperature();
        let p_ref = if rejects && t_sec + GUESS_APPROACH >= t_c - 5.0 {
            let (p_r, slope) = SUPERCRITICAL_GUESS;
            fluid.critical_pressure() * (p_r + slope * ((t_sec + GUESS_APPROACH).max(t_c) / t_c - 1.0))
        } else {
            let t = if rejects {
                t_sec + GUESS_APPROACH
            } else {
                t_sec - GUESS_APPROACH
            };
            match fluid.saturation_t(t.clamp(fluid.triple_temperature() + 1.0, t_c - 5.0)) {
                Ok(sat) => sat.p,
                Err(_) => return,
            }
        };
        // The outlet follows from the pressure-drop law on the next propagation sweep.
        ports[ref_in].offer_p(p_ref);
    }

    /// Heat flow from the hot to the cold stream (W) and effectiveness.
    fn heat_flow<D: Scalar>(&self, ports: &[PortState<D>], ua: D) -> Result<(D, D), ComponentError> {
        let (t_hot, hot_two_phase) = self.inlet(HOT_IN, ports[HOT_IN])?;
        let (t_cold, cold_two_phase) = self.inlet(COLD_IN, ports[COLD_IN])?;
        let c_hot = match hot_two_phase {
            true => None,
            false => Some(self.capacity(HOT_IN, ports[HOT_IN], t_hot, t_cold)?),
        };
        let c_cold = match cold_two_phase {
            true => None,
            false => Some(self.capacity(COLD_IN, ports[COLD_IN], t_cold, t_hot)?),
        };
        let (c_min, cr) = match (c_hot, c_cold) {
            (Some(h), Some(c)) if h.re() <= c.re() => (h, h / c),
            (Some(h), Some(c)) => (c, c / h),
            (Some(c), None) | (None, Some(c)) => (c, D::from(0.0)),
            (None, None) => {
                return Err(ComponentError::StateOutOfRange {
                    component: self.name.clone(),
                    port: "cold_in",
                    quantity: "vapour quality [-] (both inlets two-phase)",
                    value: 0.5,
                    min: 1.0,
                    max: 0.0,
                })
            }
        };
        let eps = counterflow_effectiveness(ua / c_min, cr);
        // `C_min (T_hot,in - T_cold,in)` is `Q_max`, the enthalpy change of the
        // `C_min` stream brought to the other stream's inlet temperature.
        Ok((eps * c_min * (t_hot - t_cold), eps))
    }
}

/// Points at which [`HeatExchanger::check_validity`] compares the two temperature
/// profiles when a side is a refrigerant (whose T(h) is not linear).
const PROFILE_POINTS: usize = 11;

impl HeatExchanger {
    /// Hot-minus-cold temperature differences along the counter-flow exchanger: the
    /// hot stream at enthalpy `h` between its inlet and outlet faces the cold stream at
    /// `h_c = h_cold,out - m_hot (h_hot,in - h) / m_cold` (energy balance from the hot
    /// inlet end, where the cold stream leaves); pressures interpolated linearly. Two
    /// points (the ends) when both sides are secondary liquids (linear profiles),
    /// [`PROFILE_POINTS`] otherwise. `None` if a state is outside its medium's range.
    fn temperature_differences(&self, ports: &[PortState<f64>]) -> Option<Vec<f64>> {
        let (hi, ho, ci, co) = (ports[HOT_IN], ports[HOT_OUT], ports[COLD_IN], ports[COLD_OUT]);
        let linear = matches!(
            (&self.ports[HOT_IN].medium, &self.ports[COLD_IN].medium),
            (Medium::Secondary(_), Medium::Secondary(_))
        );
        let n = if linear { 2 } else { PROFILE_POINTS };
        (0..n)
            .map(|k| {
                let f = k as f64 / (n - 1) as f64;
                let h_hot = hi.h + f * (ho.h - hi.h);
                let h_cold = co.h - hi.m * (hi.h - h_hot) / ci.m;
                let t_hot = self.ports[HOT_IN].medium.temperature(hi.p + f * (ho.p - hi.p), h_hot);
                let t_cold = self.ports[COLD_IN].medium.temperature(co.p + f * (ci.p - co.p), h_cold);
                Some(t_hot.ok()? - t_cold.ok()?)
            })
            .collect()
    }
}

impl ComponentModel for HeatExchanger {
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        Some(crate::spec::ToSpec::spec(self))
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> &'static str {
        "HeatExchanger"
    }
    fn ports(&self) -> &[PortSpec] {
        &self.ports
    }
    fn n_equations(&self) -> usize {
        6
    }
    fn flow_paths(&self) -> &[FlowPath] {
        &PATHS
    }
    fn parameters(&self) -> &[ParameterSpec] {
        &PARAMETERS
    }
    fn parameter_values(&self) -> Vec<f64> {
        vec![self.ua]
    }
    fn operational_state(&self) -> OperationalState {
        self.state
    }
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        self.state = state;
        Ok(())
    }
    fn residuals<D: Scalar>(&self, ports: &[PortState<D>], params: &[D], r: &mut [D]) -> Result<(), ComponentError> {
        r[0] = ports[HOT_OUT].m - ports[HOT_IN].m;
        r[2] = ports[COLD_OUT].m - ports[COLD_IN].m;
        if self.state == OperationalState::Bypass {
            r[1] = ports[HOT_OUT].p - ports[HOT_IN].p;
            r[3] = ports[COLD_OUT].p - ports[COLD_IN].p;
        } else {
            r[1] = ports[HOT_OUT].p - ports[HOT_IN].p + self.side_dp(0, ports[HOT_IN].m);
            r[3] = ports[COLD_OUT].p - ports[COLD_IN].p + self.side_dp(1, ports[COLD_IN].m);
        }
        if self.state == OperationalState::On {
            let (q, _) = self.heat_flow(ports, params[0])?;
            r[4] = ports[HOT_IN].m * (ports[HOT_OUT].h - ports[HOT_IN].h) + q;
            r[5] = ports[COLD_IN].m * (ports[COLD_OUT].h - ports[COLD_IN].h) - q;
        } else {
            r[4] = ports[HOT_OUT].h - ports[HOT_IN].h;
            r[5] = ports[COLD_OUT].h - ports[COLD_IN].h;
        }
        Ok(())
    }
    fn guess(&self, ports: &mut [PortGuess], params: &[f64]) {
        pass_mass(HOT_IN, HOT_OUT, ports);
        pass_mass(COLD_IN, COLD_OUT, ports);
        for (side, (a, b)) in [(HOT_IN, HOT_OUT), (COLD_IN, COLD_OUT)].into_iter().enumerate() {
            if self.state == OperationalState::Bypass || self.pressure_drop[side].is_none() {
                pass_pressure(a, b, ports);
            } else if let (Some(p), Some(m)) = (ports[a].p, ports[a].m) {
                ports[b].offer_p(p - self.side_dp(side, m));
            }
        }
        self.guess_refrigerant_pressure(ports);
        if self.state != OperationalState::On {
            pass_enthalpy(HOT_IN, HOT_OUT, ports);
            pass_enthalpy(COLD_IN, COLD_OUT, ports);
            return;
        }
        let inlet = |g: PortGuess| {
            Some(PortState {
                p: g.p?,
                h: g.h?,
                m: g.m?,
            })
        };
        let (Some(hot), Some(cold)) = (inlet(ports[HOT_IN]), inlet(ports[COLD_IN])) else {
            return;
        };
        let states = [hot, hot, cold, cold];
        if let Ok((q, _)) = self.heat_flow(&states, params[0]) {
            ports[HOT_OUT].offer_h(hot.h - q / hot.m);
            ports[COLD_OUT].offer_h(cold.h + q / cold.m);
        }
    }
    /// Validity envelope (On state, heat transferred): the hot stream stays hotter
    /// than the cold one all along the exchanger (second law, hard; see
    /// [`HeatExchanger::temperature_differences`]), and a difference below
    /// [`crate::validity::PINCH_WARNING`] is a pinch warning.
    fn check_validity(&self, ports: &[PortState<f64>], _params: &[f64], out: &mut Vec<crate::Violation>) {
        let flowing = ports[HOT_IN].m > 0.0 && ports[COLD_IN].m > 0.0;
        if self.state != OperationalState::On || !flowing || ports[HOT_IN].h == ports[HOT_OUT].h {
            return;
        }
        if let Some(differences) = self.temperature_differences(ports) {
            crate::validity::check_differences(&self.name, differences, crate::validity::PINCH_WARNING, out);
        }
    }
    fn outputs(&self, ports: &[PortState<f64>], params: &[f64]) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        let (q, eps) = if self.state == OperationalState::On {
            self.heat_flow(ports, params[0])?
        } else {
            (0.0, 0.0)
        };
        // heat into the hot stream (the first flow path): negative, as in TESPy
        Ok(vec![("heat_flow", -q), ("effectiveness", eps)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IncompressibleLiquid;

    #[test]
    fn effectiveness_matches_incropera() {
        for (ntu, cr) in [(0.5_f64, 0.3_f64), (2.0, 0.75), (3.0, 0.0), (1.5, 0.99999), (4.0, 1.2)] {
            let direct = (1.0 - (-ntu * (1.0 - cr)).exp()) / (1.0 - cr * (-ntu * (1.0 - cr)).exp());
            assert!((counterflow_effectiveness(ntu, cr) - direct).abs() < 1e-9, "{ntu} {cr}");
        }
        // Cr = 1 (eq. 11.29b) and Cr = 0 (eq. 11.35a).
        assert!((counterflow_effectiveness(2.0_f64, 1.0) - 2.0 / 3.0).abs() < 1e-15);
        assert!((counterflow_effectiveness(2.0_f64, 0.0) - (1.0 - (-2.0_f64).exp())).abs() < 1e-15);
    }

    #[test]
    fn water_water_balance_and_bypass() {
        let w = IncompressibleLiquid::WATER;
        let water = Medium::Secondary(w);
        let mut hx = HeatExchanger::new("hx", water.clone(), water, 8368.0)
            .unwrap()
            .with_pressure_drop(Side::Hot, 2.0e4, 2.0)
            .unwrap();
        // Balanced streams, C = 2 * 4184 = 8368 W/K, NTU = 1: eps = 1/2, dT = 40 K -> Q = 167.36 kW.
        let s = |t: f64, m: f64| PortState {
            p: 2e5,
            h: w.enthalpy(t, 2e5),
            m,
        };
        let (hot, cold) = (s(333.15, 2.0), s(293.15, 2.0));
        let q = 0.5 * 8368.0 * 40.0;
        let hot_out = PortState {
            p: 2e5 - 2e4,
            h: hot.h - q / 2.0,
            m: 2.0,
        };
        let cold_out = PortState {
            h: cold.h + q / 2.0,
            ..cold
        };
        let mut r = [1.0; 6];
        hx.residuals(&[hot, hot_out, cold, cold_out], &[8368.0], &mut r)
            .unwrap();
        assert!(r.iter().all(|x: &f64| x.abs() < 1e-6), "{r:?}");
        hx.set_operational_state(OperationalState::Bypass).unwrap();
        hx.residuals(&[hot, hot, cold, cold], &[8368.0], &mut r).unwrap();
        assert!(r.iter().all(|x: &f64| x.abs() < 1e-12), "{r:?}");
        assert!(HeatExchanger::internal("ihx", Fluid::new("R134a").unwrap(), -1.0).is_err());
    }

    #[test]
    fn gas_cooler_effective_capacity_rate() {
        let w = IncompressibleLiquid::WATER;
        let co2 = Fluid::new("R744").unwrap();
        let (p, t_in, t_w, m, m_w) = (9.0e6, 373.15, 293.15, 0.06, 0.08);
        let hot = PortState {
            p,
            h: co2.state_pt(p, t_in).unwrap().h,
            m,
        };
        let cold = PortState {
            p: 2e5,
            h: w.enthalpy(t_w, 2e5),
            m: m_w,
        };
        let hx = |ua: f64| {
            let hx = HeatExchanger::new("gc", Medium::Refrigerant(co2.clone()), Medium::Secondary(w), ua).unwrap();
            let (q, eps) = hx.heat_flow(&[hot, hot, cold, cold], ua).unwrap();
            (q, eps)
        };
        // Q = eps(NTU, Cr) Q_max with the enthalpy-based Q_max of the CO2 (C_min) side.
        let q_max_ref = m * (hot.h - co2.state_pt(p, t_w).unwrap().h);
        let c_ref = q_max_ref / (t_in - t_w);
        let c_w = m_w * w.cp;
        assert!(c_ref < c_w && c_ref > 2.0 * m * co2.state_pt(p, t_in).unwrap().cp().unwrap());
        let (q, eps) = hx(1500.0);
        let expected = counterflow_effectiveness(1500.0 / c_ref, c_ref / c_w);
        assert!((eps / expected - 1.0).abs() < 1e-14 && (q / (eps * q_max_ref) - 1.0).abs() < 1e-12);
        // A very large exchanger brings the CO2 to the water inlet temperature, not past it.
        let (q, eps) = hx(1.0e7);
        assert!(eps > 1.0 - 1e-9 && q <= q_max_ref * (1.0 + 1e-12));
        let t_out = co2.state_ph(p, hot.h - q / m).unwrap().t;
        assert!((t_out - t_w).abs() < 1e-6, "{t_out}");
    }

    #[test]
    fn equal_inlet_temperatures_give_zero_heat_flow_smoothly() {
        let w = IncompressibleLiquid::WATER;
        let r134a = Fluid::new("R134a").unwrap();
        let hx = HeatExchanger::new("hx", Medium::Secondary(w), Medium::Refrigerant(r134a.clone()), 500.0).unwrap();
        let p = r134a.saturation_t(275.15_f64).unwrap().p;
        let q = |dt: f64| {
            let hot = PortState {
                p: 2e5,
                h: w.enthalpy(290.15, 2e5),
                m: 0.3,
            };
            let cold = PortState {
                p,
                h: r134a.state_pt(p, 290.15 - dt).unwrap().h,
                m: 0.2,
            };
            hx.heat_flow(&[hot, hot, cold, cold], 500.0).unwrap().0
        };
        // Exactly zero at equal temperatures (up to the flash's round trip), finite
        // derivative dQ/dT: the same on both sides of the 1e-3 K switch to m cp.
        assert!(q(0.0).abs() < 1e-9, "{}", q(0.0));
        let slope = |dt: f64| q(dt) / dt;
        for dt in [1e-5, 9.99e-4, -9.99e-4] {
            assert!((slope(dt) / slope(1.001e-3) - 1.0).abs() < 1e-4, "{dt}");
        }
        assert!((slope(9.99e-4) / slope(1.001e-3) - 1.0).abs() < 1e-7);
    }

    #[test]
    fn refrigerant_pressure_guess_subcritical_and_gas_cooler() {
        let w = IncompressibleLiquid::WATER;
        let water_in = |t: f64| PortGuess {
            p: Some(2e5),
            h: Some(w.enthalpy(t, 2e5)),
            m: Some(0.1),
        };
        let guess = |hot: Medium, cold: Medium, sec_port: usize, t_sec: f64| {
            let hx = HeatExchanger::new("hx", hot, cold, 1.0e3).unwrap();
            let mut ports = [PortGuess::default(); 4];
            ports[sec_port] = water_in(t_sec);
            hx.guess(&mut ports, &[1.0e3]);
            hx.guess(&mut ports, &[1.0e3]);
            ports
        };
        // CO2 rejecting heat to 25 degC water: gas cooler, Kauf's pressure in reduced form.
        let co2 = Fluid::new("R744").unwrap();
        let ports = guess(Medium::Refrigerant(co2.clone()), Medium::Secondary(w), COLD_IN, 298.15);
        let expected = co2.critical_pressure() * (1.2 + 10.7 * (306.15 / co2.critical_temperature() - 1.0));
        assert_eq!((ports[HOT_IN].p, ports[HOT_OUT].p), (Some(expected), Some(expected)));
        assert!(expected > 9.0e6 && expected < 9.8e6, "{expected}");
        // R134a rejecting heat to 30 degC water: condensing at 38 degC; absorbing from
        // 12 degC water (refrigerant on the cold side): evaporating at 4 degC.
        let r134a = Fluid::new("R134a").unwrap();
        let ports = guess(
            Medium::Refrigerant(r134a.clone()),
            Medium::Secondary(w),
            COLD_IN,
            303.15,
        );
        let p_cond = r134a.saturation_t(311.15).unwrap().p;
        assert!((ports[HOT_IN].p.unwrap() / p_cond - 1.0).abs() < 1e-12);
        let ports = guess(Medium::Secondary(w), Medium::Refrigerant(r134a.clone()), HOT_IN, 285.15);
        let p_evap = r134a.saturation_t(277.15).unwrap().p;
        assert!((ports[COLD_OUT].p.unwrap() / p_evap - 1.0).abs() < 1e-12);
        // A known refrigerant pressure is kept; refrigerant/refrigerant guesses nothing.
        let hx = HeatExchanger::new("hx", Medium::Refrigerant(co2), Medium::Secondary(w), 1.0e3).unwrap();
        let mut ports = [PortGuess::default(); 4];
        ports[COLD_IN] = water_in(298.15);
        ports[HOT_OUT].p = Some(8.0e6);
        hx.guess(&mut ports, &[1.0e3]);
        assert_eq!(ports[HOT_IN].p, Some(8.0e6));
        let ihx = HeatExchanger::internal("ihx", r134a, 1.0e3).unwrap();
        let mut ports = [PortGuess::default(); 4];
        ihx.guess(&mut ports, &[1.0e3]);
        assert_eq!(ports, [PortGuess::default(); 4]);
    }
}
