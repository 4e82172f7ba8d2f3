/* opendir() and readdir(): getdents64's records, a bufferful at a time. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

struct dir {
	int fd;
	size_t next, end;	/* the unread records are buf[next..end) */
	_Alignas(8) char buf[2048];	/* the kernel aligns each record to 8 */
};

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	if (!(d = malloc(sizeof(*d)))) {
		close(fd);
		return NULL;
	}
	*d = (DIR){ .fd = fd };
	return d;
}

struct dirent *readdir(DIR *d)
{
	if (d->next == d->end) {
		ssize_t n = getdents64(d->fd, d->buf, sizeof(d->buf));

		if (n <= 0)
			return NULL;
		d->next = 0;
		d->end = n;
	}
	struct dirent *e = (struct dirent *)(d->buf + d->next);
	d->next += e->d_reclen;
	return e;
}

int closedir(DIR *d)
{
	int status = close(d->fd);

	free(d);
	return status;
}

int dirfd(DIR *d)
{
	return d->fd;
}
