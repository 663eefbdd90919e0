#ifndef TENET_CLIBCRYPTO_SHIM_H
#define TENET_CLIBCRYPTO_SHIM_H

/* The system's OpenSSL libcrypto (libssl-dev), for SHA-256 only: the EVP digest
   interface for streams, SHA256() for one buffer. Only TenetSpec's SHA256Digest.swift
   imports it. */
#include <openssl/evp.h>
#include <openssl/sha.h>

#endif
