/*
 * t_fs: the file-system calls from user space, with Linux's semantics and
 * errors, on whatever file system holds the directory it works in (its
 * argument; by default /t_fs, on "/"): open's flags, holes, pread and
 * pwrite, truncate, umask, chmod, time stamps, hard and symbolic links,
 * rename, unlinkat, fchdir, fsync, sync and statfs.  It builds for Linux
 * too, where every check must pass the same way.
 *
 * One line per check, then "t_fs: N passed, M failed".  The directory is
 * made afresh, and removed at the end if every name in it could be.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What a call returned, for a check's message: "3", or "-1 ENOENT". */
static const char *got(long ret)
{
	static char text[32];

	if (ret == -1)
		snprintf(text, sizeof(text), "-1 %s", errno_name(errno));
	else
		snprintf(text, sizeof(text), "%ld", ret);
	return text;
}

static bool failed_with(long ret, int err)
{
	return ret == -1 && errno == err;
}

#define EXPECT_ERROR(call, err, what) do {					\
		errno = 0;							\
		long r_ = (long)(call);						\
		check(failed_with(r_, err), "%s: %s (got %s)", what, #err, got(r_)); \
	} while (0)

#define EXPECT_OK(call, what) do {						\
		errno = 0;							\
		long r_ = (long)(call);						\
		check(r_ >= 0, "%s (got %s)", what, got(r_));			\
	} while (0)

/* A new file name holding text; the descriptor is closed. */
static void make_file(const char *name, const char *text)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	write(fd, text, strlen(text));
	close(fd);
}

static struct stat stat_of(const char *name)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	stat(name, &st);
	return st;
}

static struct stat lstat_of(const char *name)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	lstat(name, &st);
	return st;
}

/* The first len bytes of name into buf, NUL-terminated: how many. */
static ssize_t contents(const char *name, char *buf, size_t len)
{
	int fd = open(name, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, len - 1);

	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return n;
}

/* --- umask and creation ---------------------------------------------------- */

static void child_reports_umask(void)
{
	mode_t mask = umask(0);

	check(mask == 027, "a child inherits its parent's umask (%03o)", mask);
}

static void creation_modes(void)
{
	umask(027);
	int fd = open("masked", O_WRONLY | O_CREAT, 0666);
	close(fd);
	check((stat_of("masked").st_mode & 07777) == 0640, "open(O_CREAT, 0666) under umask 027: "
	      "0640 (got %03o)", stat_of("masked").st_mode & 07777);
	mkdir("masked_dir", 0777);
	check((stat_of("masked_dir").st_mode & 07777) == 0750,
	      "mkdir(0777) under umask 027: 0750 (got %03o)", stat_of("masked_dir").st_mode & 07777);
	check_in_child("umask across fork", child_reports_umask);
	check(umask(022) == 027, "umask returns the mask it replaces");
	unlink("masked");
	rmdir("masked_dir");
}

/* --- open's flags ------------------------------------------------------------ */

