//! Validation of mixture compositions and mass-to-mole conversion.

use crate::error::FluidError;

/// Accepted deviation of a composition's sum from 1.
pub(crate) const SUM_TOLERANCE: f64 = 1e-9;

/// Check a composition (each entry finite in [0, 1], sum 1 within [`SUM_TOLERANCE`],
/// one entry per component) and return it normalized to sum exactly 1.
pub(crate) fn validated(x: &[f64], components: usize) -> Result<Vec<f64>, FluidError> {
    if x.len() != components {
        return Err(FluidError::CompositionLength {
            given: x.len(),
            components,
        });
    }
    for (index, &value) in x.iter().enumerate() {
        // (written so that NaN fails)
        if !(0.0..=1.0).contains(&value) {
            return Err(FluidError::MoleFractionOutOfRange { index, value });
        }
    }
    let sum: f64 = x.iter().sum();
    if !((sum - 1.0).abs() <= SUM_TOLERANCE) {
        return Err(FluidError::MoleFractionSum {
            sum,
            tolerance: SUM_TOLERANCE,
        });
    }
    Ok(x.iter().map(|v| v / sum).collect())
}

/// Mole fractions from mass fractions `w` and molar masses `m`: x_i = (w_i / M_i) /
/// sum_k (w_k / M_k). `w` must have been validated.
pub(crate) fn mole_from_mass(w: &[f64], m: &[f64]) -> Vec<f64> {
    let n: Vec<f64> = w.iter().zip(m).map(|(w, m)| w / m).collect();
    let s: f64 = n.iter().sum();
    n.iter().map(|v| v / s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_compositions_with_the_offending_value() {
        assert_eq!(
            validated(&[0.5, -0.1, 0.6], 3),
            Err(FluidError::MoleFractionOutOfRange { index: 1, value: -0.1 })
        );
        assert!(matches!(
            validated(&[f64::NAN, 1.0], 2),
            Err(FluidError::MoleFractionOutOfRange { index: 0, .. })
        ));
        let e = validated(&[0.5, 0.6], 2).unwrap_err();
        assert!(matches!(e, FluidError::MoleFractionSum { sum, .. } if (sum - 1.1).abs() < 1e-15));
        assert!(e.to_string().contains("1.1"), "{e}");
        assert_eq!(
            validated(&[1.0], 2),
            Err(FluidError::CompositionLength {
                given: 1,
                components: 2
            })
        );
        let x = validated(&[0.3, 0.7 + 5e-10], 2).unwrap();
        assert!((x[0] + x[1] - 1.0).abs() < 1e-16);
    }

    /// R454B, 68.9 / 31.1 mass % R32 / R1234yf: 0.8292 / 0.1708 mol (M = 52.024 / 114.042 g/mol).
    #[test]
    fn mass_to_mole() {
        let x = mole_from_mass(&[0.689, 0.311], &[0.052024, 0.114042]);
        assert!((x[0] - 0.82925).abs() < 1e-4, "{x:?}");
    }
}
