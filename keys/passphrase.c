#include "config.h"

#include "keys/passphrase.h"

#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

enum cd_status
passphrase_read(int fd, struct secret **out, struct cd_err *err)
{
	struct termios old, quiet;
	int restore = 0, saved = 0;
	size_t nread = 0;
	enum cd_status st;
	struct secret *s;
	unsigned char c;

	*out = NULL;
	st = secret_new(PASSPHRASE_MAX, &s, err);
	if (st != CD_OK)
		return st;
	if (isatty(fd) && tcgetattr(fd, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		if (tcsetattr(fd, TCSAFLUSH, &quiet) == 0)
			restore = 1;
	}
	for (;;) {
		ssize_t n = read(fd, &c, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			saved = errno;
			break;
		}
		if (n == 0)
			break;
		nread++;
		if (c == '\n')
			break;
		if (c == '\r')
			continue;
		if (s->len == PASSPHRASE_MAX) {
			st = cd_err_set(err, CD_ERR_INVALID,
			    "passphrase longer than %d bytes", PASSPHRASE_MAX);
			continue;	/* drain the rest of the line */
		}
		s->data[s->len++] = c;
	}
	c = 0;
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (saved != 0)
		st = cd_err_set(err, CD_ERR_IO, "cannot read passphrase: %s",
		    strerror(saved));
	else if (nread == 0 && st == CD_OK)
		st = cd_err_set(err, CD_ERR_CANCELLED,
		    "no passphrase given (end of input)");
	if (st != CD_OK) {
		secret_free(&s);
		return st;
	}
	s->data[s->len] = '\0';
	*out = s;
	return CD_OK;
}
