#ifndef GIT_RELEASE_CLIBDEFLATE_SHIM_H
#define GIT_RELEASE_CLIBDEFLATE_SHIM_H

#include <libdeflate.h>

#endif
