#include "config.h"

#include "keys/passphrase.h"

#include <errno.h>
#include <pwquality.h>
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

enum cd_status
passphrase_quality(const struct secret *p, const char *user, int live,
    struct cd_err *err)
{
	pwquality_settings_t *pq;
	void *aux = NULL;
	char why[256];
	int score;

	if (p->len < PASSPHRASE_MIN)
		return cd_err_set(err, CD_ERR_INVALID, "the passphrase for %s "
		    "is too short: use at least %d characters (a few words "
		    "make a good one)", user, PASSPHRASE_MIN);
	if (!live)
		return CD_OK;
	pq = pwquality_default_settings();
	if (pq == NULL)
		return cd_err_set(err, CD_ERR_NOMEM, "out of memory");
	/* The system's policy (/etc/security/pwquality.conf), then ours. */
	pwquality_read_config(pq, NULL, NULL);
	pwquality_set_int_value(pq, PWQ_SETTING_MIN_LENGTH, PASSPHRASE_MIN);
	score = pwquality_check(pq, (const char *)p->data, NULL, user, &aux);
	pwquality_free_settings(pq);
	if (score < 0) {
		return cd_err_set(err, CD_ERR_INVALID, "the passphrase for %s "
		    "is refused: %s; nothing was changed", user,
		    pwquality_strerror(why, sizeof why, score, aux));
	}
	return CD_OK;
}
