/* Aurora's own system calls, and capability sets as text. */
#include <aurora.h>
#include <string.h>
#include <sys/syscall.h>

long aurora_cap_get(void)
{
	return syscall(SYS_aurora_cap_get);
}

long aurora_cap_drop(uint32_t mask, uint32_t flags)
{
	return syscall(SYS_aurora_cap_drop, mask, flags);
}

long aurora_ps(struct aurora_procinfo *buf, size_t n)
{
	return syscall(SYS_aurora_ps, buf, n);
}

int aurora_meminfo(struct aurora_meminfo *info)
{
	return syscall(SYS_aurora_meminfo, info);
}

/* In bit order, the names aurora_abi.h gives them. */
static const struct {
	uint32_t bit;
	const char *name;
} caps[] = {
	{ CAP_FS_READ, "fs-read" },
	{ CAP_FS_WRITE, "fs-write" },
	{ CAP_PROC, "proc" },
	{ CAP_NET, "net" },
	{ CAP_SYSTEM, "system" },
};

#define NCAPS (sizeof(caps) / sizeof(caps[0]))

char *cap_format(uint32_t set, char *buf, size_t size)
{
	size_t len = 0;

	strlcpy(buf, "-", size);
	for (size_t i = 0; i < NCAPS; i++) {
		if (!(set & caps[i].bit))
			continue;
		if (len > 0 && len + 1 < size)
			buf[len++] = ',';
		len += strlcpy(buf + len, caps[i].name, len < size ? size - len : 0);
	}
	return buf;
}

int cap_parse(const char *list, uint32_t *set)
{
	*set = 0;
	while (*list) {
		size_t len = strcspn(list, ",");
		size_t i = 0;

		while (i < NCAPS && !(strlen(caps[i].name) == len &&
				      strncmp(caps[i].name, list, len) == 0))
			i++;
		if (i == NCAPS)
			return -1;
		*set |= caps[i].bit;
		list += len;
		if (*list == ',')
			list++;
	}
	return 0;
}
