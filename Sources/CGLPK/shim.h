#ifndef BASELOAD_CGLPK_SHIM_H
#define BASELOAD_CGLPK_SHIM_H
#include <glpk.h>
#endif
