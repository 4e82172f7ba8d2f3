/*
 * Tests of kernel/proc/caps.c: the policy for every call in syscall_list.h,
 * written out here a second time as the specification it must meet, so a
 * change to either shows up as a failure.
 */
#include "aurora/fcntl.h"
#include "aurora/syscall_table.h"
#include "caps.h"
#include "errno.h"
#include "rng.h"
#include "string.h"
#include "unit.h"

#define R	CAP_FS_READ
#define W	CAP_FS_WRITE

/* What each call needs with all-zero arguments (open: O_RDONLY). */
static const struct {
	const char *name;
	uint32_t caps;
} policy[] = {
	{ "read", 0 }, { "write", 0 }, { "open", R }, { "close", 0 },
	{ "stat", R }, { "fstat", 0 }, { "lstat", R }, { "lseek", 0 },
	{ "mmap", 0 }, { "munmap", 0 }, { "brk", 0 }, { "rt_sigaction", 0 },
	{ "rt_sigprocmask", 0 }, { "ioctl", 0 }, { "readv", 0 }, { "writev", 0 },
	{ "access", R }, { "pipe", 0 }, { "sched_yield", 0 }, { "dup", 0 },
	{ "dup2", 0 }, { "nanosleep", 0 }, { "getpid", 0 }, { "fork", CAP_PROC },
	{ "vfork", CAP_PROC }, { "execve", R }, { "exit", 0 }, { "wait4", 0 },
	{ "kill", CAP_PROC }, { "uname", 0 }, { "fcntl", 0 }, { "getcwd", 0 },
	{ "chdir", R }, { "mkdir", W }, { "rmdir", W }, { "unlink", W },
	{ "getuid", 0 }, { "getgid", 0 }, { "geteuid", 0 }, { "getegid", 0 },
	{ "getppid", 0 }, { "arch_prctl", 0 }, { "reboot", CAP_SYSTEM }, { "gettid", 0 },
	{ "getdents64", 0 }, { "set_tid_address", 0 }, { "clock_gettime", 0 },
	{ "exit_group", 0 }, { "openat", R }, { "newfstatat", R }, { "pipe2", 0 },
	{ "getrlimit", 0 }, { "prlimit64", 0 },
	{ "aurora_cap_get", 0 }, { "aurora_cap_drop", 0 }, { "aurora_ps", 0 },
	{ "aurora_meminfo", 0 },
	{ "aurora_kmalloc_bench", 0 }, { "aurora_check", 0 }, { "rt_sigreturn", 0 }, { "pause", 0 },
	{ "setpgid", 0 }, { "getpgrp", 0 }, { "setsid", 0 }, { "getpgid", 0 },
	{ "getsid", 0 }, { "rt_sigpending", 0 }, { "rt_sigsuspend", 0 },
	{ "sigaltstack", 0 }, { "tkill", CAP_PROC }, { "restart_syscall", 0 },
	{ "tgkill", CAP_PROC }, { "pread64", 0 }, { "pwrite64", 0 }, { "fsync", 0 },
	{ "fdatasync", 0 }, { "truncate", W }, { "ftruncate", 0 }, { "fchdir", 0 },
	{ "rename", W }, { "link", W }, { "symlink", W }, { "readlink", R },
	{ "chmod", W }, { "fchmod", W }, { "umask", 0 }, { "statfs", R },
	{ "fstatfs", 0 }, { "sync", 0 }, { "unlinkat", W }, { "renameat", W },
	{ "utimensat", W },
};
#define NPOLICY (sizeof(policy) / sizeof(policy[0]))

static const uint64_t zero_args[6];

TEST(caps_every_syscall_has_the_specified_rule)
{
	bool seen[NPOLICY] = { false };

	for (unsigned i = 0; i < syscall_count(); i++) {
		const struct syscall_info *call = syscall_at(i);
		size_t j = 0;

		while (j < NPOLICY && strcmp(policy[j].name, call->name) != 0)
			j++;
		if (j == NPOLICY) {
			unit_fail(__FILE__, __LINE__, "%s: not in this test's policy", call->name);
			continue;
		}
		seen[j] = true;
		if (cap_required(call->nr, zero_args) != policy[j].caps)
			unit_fail(__FILE__, __LINE__, "%s needs %#x, the policy says %#x",
				  call->name, cap_required(call->nr, zero_args), policy[j].caps);
	}
	for (size_t j = 0; j < NPOLICY; j++)
		if (!seen[j])
			unit_fail(__FILE__, __LINE__, "%s: not in syscall_list.h", policy[j].name);
}

TEST(caps_unknown_numbers_need_nothing)
{
	static const unsigned unknown[] = { 7, 15, 511, 512, 999, 1004, 1063, 1064, 5000, ~0u };

	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		CHECK_EQ(cap_required(unknown[i], zero_args), 0);
}

static uint32_t open_needs(unsigned nr, int flags_arg, uint64_t flags)
{
	uint64_t args[6] = { 0x1000, 0x1000, 0x1000, 0644, 0, 0 };

	args[flags_arg] = flags;
	return cap_required(nr, args);
}

