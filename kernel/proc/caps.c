/*
 * The capability policy (shared code).  See caps.h for the model.
 *
 * The rules are one table with an entry per call in syscall_list.h, in the
 * list's order, so syscall_index finds a call's rule.  Each entry comes from
 * a RULE_<name> macro below; a call added to the list without one is an
 * undeclared identifier, so no call can slip through unruled.  All rules
 * are fixed sets except open's, which depend on its flags.
 */
#include "aurora/fcntl.h"
#include "aurora/syscall_table.h"
#include "caps.h"
#include "errno.h"
#include "format.h"
#include "string.h"

struct cap_rule {
	uint32_t caps;		/* needed whatever the arguments */
	int8_t open_flags;	/* the argument holding open flags, or -1 */
};

#define NOTHING			{ 0, -1 }
#define NEEDS(caps)		{ caps, -1 }
#define OPEN_FLAGS_IN(arg)	{ 0, arg }

/* Using a descriptor the process holds: nothing. */
#define RULE_read		NOTHING
#define RULE_write		NOTHING
#define RULE_readv		NOTHING
#define RULE_writev		NOTHING
#define RULE_close		NOTHING
#define RULE_lseek		NOTHING
#define RULE_fstat		NOTHING
#define RULE_dup		NOTHING
#define RULE_dup2		NOTHING
#define RULE_fcntl		NOTHING
#define RULE_ioctl		NOTHING
#define RULE_getdents64		NOTHING
#define RULE_pread64		NOTHING
#define RULE_pwrite64		NOTHING
#define RULE_ftruncate		NOTHING	/* only a descriptor open for writing */
#define RULE_fsync		NOTHING
#define RULE_fdatasync		NOTHING
#define RULE_fstatfs		NOTHING
#define RULE_fchdir		NOTHING	/* a directory already open */
#define RULE_mmap		NOTHING	/* anonymous, or a file already open */
#define RULE_pipe		NOTHING	/* a pipe is private to the process */
#define RULE_pipe2		NOTHING

/* Only the process itself: nothing. */
#define RULE_brk		NOTHING
#define RULE_munmap		NOTHING
#define RULE_exit		NOTHING
#define RULE_exit_group		NOTHING
#define RULE_wait4		NOTHING	/* only its own children */
#define RULE_getpid		NOTHING
#define RULE_getppid		NOTHING
#define RULE_gettid		NOTHING
#define RULE_getuid		NOTHING
#define RULE_getgid		NOTHING
#define RULE_geteuid		NOTHING
#define RULE_getegid		NOTHING
#define RULE_sched_yield	NOTHING
#define RULE_nanosleep		NOTHING
#define RULE_clock_gettime	NOTHING
#define RULE_uname		NOTHING
#define RULE_getcwd		NOTHING
#define RULE_umask		NOTHING
#define RULE_sync		NOTHING	/* writes back what others wrote anyway */
#define RULE_getrlimit		NOTHING
#define RULE_prlimit64		NOTHING	/* only the process's own limits */
#define RULE_arch_prctl		NOTHING
#define RULE_set_tid_address	NOTHING
#define RULE_rt_sigaction	NOTHING
#define RULE_rt_sigprocmask	NOTHING
#define RULE_rt_sigreturn	NOTHING
#define RULE_rt_sigpending	NOTHING
#define RULE_rt_sigsuspend	NOTHING
#define RULE_sigaltstack	NOTHING
#define RULE_pause		NOTHING
#define RULE_restart_syscall	NOTHING
#define RULE_getpgrp		NOTHING
#define RULE_getpgid		NOTHING
#define RULE_getsid		NOTHING
#define RULE_setsid		NOTHING	/* only the caller's own session */
#define RULE_setpgid		NOTHING	/* only itself or its own children */
#define RULE_aurora_cap_get	NOTHING
#define RULE_aurora_cap_drop	NOTHING	/* can only shrink the set */
#define RULE_aurora_ps		NOTHING
#define RULE_aurora_meminfo	NOTHING
#define RULE_aurora_kmalloc_bench	NOTHING	/* bounded work, nothing shared */
#define RULE_aurora_check	NOTHING	/* reads only; bounded by memory size */

