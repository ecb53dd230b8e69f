#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "common/date.h"
#include "common/file.h"
#include "common/xmem.h"
#include "keys/hash.h"
#include "keys/secret.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/store_int.h"

/*
 * The head log: each session's closing head (sequence and hash) goes off
 * the machine, to syslog (authpriv) and to [audit] head_log when set, so a
 * chain cut short and re-anchored by someone holding the data key still
 * disagrees with a record they cannot reach.
 */

#define HEAD_TAG "casedesk audit head "

static char *head_log_path;

void
store_audit_head_log(const char *path)
{
	free(head_log_path);
	head_log_path = path != NULL && *path ? xstrdup(path) : NULL;
}

/* This database's identity in the head log (made once, kept in meta). */
static char *
database_id(struct store *st)
{
	unsigned char raw[16];
	char *id = store_meta_get(st, "database_id");
	size_t i;

	if (id != NULL)
		return id;
	secret_random(raw, sizeof raw);
	id = xcalloc(2 * sizeof raw + 1, 1);
	for (i = 0; i < sizeof raw; i++)
		snprintf(id + 2 * i, 3, "%02x", raw[i]);
	if (store_meta_set(st, "database_id", id, NULL) != CD_OK) {
		free(id);
		return NULL;
	}
	return id;
}

/* The chain's head: sequence and hash (0 when empty). */
static int64_t
head(struct store *st, char hex[HASH_HEX])
{
	sqlite3_stmt *s = store_prepare(st, "SELECT seq, hash FROM audit_event "
	    "ORDER BY seq DESC LIMIT 1", NULL);
	int64_t seq = 0;

	hex[0] = '\0';
	if (s != NULL && sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_bytes(s, 1) == HASH_BYTES) {
		seq = sqlite3_column_int64(s, 0);
		hash_to_hex(sqlite3_column_blob(s, 1), hex);
	}
	sqlite3_finalize(s);
	return seq;
}

void
store_audit_head_publish(struct store *st)
{
	char hex[HASH_HEX], now[DATE_TIME_LEN], *id, *line;
	int64_t seq;
	int fd;

	/* The head goes off the machine only once it is on the disk. */
	store_sync(st, NULL);
	seq = head(st, hex);

	if (seq == 0 || (id = database_id(st)) == NULL)
		return;
	openlog("casedesk", LOG_PID, LOG_AUTHPRIV);
	syslog(LOG_NOTICE, HEAD_TAG "db=%s seq=%lld hash=%s user=%s", id,
	    (long long)seq, hex, st->user_name ? st->user_name : "-");
	closelog();
	if (head_log_path != NULL) {
		date_now(now);
		line = xasprintf("%s " HEAD_TAG "db=%s seq=%lld hash=%s "
		    "user=%s\n", now, id, (long long)seq, hex,
		    st->user_name ? st->user_name : "-");
		fd = open(head_log_path, O_WRONLY | O_APPEND | O_CREAT |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0) {
			(void)!write(fd, line, strlen(line));
			fsync(fd);
			close(fd);
		} else {
			/* Lost unseen otherwise: say so where the head went. */
			openlog("casedesk", LOG_PID, LOG_AUTHPRIV);
			syslog(LOG_ERR, "cannot append to [audit] head_log %s: "
			    "%m", head_log_path);
			closelog();
		}
		free(line);
	}
	free(id);
}

/* Parse "... casedesk audit head db=ID seq=N hash=H"; 0 when not one. */
static int
parse_head(const char *line, const char *id, int64_t *seq,
    unsigned char hash[HASH_BYTES])
{
	const char *p = strstr(line, HEAD_TAG);
	char lid[65], hex[HASH_HEX + 1];
	long long n;

	if (p == NULL || sscanf(p + strlen(HEAD_TAG), "db=%64s seq=%lld "
	    "hash=%64s", lid, &n, hex) != 3)
		return 0;
	if (strcmp(lid, id) != 0 || n < 1 || hash_from_hex(hex, hash) != 0)
		return 0;
	*seq = n;
	return 1;
}

enum cd_status
store_audit_verify_heads(struct store *st, const char *path,
    struct audit_verify *v, struct cd_err *err)
{
	unsigned char *data, hash[HASH_BYTES], have[HASH_BYTES];
	char hex[HASH_HEX], *id, *line, *next;
	int64_t last, seq, lineno = 0, matched = 0, highest = 0;
	sqlite3_stmt *s;
	enum cd_status code;
	size_t len;

	if (!access_may(st, ACCESS_AUDIT_VERIFY))
		return cd_err_set(err, CD_ERR_DENIED, "the %s role may not "
		    "verify the audit trail", role_title(st->role));
	code = file_read_all(path, 1u << 30, &data, &len, err);
	if (code != CD_OK)
		return code;
	id = database_id(st);
	last = head(st, hex);
	s = store_prepare(st, "SELECT hash FROM audit_event WHERE seq = ?",
	    err);
	if (s == NULL || id == NULL) {
		free(data);
		free(id);
		sqlite3_finalize(s);
		return err ? err->code : CD_ERR_DB;
	}
	for (line = (char *)data; line != NULL && v->problem[0] == '\0';
	    line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (!parse_head(line, id, &seq, hash))
			continue;
		matched++;
		if (seq > highest)
			highest = seq;
		if (seq > last) {
			v->bad_seq = last + 1;
			snprintf(v->problem, sizeof v->problem, "the trail has "
			    "been cut off: %s line %lld records event %lld but "
			    "the database ends at %lld", path, (long long)lineno,
			    (long long)seq, (long long)last);
			break;
		}
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, seq);
		if (sqlite3_step(s) != SQLITE_ROW ||
		    sqlite3_column_bytes(s, 0) != HASH_BYTES)
			memset(have, 0, sizeof have);
		else
			memcpy(have, sqlite3_column_blob(s, 0), HASH_BYTES);
		if (!hash_equal(have, hash)) {
			v->bad_seq = seq;
			snprintf(v->problem, sizeof v->problem, "event %lld is "
			    "not the one logged in %s line %lld: the chain has "
			    "been rewritten from there on", (long long)seq, path,
			    (long long)lineno);
		}
	}
	sqlite3_finalize(s);
	free(data);
	if (v->problem[0] == '\0' && matched == 0)
		snprintf(v->problem, sizeof v->problem, "%s holds no heads of "
		    "this database (id %s)", path, id);
	free(id);
	v->heads = matched;
	if (v->problem[0] != '\0')
		return cd_err_set(err, CD_ERR_AUDIT, "%s", v->problem);
	return CD_OK;
}
