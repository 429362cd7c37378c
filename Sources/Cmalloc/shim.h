#ifndef GIT_RELEASE_CMALLOC_SHIM_H
#define GIT_RELEASE_CMALLOC_SHIM_H

#include <malloc.h>

/* glibc gives each new thread a malloc arena of its own, and memory freed in one arena is not
   reused by the others: a walk whose threads each allocate then holds several arenas' worth.
   mallopt is not visible to Swift; this sets how many arenas a process may have (0 on failure). */
static inline int git_release_shim_set_malloc_arenas(int count) {
  return mallopt(M_ARENA_MAX, count);
}

#endif