/* The file system. */
#define RULE_open		OPEN_FLAGS_IN(1)
#define RULE_openat		OPEN_FLAGS_IN(2)
#define RULE_stat		NEEDS(CAP_FS_READ)
#define RULE_lstat		NEEDS(CAP_FS_READ)
#define RULE_newfstatat		NEEDS(CAP_FS_READ)
#define RULE_access		NEEDS(CAP_FS_READ)
#define RULE_chdir		NEEDS(CAP_FS_READ)
#define RULE_execve		NEEDS(CAP_FS_READ)
#define RULE_mkdir		NEEDS(CAP_FS_WRITE)
#define RULE_rmdir		NEEDS(CAP_FS_WRITE)
#define RULE_unlink		NEEDS(CAP_FS_WRITE)
#define RULE_readlink		NEEDS(CAP_FS_READ)
#define RULE_statfs		NEEDS(CAP_FS_READ)
#define RULE_unlinkat		NEEDS(CAP_FS_WRITE)
#define RULE_rename		NEEDS(CAP_FS_WRITE)
#define RULE_renameat		NEEDS(CAP_FS_WRITE)
#define RULE_link		NEEDS(CAP_FS_WRITE)
#define RULE_symlink		NEEDS(CAP_FS_WRITE)
#define RULE_truncate		NEEDS(CAP_FS_WRITE)
#define RULE_chmod		NEEDS(CAP_FS_WRITE)
#define RULE_fchmod		NEEDS(CAP_FS_WRITE)	/* metadata, even of a file open to read */
#define RULE_utimensat		NEEDS(CAP_FS_WRITE)

/* Other processes and the machine. */
#define RULE_fork		NEEDS(CAP_PROC)
#define RULE_vfork		NEEDS(CAP_PROC)
#define RULE_kill		NEEDS(CAP_PROC)
#define RULE_tkill		NEEDS(CAP_PROC)
#define RULE_tgkill		NEEDS(CAP_PROC)
#define RULE_reboot		NEEDS(CAP_SYSTEM)

static const struct cap_rule rules[] = {
#define SYSCALL(nr, name, args) RULE_##name,
#include "aurora/syscall_list.h"
#undef SYSCALL
};

/* Reading needs fs-read, writing fs-write; creating or truncating writes. */
static uint32_t open_needs(uint64_t flags)
{
	uint32_t caps;

	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		caps = CAP_FS_READ;
		break;
	case O_WRONLY:
		caps = CAP_FS_WRITE;
		break;
	default:	/* O_RDWR, and 3, for which Linux checks both permissions */
		caps = CAP_FS_READ | CAP_FS_WRITE;
		break;
	}
	if (flags & (O_CREAT | O_TRUNC))
		caps |= CAP_FS_WRITE;
	return caps;
}

uint32_t cap_required(unsigned nr, const uint64_t args[6])
{
	int i = syscall_index(nr);

	if (i < 0)
		return 0;
	const struct cap_rule *rule = &rules[i];
	if (rule->open_flags >= 0)
		return rule->caps | open_needs(args[rule->open_flags]);
	return rule->caps;
}

bool cap_allows(uint32_t held, unsigned nr, const uint64_t args[6], uint32_t *missing)
{
	uint32_t lacking = cap_required(nr, args) & ~held;

	if (missing)
		*missing = lacking;
	return lacking == 0;
}

uint32_t cap_drop(uint32_t held, uint32_t drop)
{
	return held & ~drop;
}

/* By bit number: names[0] is CAP_FS_READ's. */
static const char *const names[] = { "fs-read", "fs-write", "proc", "net", "system" };
#define NCAPS (sizeof(names) / sizeof(names[0]))
_Static_assert((1u << NCAPS) - 1 == CAP_ALL, "a name for every capability");

const char *cap_name(uint32_t one_bit)
{
	for (unsigned i = 0; i < NCAPS; i++)
		if (one_bit == 1u << i)
			return names[i];
	return NULL;
}

/* The bit named by the n characters at s, or 0. */
static uint32_t cap_by_name(const char *s, size_t n)
{
	for (unsigned i = 0; i < NCAPS; i++)
		if (strlen(names[i]) == n && strncmp(s, names[i], n) == 0)
			return 1u << i;
	return 0;
}

int cap_parse(const char *list, uint32_t *caps)
{
	uint32_t set = 0;

	if (strcmp(list, "-") == 0 || *list == '\0') {
		*caps = 0;
		return 0;
	}
	for (;;) {
		const char *comma = strchr(list, ',');
		size_t n = comma ? (size_t)(comma - list) : strlen(list);
		uint32_t bit = cap_by_name(list, n);

		if (!bit)
			return -EINVAL;
		set |= bit;
		if (!comma)
			break;
		list = comma + 1;
	}
	*caps = set;
	return 0;
}

size_t cap_format(uint32_t caps, char *buf, size_t len)
{
	size_t pos = 0;

	for (unsigned i = 0; i < NCAPS; i++) {
		if (!(caps & 1u << i))
			continue;
		bool room = pos < len;
		pos += ksnprintf(room ? buf + pos : NULL, room ? len - pos : 0, "%s%s",
				 pos ? "," : "", names[i]);
	}
	if (pos == 0)
		pos = ksnprintf(buf, len, "-");
	return pos;
}
