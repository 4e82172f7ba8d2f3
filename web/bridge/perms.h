/*
 * How the bridges hand permissions to their pages (web only): one number,
 * with bit PERM_R set if readable, PERM_W if writable, PERM_U if user mode
 * may use it and PERM_X if executable.  Each bridge exports the bits' names
 * (ENUM_NAME_FUNCTION over PERMS), so a page keeps no copy of this packing.
 * (F, not the usual X: one entry is X.)
 */
#ifndef AURORA_WEB_PERMS_H
#define AURORA_WEB_PERMS_H

#include <stdbool.h>

#define PERMS(F) F(R, "R") F(W, "W") F(U, "U") F(X, "X")

enum perm_bit {
#define PERM_BIT_ENUM(id, name) PERM_##id,
	PERMS(PERM_BIT_ENUM)
#undef PERM_BIT_ENUM
};

static inline int perms(bool read, bool write, bool user, bool exec)
{
	return read << PERM_R | write << PERM_W | user << PERM_U | exec << PERM_X;
}

#endif
