// SHA-256 through the system's libcrypto, opened with dlopen on the first digest (see
// CLazyCrypto.h). Linking libcrypto made every start of `tenet` load it and resolve ~1,200
// of its symbols (~2.5 M instructions) for commands that never hash anything.

#include "CLazyCrypto.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// The part of libcrypto's ABI used here (OpenSSL 1.1 and 3 alike): the EVP digest
// interface (and EVP_MD_fetch when there is one). Declared here so that the OpenSSL
// headers are not needed to build.
typedef struct evp_md_ctx EVP_MD_CTX;
typedef struct evp_md EVP_MD;

static struct {
    EVP_MD_CTX *(*ctx_new)(void);
    void (*ctx_free)(EVP_MD_CTX *);
    const EVP_MD *(*evp_sha256)(void);
    int (*init)(EVP_MD_CTX *, const EVP_MD *, void *engine);
    int (*update)(EVP_MD_CTX *, const void *, size_t);
    int (*final)(EVP_MD_CTX *, unsigned char *, unsigned int *);
    int (*digest)(const void *, size_t, unsigned char *, unsigned int *, const EVP_MD *, void *engine);
    // The SHA-256 implementation every digest starts from: fetched once from OpenSSL 3's
    // default provider (`EVP_MD_fetch`), else (OpenSSL 1.1) `EVP_sha256()`. Starting a
    // digest from `EVP_sha256()` makes OpenSSL 3 fetch it again, under a global lock, every
    // time — most of the cost of hashing a short text (a pair's content ID), and a lock
    // the import's parsing threads contended for.
    const EVP_MD *md;
} crypto;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "tenet: cannot %s: %s — install OpenSSL's libcrypto (apt-get install libssl3)\n", what, detail);
    exit(1);
}

static void load_crypto(void) {
    static const char *const names[] = {"libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"};
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !library; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (!library) fail("load libcrypto (libcrypto.so.3) for SHA-256", dlerror());
#define RESOLVE(field, symbol) \
    if (!(*(void **)&crypto.field = dlsym(library, symbol))) fail("use the libcrypto found", "it has no " symbol);
    RESOLVE(ctx_new, "EVP_MD_CTX_new")
    RESOLVE(ctx_free, "EVP_MD_CTX_free")
    RESOLVE(evp_sha256, "EVP_sha256")
    RESOLVE(init, "EVP_DigestInit_ex")
    RESOLVE(update, "EVP_DigestUpdate")
    RESOLVE(final, "EVP_DigestFinal_ex")
    RESOLVE(digest, "EVP_Digest")
#undef RESOLVE
    const EVP_MD *(*fetch)(void *context, const char *algorithm, const char *properties) =
        (const EVP_MD *(*)(void *, const char *, const char *))dlsym(library, "EVP_MD_fetch");
    crypto.md = fetch ? fetch(NULL, "SHA256", NULL) : NULL;
    if (!crypto.md) crypto.md = crypto.evp_sha256();
}

static void load(void) { pthread_once(&load_once, load_crypto); }

void tenet_sha256(const void *data, size_t count, unsigned char digest[TENET_SHA256_LENGTH]) {
    load();
    // A null pointer (an empty buffer) is not accepted by every libcrypto.
    static const unsigned char empty = 0;
    if (crypto.digest(data ? data : &empty, count, digest, NULL, crypto.md, NULL) != 1) fail("take a SHA-256 digest", "libcrypto refused");
}

static void start(EVP_MD_CTX *context) {
    if (crypto.init(context, crypto.md, NULL) != 1) fail("start a SHA-256 digest", "libcrypto refused");
}

void *tenet_sha256_new(void) {
    load();
    EVP_MD_CTX *context = crypto.ctx_new();
    if (context) start(context);
    return context;
}

void tenet_sha256_update(void *context, const void *data, size_t count) {
    if (count > 0) crypto.update(context, data, count);
}

void tenet_sha256_finish(void *context, unsigned char digest[TENET_SHA256_LENGTH]) {
    unsigned int length = 0;
    crypto.final(context, digest, &length);
    start(context);
}

void tenet_sha256_free(void *context) { crypto.ctx_free(context); }
