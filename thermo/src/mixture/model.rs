//! The multi-fluid mixture model: components, their pure-fluid EOS and the binary
//! interaction parameters of every pair, prepared for evaluation.

use crate::error::FluidError;
use crate::fluids::FluidData;
use crate::mixture::departure::DepartureTerm;
use crate::mixture::pairs;

/// Molar gas constant of the mixture model, J/(mol K): the exact SI value (CODATA 2018),
/// as CoolProp uses for mixtures (its `R_U_CODATA` with `NORMALIZE_GAS_CONSTANTS`). The
/// components' EOS keep their own constants inside their reduced Helmholtz energies,
/// which are dimensionless.
pub(crate) const R_MIX: f64 = 8.314_462_618_153_24;

/// One interacting pair (i < j), with the constants of its reducing-function terms.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pair {
    pub i: usize,
    pub j: usize,
    /// beta_T^2 and beta_v^2 (denominators `beta^2 x_i + x_j`).
    pub beta_t2: f64,
    pub beta_v2: f64,
    /// `2 beta_T gamma_T sqrt(T_c,i T_c,j)`, K.
    pub c_t: f64,
    /// `2 beta_v gamma_v (v_c,i^(1/3) + v_c,j^(1/3))^3 / 8`, m3/mol.
    pub c_v: f64,
    /// Weight F_ij of the departure function.
    pub f: f64,
    pub departure: &'static [DepartureTerm],
}

/// Components and pair parameters of a mixture (independent of its composition).
#[derive(Clone, Debug)]
pub(crate) struct MixtureModel {
    pub comps: Vec<&'static FluidData>,
    /// Reducing temperatures of the components' EOS, K.
    pub tc: Vec<f64>,
    /// Reducing molar volumes of the components' EOS, m3/mol.
    pub vc: Vec<f64>,
    /// Molar masses, kg/mol.
    pub molar_mass: Vec<f64>,
    /// Every pair i < j.
    pub pairs: Vec<Pair>,
}

impl MixtureModel {
    /// The model of the given components. Every pair needs interaction parameters.
    pub(crate) fn new(comps: Vec<&'static FluidData>) -> Result<MixtureModel, FluidError> {
        let tc: Vec<f64> = comps.iter().map(|c| c.t_reducing).collect();
        let vc: Vec<f64> = comps.iter().map(|c| c.molar_mass / c.rho_reducing).collect();
        let mut pairs_out = Vec::new();
        for i in 0..comps.len() {
            for j in i + 1..comps.len() {
                let p = pairs::lookup(comps[i], comps[j]).ok_or(FluidError::UnknownBinaryPair {
                    first: comps[i].name,
                    second: comps[j].name,
                })?;
                let cube = vc[i].cbrt() + vc[j].cbrt();
                pairs_out.push(Pair {
                    i,
                    j,
                    beta_t2: p.beta_t * p.beta_t,
                    beta_v2: p.beta_v * p.beta_v,
                    c_t: 2.0 * p.beta_t * p.gamma_t * (tc[i] * tc[j]).sqrt(),
                    c_v: 2.0 * p.beta_v * p.gamma_v * cube * cube * cube / 8.0,
                    f: p.f,
                    departure: p.departure,
                });
            }
        }
        let molar_mass = comps.iter().map(|c| c.molar_mass).collect();
        Ok(MixtureModel {
            comps,
            tc,
            vc,
            molar_mass,
            pairs: pairs_out,
        })
    }

    /// Number of components.
    pub(crate) fn len(&self) -> usize {
        self.comps.len()
    }
}
