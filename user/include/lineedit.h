/* The line editor: the kernel's shared kernel/tty/lineedit.c, linked into
   the C library as it is, so that the shell edits lines as the monitor
   does. */
#ifndef _LINEEDIT_H
#define _LINEEDIT_H

#include "../../kernel/include/lineedit.h"

#endif
