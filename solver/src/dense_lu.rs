//! LU factorization with partial pivoting of the small dense Jacobians of a cycle.
//!
//! Doolittle elimination in the right-looking (outer product) order on column-major
//! storage, `P A = L U` (Golub & Van Loan, *Matrix Computations*, 4th ed., 2013,
//! Algorithm 3.4.1): at step k the entry of largest magnitude in column k (rows k..n)
//! becomes the pivot, its row is swapped into place, the column below it is divided by
//! it (the multipliers of L) and the trailing block gets the rank-1 update
//! `A[k+1.., j] -= l * A[k, j]`, one contiguous column at a time. For the 20–150
//! unknowns of a cycle this is several times faster than the general-purpose
//! `nalgebra::LU`, which copies, checks strides and swaps whole rows.
use nalgebra::DMatrix;

/// `P A = L U` of a square matrix, stored in place (unit lower `L` below the diagonal,
/// `U` on and above it), with the row permutation `P` as the pivot row of each step.
#[derive(Debug, Clone)]
pub(crate) struct DenseLu {
    n: usize,
    lu: Vec<f64>,
    pivots: Vec<usize>,
    /// An exact zero pivot occurred: the matrix is singular and `solve` returns `None`.
    singular: bool,
}

impl DenseLu {
    /// Factorizes `a` (square).
    pub fn new(a: &DMatrix<f64>) -> DenseLu {
        let n = a.nrows();
        debug_assert_eq!(n, a.ncols());
        let mut lu = a.as_slice().to_vec();
        let mut pivots = Vec::with_capacity(n);
        let mut singular = false;
        for k in 0..n {
            let column = &lu[k * n..(k + 1) * n];
            let mut p = k;
            let mut largest = column[k].abs();
            for (i, v) in column.iter().enumerate().skip(k + 1) {
                if v.abs() > largest {
                    largest = v.abs();
                    p = i;
                }
            }
            pivots.push(p);
            if largest == 0.0 || largest.is_nan() {
                singular = true;
                continue;
            }
            if p != k {
                for j in 0..n {
                    lu.swap(j * n + k, j * n + p);
                }
            }
            let (left, right) = lu.split_at_mut((k + 1) * n);
            let column = &mut left[k * n..];
            let inverse = 1.0 / column[k];
            for v in &mut column[k + 1..] {
                *v *= inverse;
            }
            let multipliers = &column[k + 1..];
            for target in right.chunks_exact_mut(n) {
                let factor = target[k];
                if factor != 0.0 {
                    for (t, l) in target[k + 1..].iter_mut().zip(multipliers) {
                        *t -= l * factor;
                    }
                }
            }
        }
        DenseLu {
            n,
            lu,
            pivots,
            singular,
        }
    }

    /// Solves `A x = b` by forward and back substitution, overwriting `xs` (`b` on
    /// entry, `x` on return); `false` if `A` is singular (`xs` is then unchanged).
    pub fn solve_in_place(&self, xs: &mut [f64]) -> bool {
        if self.singular {
            return false;
        }
        let n = self.n;
        for (k, &p) in self.pivots.iter().enumerate() {
            xs.swap(k, p);
        }
        // L y = P b (unit diagonal), column by column
        for (k, column) in self.lu.chunks_exact(n).enumerate() {
            let (head, tail) = xs.split_at_mut(k + 1);
            let xk = head[k];
            if xk != 0.0 {
                for (xi, l) in tail.iter_mut().zip(&column[k + 1..]) {
                    *xi -= l * xk;
                }
            }
        }
        // U x = y, column by column from the last
        for (k, column) in self.lu.chunks_exact(n).enumerate().rev() {
            let (head, tail) = xs.split_at_mut(k);
            let xk = tail[0] / column[k];
            tail[0] = xk;
            if xk != 0.0 {
                for (xi, u) in head.iter_mut().zip(&column[..k]) {
                    *xi -= u * xk;
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DVector;

    /// Agrees with nalgebra's LU on a matrix that needs pivoting, and reports a
    /// singular matrix.
    #[test]
    fn solves_like_nalgebra_and_detects_singularity() {
        let n = 9;
        let a = DMatrix::from_fn(n, n, |i, j| {
            let v = ((i * 7 + j * 3) % 11) as f64 - 5.0 + if i == (j + 4) % n { 20.0 } else { 0.0 };
            v * (1.0 + 0.1 * j as f64)
        });
        let b = DVector::from_fn(n, |i, _| (i as f64 + 0.5).sin());
        let mut x = b.clone();
        assert!(DenseLu::new(&a).solve_in_place(x.as_mut_slice()));
        let reference = a.clone().lu().solve(&b).unwrap();
        assert!((&x - &reference).amax() <= 1e-12 * reference.amax());
        assert!((&a * &x - &b).amax() <= 1e-12 * b.amax());
        // a zero column gives an exact zero pivot (dependent rows would only by luck
        // of round-off, as in nalgebra)
        let mut singular = a.clone();
        singular.set_column(3, &DVector::zeros(n));
        assert!(!DenseLu::new(&singular).solve_in_place(b.clone().as_mut_slice()));
    }
}
