#ifndef VLMBOT_CGIT2_SHIM_H
#define VLMBOT_CGIT2_SHIM_H
#include <git2.h>
#endif
