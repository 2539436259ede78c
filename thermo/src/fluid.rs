//! The public [`Fluid`] handle: constants, input validation and the flash entry points.

use crate::error::FluidError;
use crate::fluids::{lookup, FluidData, ALL};
use crate::mixture::blends::{self, MixtureFluid};
use crate::mixture::fluid as mixture_fluid;
use crate::mixture::Mixture;
use crate::scalar::{re, Scalar};
use crate::state::{Saturation, State};

/// A fluid: a pure fluid or pseudo-pure blend described by a Helmholtz-energy equation
/// of state, or a real mixture (multi-fluid model, see [`crate::mixture`]).
///
/// Cheap to clone (a reference to static data; mixtures are built once per process and
/// kept). All property functions are generic over [`Scalar`]: pass `f64` for values, or
/// num-dual numbers (`Dual64`, `DualSVec64<N>`, ...) to obtain exact first derivatives
/// with respect to the seeded inputs. Units are mass-specific SI: Pa, K, kg/m3, J/kg,
/// J/(kg K), m/s.
///
/// Real mixtures behave as the pseudo-pure blends do: [`Saturation`] carries the bubble
/// and dew values, two-phase states have the temperature glide, superheat is measured
/// from the dew point and subcooling from the bubble point.
#[derive(Clone, Debug)]
pub struct Fluid {
    kind: Kind,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Pure(&'static FluidData),
    Mixture(&'static MixtureFluid),
}

/// Two handles are equal when they refer to the same fluid (mixtures: same components
/// and composition).
impl PartialEq for Fluid {
    fn eq(&self, other: &Self) -> bool {
        match (self.kind, other.kind) {
            (Kind::Pure(a), Kind::Pure(b)) => std::ptr::eq(a, b),
            (Kind::Mixture(a), Kind::Mixture(b)) => std::ptr::eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Fluid {}

impl std::hash::Hash for Fluid {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl std::fmt::Display for Fluid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Fluid {
    /// Look up a fluid by name or alias, case-insensitively ("R134a", "R-134a", "HFC-134a",
    /// "R744" / "CO2", "R717" / "NH3", "R290" / "propane", "Water" / "R718" / "H2O", "R32",
    /// "R1234yf", "R1234ze(E)" / "R1234ZE", "R125", "R600a", the pseudo-pure "R410A",
    /// "R404A", "R407C", "R507A").
    ///
    /// Real mixtures: the named blends "R454B", "R454A", "R454C", "R513A", "R452B",
    /// "R448A", "R449A", "R407A", "R407F", "R450A" (ASHRAE compositions), the real forms
    /// of the pseudo-pure blends "R410A.mix" and "R407C.mix", and any composition of the
    /// supported components in CoolProp's syntax with mole fractions,
    /// `"R32[0.5]&R1234yf[0.5]"`. A series number alone ("R407") is refused with the
    /// blends of that series this crate has ([`FluidError::AmbiguousFluid`]).
    ///
    /// ```
    /// use entropyk_thermo::Fluid;
    /// let r454b = Fluid::new("R454B").unwrap();
    /// let (t_bubble, t_dew) = r454b.saturation_temperatures(1e6).unwrap();
    /// assert!(t_dew - t_bubble > 1.0); // about 1.5 K of glide at 10 bar
    /// ```
    pub fn new(name: &str) -> Result<Fluid, FluidError> {
        if name.contains('&') || name.contains('[') {
            return blends::parse(name).map(|m| Fluid { kind: Kind::Mixture(m) });
        }
        if let Some(m) = blends::named(name) {
            return m.map(|m| Fluid { kind: Kind::Mixture(m) });
        }
        if let Some(data) = lookup(name) {
            return Ok(Fluid { kind: Kind::Pure(data) });
        }
        let known = |c: &str| lookup(c).is_some() || blends::blend_names().any(|b| b == c);
        if let Some(candidates) = blends::ambiguous(name, known) {
            return Err(FluidError::AmbiguousFluid {
                name: name.to_string(),
                candidates,
            });
        }
        Err(FluidError::UnknownFluid {
            name: name.to_string(),
            known: ALL.iter().map(|f| f.name).chain(blends::blend_names()).collect(),
        })
    }

    /// Canonical name (user-defined mixtures: CoolProp syntax with the canonical component
    /// names and the normalized mole fractions).
    pub fn name(&self) -> &'static str {
        match self.kind {
            Kind::Pure(d) => d.name,
            Kind::Mixture(m) => m.name,
        }
    }

    /// The real mixture behind this fluid, `None` for pure and pseudo-pure fluids.
    pub fn mixture(&self) -> Option<&'static Mixture> {
        match self.kind {
            Kind::Pure(_) => None,
            Kind::Mixture(m) => Some(&m.mixture),
        }
    }

    /// Molar mass, kg/mol.
    pub fn molar_mass(&self) -> f64 {
        match self.kind {
            Kind::Pure(d) => d.molar_mass,
            Kind::Mixture(m) => m.mixture.molar_mass(),
        }
    }
    /// Critical temperature, K. Real mixtures: see [`Fluid::critical_pressure`].
    pub fn critical_temperature(&self) -> f64 {
        match self.kind {
            Kind::Pure(d) => d.t_critical,
            Kind::Mixture(m) => m.critical[0],
        }
    }
    /// Critical pressure, Pa. Real mixtures: CoolProp's critical point of the mixture on
    /// the same model for the named blends; for user-defined compositions the top of the
    /// traced phase envelope (slightly below the true critical point; see
    /// `mixture::blends`). Saturation queries are accepted below it.
    pub fn critical_pressure(&self) -> f64 {
        match self.kind {
            Kind::Pure(d) => d.p_critical,
            Kind::Mixture(m) => m.critical[1],
        }
    }
    /// Critical density, kg/m3.
    pub fn critical_density(&self) -> f64 {
        match self.kind {
            Kind::Pure(d) => d.rho_critical,
            Kind::Mixture(m) => m.critical[2],
        }
    }
    /// Triple-point temperature (lower limit), K. Mixtures: the highest of the components'.
    pub fn triple_temperature(&self) -> f64 {
        match self.kind {
            Kind::Pure(d) => d.t_triple,
            Kind::Mixture(m) => m.t_min,
        }
    }
    /// Upper temperature limit of the EOS, K. Mixtures: the lowest of the components'.
    pub fn max_temperature(&self) -> f64 {
        match self.kind {
            Kind::Pure(d) => d.t_max,
            Kind::Mixture(m) => m.t_max,
        }
    }
    /// Upper pressure limit of the EOS, Pa. Mixtures: the lowest of the components'.
    pub fn max_pressure(&self) -> f64 {
        match self.kind {
            Kind::Pure(d) => d.p_max,
            Kind::Mixture(m) => m.p_max,
        }
    }

    /// State at (T \[K\], rho \[kg/m3\]) by direct EOS evaluation. Inside the vapour dome
    /// (T < T_c, rho'' < rho < rho') the vapour-liquid equilibrium mixture is returned
    /// with quality x = (1/rho - 1/rho') / (1/rho'' - 1/rho'). Real mixtures: single-phase
    /// states only (inside the two-phase region an `InvalidInput` error).
    pub fn state_trho<D: Scalar>(&self, t: D, rho: D) -> Result<State<D>, FluidError> {
        let t0 = self.check_t(re(t))?;
        let r0 = self.check_rho(re(rho))?;
        match self.kind {
            Kind::Pure(d) => Ok(crate::flash::trho::state_trho(d, t, rho, t0, r0)),
            Kind::Mixture(m) => mixture_fluid::state_trho(m, t, rho),
        }
    }

    /// State at (p \[Pa\], T \[K\]); pure fluids: the stable single phase (liquid if
    /// p > p_sat(T), vapour otherwise). Real mixtures: inside the glide (T_bubble < T <
    /// T_dew at p) the two-phase state.
    pub fn state_pt<D: Scalar>(&self, p: D, t: D) -> Result<State<D>, FluidError> {
        let p0 = self.check_p(re(p))?;
        let t0 = self.check_t(re(t))?;
        match self.kind {
            Kind::Pure(d) => crate::flash::pt::state_pt(d, p, t, p0, t0),
            Kind::Mixture(m) => mixture_fluid::state(m, m.mixture.state_pt(p, t)?),
        }
    }

    /// State at (p \[Pa\], h \[J/kg\]): subcooled, two-phase, superheated or supercritical.
    pub fn state_ph<D: Scalar>(&self, p: D, h: D) -> Result<State<D>, FluidError> {
        let p0 = self.check_p(re(p))?;
        let h0 = finite("enthalpy", re(h))?;
        match self.kind {
            Kind::Pure(d) => crate::flash::ph::state_py(d, p, h, p0, h0, crate::flash::ph::Spec::Enthalpy),
            Kind::Mixture(m) => mixture_fluid::state(m, m.mixture.state_ph(p, h)?),
        }
    }

    /// State at (p \[Pa\], s \[J/(kg K)\]): subcooled, two-phase, superheated or supercritical
    /// (e.g. the isentropic compressor outlet). Same algorithm as [`Fluid::state_ph`].
    pub fn state_ps<D: Scalar>(&self, p: D, s: D) -> Result<State<D>, FluidError> {
        let p0 = self.check_p(re(p))?;
        let s0 = finite("entropy", re(s))?;
        match self.kind {
            Kind::Pure(d) => crate::flash::ph::state_py(d, p, s, p0, s0, crate::flash::ph::Spec::Entropy),
            Kind::Mixture(m) => mixture_fluid::state(m, m.mixture.state_ps(p, s)?),
        }
    }

    /// Two-phase state at (p \[Pa\], x \[-\]), 0 <= x <= 1, p_triple <= p < p_c (x the
    /// vapour mass fraction; for mixtures x = 0 is the bubble point, x = 1 the dew point).
    pub fn state_px<D: Scalar>(&self, p: D, x: D) -> Result<State<D>, FluidError> {
        let p0 = self.check_p_sat(re(p))?;
        check_quality(re(x))?;
        match self.kind {
            Kind::Pure(d) => {
                let sd = d.with_sat_p64(p0, |s| d.lift_sat_p(s, p));
                Ok(crate::flash::two_phase_state(&sd, x))
            }
            Kind::Mixture(m) => mixture_fluid::state(m, m.mixture.state_px(p, x)?),
        }
    }

    /// Two-phase state at (T \[K\], x \[-\]), 0 <= x <= 1, T_triple <= T < T_c.
    pub fn state_tx<D: Scalar>(&self, t: D, x: D) -> Result<State<D>, FluidError> {
        let t0 = self.check_t_sat(re(t))?;
        check_quality(re(x))?;
        match self.kind {
            Kind::Pure(d) => {
                let s = d.sat_t64(t0);
                let sd = d.lift_sat(&s, t);
                Ok(crate::flash::two_phase_state(&sd, x))
            }
            Kind::Mixture(m) => mixture_fluid::state_tx(m, t, x),
        }
    }

    /// Saturated liquid and vapour at T \[K\], T_triple <= T < T_c.
    ///
    /// Blends (pseudo-pure and real mixtures): bubble-point liquid and dew-point vapour at
    /// T (`p_bubble` > `p_dew`); `p` is the bubble pressure. Pseudo-pure blends take the
    /// pressures from the pL / pV ancillaries and the densities from the EOS at those
    /// pressures, as CoolProp; real mixtures solve the phase equilibria.
    ///
    /// Pure fluids: EOS-consistent (p' = p'', g' = g'' solved by Newton from the
    /// superancillary start); within 1e-3 K of T_c the superancillary curve itself is used
    /// (see crate docs).
    pub fn saturation_t<D: Scalar>(&self, t: D) -> Result<Saturation<D>, FluidError> {
        let t0 = self.check_t_sat(re(t))?;
        match self.kind {
            Kind::Pure(d) => {
                let s = d.sat_t64(t0);
                Ok(crate::flash::saturation(&d.lift_sat(&s, t)))
            }
            Kind::Mixture(m) => {
                let mx = &m.mixture;
                mixture_fluid::saturation(m, mx.bubble_point_t(t)?, mx.dew_point_t(t)?)
            }
        }
    }

    /// Saturated liquid and vapour at p \[Pa\], p_triple <= p < p_c.
    ///
    /// Blends: bubble point (`t_bubble`, liquid) and dew point (`t_dew` >= `t_bubble`,
    /// vapour) at p; `t` is the bubble temperature.
    pub fn saturation_p<D: Scalar>(&self, p: D) -> Result<Saturation<D>, FluidError> {
        let p0 = self.check_p_sat(re(p))?;
        match self.kind {
            Kind::Pure(d) => {
                let sd = d.with_sat_p64(p0, |s| d.lift_sat_p(s, p));
                Ok(crate::flash::saturation(&sd))
            }
            Kind::Mixture(m) => {
                let mx = &m.mixture;
                mixture_fluid::saturation(m, mx.bubble_point_p(p)?, mx.dew_point_p(p)?)
            }
        }
    }

    /// Bubble and dew temperatures `(T_bubble, T_dew)` at pressure `p` (K; equal for
    /// pure fluids), with exact first derivatives from the slopes of the saturation
    /// curves (Clausius-Clapeyron `dT/dp = T (v'' - v') / (h'' - h')` for pure
    /// fluids, the bubble and dew ancillaries for pseudo-pure blends, the implicit function
    /// theorem on the phase equilibria for real mixtures). Same values as
    /// [`Fluid::saturation_p`], much cheaper with dual numbers because no property is
    /// lifted.
    ///
    /// ```
    /// use entropyk_thermo::Fluid;
    /// let r410a = Fluid::new("R410A").unwrap();
    /// let (t_bubble, t_dew) = r410a.saturation_temperatures(10e5).unwrap();
    /// assert!(t_dew > t_bubble);
    /// ```
    pub fn saturation_temperatures<D: Scalar>(&self, p: D) -> Result<(D, D), FluidError> {
        let p0 = self.check_p_sat(re(p))?;
        match self.kind {
            Kind::Pure(d) => Ok(d.with_sat_p64(p0, |s| {
                let t_bubble = (p - s.p) / s.dp_dt + s.t;
                let t_dew = (p - s.p_v) / s.dpv_dt + s.t_v;
                (t_bubble, t_dew)
            })),
            Kind::Mixture(m) => Ok((m.mixture.bubble_point_p(p)?.t, m.mixture.dew_point_p(p)?.t)),
        }
    }

    fn t_sat_max(&self) -> f64 {
        match self.kind {
            Kind::Pure(d) => d.t_sat_max(),
            Kind::Mixture(m) => m.critical[0],
        }
    }

    fn p_sat_range(&self) -> (f64, f64) {
        match self.kind {
            Kind::Pure(d) => (d.p_triple, d.p_sat_max()),
            Kind::Mixture(m) => (0.0, m.critical[1]),
        }
    }

    fn rho_max(&self) -> f64 {
        match self.kind {
            Kind::Pure(d) => d.rho_max,
            Kind::Mixture(m) => m.rho_max,
        }
    }

    // ---- validation ----

    fn check_t(&self, t: f64) -> Result<f64, FluidError> {
        let t = finite("temperature", t)?;
        if t <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "temperature",
                value: t,
                reason: "must be > 0 K",
            });
        }
        let (lo, hi) = (self.triple_temperature(), self.max_temperature());
        if t < lo || t > hi {
            return Err(FluidError::OutOfRange {
                quantity: "temperature",
                value: t,
                min: lo,
                max: hi,
            });
        }
        Ok(t)
    }

    fn check_t_sat(&self, t: f64) -> Result<f64, FluidError> {
        let t = finite("temperature", t)?;
        if t <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "temperature",
                value: t,
                reason: "must be > 0 K",
            });
        }
        let (lo, hi) = (self.triple_temperature(), self.t_sat_max());
        if t < lo || t >= hi {
            return Err(FluidError::OutOfRange {
                quantity: "saturation temperature",
                value: t,
                min: lo,
                max: hi,
            });
        }
        Ok(t)
    }

    fn check_p(&self, p: f64) -> Result<f64, FluidError> {
        let p = finite("pressure", p)?;
        if p <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "pressure",
                value: p,
                reason: "must be > 0 Pa",
            });
        }
        if p > self.max_pressure() {
            return Err(FluidError::OutOfRange {
                quantity: "pressure",
                value: p,
                min: 0.0,
                max: self.max_pressure(),
            });
        }
        Ok(p)
    }

    fn check_p_sat(&self, p: f64) -> Result<f64, FluidError> {
        let p = finite("pressure", p)?;
        if p <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "pressure",
                value: p,
                reason: "must be > 0 Pa",
            });
        }
        let (lo, hi) = self.p_sat_range();
        // 1e-9 relative slack at the triple point: saturation_t(T_triple).p may round below
        // the stored limit
        if p < lo * (1.0 - 1e-9) || p >= hi {
            return Err(FluidError::OutOfRange {
                quantity: "saturation pressure",
                value: p,
                min: lo,
                max: hi,
            });
        }
        Ok(p)
    }

    fn check_rho(&self, rho: f64) -> Result<f64, FluidError> {
        let rho = finite("density", rho)?;
        if rho <= 0.0 {
            return Err(FluidError::InvalidInput {
                quantity: "density",
                value: rho,
                reason: "must be > 0 kg/m3",
            });
        }
        if rho > self.rho_max() {
            return Err(FluidError::OutOfRange {
                quantity: "density",
                value: rho,
                min: 0.0,
                max: self.rho_max(),
            });
        }
        Ok(rho)
    }
}

fn finite(quantity: &'static str, v: f64) -> Result<f64, FluidError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(FluidError::InvalidInput {
            quantity,
            value: v,
            reason: "must be finite (not NaN or infinite)",
        })
    }
}

fn check_quality(x: f64) -> Result<f64, FluidError> {
    let x = finite("quality", x)?;
    if !(0.0..=1.0).contains(&x) {
        return Err(FluidError::OutOfRange {
            quantity: "quality",
            value: x,
            min: 0.0,
            max: 1.0,
        });
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases() {
        for n in ["R134a", "r134a", "R-134a", "HFC-134a", " hfc-134a "] {
            assert_eq!(Fluid::new(n).unwrap().name(), "R134a");
        }
        match Fluid::new("R999") {
            Err(FluidError::UnknownFluid { name, known }) => {
                assert_eq!(name, "R999");
                assert!(known.contains(&"R134a"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn equality_by_fluid() {
        assert_eq!(Fluid::new("R134a").unwrap(), Fluid::new("hfc-134a").unwrap());
        assert_eq!(Fluid::new("R134a").unwrap().to_string(), "R134a");
    }

    #[test]
    fn fluid_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone + std::fmt::Debug>() {}
        check::<Fluid>();
    }
}
