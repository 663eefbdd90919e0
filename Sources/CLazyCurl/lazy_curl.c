// HTTP through the system's libcurl, opened with dlopen on the first request (see
// CLazyCurl.h). Linking libcurl — or FoundationNetworking, which links it — would make
// every start of `tenet` load and bind ~30 more shared libraries (TLS, Kerberos, LDAP…),
// about a third of a short command's instructions, for commands that never use HTTP.

#include "CLazyCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// The part of libcurl's ABI used here, as curl/curl.h defines it. These numbers are
// libcurl's stable ABI (soname 4, unchanged since 2006); declaring them here keeps the
// curl headers out of the build.
typedef void CURL;
typedef int CURLcode;
typedef long long curl_off_t;
struct curl_slist;

enum {
    CURLE_OK = 0,
    CURLE_WRITE_ERROR = 23,
    CURLE_ABORTED_BY_CALLBACK = 42,
    CURLE_UNKNOWN_OPTION = 48,
    CURL_GLOBAL_ALL = 3,
    CURL_ERROR_SIZE = 256,
};

enum {
    OPT_NOPROGRESS = 43,
    OPT_POST = 47,
    OPT_FOLLOWLOCATION = 52,
    OPT_MAXREDIRS = 68,
    OPT_HTTPGET = 80,
    OPT_NOSIGNAL = 99,
    OPT_TIMEOUT_MS = 155,
    OPT_CONNECTTIMEOUT_MS = 156,
    OPT_REDIR_PROTOCOLS = 182,
    OPT_WRITEDATA = 10000 + 1,
    OPT_URL = 10000 + 2,
    OPT_ERRORBUFFER = 10000 + 10,
    OPT_POSTFIELDS = 10000 + 15,
    OPT_USERAGENT = 10000 + 18,
    OPT_HTTPHEADER = 10000 + 23,
    OPT_HEADERDATA = 10000 + 29,
    OPT_CUSTOMREQUEST = 10000 + 36,
    OPT_XFERINFODATA = 10000 + 57,
    OPT_ACCEPT_ENCODING = 10000 + 102,
    OPT_REDIR_PROTOCOLS_STR = 10000 + 319,
    OPT_WRITEFUNCTION = 20000 + 11,
    OPT_HEADERFUNCTION = 20000 + 79,
    OPT_XFERINFOFUNCTION = 20000 + 219,
    OPT_POSTFIELDSIZE_LARGE = 30000 + 120,
    INFO_RESPONSE_CODE = 0x200000 + 2,
    PROTO_HTTP = 1,
    PROTO_HTTPS = 2,
};

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, int option, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, int info, ...);
    void (*easy_reset)(CURL *);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[512];

static void load_curl(void) {
    // Debian and Ubuntu ship libcurl built on OpenSSL or on GnuTLS; either will do.
    static const char *const names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !library; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (!library) {
        snprintf(load_error, sizeof load_error,
                 "cannot load libcurl (libcurl.so.4) to talk to the model endpoint: %s — install it (apt-get install libcurl4)",
                 dlerror());
        return;
    }
#define RESOLVE(field, symbol)                                                                             \
    if (!(*(void **)&curl.field = dlsym(library, symbol))) {                                              \
        snprintf(load_error, sizeof load_error, "the libcurl found has no %s; install libcurl 7.32 or newer", \
                 symbol);                                                                                  \
        return;                                                                                            \
    }
    RESOLVE(global_init, "curl_global_init")
    RESOLVE(easy_init, "curl_easy_init")
    RESOLVE(easy_setopt, "curl_easy_setopt")
    RESOLVE(easy_perform, "curl_easy_perform")
    RESOLVE(easy_getinfo, "curl_easy_getinfo")
    RESOLVE(easy_reset, "curl_easy_reset")
    RESOLVE(easy_cleanup, "curl_easy_cleanup")
    RESOLVE(easy_strerror, "curl_easy_strerror")
    RESOLVE(slist_append, "curl_slist_append")
    RESOLVE(slist_free_all, "curl_slist_free_all")
#undef RESOLVE
    CURLcode code = curl.global_init(CURL_GLOBAL_ALL);
    if (code != CURLE_OK) {
        snprintf(load_error, sizeof load_error, "libcurl did not start: %s", curl.easy_strerror(code));
    }
}

// Idle handles keep their connections (curl_easy_reset keeps them), so consecutive
// requests to one endpoint reuse a connection and its TLS session.
enum { MAX_IDLE = 16 };
static pthread_mutex_t idle_lock = PTHREAD_MUTEX_INITIALIZER;
static CURL *idle[MAX_IDLE];
static int idle_count;

static CURL *take_handle(void) {
    CURL *handle = NULL;
    pthread_mutex_lock(&idle_lock);
    if (idle_count > 0) handle = idle[--idle_count];
    pthread_mutex_unlock(&idle_lock);
    if (handle) {
        curl.easy_reset(handle);
        return handle;
    }
    return curl.easy_init();
}

static void give_back(CURL *handle) {
    pthread_mutex_lock(&idle_lock);
    if (idle_count < MAX_IDLE) {
        idle[idle_count++] = handle;
        handle = NULL;
    }
    pthread_mutex_unlock(&idle_lock);
    if (handle) curl.easy_cleanup(handle);
}

typedef struct buffer {
    char *bytes;
    size_t length, capacity, limit;
    int overflowed;
} buffer;

static int append(buffer *b, const char *bytes, size_t length) {
    if (length > b->limit - b->length) {
        b->overflowed = 1;
        return 0;
    }
    if (b->length + length + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + length + 1) capacity *= 2;
        char *grown = realloc(b->bytes, capacity);
        if (!grown) return 0;
        b->bytes = grown;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->length, bytes, length);
    b->length += length;
    b->bytes[b->length] = 0;
    return 1;
}

