// GMP for Swift. gmp.h names every documented function through a macro alias
// (`mpz_add` is `__gmpz_add`), which Swift does not import; Swift code calls the
// real `__gmp*` symbols. Function-like macros have no symbol at all, so they are
// wrapped here as static inline functions with a `cgmp_` prefix.
#ifndef CGMP_SHIM_H
#define CGMP_SHIM_H

#include <gmp.h>

/// The numerator of `q`, as `mpq_numref` gives it.
static inline mpz_ptr cgmp_mpq_numref(mpq_ptr q) { return mpq_numref(q); }

/// The denominator of `q`, as `mpq_denref` gives it.
static inline mpz_ptr cgmp_mpq_denref(mpq_ptr q) { return mpq_denref(q); }

/// The numerator of a read-only `q`.
static inline mpz_srcptr cgmp_mpq_numref_const(mpq_srcptr q) { return mpq_numref(q); }

/// The denominator of a read-only `q`.
static inline mpz_srcptr cgmp_mpq_denref_const(mpq_srcptr q) { return mpq_denref(q); }

/// -1, 0 or 1, as `mpz_sgn` gives it.
static inline int cgmp_mpz_sgn(mpz_srcptr z) { return mpz_sgn(z); }

/// -1, 0 or 1, as `mpq_sgn` gives it.
static inline int cgmp_mpq_sgn(mpq_srcptr q) { return mpq_sgn(q); }

/// The number of limbs in use (the absolute value of `_mp_size`).
static inline size_t cgmp_mpz_limb_count(mpz_srcptr z) { return mpz_size(z); }

#endif
