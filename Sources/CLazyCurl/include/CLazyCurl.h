#ifndef TENET_CLAZYCURL_H
#define TENET_CLAZYCURL_H

#include <stddef.h>
#include <stdint.h>

/// One HTTP exchange through the system's libcurl, loaded with dlopen the first time a
/// request is made — so a process that never talks to a model never loads libcurl, its
/// TLS library or Kerberos (about 30 shared libraries whose symbols the dynamic linker
/// would otherwise resolve at every start).

/// Set from any thread to abort a transfer in flight (see tenet_http_cancel).
typedef struct tenet_http_flag {
    int value;
} tenet_http_flag;

typedef struct tenet_http_request {
    /// An http:// or https:// URL; redirects are followed within http(s) only.
    const char *url;
    /// "GET" or "POST" (any other is sent as a custom method).
    const char *method;
    /// Header lines, "Name: value".
    const char *const *headers;
    size_t header_count;
    /// The request body, or NULL for none.
    const void *body;
    size_t body_length;
    /// The whole exchange's deadline, in milliseconds.
    long timeout_ms;
    /// A larger response body is refused with an error.
    size_t max_body_bytes;
    /// Checked while the transfer runs; when set, it ends with an error.
    const tenet_http_flag *cancelled;
} tenet_http_request;

typedef struct tenet_http_response {
    /// The HTTP status of the last response (after redirects).
    long status;
    /// The body (malloc'd; see tenet_http_response_free).
    char *body;
    size_t body_length;
    /// The last response's header lines, as received, CRLF-separated (malloc'd).
    char *headers;
    size_t headers_length;
    /// What went wrong when tenet_http_perform returns non-zero (malloc'd).
    char *error;
    /// Non-zero when it failed because the body passed max_body_bytes.
    int too_large;
} tenet_http_response;

/// Performs `request`, blocking the calling thread until an answer, an error, the
/// deadline or cancellation. Returns 0 with `response` filled, or non-zero with
/// `response->error` saying why (libcurl missing, connection refused, timed out…).
/// Safe to call from many threads at once; idle connections are kept for reuse.
int tenet_http_perform(const tenet_http_request *request, tenet_http_response *response);

/// Frees what tenet_http_perform allocated in `response`.
void tenet_http_response_free(tenet_http_response *response);

/// Sets `flag` (an atomic store), so the transfer watching it ends soon.
void tenet_http_cancel(tenet_http_flag *flag);

#endif
