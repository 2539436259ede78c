//! The global Jacobian: dense with our own LU ([`DenseLu`]) for the small systems of a cycle, sparse
//! with faer's sparse LU (partial pivoting, fill-reducing ordering) from
//! [`SPARSE_FROM`] unknowns on, where a dense matrix would cost O(n^2) memory and
//! O(n^3) work although every row has only the few entries of one component's ports.
use crate::dense_lu::DenseLu;
use faer::linalg::solvers::Solve;
use faer::sparse::{SparseColMat, Triplet};
use nalgebra::{DMatrix, DVector};
use std::cell::OnceCell;

/// Number of unknowns from which the Jacobian is stored and factorized as sparse.
pub(crate) const SPARSE_FROM: usize = 150;

/// A square Jacobian being assembled or assembled.
#[derive(Debug, Clone)]
pub(crate) enum Jacobian {
    Dense(DMatrix<f64>),
    /// `(row, column, value)` entries; repeated positions add up. `csc` caches their
    /// compressed form, which the row scaling and the factorization both read.
    Sparse {
        n: usize,
        entries: Vec<Triplet<usize, usize, f64>>,
        csc: OnceCell<Option<SparseColMat<usize, f64>>>,
    },
}

/// A factorized Jacobian.
pub(crate) enum Factorization {
    Dense(DenseLu),
    /// Boxed: the sparse LU is many times the size of the dense one's handle.
    Sparse(Box<faer::sparse::linalg::solvers::Lu<usize, f64>>),
}

impl Jacobian {
    /// An all-zero `nrows x n` Jacobian, sparse when `n >= SPARSE_FROM`.
    pub fn zeros(nrows: usize, n: usize) -> Self {
        if n >= SPARSE_FROM && nrows == n {
            Jacobian::Sparse {
                n,
                entries: Vec::new(),
                csc: OnceCell::new(),
            }
        } else {
            Jacobian::Dense(DMatrix::zeros(nrows, n))
        }
    }

    /// Sets every entry to zero (keeps the storage).
    pub fn clear(&mut self) {
        match self {
            Jacobian::Dense(m) => m.fill(0.0),
            Jacobian::Sparse { entries, csc, .. } => {
                entries.clear();
                csc.take();
            }
        }
    }

    /// Adds `value` to entry (row, column).
    #[inline]
    pub fn add(&mut self, row: usize, column: usize, value: f64) {
        match self {
            Jacobian::Dense(m) => m[(row, column)] += value,
            Jacobian::Sparse { entries, csc, .. } => {
                csc.take();
                if value != 0.0 {
                    entries.push(Triplet::new(row, column, value));
                }
            }
        }
    }

    /// Row `i` as a dense vector (for a Jacobian of one row).
    pub fn dense_row(&self, i: usize) -> DVector<f64> {
        match self {
            Jacobian::Dense(m) => m.row(i).transpose(),
            Jacobian::Sparse { n, entries, .. } => {
                let mut row = DVector::zeros(*n);
                entries.iter().filter(|e| e.row == i).for_each(|e| row[e.col] += e.val);
                row
            }
        }
    }

    /// Per row, `max_j |J_ij| magnitude_j`.
    pub fn row_maxima(&self, magnitude: impl Fn(usize) -> f64) -> DVector<f64> {
        match self {
            Jacobian::Dense(m) => {
                let mut maxima = vec![0.0f64; m.nrows()];
                // column-major storage: one contiguous pass down each column
                for (c, column) in m.as_slice().chunks_exact(m.nrows().max(1)).enumerate() {
                    let xc = magnitude(c);
                    for (mi, jic) in maxima.iter_mut().zip(column) {
                        *mi = mi.max((jic * xc).abs());
                    }
                }
                DVector::from_vec(maxima)
            }
            Jacobian::Sparse { n, .. } => {
                let mut maxima = DVector::<f64>::zeros(*n);
                if let Some(csc) = self.to_csc() {
                    for c in 0..*n {
                        let xc = magnitude(c);
                        for (&r, v) in csc.row_idx_of_col_raw(c).iter().zip(csc.val_of_col(c)) {
                            maxima[r] = maxima[r].max((v * xc).abs());
                        }
                    }
                }
                maxima
            }
        }
    }