TEST(caps_open_flags)
{
	static const struct {
		uint64_t flags;
		uint32_t caps;
	} cases[] = {
		{ 0, R },
		{ O_WRONLY, W },
		{ O_RDWR, R | W },
		{ 3, R | W },
		{ O_CREAT, R | W },
		{ O_TRUNC, R | W },
		{ O_APPEND, R },
		{ O_WRONLY | O_CREAT | O_TRUNC, W },
		{ O_WRONLY | O_APPEND, W },
		{ O_RDWR | O_CREAT, R | W },
		{ O_CLOEXEC, R },
		{ 0xffffffff00000000ull, R },	/* upper half of the register: no flags */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* open(path, flags, mode) and openat(dirfd, path, flags, mode) */
		CHECK_EQ(open_needs(2, 1, cases[i].flags), cases[i].caps);
		CHECK_EQ(open_needs(257, 2, cases[i].flags), cases[i].caps);
	}
	/* Only the flags argument counts. */
	uint64_t args[6] = { ~0ull, 0, ~0ull, ~0ull, ~0ull, ~0ull };
	CHECK_EQ(cap_required(2, args), R);
}

TEST(caps_allows_reports_what_is_missing)
{
	uint64_t rdwr[6] = { 0x1000, O_RDWR };
	uint32_t missing = 99;

	CHECK(cap_allows(CAP_ALL, 57, zero_args, &missing));
	CHECK_EQ(missing, 0);
	CHECK(!cap_allows(0, 57, zero_args, &missing));
	CHECK_EQ(missing, CAP_PROC);
	CHECK(!cap_allows(R, 2, rdwr, &missing));
	CHECK_EQ(missing, W);
	CHECK(!cap_allows(CAP_PROC, 2, rdwr, NULL));
	CHECK(cap_allows(R | W, 2, rdwr, NULL));
	CHECK(cap_allows(0, 0, zero_args, &missing));	/* read */
	CHECK_EQ(missing, 0);
	CHECK(cap_allows(0, 9999, zero_args, NULL));
}

TEST(caps_drop_never_adds)
{
	uint64_t seed = 7;

	for (uint32_t held = 0; held <= CAP_ALL; held++)
		for (uint32_t drop = 0; drop <= CAP_ALL; drop++)
			CHECK_EQ(cap_drop(held, drop), held & ~drop);
	for (int i = 0; i < 1000; i++) {
		uint32_t held = rng_next(&seed), drop = rng_next(&seed);
		uint32_t left = cap_drop(held, drop);

		CHECK_EQ(left & ~held, 0);
		CHECK_EQ(left & drop, 0);
	}
}

TEST(caps_names)
{
	CHECK_STR_EQ(cap_name(CAP_FS_READ), "fs-read");
	CHECK_STR_EQ(cap_name(CAP_FS_WRITE), "fs-write");
	CHECK_STR_EQ(cap_name(CAP_PROC), "proc");
	CHECK_STR_EQ(cap_name(CAP_NET), "net");
	CHECK_STR_EQ(cap_name(CAP_SYSTEM), "system");
	CHECK(cap_name(0) == NULL);
	CHECK(cap_name(CAP_FS_READ | CAP_PROC) == NULL);
	CHECK(cap_name(CAP_ALL + 1) == NULL);
}

TEST(caps_parse)
{
	uint32_t caps = 99;

	CHECK_EQ(cap_parse("fs-read,proc", &caps), 0);
	CHECK_EQ(caps, R | CAP_PROC);
	CHECK_EQ(cap_parse("system,net,proc,fs-write,fs-read", &caps), 0);
	CHECK_EQ(caps, CAP_ALL);
	CHECK_EQ(cap_parse("proc,proc", &caps), 0);
	CHECK_EQ(caps, CAP_PROC);
	CHECK_EQ(cap_parse("", &caps), 0);
	CHECK_EQ(caps, 0);
	caps = 99;
	CHECK_EQ(cap_parse("-", &caps), 0);
	CHECK_EQ(caps, 0);

	static const char *const bad[] = {
		"nope", "fs-read,", ",proc", "fs-read,,proc", "fs-rea", "fs-readx",
		"FS-READ", "proc ", "-,proc", "fs",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		caps = 99;
		CHECK_EQ(cap_parse(bad[i], &caps), -EINVAL);
		CHECK_EQ(caps, 99);
	}
}

TEST(caps_format)
{
	char buf[64];

	CHECK_EQ(cap_format(0, buf, sizeof(buf)), 1);
	CHECK_STR_EQ(buf, "-");
	CHECK_EQ(cap_format(R | W | CAP_PROC, buf, sizeof(buf)), 21);
	CHECK_STR_EQ(buf, "fs-read,fs-write,proc");
	CHECK_EQ(cap_format(CAP_ALL | 0x80000000u, buf, sizeof(buf)), 32);
	CHECK_STR_EQ(buf, "fs-read,fs-write,proc,net,system");

	/* Cut like snprintf, at every length. */
	for (size_t len = 1; len <= 22; len++) {
		memset(buf, 'x', sizeof(buf));
		CHECK_EQ(cap_format(R | W | CAP_PROC, buf, len), 21);
		CHECK_EQ(strlen(buf), len - 1);
		CHECK(strncmp(buf, "fs-read,fs-write,proc", len - 1) == 0);
	}
	CHECK_EQ(cap_format(CAP_NET, NULL, 0), 3);
	CHECK_EQ(cap_format(0, NULL, 0), 1);
}

TEST(caps_format_parse_round_trip)
{
	char buf[64];

	for (uint32_t caps = 0; caps <= CAP_ALL; caps++) {
		uint32_t back = 99;

		cap_format(caps, buf, sizeof(buf));
		CHECK_EQ(cap_parse(buf, &back), 0);
		CHECK_EQ(back, caps);
	}
}
