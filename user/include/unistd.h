/* POSIX process and file calls: thin wrappers over the Linux system calls. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#include <aurora/unistd.h>	/* SEEK_*, and access()'s F_OK ... R_OK */
#include <sys/syscall.h>	/* syscall(), which Linux's C libraries declare here */

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int fd, int newfd);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int access(const char *path, int mode);
int isatty(int fd);
/* read and write at offset, leaving the file's own offset where it is. */
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int fsync(int fd);
int fdatasync(int fd);
void sync(void);

/* The environment: set up by crt0, passed on by execv and execvp. */
extern char **environ;

pid_t fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
/* execve with this environment; execvp also searches $PATH (default /bin)
   when file has no '/'. */
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
__attribute__((noreturn)) void _exit(int status);
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);

/* Process groups and sessions (job control). */
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
/* The terminal's foreground process group. */
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
/* Wait for a signal; always -1, EINTR, after a handler ran. */
int pause(void);

char *getcwd(char *buf, size_t size);
int chdir(const char *path);
int fchdir(int fd);
int rmdir(const char *path);
int unlink(const char *path);
/* flags: 0, or AT_REMOVEDIR (fcntl.h) to remove a directory. */
int unlinkat(int dirfd, const char *path, int flags);
int link(const char *old_path, const char *new_path);
int symlink(const char *target, const char *link_path);
/* The target, not NUL-terminated: its length, at most size. */
ssize_t readlink(const char *path, char *buf, size_t size);

unsigned int sleep(unsigned int seconds);
int usleep(unsigned long usec);
int brk(void *addr);
void *sbrk(long increment);

#endif
