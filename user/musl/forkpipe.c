/*
 * Built with Debian's musl-gcc: malloc, pipe, fork, execve, waitpid and
 * stdio from musl.  The child runs /bin/echo with its output into a pipe;
 * the parent prints what came through and how the child ended.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIZE 4096

int main(void)
{
	char *buf = malloc(SIZE);
	int fds[2];
	size_t len = 0;
	ssize_t n;

	if (!buf || pipe(fds) < 0) {
		perror("forkpipe");
		return 1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("forkpipe: fork");
		return 1;
	}
	if (pid == 0) {
		char *argv[] = { "echo", "hello", "from", "echo", "via", "musl", NULL };
		char *envp[] = { NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execve("/bin/echo", argv, envp);
		perror("forkpipe: execve /bin/echo");
		_exit(127);
	}
	close(fds[1]);
	while (len < SIZE - 1 && (n = read(fds[0], buf + len, SIZE - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	close(fds[0]);

	int status;
	if (waitpid(pid, &status, 0) != pid) {
		perror("forkpipe: waitpid");
		return 1;
	}
	printf("child said: %s", buf);
	if (WIFEXITED(status))
		printf("child exit status %d\n", WEXITSTATUS(status));
	else
		printf("child killed by signal %d\n", WTERMSIG(status));
	free(buf);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