static void open_flags(void)
{
	char buf[32];

	make_file("f", "hello");
	EXPECT_ERROR(open("f", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST,
		     "open(O_CREAT | O_EXCL) of a file that exists");
	symlink("nowhere", "dangling");
	EXPECT_ERROR(open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST,
		     "open(O_CREAT | O_EXCL) of a symbolic link to nothing");
	EXPECT_OK(close(open("dangling", O_WRONLY | O_CREAT, 0644)),
		  "open(O_CREAT) of a symbolic link to nothing");
	check(S_ISREG(stat_of("nowhere").st_mode), "makes the file it names");
	EXPECT_ERROR(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR, "open(O_DIRECTORY) of a file");
	EXPECT_ERROR(open(".", O_WRONLY), EISDIR, "open a directory for writing");
	EXPECT_ERROR(open("missing", O_RDONLY), ENOENT, "open a missing file");
	symlink("f", "to_f");
	EXPECT_ERROR(open("to_f", O_RDONLY | O_NOFOLLOW), ELOOP, "open(O_NOFOLLOW) of a symbolic link");
	EXPECT_OK(close(open("to_f", O_RDONLY)), "open through a symbolic link");
	int fd = open("f", O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	write(fd, " world", 6);
	close(fd);
	contents("f", buf, sizeof(buf));
	check(strcmp(buf, "hello world") == 0, "O_APPEND writes at the end whatever the offset "
	      "(\"%s\")", buf);
	close(open("f", O_WRONLY | O_TRUNC));
	check(stat_of("f").st_size == 0, "O_TRUNC empties the file (size %ld)",
	      (long)stat_of("f").st_size);
	unlink("dangling");
	unlink("nowhere");
	unlink("to_f");
	unlink("f");
}

/* --- offsets: holes, lseek, pread, pwrite ------------------------------------ */

static void holes_and_seeks(void)
{
	char buf[8] = { 1, 1, 1, 1, 1, 1, 1, 1 };
	int fd = open("hole", O_RDWR | O_CREAT | O_TRUNC, 0644);

	check(lseek(fd, 4096, SEEK_SET) == 4096, "lseek past the end");
	write(fd, "end", 3);
	check(stat_of("hole").st_size == 4099, "a write there makes the file 4099 bytes (%ld)",
	      (long)stat_of("hole").st_size);
	lseek(fd, 100, SEEK_SET);
	ssize_t n = read(fd, buf, sizeof(buf));
	check(n == 8 && memcmp(buf, "\0\0\0\0\0\0\0\0", 8) == 0, "the hole reads as zeros");
	check(lseek(fd, -3, SEEK_END) == 4096, "SEEK_END -3: 4096");
	check(lseek(fd, 2, SEEK_CUR) == 4098, "SEEK_CUR +2: 4098");
	EXPECT_ERROR(lseek(fd, -5000, SEEK_CUR), EINVAL, "lseek to a negative offset");
	EXPECT_ERROR(lseek(fd, 0, 7), EINVAL, "lseek with whence 7");
	close(fd);
	unlink("hole");
}

static void positioned_io(void)
{
	char buf[8] = { 0 };
	int fds[2];
	int fd = open("pio", O_RDWR | O_CREAT | O_TRUNC, 0644);

	write(fd, "0123456789", 10);
	lseek(fd, 2, SEEK_SET);
	check(pread(fd, buf, 3, 5) == 3 && memcmp(buf, "567", 3) == 0, "pread at 5: \"567\"");
	check(pwrite(fd, "ab", 2, 8) == 2, "pwrite at 8");
	check(lseek(fd, 0, SEEK_CUR) == 2, "neither moved the offset (%ld)",
	      (long)lseek(fd, 0, SEEK_CUR));
	check(pread(fd, buf, 4, 7) == 3 && memcmp(buf, "7ab", 3) == 0,
	      "pread to the end: the bytes pwrite wrote");
	check(pread(fd, buf, 4, 100) == 0, "pread past the end: 0");
	EXPECT_ERROR(pread(fd, buf, 1, -1), EINVAL, "pread at a negative offset");
	pipe(fds);
	EXPECT_ERROR(pread(fds[0], buf, 1, 0), ESPIPE, "pread of a pipe");
	EXPECT_ERROR(pwrite(fds[1], buf, 1, 0), ESPIPE, "pwrite of a pipe");
	close(fds[0]);
	close(fds[1]);
	close(fd);
	unlink("pio");
}

/* --- truncate ------------------------------------------------------------------ */

static void truncation(void)
{
	char buf[16];

	make_file("t", "abcdef");
	EXPECT_OK(truncate("t", 3), "truncate to 3 bytes");
	contents("t", buf, sizeof(buf));
	check(strcmp(buf, "abc") == 0, "the first 3 stay (\"%s\")", buf);
	int fd = open("t", O_RDWR);
	EXPECT_OK(ftruncate(fd, 10), "ftruncate to 10 bytes");
	check(pread(fd, buf, 16, 0) == 10 && memcmp(buf, "abc\0\0\0\0\0\0\0", 10) == 0,
	      "growing fills with zeros");
	EXPECT_ERROR(ftruncate(fd, -1), EINVAL, "ftruncate to -1");
	close(fd);
	fd = open("t", O_RDONLY);
	EXPECT_ERROR(ftruncate(fd, 0), EINVAL, "ftruncate of a file open read-only");
	close(fd);
	EXPECT_ERROR(ftruncate(99, 0), EBADF, "ftruncate of a closed descriptor");
	EXPECT_ERROR(truncate(".", 0), EISDIR, "truncate a directory");
	EXPECT_ERROR(truncate("t", -1), EINVAL, "truncate to -1");
	EXPECT_ERROR(truncate("missing", 0), ENOENT, "truncate a missing file");
	unlink("t");
}

/* --- modes and times ------------------------------------------------------------ */

static void modes(void)
{
	make_file("m", "");
	EXPECT_OK(chmod("m", 04751), "chmod 04751");
	check((stat_of("m").st_mode & 07777) == 04751, "stat shows 04751 (%04o)",
	      stat_of("m").st_mode & 07777);
	int fd = open("m", O_RDONLY);
	EXPECT_OK(fchmod(fd, 0600), "fchmod 0600");
	check(S_ISREG(stat_of("m").st_mode) && (stat_of("m").st_mode & 07777) == 0600,
	      "stat shows a regular file, 0600");
	close(fd);
	EXPECT_ERROR(chmod("missing", 0600), ENOENT, "chmod a missing file");
	EXPECT_ERROR(fchmod(99, 0600), EBADF, "fchmod a closed descriptor");
	unlink("m");
}

/* A time stamp as given, or cut to whole seconds: ext2's inodes keep no
   nanoseconds (ramfs and Linux's tmpfs do). */
static bool same_time(struct timespec got, struct timespec given)
{
	return got.tv_sec == given.tv_sec && (got.tv_nsec == given.tv_nsec || got.tv_nsec == 0);
}

static void set_times(void)
{
	struct timespec times[2] = { { 1000000000, 5 }, { 1100000000, 6 } };

	make_file("tm", "x");
	EXPECT_OK(utimensat(AT_FDCWD, "tm", times, 0), "utimensat to given times");
	struct stat st = stat_of("tm");
	check(same_time(st.st_atim, times[0]) && same_time(st.st_mtim, times[1]),
	      "stat shows them (%ld.%ld, %ld.%ld)", (long)st.st_atim.tv_sec,
	      (long)st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	times[0].tv_nsec = UTIME_OMIT;
	times[1].tv_nsec = UTIME_NOW;
	utimensat(AT_FDCWD, "tm", times, 0);
	st = stat_of("tm");
	check(st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec != 1100000000,
	      "UTIME_OMIT keeps atime, UTIME_NOW changes mtime");
	times[0].tv_nsec = times[1].tv_nsec = UTIME_OMIT;
	EXPECT_OK(utimensat(AT_FDCWD, "missing", times, 0), "both UTIME_OMIT: nothing, not even "
		  "a lookup");
	times[1] = (struct timespec){ 0, 1000000000 };
	EXPECT_ERROR(utimensat(AT_FDCWD, "tm", times, 0), EINVAL, "tv_nsec 1000000000");
	EXPECT_ERROR(utimensat(AT_FDCWD, "tm", NULL, 0x1), EINVAL, "unknown flags");
}

static void times_follow_changes(void)
{
	struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } };
	int fd = open("tm", O_WRONLY);

	EXPECT_OK(futimens(fd, old), "futimens");
	check(stat_of("tm").st_mtim.tv_sec == 1000, "mtime set through the descriptor");
	write(fd, "y", 1);
	check(stat_of("tm").st_mtim.tv_sec != 1000, "a write changes mtime");
	check(stat_of("tm").st_ctim.tv_sec >= stat_of("tm").st_mtim.tv_sec,
	      "ctime is at least mtime");
	EXPECT_OK(utimensat(fd, NULL, NULL, 0), "utimensat(fd, NULL, NULL): both now");
	close(fd);
	symlink("tm", "tm_link");
	utimensat(AT_FDCWD, "tm_link", old, AT_SYMLINK_NOFOLLOW);
	check(lstat_of("tm_link").st_mtim.tv_sec == 1000 && stat_of("tm").st_mtim.tv_sec != 1000,
	      "AT_SYMLINK_NOFOLLOW sets the link's times, not its target's");
	unlink("tm_link");
	unlink("tm");
}

/* --- links ------------------------------------------------------------------------ */

static void hard_links(void)
{
	char buf[16];

	make_file("a", "data");
	EXPECT_OK(link("a", "b"), "link a to b");
	check(stat_of("a").st_ino == stat_of("b").st_ino && stat_of("b").st_nlink == 2,
	      "one inode, two links (nlink %ld)", (long)stat_of("b").st_nlink);
	EXPECT_ERROR(link("a", "b"), EEXIST, "link onto a name that exists");
	EXPECT_ERROR(link(".", "dir_link"), EPERM, "link a directory");
	EXPECT_ERROR(link("missing", "c"), ENOENT, "link a missing file");
	unlink("a");
	contents("b", buf, sizeof(buf));
	check(strcmp(buf, "data") == 0 && stat_of("b").st_nlink == 1,
	      "after unlinking a, b holds the data, nlink 1");
	unlink("b");
}

static void symbolic_links(void)
{
	char buf[32];

	make_file("target", "via link");
	mkdir("sub", 0755);
	EXPECT_OK(symlink("../target", "sub/rel"), "symlink with a relative target");
	contents("sub/rel", buf, sizeof(buf));
	check(strcmp(buf, "via link") == 0, "it resolves from the link's directory (\"%s\")", buf);
	ssize_t n = readlink("sub/rel", buf, sizeof(buf));
	check(n == 9 && memcmp(buf, "../target", 9) == 0, "readlink gives the target, no NUL (%ld)",
	      (long)n);
	check(readlink("sub/rel", buf, 4) == 4, "readlink cuts it at the buffer's size");
	check(S_ISLNK(lstat_of("sub/rel").st_mode) && S_ISREG(stat_of("sub/rel").st_mode),
	      "lstat sees the link, stat what it names");
	EXPECT_ERROR(readlink("target", buf, sizeof(buf)), EINVAL, "readlink of a file");
	EXPECT_ERROR(symlink("x", "target"), EEXIST, "symlink onto a name that exists");
	symlink("loop_b", "loop_a");
	symlink("loop_a", "loop_b");
	EXPECT_ERROR(open("loop_a", O_RDONLY), ELOOP, "a loop of links");
	symlink("nowhere", "sub/dangling");
	EXPECT_ERROR(stat("sub/dangling", &(struct stat){ 0 }), ENOENT, "stat of a link to nothing");
	check(S_ISLNK(lstat_of("sub/dangling").st_mode), "lstat of it sees the link");
	symlink("sub", "sub_link");
	check(stat_of("sub_link/rel").st_ino == stat_of("target").st_ino,
	      "a link in the middle of a path is followed");
	EXPECT_OK(unlink("sub_link"), "unlink removes the link");
	check(S_ISDIR(stat_of("sub").st_mode), "and not what it names");
	unlink("loop_a");
	unlink("loop_b");
	unlink("sub/rel");
	unlink("sub/dangling");
	rmdir("sub");
	unlink("target");
}

/* --- rename -------------------------------------------------------------------------- */

static void rename_files(void)
{
	char buf[16];

	make_file("r1", "one");
	make_file("r2", "two");
	EXPECT_OK(rename("r1", "r2"), "rename a file onto another");
	contents("r2", buf, sizeof(buf));
	check(strcmp(buf, "one") == 0 && access("r1", F_OK) == -1, "the old name is gone, "
	      "the new one holds its data (\"%s\")", buf);
	link("r2", "r3");
	EXPECT_OK(rename("r2", "r3"), "rename onto another name of the same file");
	check(access("r2", F_OK) == 0 && access("r3", F_OK) == 0, "changes nothing");
	EXPECT_ERROR(rename("missing", "r4"), ENOENT, "rename a missing file");
	mkdir("rd", 0755);
	EXPECT_ERROR(rename("r2", "rd"), EISDIR, "a file onto a directory");
	EXPECT_ERROR(rename("rd", "r2"), ENOTDIR, "a directory onto a file");
	unlink("r2");
	unlink("r3");
}

static void rename_directories(void)
{
	mkdir("rd/in", 0755);
	mkdir("full", 0755);
	make_file("full/x", "");
	EXPECT_ERROR(rename("rd", "rd/in/rd"), EINVAL, "a directory into itself");
	EXPECT_ERROR(rename("rd/in", "full"), ENOTEMPTY, "onto a directory with entries");
	EXPECT_ERROR(rename(".", "dot"), EBUSY, "rename \".\"");
	EXPECT_OK(rename("rd/in", "moved"), "move a directory to another parent");
	check(stat_of("moved/..").st_ino == stat_of(".").st_ino, "its \"..\" follows");
	check(stat_of("rd").st_nlink == 2, "the old parent has one link fewer (%ld)",
	      (long)stat_of("rd").st_nlink);
	EXPECT_OK(rename("rd", "moved"), "rename onto an empty directory");
	unlink("full/x");
	rmdir("full");
	rmdir("moved");
}

/* --- unlinkat, fchdir, getcwd ---------------------------------------------------------- */

static void unlink_at(void)
{
	int dir = open(".", O_RDONLY | O_DIRECTORY);

	mkdir("ud", 0755);
	make_file("uf", "");
	EXPECT_ERROR(unlinkat(dir, "ud", 0), EISDIR, "unlinkat a directory without AT_REMOVEDIR");
	EXPECT_ERROR(unlinkat(dir, "uf", AT_REMOVEDIR), ENOTDIR, "unlinkat(AT_REMOVEDIR) of a file");
	EXPECT_ERROR(unlinkat(dir, "uf", 0x1), EINVAL, "unlinkat with unknown flags");
	EXPECT_OK(unlinkat(dir, "ud", AT_REMOVEDIR), "unlinkat(AT_REMOVEDIR) of a directory");
	EXPECT_OK(unlinkat(dir, "uf", 0), "unlinkat of a file");
	check(access("ud", F_OK) == -1 && access("uf", F_OK) == -1, "both are gone");
	close(dir);
}

static void fchdir_and_getcwd(const char *work)
{
	char cwd[256], want[256];

	mkdir("real", 0755);
	symlink("real", "alias");
	int fd = open("alias", O_RDONLY | O_DIRECTORY);
	EXPECT_OK(fchdir(fd), "fchdir to a directory opened through a link");
	snprintf(want, sizeof(want), "%s/real", work);
	check(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, want) == 0,
	      "getcwd gives the real path (%s)", cwd);
	chdir("..");
	close(fd);
	make_file("plain", "");
	fd = open("plain", O_RDONLY);
	EXPECT_ERROR(fchdir(fd), ENOTDIR, "fchdir to a file");
	EXPECT_ERROR(fchdir(99), EBADF, "fchdir of a closed descriptor");
	close(fd);
	EXPECT_ERROR(rmdir("alias/"), ENOTDIR, "rmdir of a link to a directory, \"/\" or not");
	unlink("plain");
	unlink("alias");
	rmdir("real");
}

