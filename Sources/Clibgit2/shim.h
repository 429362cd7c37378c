#ifndef GIT_RELEASE_CLIBGIT2_SHIM_H
#define GIT_RELEASE_CLIBGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/commit.h>

/* git_libgit2_opts is variadic in C, which Swift cannot call: one fixed-arity wrapper per use. */

/* Re-hashing every object read costs time on large histories; git itself does not do it on read. */
static inline int git_release_shim_set_strict_hash_verification(int enabled) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* Whether objects read are kept in the repository's object cache (process-wide). */
static inline int git_release_shim_set_caching(int enabled) {
  return git_libgit2_opts(GIT_OPT_ENABLE_CACHING, enabled);
}

/* How much of a pack file one mapped window covers, and how much may be mapped at once. */
static inline int git_release_shim_set_pack_windows(size_t window, size_t limit) {
  int error = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window);
  return error < 0 ? error : git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, limit);
}

/* Where libgit2 looks for the global, XDG, system and program-data configuration files. */
static inline int git_release_shim_set_config_search_path(git_config_level_t level, const char *path) {
  return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

#endif
