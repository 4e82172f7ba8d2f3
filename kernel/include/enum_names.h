/*
 * Enums listed once, in an X-macro of X(id, name) entries, with their names
 * made from the same list, so that a trace, the monitor or a visualiser
 * never keeps a second copy that could drift:
 *
 *	#define COLOURS(X) X(RED, "red") X(GREEN, "green")
 *	enum colour {
 *	#define COLOUR_ENUM(id, name) COLOUR_##id,
 *		COLOURS(COLOUR_ENUM)
 *	#undef COLOUR_ENUM
 *	};
 *	ENUM_NAME_FUNCTION(colour_name, enum colour, COLOURS)
 *
 * defines const char *colour_name(enum colour), "red" for COLOUR_RED and
 * NULL for a value past the list.
 */
#ifndef AURORA_ENUM_NAMES_H
#define AURORA_ENUM_NAMES_H

#include <stddef.h>

#define ENUM_NAME_OF_ENTRY(id, name) name,

#define ENUM_NAME_FUNCTION(function, type, LIST)					\
	const char *function(type value)						\
	{										\
		static const char *const names[] = { LIST(ENUM_NAME_OF_ENTRY) };	\
											\
		return (size_t)value < sizeof(names) / sizeof(names[0]) ? names[value] : NULL; \
	}

#endif