static size_t on_body(char *bytes, size_t size, size_t count, void *context) {
    return append(context, bytes, size * count) ? size * count : 0;
}

static size_t on_header(char *bytes, size_t size, size_t count, void *context) {
    buffer *headers = context;
    size_t length = size * count;
    // A status line starts a response: keep only the last one's headers (after a
    // redirect or a 100 Continue).
    if (length >= 5 && strncmp(bytes, "HTTP/", 5) == 0) headers->length = 0;
    return append(headers, bytes, length) ? length : 0;
}

static int on_progress(void *context, curl_off_t total_down, curl_off_t now_down, curl_off_t total_up,
                       curl_off_t now_up) {
    (void)total_down, (void)now_down, (void)total_up, (void)now_up;
    const tenet_http_flag *cancelled = context;
    return cancelled && __atomic_load_n(&cancelled->value, __ATOMIC_ACQUIRE) ? 1 : 0;
}

static int fail(tenet_http_response *response, const char *message) {
    response->error = strdup(message);
    return -1;
}

int tenet_http_perform(const tenet_http_request *request, tenet_http_response *response) {
    memset(response, 0, sizeof *response);
    pthread_once(&load_once, load_curl);
    if (load_error[0]) return fail(response, load_error);

    CURL *handle = take_handle();
    if (!handle) return fail(response, "libcurl could not make a transfer (out of memory?)");

    struct curl_slist *headers = NULL;
    for (size_t i = 0; i < request->header_count; i++) headers = curl.slist_append(headers, request->headers[i]);
    // No "Expect: 100-continue" for large bodies: it costs a round trip (or a second, with
    // servers that ignore it).
    headers = curl.slist_append(headers, "Expect:");

    char error[CURL_ERROR_SIZE] = {0};
    buffer body = {.limit = request->max_body_bytes ? request->max_body_bytes : (size_t)-1};
    buffer head = {.limit = 1 << 20};

    curl.easy_setopt(handle, OPT_URL, request->url);
    curl.easy_setopt(handle, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, OPT_ERRORBUFFER, error);
    curl.easy_setopt(handle, OPT_HTTPHEADER, headers);
    curl.easy_setopt(handle, OPT_USERAGENT, "tenet");
    curl.easy_setopt(handle, OPT_ACCEPT_ENCODING, "");
    curl.easy_setopt(handle, OPT_FOLLOWLOCATION, 1L);
    curl.easy_setopt(handle, OPT_MAXREDIRS, 8L);
    if (curl.easy_setopt(handle, OPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_UNKNOWN_OPTION) {
        curl.easy_setopt(handle, OPT_REDIR_PROTOCOLS, (long)(PROTO_HTTP | PROTO_HTTPS));
    }
    curl.easy_setopt(handle, OPT_TIMEOUT_MS, request->timeout_ms > 0 ? request->timeout_ms : 1L);
    curl.easy_setopt(handle, OPT_CONNECTTIMEOUT_MS, request->timeout_ms > 0 ? request->timeout_ms : 1L);
    curl.easy_setopt(handle, OPT_WRITEFUNCTION, on_body);
    curl.easy_setopt(handle, OPT_WRITEDATA, &body);
    curl.easy_setopt(handle, OPT_HEADERFUNCTION, on_header);
    curl.easy_setopt(handle, OPT_HEADERDATA, &head);
    curl.easy_setopt(handle, OPT_NOPROGRESS, 0L);
    curl.easy_setopt(handle, OPT_XFERINFOFUNCTION, on_progress);
    curl.easy_setopt(handle, OPT_XFERINFODATA, (void *)request->cancelled);
    if (strcmp(request->method, "GET") == 0) {
        curl.easy_setopt(handle, OPT_HTTPGET, 1L);
    } else {
        if (strcmp(request->method, "POST") == 0) {
            curl.easy_setopt(handle, OPT_POST, 1L);
        } else {
            curl.easy_setopt(handle, OPT_CUSTOMREQUEST, request->method);
        }
        curl.easy_setopt(handle, OPT_POSTFIELDS, request->body ? request->body : "");
        curl.easy_setopt(handle, OPT_POSTFIELDSIZE_LARGE, (curl_off_t)(request->body ? request->body_length : 0));
    }

    CURLcode code = curl.easy_perform(handle);
    long status = 0;
    curl.easy_getinfo(handle, INFO_RESPONSE_CODE, &status);
    curl.slist_free_all(headers);
    give_back(handle);

    if (code != CURLE_OK) {
        char message[512];
        if (code == CURLE_ABORTED_BY_CALLBACK) {
            snprintf(message, sizeof message, "the request was cancelled");
        } else if (code == CURLE_WRITE_ERROR && body.overflowed) {
            snprintf(message, sizeof message, "the answer is larger than %zu MB", request->max_body_bytes >> 20);
        } else {
            snprintf(message, sizeof message, "%s", error[0] ? error : curl.easy_strerror(code));
        }
        free(body.bytes);
        free(head.bytes);
        response->too_large = code == CURLE_WRITE_ERROR && body.overflowed;
        return fail(response, message);
    }
    response->status = status;
    response->body = body.bytes;
    response->body_length = body.length;
    response->headers = head.bytes;
    response->headers_length = head.length;
    return 0;
}

void tenet_http_response_free(tenet_http_response *response) {
    free(response->body);
    free(response->headers);
    free(response->error);
    memset(response, 0, sizeof *response);
}

void tenet_http_cancel(tenet_http_flag *flag) {
    __atomic_store_n(&flag->value, 1, __ATOMIC_RELEASE);
}