/* --- durability and statistics ----------------------------------------------------------- */

static void durability(void)
{
	int fds[2];
	int fd = open("sync", O_WRONLY | O_CREAT, 0644);

	write(fd, "x", 1);
	EXPECT_OK(fsync(fd), "fsync of a file");
	EXPECT_OK(fdatasync(fd), "fdatasync of a file");
	close(fd);
	pipe(fds);
	EXPECT_ERROR(fsync(fds[0]), EINVAL, "fsync of a pipe");
	EXPECT_ERROR(fdatasync(99), EBADF, "fdatasync of a closed descriptor");
	close(fds[0]);
	close(fds[1]);
	sync();
	check(true, "sync returns");
	unlink("sync");
}

static void file_system_statistics(void)
{
	struct statfs a, b;
	int fd = open(".", O_RDONLY | O_DIRECTORY);

	EXPECT_OK(statfs(".", &a), "statfs");
	EXPECT_OK(fstatfs(fd, &b), "fstatfs");
	check(a.f_type == b.f_type && a.f_namelen == 255 && a.f_bsize > 0,
	      "both agree: type %#llx, names up to %llu bytes, blocks of %llu",
	      (unsigned long long)a.f_type, (unsigned long long)a.f_namelen,
	      (unsigned long long)a.f_bsize);
	EXPECT_ERROR(statfs("missing", &a), ENOENT, "statfs of a missing file");
	EXPECT_ERROR(statfs(".", (struct statfs *)1), EFAULT, "statfs into a bad pointer");
	EXPECT_ERROR(fstatfs(99, &a), EBADF, "fstatfs of a closed descriptor");
	close(fd);
}

