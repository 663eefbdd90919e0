#ifndef TENET_CLAZYCRYPTO_H
#define TENET_CLAZYCRYPTO_H

#include <stddef.h>

/// SHA-256 through the system's OpenSSL libcrypto, loaded with dlopen the first time a
/// digest is taken — so a command that hashes nothing (most of them: an edit, a listing,
/// `--version`) does not load libcrypto and bind its symbols at start-up.
///
/// Every function here loads libcrypto on its first call. When it cannot be loaded, the
/// process prints why on standard error and exits with status 1: the installation is
/// broken (libcrypto is a package dependency), and no digest can be made up.

enum { TENET_SHA256_LENGTH = 32 };

/// The SHA-256 digest of `count` bytes at `data` (which may be NULL when `count` is 0).
void tenet_sha256(const void *data, size_t count, unsigned char digest[TENET_SHA256_LENGTH]);

/// A digest context for data given piece by piece, started; NULL when memory ran out.
void *tenet_sha256_new(void);
/// Adds `count` bytes at `data`.
void tenet_sha256_update(void *context, const void *data, size_t count);
/// Writes the digest of everything added since the start, and starts over.
void tenet_sha256_finish(void *context, unsigned char digest[TENET_SHA256_LENGTH]);
/// Frees a context from tenet_sha256_new.
void tenet_sha256_free(void *context);

#endif
