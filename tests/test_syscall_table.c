/*
 * Tests of kernel/syscall/syscall_table.c and kernel/lib/errno_name.c.  User
 * memory for string arguments is a little table of (address, string).
 */
#include "aurora/syscall_table.h"
#include "errno.h"
#include "string.h"
#include "unit.h"

/* syscall_list.h itself, expanded here, is what the table must agree with. */
static const struct syscall_info listed[] = {
#define SYSCALL(nr, name, args) { nr, #name, args },
#include "aurora/syscall_list.h"
#undef SYSCALL
};
#define NLISTED (sizeof(listed) / sizeof(listed[0]))

TEST(syscall_table_lookup)
{
	const struct syscall_info *open = syscall_info(2);

	if (CHECK(open != NULL)) {
		CHECK_EQ(open->nr, 2);
		CHECK_STR_EQ(open->name, "open");
		CHECK_STR_EQ(open->args, "sxx");
	}
	CHECK_STR_EQ(syscall_info(0)->name, "read");
	CHECK_STR_EQ(syscall_info(293)->name, "pipe2");
	CHECK_STR_EQ(syscall_info(1000)->name, "aurora_cap_get");
	CHECK_STR_EQ(syscall_info(1003)->name, "aurora_meminfo");
	CHECK_STR_EQ(syscall_info(1004)->name, "aurora_kmalloc_bench");
	CHECK_STR_EQ(syscall_info(1005)->name, "aurora_check");

	static const unsigned unknown[] = { 7, 10, 294, 511, 512, 999, 1006, 1063, 1064, 65536, ~0u };
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		CHECK(syscall_info(unknown[i]) == NULL);
		CHECK_EQ(syscall_index(unknown[i]), -1);
	}
}

TEST(syscall_table_iterates_in_number_order)
{
	CHECK_EQ(syscall_count(), NLISTED);
	for (unsigned i = 0; i < syscall_count(); i++) {
		const struct syscall_info *call = syscall_at(i);

		if (i > 0)
			CHECK(call->nr > syscall_at(i - 1)->nr);
		CHECK(syscall_info(call->nr) == call);
		CHECK_EQ(syscall_index(call->nr), i);
	}
	CHECK(syscall_at(syscall_count()) == NULL);

	/* Every listed call is there, under its own name and arguments. */
	for (size_t i = 0; i < NLISTED; i++) {
		const struct syscall_info *call = syscall_info(listed[i].nr);

		if (!CHECK(call != NULL))
			continue;
		CHECK_STR_EQ(call->name, listed[i].name);
		CHECK_STR_EQ(call->args, listed[i].args);
	}
}

/* --- formatting --------------------------------------------------------- */

static const struct {
	uint64_t addr;
	const char *s;
} memory[] = {
	{ 0x1000, "/etc/motd" },
	{ 0x2000, "" },
	{ 0x3000, "quote\" back\\ nl\n tab\t \a\xe9" },
	{ 0x4000, "0123456789abcdefghijklmnopqrstuvwxyz" },	/* 36 characters */
	{ 0x5000, "0123456789abcdefghijklmnopqrstuv" },	/* exactly 32 */
};

static int reads;	/* calls of read_memory */

static int read_memory(void *ctx, uint64_t addr, char *dst, size_t len)
{
	CHECK(ctx == &reads);
	reads++;
	for (size_t i = 0; i < sizeof(memory) / sizeof(memory[0]); i++) {
		if (memory[i].addr == addr) {
			size_t n = strlcpy(dst, memory[i].s, len);

			return n < len ? (int)n : (int)len - 1;
		}
	}
	return -EFAULT;
}

static char text[256];

static const char *format(unsigned nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
			  uint64_t a4, uint64_t a5, int64_t ret)
{
	const uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };
	size_t n = syscall_format_call(text, sizeof(text), nr, args, ret, read_memory, &reads);

	CHECK_EQ(n, strlen(text));
	return text;
}

TEST(syscall_format_strace_style)
{
	CHECK_STR_EQ(format(2, 0x1000, 0, 0, 0, 0, 0, 3), "open(\"/etc/motd\", 0x0, 0x0) = 3");
	CHECK_STR_EQ(format(2, 0x1000, 0x241, 0644, 0, 0, 0, -ENOENT),
		     "open(\"/etc/motd\", 0x241, 0x1a4) = -2 ENOENT");
	CHECK_STR_EQ(format(39, 1, 2, 3, 4, 5, 6, 42), "getpid() = 42");
	CHECK_STR_EQ(format(1, 1, 0x7fff0000, 5, 0, 0, 0, 5), "write(1, 0x7fff0000, 5) = 5");
	CHECK_STR_EQ(format(3, 0xffffffff, 0, 0, 0, 0, 0, -EBADF), "close(-1) = -9 EBADF");
	CHECK_STR_EQ(format(8, 3, -1, 2, 0, 0, 0, -ESPIPE), "lseek(3, -1, 2) = -29 ESPIPE");
	CHECK_STR_EQ(format(9, 0, 4096, 3, 0x22, -1, 0, 0x7f0000000000),
		     "mmap(NULL, 4096, 0x3, 0x22, -1, 0) = 139637976727552");
	CHECK_STR_EQ(format(257, -100, 0x2000, 0, 0, 0, 0, 4),
		     "openat(-100, \"\", 0x0, 0x0) = 4");
	CHECK_STR_EQ(format(1001, 3, 1, 0, 0, 0, 0, 0), "aurora_cap_drop(0x3, 0x1) = 0");
}

