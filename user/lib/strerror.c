/* Messages for the error numbers and descriptions of the signals. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const messages[] = {
#define E(num, text) [num] = text
	E(EPERM, "Operation not permitted"),
	E(ENOENT, "No such file or directory"),
	E(ESRCH, "No such process"),
	E(EINTR, "Interrupted system call"),
	E(EIO, "Input/output error"),
	E(ENXIO, "No such device or address"),
	E(E2BIG, "Argument list too long"),
	E(ENOEXEC, "Exec format error"),
	E(EBADF, "Bad file descriptor"),
	E(ECHILD, "No child processes"),
	E(EAGAIN, "Resource temporarily unavailable"),
	E(ENOMEM, "Cannot allocate memory"),
	E(EACCES, "Permission denied"),
	E(EFAULT, "Bad address"),
	E(EBUSY, "Device or resource busy"),
	E(EEXIST, "File exists"),
	E(EXDEV, "Invalid cross-device link"),
	E(ENODEV, "No such device"),
	E(ENOTDIR, "Not a directory"),
	E(EISDIR, "Is a directory"),
	E(EINVAL, "Invalid argument"),
	E(ENFILE, "Too many open files in system"),
	E(EMFILE, "Too many open files"),
	E(ENOTTY, "Inappropriate ioctl for device"),
	E(EFBIG, "File too large"),
	E(ENOSPC, "No space left on device"),
	E(ESPIPE, "Illegal seek"),
	E(EROFS, "Read-only file system"),
	E(EMLINK, "Too many links"),
	E(EPIPE, "Broken pipe"),
	E(ERANGE, "Numerical result out of range"),
	E(ENAMETOOLONG, "File name too long"),
	E(ENOSYS, "Function not implemented"),
	E(ENOTEMPTY, "Directory not empty"),
	E(ELOOP, "Too many levels of symbolic links"),
#undef E
};

/* The words of Linux's C library, which shells print. */
static const char *const descriptions[] = {
#define S(sig, text) [sig] = text
	S(SIGHUP, "Hangup"),
	S(SIGINT, "Interrupt"),
	S(SIGQUIT, "Quit"),
	S(SIGILL, "Illegal instruction"),
	S(SIGTRAP, "Trace/breakpoint trap"),
	S(SIGABRT, "Aborted"),
	S(SIGBUS, "Bus error"),
	S(SIGFPE, "Floating point exception"),
	S(SIGKILL, "Killed"),
	S(SIGUSR1, "User defined signal 1"),
	S(SIGSEGV, "Segmentation fault"),
	S(SIGUSR2, "User defined signal 2"),
	S(SIGPIPE, "Broken pipe"),
	S(SIGALRM, "Alarm clock"),
	S(SIGTERM, "Terminated"),
	S(SIGSTKFLT, "Stack fault"),
	S(SIGCHLD, "Child exited"),
	S(SIGCONT, "Continued"),
	S(SIGSTOP, "Stopped (signal)"),
	S(SIGTSTP, "Stopped"),
	S(SIGTTIN, "Stopped (tty input)"),
	S(SIGTTOU, "Stopped (tty output)"),
	S(SIGURG, "Urgent I/O condition"),
	S(SIGXCPU, "CPU time limit exceeded"),
	S(SIGXFSZ, "File size limit exceeded"),
	S(SIGVTALRM, "Virtual timer expired"),
	S(SIGPROF, "Profiling timer expired"),
	S(SIGWINCH, "Window changed"),
	S(SIGIO, "I/O possible"),
	S(SIGPWR, "Power failure"),
	S(SIGSYS, "Bad system call"),
#undef S
};

/* table[n], or "<unknown> n" in a static buffer: that makes strerror and
   strsignal non-reentrant, as C allows. */
static char *text(const char *const *table, size_t size, int n, const char *unknown)
{
	static char buf[32];

	if (n > 0 && (size_t)n < size && table[n])
		return (char *)table[n];
	snprintf(buf, sizeof(buf), "%s %d", unknown, n);
	return buf;
}

char *strerror(int err)
{
	return text(messages, COUNT(messages), err, "Unknown error");
}

char *strsignal(int sig)
{
	return text(descriptions, COUNT(descriptions), sig, "Unknown signal");
}
