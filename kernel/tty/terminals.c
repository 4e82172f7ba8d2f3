/*
 * The machine's terminals: the console, whose output is every console
 * device (the screen, the serial line) and whose keys are the console's
 * input; and up to TERMINALS_MAX more that a target gives (the browser
 * kernel: one per window its page opens, /dev/tty1 ...), and /dev/tty,
 * which is whichever of them is the opener's controlling terminal.  On
 * x86_64 only the console exists: /dev/tty1 ... are -ENXIO there.
 */
#include "chardev.h"
#include "console.h"
#include "errno.h"
#include "file.h"
#include "process.h"
#include "tty.h"

static void console_output(const struct tty *tty, const char *s, size_t n)
{
	(void)tty;
	console_write(s, n);
}

static struct tty console_tty = {
	.lock = SPINLOCK_INIT("console tty"),
	.window = { 25, 80, 0, 0 },
	.output = console_output,
};
static struct tty terminals[TERMINALS_MAX];

struct tty *tty_console(void)
{
	return &console_tty;
}

struct tty *tty_terminal(unsigned n)
{
	return n >= 1 && n <= TERMINALS_MAX && terminals[n - 1].output ? &terminals[n - 1] : NULL;
}

void terminal_register(unsigned n, void (*output)(const struct tty *tty, const char *s,
						    size_t len))
{
	terminals[n - 1] = (struct tty){
		.lock = SPINLOCK_INIT("terminal tty"),
		.window = { 25, 80, 0, 0 }, .number = n, .output = output,
	};
	tty_start(&terminals[n - 1]);	/* a key may come before init opens it */
}

static void console_key(char c)
{
	tty_input(&console_tty, c);
}

int console_file_open(uint32_t rdev, unsigned flags, struct file **out)
{
	bool first = !console_tty.started;

	(void)rdev;
	int err = tty_file_open(&console_tty, flags, out);
	if (!err && first)
		console_set_input_sink(console_key);
	return err;
}

int terminal_file_open(uint32_t rdev, unsigned flags, struct file **out)
{
	struct tty *tty = tty_terminal(rdev - RDEV_TERMINAL1 + 1);

	return tty ? tty_file_open(tty, flags, out) : -ENXIO;
}

static bool is_controlling(struct tty *tty, int sid)
{
	spin_lock(&tty->lock);
	bool mine = tty->session && tty->session == sid;
	spin_unlock(&tty->lock);
	return mine;
}

struct tty *tty_controlling(void)
{
	int sid = process_current()->sid;

	if (is_controlling(&console_tty, sid))
		return &console_tty;
	for (unsigned n = 1; n <= TERMINALS_MAX; n++)
		if (tty_terminal(n) && is_controlling(&terminals[n - 1], sid))
			return &terminals[n - 1];
	return NULL;
}

/* As Linux: no controlling terminal, no /dev/tty. */
int controlling_tty_open(uint32_t rdev, unsigned flags, struct file **out)
{
	struct tty *tty = tty_controlling();

	(void)rdev;
	return tty ? tty_file_open(tty, flags, out) : -ENXIO;
}