TEST(syscall_format_strings)
{
	CHECK_STR_EQ(format(80, 0x3000, 0, 0, 0, 0, 0, 0),
		     "chdir(\"quote\\\" back\\\\ nl\\n tab\\t \\x07\\xe9\") = 0");
	CHECK_STR_EQ(format(80, 0x4000, 0, 0, 0, 0, 0, 0),
		     "chdir(\"0123456789abcdefghijklmnopqrstuv\"...) = 0");
	CHECK_STR_EQ(format(80, 0x5000, 0, 0, 0, 0, 0, 0),
		     "chdir(\"0123456789abcdefghijklmnopqrstuv\") = 0");
	/* Unreadable, or no reader: the pointer. */
	CHECK_STR_EQ(format(80, 0xdead, 0, 0, 0, 0, 0, -EFAULT), "chdir(0xdead) = -14 EFAULT");
	CHECK_STR_EQ(format(80, 0, 0, 0, 0, 0, 0, -EFAULT), "chdir(NULL) = -14 EFAULT");

	const uint64_t args[6] = { 0x1000 };
	reads = 0;
	syscall_format_call(text, sizeof(text), 80, args, 0, NULL, NULL);
	CHECK_STR_EQ(text, "chdir(0x1000) = 0");
	CHECK_EQ(reads, 0);
}

/* A reader that returns 0 and fills dst with no NUL at all. */
static int read_unterminated(void *ctx, uint64_t addr, char *dst, size_t len)
{
	(void)ctx;
	(void)addr;
	memset(dst, 'a', len);
	return 0;
}

TEST(syscall_format_relies_only_on_the_bytes_read)
{
	const uint64_t args[6] = { 0x1000 };

	syscall_format_call(text, sizeof(text), 80, args, 0, read_unterminated, NULL);
	CHECK_STR_EQ(text, "chdir(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"...) = 0");
}

TEST(syscall_format_results_and_unknown_calls)
{
	CHECK_STR_EQ(format(7, 1, 2, 3, 4, 5, 0xffffffffffffffffull, -ENOSYS),
		     "syscall_7(0x1, 0x2, 0x3, 0x4, 0x5, 0xffffffffffffffff) = -38 ENOSYS");
	CHECK_STR_EQ(format(39, 0, 0, 0, 0, 0, 0, -100), "getpid() = -100");	/* no name */
	CHECK_STR_EQ(format(39, 0, 0, 0, 0, 0, 0, -5000), "getpid() = -5000");	/* no error */
	CHECK_STR_EQ(format(39, 0, 0, 0, 0, 0, 0, 0), "getpid() = 0");
}

TEST(syscall_format_cuts_like_snprintf)
{
	const char *full = "open(\"/etc/motd\", 0x0, 0x0) = 3";
	const uint64_t args[6] = { 0x1000 };
	char small[40];

	for (size_t len = 1; len <= strlen(full) + 1; len++) {
		memset(small, 'x', sizeof(small));
		CHECK_EQ(syscall_format_call(small, len, 2, args, 3, read_memory, &reads),
			 strlen(full));
		CHECK_EQ(strlen(small), len - 1);
		CHECK(strncmp(small, full, len - 1) == 0);
		CHECK_EQ(small[len], 'x');
	}
	CHECK_EQ(syscall_format_call(NULL, 0, 2, args, 3, read_memory, &reads), strlen(full));
}

TEST(errno_names)
{
#define NAMED(e) CHECK_STR_EQ(errno_name(e), #e)
	NAMED(EPERM); NAMED(ENOENT); NAMED(ESRCH); NAMED(EINTR); NAMED(EIO);
	NAMED(ENXIO); NAMED(E2BIG); NAMED(ENOEXEC); NAMED(EBADF); NAMED(ECHILD);
	NAMED(EAGAIN); NAMED(ENOMEM); NAMED(EACCES); NAMED(EFAULT); NAMED(EBUSY);
	NAMED(EEXIST); NAMED(ENODEV); NAMED(ENOTDIR); NAMED(EISDIR); NAMED(EINVAL);
	NAMED(ENFILE); NAMED(EMFILE); NAMED(ENOTTY); NAMED(EFBIG); NAMED(ENOSPC);
	NAMED(ESPIPE); NAMED(EPIPE); NAMED(ERANGE); NAMED(ENAMETOOLONG);
	NAMED(ENOSYS); NAMED(ENOTEMPTY);
#undef NAMED
	CHECK(errno_name(0) == NULL);
	CHECK(errno_name(-ENOENT) == NULL);
	CHECK(errno_name(15) == NULL);
	CHECK(errno_name(26) == NULL);
	CHECK(errno_name(4095) == NULL);
}
