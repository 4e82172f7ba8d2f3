/* opendir() and readdir(): getdents64's records, a bufferful at a time;
   read_dir_names(): all of a directory's names at once. */
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
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

static bool is_dot_or_dot_dot(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* Append a copy of name to the n names in *names; false if out of memory. */
static bool add_name(char ***names, ssize_t n, const char *name)
{
	char **grown = realloc(*names, (n + 1) * sizeof(**names));

	if (!grown)
		return false;
	*names = grown;
	return (grown[n] = strdup(name)) != NULL;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

ssize_t read_dir_names(int fd, char ***out)
{
	_Alignas(8) char buf[2048];	/* the kernel aligns each record to 8 */
	char **names = NULL;
	ssize_t n = 0, len;

	while ((len = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < len; ) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			off += d->d_reclen;
			if (is_dot_or_dot_dot(d->d_name))
				continue;
			if (!add_name(&names, n, d->d_name))
				goto fail;
			n++;
		}
	}
	if (len < 0)
		goto fail;
	qsort(names, n, sizeof(*names), by_name);
	*out = names;
	return n;
fail:
	free_dir_names(names, n);
	return -1;
}

ssize_t list_dir_names(const char *path, char ***names)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read_dir_names(fd, names);
	close(fd);
	return n;
}

void free_dir_names(char **names, ssize_t n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}
