#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#include <aurora/utsname.h>

int uname(struct utsname *u);

#endif