/* --- the working directory ----------------------------------------------------------------- */

/* Names an earlier, interrupted run may have left. */
static void remove_leftovers(void)
{
	static const char *const files[] = {
		"masked", "f", "dangling", "nowhere", "to_f", "hole", "pio", "t", "m", "tm", "tm_link",
		"a", "b", "sub/rel", "sub/dangling", "target", "loop_a", "loop_b", "sub_link", "r1", "r2",
		"r3", "full/x", "uf", "alias", "plain", "sync",
	};
	static const char *const dirs[] = {
		"masked_dir", "sub", "rd/in", "rd", "full", "moved", "ud", "real",
	};

	for (size_t i = 0; i < COUNT(files); i++)
		unlink(files[i]);
	for (size_t i = 0; i < COUNT(dirs); i++)
		rmdir(dirs[i]);
}

int main(int argc, char **argv)
{
	const char *where = argc > 1 ? argv[1] : "/t_fs";
	char work[256];		/* where, as an absolute path */

	mkdir(where, 0755);
	if (!check(chdir(where) == 0 && getcwd(work, sizeof(work)), "work in %s", where))
		return check_summary("t_fs");
	remove_leftovers();
	creation_modes();
	open_flags();
	holes_and_seeks();
	positioned_io();
	truncation();
	modes();
	set_times();
	times_follow_changes();
	hard_links();
	symbolic_links();
	rename_files();
	rename_directories();
	unlink_at();
	fchdir_and_getcwd(work);
	durability();
	file_system_statistics();
	chdir("/");
	int removed = rmdir(work);
	check(removed == 0, "every name made was removed (rmdir %s: %s)", work, got(removed));
	return check_summary("t_fs");
}