    /// Compressed columns with repeated entries summed (`None` if an index is out of
    /// range), built once per assembled Jacobian.
    fn to_csc(&self) -> Option<&SparseColMat<usize, f64>> {
        match self {
            Jacobian::Dense(_) => None,
            Jacobian::Sparse { n, entries, csc } => csc
                .get_or_init(|| SparseColMat::try_new_from_triplets(*n, *n, entries).ok())
                .as_ref(),
        }
    }

    /// The LU factorization, or `None` when the matrix is structurally singular.
    pub fn factorize(&self) -> Option<Factorization> {
        match self {
            Jacobian::Dense(m) => Some(Factorization::Dense(DenseLu::new(m))),
            Jacobian::Sparse { .. } => self
                .to_csc()?
                .sp_lu()
                .ok()
                .map(|lu| Factorization::Sparse(Box::new(lu))),
        }
    }
}

impl Factorization {
    /// [`Self::solve`] overwriting `b` with `x`; `false` when `J` is singular or the
    /// result is not finite (`b` is then unspecified).
    pub fn solve_in_place(&self, b: &mut DVector<f64>) -> bool {
        let solved = match self {
            Factorization::Dense(lu) => lu.solve_in_place(b.as_mut_slice()),
            Factorization::Sparse(lu) => {
                let mut x = faer::Mat::<f64>::from_fn(b.len(), 1, |i, _| b[i]);
                lu.solve_in_place(x.as_mut());
                b.as_mut_slice().copy_from_slice(x.col_as_slice(0));
                true
            }
        };
        solved && b.as_slice().iter().all(|v| v.is_finite())
    }

    /// Solves `J x = b`; `None` when `J` is singular (or the result is not finite).
    pub fn solve(&self, b: &DVector<f64>) -> Option<DVector<f64>> {
        let mut x = b.clone();
        self.solve_in_place(&mut x).then_some(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same tridiagonal system solved through both storages.
    #[test]
    fn dense_and_sparse_solves_agree() {
        let n = SPARSE_FROM + 7;
        let mut sparse = Jacobian::zeros(n, n);
        let mut dense = Jacobian::Dense(DMatrix::zeros(n, n));
        assert!(matches!(sparse, Jacobian::Sparse { .. }));
        for j in [&mut sparse, &mut dense] {
            for i in 0..n {
                j.add(i, i, 2.0 + i as f64 * 1e-3);
                j.add(i, i, 1.0); // repeated entries add up
                if i > 0 {
                    j.add(i, i - 1, -1.0);
                    j.add(i - 1, i, -0.5);
                }
            }
        }
        let b = DVector::from_fn(n, |i, _| (i as f64).sin());
        let xs = sparse.factorize().unwrap().solve(&b).unwrap();
        let xd = dense.factorize().unwrap().solve(&b).unwrap();
        assert!((&xs - &xd).amax() < 1e-12 * xd.amax());
        let scale = |c: usize| 1.0 + c as f64;
        assert!((sparse.row_maxima(scale) - dense.row_maxima(scale)).amax() < 1e-12);
        assert_eq!(sparse.dense_row(3), dense.dense_row(3));
    }

    #[test]
    fn structurally_singular_sparse_matrix_is_reported() {
        let n = SPARSE_FROM;
        let mut j = Jacobian::zeros(n, n);
        for i in 1..n {
            j.add(i, i, 1.0);
        }
        assert!(j
            .factorize()
            .and_then(|f| f.solve(&DVector::from_element(n, 1.0)))
            .is_none());
    }
}
