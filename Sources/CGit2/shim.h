#ifndef VLMBOT_CGIT2_SHIM_H
#define VLMBOT_CGIT2_SHIM_H
#include <git2.h>

/// Turns off hashing every object read to check its id (`git_libgit2_opts` is variadic, which
/// Swift cannot call). vlmbot only reads objects; a corrupt one fails to inflate anyway.
static inline int vlmbot_git_skip_hash_verification(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}
#endif
