/*
 * The console as user programs see it: a terminal in canonical mode.  The
 * kernel collects a line, echoing what is typed and applying the editing
 * keys (backspace, ^U erases the line, ^D ends input), and a read returns
 * at most one line.  Output goes straight to the console.
 */
#include "aurora/fcntl.h"
#include "console.h"
#include "errno.h"
#include "file.h"
#include "spinlock.h"
#include "string.h"

#define LINE_MAX 256

#define CTRL(c) ((c) & 0x1f)
#define BACKSPACE 0x7f

/* The line being collected, shared by every reader of the console. */
static struct spinlock line_lock = SPINLOCK_INIT("tty line");
static char line[LINE_MAX];
static size_t line_len, line_read;	/* bytes collected; bytes already read */
static bool line_ready;

static void echo(const char *s)
{
	console_write(s, strlen(s));
}

/* Take one typed byte into the line; true when the line is complete. */
static bool take_input(char c)
{
	if (c == '\r' || c == '\n') {
		line[line_len++] = '\n';
		echo("\n");
		return true;
	}
	if (c == CTRL('D'))
		return true;	/* an empty line is end of file */
	if (c == BACKSPACE || c == '\b') {
		if (line_len) {
			line_len--;
			echo("\b \b");
		}
	} else if (c == CTRL('U') || c == CTRL('C')) {
		while (line_len) {
			line_len--;
			echo("\b \b");
		}
	} else if (c >= ' ' && c < BACKSPACE && line_len < LINE_MAX - 1) {
		line[line_len++] = c;
		console_write(&c, 1);
	}
	return false;
}

/* Take typed bytes until a line is complete; 0, or -EINTR.  The lock is
   held, except while waiting for a key. */
static int collect_line(void)
{
	while (!line_ready) {
		spin_unlock(&line_lock);
		int c = console_getc_interruptible();
		spin_lock(&line_lock);
		if (c < 0)
			return c;
		/* Two readers may wait at once; if the other one completed the
		   line meanwhile, this key has no line to go to. */
		if (!line_ready)
			line_ready = take_input((char)c);
	}
	return 0;
}

static long tty_read(struct file *f, void *buf, size_t len)
{
	(void)f;
	spin_lock(&line_lock);
	int err = collect_line();
	if (err) {
		spin_unlock(&line_lock);
		return err;
	}
	size_t n = line_len - line_read;
	if (n > len)
		n = len;
	memcpy(buf, line + line_read, n);
	line_read += n;
	if (line_read == line_len)
		line_len = line_read = 0, line_ready = false;
	spin_unlock(&line_lock);
	return (long)n;
}

static long tty_write(struct file *f, const void *buf, size_t len)
{
	(void)f;
	console_write(buf, len);
	return (long)len;
}

static const struct file_ops tty_ops = {
	.read = tty_read,
	.write = tty_write,
	.stream = true,
	.tty = true,
};

struct file *console_file_open(unsigned flags)
{
	return file_alloc(&tty_ops, flags);
}
