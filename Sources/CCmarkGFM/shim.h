#ifndef TENET_CCMARKGFM_SHIM_H
#define TENET_CCMARKGFM_SHIM_H

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#if defined(__linux__)
// malloc_trim: the parser hands back the pages of cmark trees freed on other threads.
#include <malloc.h>
#endif

#endif
