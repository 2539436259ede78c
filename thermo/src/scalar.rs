//! The scalar abstraction: every property function is generic over `D: Scalar`.
//!
//! `f64` gives plain values; num-dual types (`Dual64`, `DualSVec64<N>`, ...) carry
//! exact first derivatives with respect to whatever inputs were seeded.

use num_dual::DualNum;

/// A real scalar or a num-dual dual number whose primitive is `f64`.
///
/// Blanket-implemented for every `DualNum<Primitive = f64> + Copy` type.
pub trait Scalar: DualNum<Primitive = f64> + Copy {}

impl<T: DualNum<Primitive = f64> + Copy> Scalar for T {}

/// Real part of a scalar (value without derivatives).
#[inline]
pub(crate) fn re<D: Scalar>(x: D) -> f64 {
    num_dual::DualStruct::re(&x)
}

/// Constant (zero-derivative) scalar from an `f64`.
#[inline]
pub(crate) fn cst<D: Scalar>(x: f64) -> D {
    D::from(x)
}

/// `true` when `D` is plain `f64` (no derivative part). Used only to skip
/// derivative-propagation steps that would be no-ops. `DualNum` types are `'static`, so
/// the `TypeId` comparison is resolved at compile time.
#[inline]
pub(crate) fn is_plain<D: Scalar>() -> bool {
    std::any::TypeId::of::<D>() == std::any::TypeId::of::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_dual::Dual64;

    #[test]
    fn plain_detection() {
        assert!(is_plain::<f64>());
        assert!(!is_plain::<Dual64>());
        assert_eq!(re(Dual64::new(2.0, 1.0)), 2.0);
        let c: Dual64 = cst(3.0);
        assert_eq!(c.eps, 0.0);
    }
}
