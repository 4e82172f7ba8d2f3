/*
 * printf-style formatting (shared code).  One engine, vformat(), parses a
 * conversion into a struct spec, fetches its argument and lays out the
 * result: [padding] [sign or 0x] [zeros] digits [padding].  Integers only:
 * the kernel runs without SSE, so there is no %f.
 */
#include <stdbool.h>
#include <stdint.h>
#include "format.h"
#include "string.h"

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T };

struct spec {
	bool left;		/* '-': pad on the right */
	bool zero;		/* '0': pad numbers with zeros */
	bool plus;		/* '+': sign even positive numbers */
	bool space;		/* ' ': a space where the sign of a positive number goes */
	bool alt;		/* '#': 0 before octal, 0x before hex */
	int width;		/* minimum field width, 0 if none */
	int precision;		/* -1 if none */
	enum length length;
	char conv;		/* the conversion character */
};

/* Where characters go, and how many have gone. */
struct sink {
	format_putc_fn putc;
	void *ctx;
	int count;
};

static void put(struct sink *out, char c)
{
	out->putc(out->ctx, c);
	out->count++;
}

static void put_repeated(struct sink *out, char c, int n)
{
	for (; n > 0; n--)
		put(out, c);
}

static void put_chars(struct sink *out, const char *s, size_t n)
{
	while (n--)
		put(out, *s++);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int parse_decimal(const char **fmt)
{
	int n = 0;

	while (is_digit(**fmt))
		n = n * 10 + (*(*fmt)++ - '0');
	return n;
}

static void parse_flags(const char **fmt, struct spec *spec)
{
	for (;; (*fmt)++) {
		switch (**fmt) {
		case '-': spec->left = true; break;
		case '0': spec->zero = true; break;
		case '+': spec->plus = true; break;
		case ' ': spec->space = true; break;
		case '#': spec->alt = true; break;
		default: return;
		}
	}
}

/* A negative '*' width means '-' and its absolute value, as in C. */
static void parse_width(const char **fmt, va_list *ap, struct spec *spec)
{
	if (**fmt != '*') {
		spec->width = parse_decimal(fmt);
		return;
	}
	(*fmt)++;
	spec->width = va_arg(*ap, int);
	if (spec->width < 0) {
		spec->left = true;
		spec->width = -spec->width;
	}
}

/* A negative '*' precision counts as none, as in C. */
static void parse_precision(const char **fmt, va_list *ap, struct spec *spec)
{
	spec->precision = -1;
	if (**fmt != '.')
		return;
	(*fmt)++;
	if (**fmt == '*') {
		(*fmt)++;
		int precision = va_arg(*ap, int);
		spec->precision = precision < 0 ? -1 : precision;
	} else {
		spec->precision = parse_decimal(fmt);
	}
}

static void parse_length(const char **fmt, struct spec *spec)
{
	const char *f = *fmt;

	switch (*f) {
	case 'h':
		spec->length = f[1] == 'h' ? LEN_HH : LEN_H;
		break;
	case 'l':
		spec->length = f[1] == 'l' ? LEN_LL : LEN_L;
		break;
	case 'z': spec->length = LEN_Z; break;
	case 't': spec->length = LEN_T; break;
	default: spec->length = LEN_NONE; return;
	}
	*fmt += spec->length == LEN_HH || spec->length == LEN_LL ? 2 : 1;
}

/* Parse what follows a '%'; *fmt ends just past the conversion character. */
static void parse_spec(const char **fmt, va_list *ap, struct spec *spec)
{
	*spec = (struct spec){0};
	parse_flags(fmt, spec);
	parse_width(fmt, ap, spec);
	parse_precision(fmt, ap, spec);
	parse_length(fmt, spec);
	spec->conv = **fmt;
	if (spec->conv != '\0')
		(*fmt)++;
}

/* Narrowing to the argument's declared type (hh, h) is what C asks for. */
static int64_t fetch_signed(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_HH: return (signed char)va_arg(*ap, int);
	case LEN_H: return (short)va_arg(*ap, int);
	case LEN_L: return va_arg(*ap, long);
	case LEN_LL: return va_arg(*ap, long long);
	case LEN_Z: return (ptrdiff_t)va_arg(*ap, size_t);
	case LEN_T: return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

static uint64_t fetch_unsigned(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H: return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L: return va_arg(*ap, unsigned long);
	case LEN_LL: return va_arg(*ap, unsigned long long);
	case LEN_Z: return va_arg(*ap, size_t);
	case LEN_T: return (size_t)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned int);
	}
}

/* Write the digits of value into the end of buf; returns how many. */
static int to_digits(uint64_t value, unsigned base, bool upper, char *buf_end)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		*--buf_end = digits[value % base];
		value /= base;
		n++;
	} while (value);
	return n;
}

static unsigned base_of(char conv)
{
	switch (conv) {
	case 'o': return 8;
	case 'x': case 'X': case 'p': return 16;
	default: return 10;
	}
}

