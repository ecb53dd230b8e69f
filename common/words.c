#include "config.h"

#include "common/words.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmem.h"

/* Characters a shell would act on; outside quotes they are refused. */
static const char shell_special[] = ";&|<>()$`\\*?[]{}~!";

/* Whether c may stand unquoted in a word. */
static int
plain(unsigned char c)
{
	return c > ' ' && c != 0x7f && strchr(shell_special, c) == NULL &&
	    c != '\'' && c != '"';
}

/* A character as it may be shown in a message ('x', or \xNN). */
static void
shown(unsigned char c, char out[8])
{
	static const char hex[] = "0123456789abcdef";

	if (c >= ' ' && c < 0x7f) {
		out[0] = '\'';
		out[1] = (char)c;
		out[2] = '\'';
		out[3] = '\0';
	} else {
		out[0] = '\\';
		out[1] = 'x';
		out[2] = hex[c >> 4];
		out[3] = hex[c & 15];
		out[4] = '\0';
	}
}

void
words_free(char **words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

enum cd_status
words_split(const char *line, char ***out, size_t *n, struct cd_err *err)
{
	const unsigned char *p = (const unsigned char *)line;
	struct buf w = { 0 };
	char **words = NULL, c[8];
	size_t count = 0, at;
	enum cd_status code = CD_OK;
	int in_word = 0;

	*out = NULL;
	*n = 0;
	if (strlen(line) > WORDS_LINE_MAX)
		return cd_err_set(err, CD_ERR_INVALID, "the command is longer "
		    "than %d characters", WORDS_LINE_MAX);
	for (; code == CD_OK; p++) {
		at = (size_t)(p - (const unsigned char *)line) + 1;
		if (*p == '\0' || *p == ' ' || *p == '\t') {
			if (in_word) {
				if (count == WORDS_MAX) {
					code = cd_err_set(err, CD_ERR_INVALID,
					    "more than %d words", WORDS_MAX);
					break;
				}
				words = xreallocarray(words, count + 1,
				    sizeof *words);
				words[count++] = xstrdup(buf_str(&w));
				buf_reset(&w);
				in_word = 0;
			}
			if (*p == '\0')
				break;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			unsigned char q = *p;

			for (p++; *p != '\0' && *p != q; p++) {
				if (*p < ' ' || *p == 0x7f) {
					shown(*p, c);
					code = cd_err_set(err, CD_ERR_INVALID,
					    "the control character %s (at %zu) is "
					    "not allowed", c, (size_t)(p -
					    (const unsigned char *)line) + 1);
					break;
				}
				buf_add(&w, p, 1);
			}
			if (code == CD_OK && *p != q)
				code = cd_err_set(err, CD_ERR_INVALID, "the %s "
				    "quote at %zu is never closed", q == '"' ?
				    "double" : "single", at);
			in_word = 1;
			continue;
		}
		if (!plain(*p) && *p < 0x80) {
			shown(*p, c);
			code = cd_err_set(err, CD_ERR_INVALID, "%s (at %zu) is "
			    "not allowed: this is no shell; quote a search term "
			    "that needs it", c, at);
			break;
		}
		buf_add(&w, p, 1);
		in_word = 1;
	}
	buf_fini(&w);
	if (code != CD_OK) {
		words_free(words, count);
		return code;
	}
	*out = words;
	*n = count;
	return CD_OK;
}