static void format_integer(struct sink *out, const struct spec *spec,
			   uint64_t magnitude, bool negative)
{
	char buf[24];	/* 22 octal digits hold 64 bits */
	unsigned base = base_of(spec->conv);
	int ndigits = to_digits(magnitude, base, spec->conv == 'X', buf + sizeof(buf));
	const char *digits = buf + sizeof(buf) - ndigits;

	/* C: "the result of converting zero with a precision of zero is no characters". */
	if (magnitude == 0 && spec->precision == 0)
		ndigits = 0;

	char prefix[2];
	int prefix_len = 0;
	if (negative)
		prefix[prefix_len++] = '-';
	else if (spec->plus)
		prefix[prefix_len++] = '+';
	else if (spec->space)
		prefix[prefix_len++] = ' ';
	if (spec->alt && base == 16 && magnitude != 0) {
		prefix[prefix_len++] = '0';
		prefix[prefix_len++] = spec->conv == 'X' ? 'X' : 'x';
	}

	int zeros = spec->precision > ndigits ? spec->precision - ndigits : 0;
	/* '#' with octal: the first digit must be a 0, so add one if it is not. */
	if (spec->alt && base == 8 && zeros == 0 && (ndigits == 0 || magnitude != 0))
		zeros = 1;
	int len = prefix_len + zeros + ndigits;
	/* A precision turns '0' padding off, and '-' wins over '0'. */
	if (spec->zero && !spec->left && spec->precision < 0 && spec->width > len) {
		zeros += spec->width - len;
		len = spec->width;
	}

	if (!spec->left)
		put_repeated(out, ' ', spec->width - len);
	put_chars(out, prefix, prefix_len);
	put_repeated(out, '0', zeros);
	put_chars(out, digits, ndigits);
	if (spec->left)
		put_repeated(out, ' ', spec->width - len);
}

/* Strings and characters: padded with spaces, never zeros. */
static void format_text(struct sink *out, const struct spec *spec,
			const char *s, size_t len)
{
	int pad = spec->width > (int)len ? spec->width - (int)len : 0;

	if (!spec->left)
		put_repeated(out, ' ', pad);
	put_chars(out, s, len);
	if (spec->left)
		put_repeated(out, ' ', pad);
}

static void format_string(struct sink *out, const struct spec *spec, const char *s)
{
	if (s == NULL)
		s = "(null)";
	/* With a precision, s need not be NUL-terminated: read no further. */
	size_t len = spec->precision < 0 ? strlen(s) : strnlen(s, spec->precision);
	format_text(out, spec, s, len);
}

/* Like glibc: "(nil)" for NULL, otherwise %#lx ('+' and ' ' ignored). */
static void format_pointer(struct sink *out, struct spec *spec, const void *p)
{
	if (p == NULL) {
		format_text(out, spec, "(nil)", 5);
		return;
	}
	spec->alt = true;
	spec->plus = spec->space = false;
	format_integer(out, spec, (uintptr_t)p, false);
}

static void format_one(struct sink *out, struct spec *spec, va_list *ap)
{
	switch (spec->conv) {
	case 'd':
	case 'i': {
		int64_t v = fetch_signed(ap, spec->length);
		/* 0 - (uint64_t)v is |v| even for INT64_MIN. */
		format_integer(out, spec, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0);
		break;
	}
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		spec->plus = spec->space = false;	/* signs are for signed conversions */
		format_integer(out, spec, fetch_unsigned(ap, spec->length), false);
		break;
	case 'c': {
		char c = (char)va_arg(*ap, int);
		format_text(out, spec, &c, 1);
		break;
	}
	case 's':
		format_string(out, spec, va_arg(*ap, const char *));
		break;
	case 'p':
		format_pointer(out, spec, va_arg(*ap, const void *));
		break;
	case '%':
		put(out, '%');
		break;
	case '\0':	/* a lone '%' ends the format: print nothing for it */
		break;
	default:	/* unknown: show it, so the mistake is visible */
		put(out, '%');
		put(out, spec->conv);
		break;
	}
}

int vformat(format_putc_fn putc, void *ctx, const char *fmt, va_list ap)
{
	struct sink out = { putc, ctx, 0 };
	struct spec spec;
	va_list args;

	/* Helpers take &args: taking &ap of a va_list parameter is not portable. */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&out, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &args, &spec);
		format_one(&out, &spec, &args);
	}
	va_end(args);
	return out.count;
}

/* A buffer that keeps the first size-1 characters and counts the rest. */
struct bounded_buf {
	char *buf;
	size_t size;
	size_t len;
};

static void bounded_putc(void *ctx, char c)
{
	struct bounded_buf *b = ctx;

	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bounded_buf b = { buf, size, 0 };
	int n = vformat(bounded_putc, &b, fmt, ap);

	if (size > 0)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

bool check_failed(char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(why, why_len, fmt, ap);
	va_end(ap);
	return false;
}
