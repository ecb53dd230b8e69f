#include "config.h"

#include "keys/sshkey.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/xmem.h"

static const char *const key_types[] = {
	"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
	"ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
	"sk-ecdsa-sha2-nistp256@openssh.com", NULL
};

#define MAX_BLOB 8192

/* Whether s is made only of the characters in set. */
static int
only(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return 0;
	return 1;
}

enum cd_status
sshkey_parse(const char *line, struct ssh_pubkey *out, struct cd_err *err)
{
	const char *p = line, *type, *blob, *comment, *rest;
	size_t tlen, blen, clen, rawlen, i;
	unsigned char *raw, digest[crypto_hash_sha256_BYTES];
	uint32_t inner;

	memset(out, 0, sizeof *out);
	while (*p == ' ')
		p++;
	type = p;
	tlen = strcspn(p, " ");
	for (i = 0; key_types[i] != NULL; i++)
		if (strlen(key_types[i]) == tlen &&
		    strncmp(key_types[i], type, tlen) == 0)
			break;
	if (key_types[i] == NULL)
		return cd_err_set(err, CD_ERR_INVALID, "not an ssh public key "
		    "line (TYPE BASE64 [COMMENT], with TYPE ssh-ed25519, "
		    "ssh-rsa or ecdsa-sha2-*); options are casedesk's to set");
	p += tlen;
	while (*p == ' ')
		p++;
	blob = p;
	blen = strcspn(p, " \n");
	if (blen == 0 || blen > MAX_BLOB || !only(blob, blen,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="))
		return cd_err_set(err, CD_ERR_INVALID, "the key's base64 part is "
		    "missing or malformed");
	p += blen;
	while (*p == ' ')
		p++;
	comment = p;
	rest = p + strcspn(p, "\n");
	if (*rest == '\n' && rest[1 + strspn(rest + 1, " \t\r\n")] != '\0')
		return cd_err_set(err, CD_ERR_INVALID, "one key at a time: the "
		    "file holds more than one line");
	clen = (size_t)(rest - comment);
	while (clen > 0 && (comment[clen - 1] == ' ' ||
	    comment[clen - 1] == '\r'))
		clen--;
	if (clen >= sizeof out->comment || !only(comment, clen,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	    "@._-"))
		clen = 0;	/* an odd comment is dropped, not trusted */
	raw = xmalloc(blen);
	if (sodium_base642bin(raw, blen, blob, blen, NULL, &rawlen, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || rawlen < 4 + tlen) {
		free(raw);
		return cd_err_set(err, CD_ERR_INVALID, "the key's base64 part "
		    "does not decode");
	}
	inner = (uint32_t)raw[0] << 24 | (uint32_t)raw[1] << 16 |
	    (uint32_t)raw[2] << 8 | raw[3];
	if (inner != tlen || memcmp(raw + 4, type, tlen) != 0) {
		free(raw);
		return cd_err_set(err, CD_ERR_INVALID, "the key's blob is not "
		    "a %.*s key", (int)tlen, type);
	}
	crypto_hash_sha256(digest, raw, rawlen);
	free(raw);
	memcpy(out->type, type, tlen);
	out->blob = xstrndup(blob, blen);
	memcpy(out->comment, comment, clen);
	memcpy(out->fingerprint, "SHA256:", 7);
	sodium_bin2base64(out->fingerprint + 7, sizeof out->fingerprint - 7,
	    digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	return CD_OK;
}

void
sshkey_fini(struct ssh_pubkey *k)
{
	free(k->blob);
	memset(k, 0, sizeof *k);
}

/* The user a casedesk line forces, or NULL when it is not one of ours. */
static char *
line_user(const char *line, size_t len)
{
	const char *end = line + len, *p, *q;

	if (len < 10 || strncmp(line, "command=\"", 9) != 0)
		return NULL;
	q = memchr(line + 9, '"', len - 9);
	if (q == NULL)
		return NULL;
	/* Ours: "... serve ... --user NAME" inside the command's quotes. */
	for (p = line + 9; p + strlen(" serve ") <= q; p++)
		if (strncmp(p, " serve ", strlen(" serve ")) == 0)
			break;
	for (; p + strlen(" --user ") <= q; p++)
		if (strncmp(p, " --user ", strlen(" --user ")) == 0) {
			const char *u = p + strlen(" --user ");
			size_t n = strcspn(u, " \"");

			if (u + n <= end && n > 0)
				return xstrndup(u, n);
		}
	return NULL;
}

/* The key part of a line (after the options), parsed; -1 if none. */
static int
line_key(const char *line, size_t len, struct ssh_pubkey *k)
{
	const char *q = memchr(line + 9, '"', len - 9), *sp;
	char *copy;
	int rc;

	if (q == NULL || (sp = memchr(q, ' ', (size_t)(line + len - q))) ==
	    NULL)
		return -1;
	copy = xstrndup(sp + 1, (size_t)(line + len - sp - 1));
	rc = sshkey_parse(copy, k, NULL) == CD_OK ? 0 : -1;
	free(copy);
	return rc;
}

/* Read path (empty when missing) and take its lock; -1 on failure. */
static int
lock_and_read(const char *path, struct buf *b, struct cd_err *err)
{
	char *lock = xasprintf("%s.lock", path);
	unsigned char *data;
	size_t len;
	int fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

	free(lock);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		cd_err_set(err, CD_ERR_IO, "cannot lock %s.lock: %s", path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (file_exists(path)) {
		if (file_read_all(path, 1u << 20, &data, &len, err) != CD_OK) {
			close(fd);
			return -1;
		}
		buf_add(b, data, len);
		free(data);
	}
	return fd;
}

enum cd_status
sshkey_file_set(const char *path, const char *command, const char *user,
    const struct ssh_pubkey *key, size_t *changed, struct cd_err *err)
{
	struct buf in = { 0 }, out = { 0 };
	const char *p, *nl;
	enum cd_status code;
	int fd;

	*changed = 0;
	if (!only(command, strlen(command), "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789/._- ") ||
	    !only(user, strlen(user), "abcdefghijklmnopqrstuvwxyz0123456789._-"))
		return cd_err_set(err, CD_ERR_INVALID, "the forced command and "
		    "user name may hold only letters, digits, '/', '.', '_', "
		    "'-' and spaces");
	if ((fd = lock_and_read(path, &in, err)) < 0) {
		buf_fini(&in);
		return err ? err->code : CD_ERR_IO;
	}
	for (p = buf_str(&in); *p; p = nl ? nl + 1 : p + strlen(p)) {
		size_t len;
		char *u;
		struct ssh_pubkey k;
		int same_key = 0;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		u = line_user(p, len);
		if (u != NULL && key != NULL && line_key(p, len, &k) == 0) {
			same_key = strcmp(k.blob, key->blob) == 0;
			sshkey_fini(&k);
		}
		/* Drop the user's lines on remove, and any line of this key. */
		if ((u != NULL && key == NULL && strcmp(u, user) == 0) ||
		    same_key) {
			(*changed)++;
			free(u);
			continue;
		}
		free(u);
		buf_add(&out, p, len);
		buf_addstr(&out, "\n");
	}
	if (key != NULL) {
		buf_addf(&out, "command=\"%s --user %s\",restrict,pty %s %s%s%s\n",
		    command, user, key->type, key->blob, key->comment[0] ?
		    " " : "", key->comment);
		(*changed)++;
	}
	code = file_write_atomic(path, out.data ? out.data : (void *)"",
	    out.len, 0600, err);
	close(fd);
	buf_fini(&in);
	buf_fini(&out);
	return code;
}

enum cd_status
sshkey_file_list(const char *path, struct ssh_entry **out, size_t *n,
    struct cd_err *err)
{
	unsigned char *data;
	const char *p, *nl;
	size_t len;
	enum cd_status code;

	*out = NULL;
	*n = 0;
	if (!file_exists(path))
		return CD_OK;
	code = file_read_all(path, 1u << 20, &data, &len, err);
	if (code != CD_OK)
		return code;
	for (p = (const char *)data; *p; p = nl ? nl + 1 : p + strlen(p)) {
		size_t l;
		char *u;
		struct ssh_entry e;

		nl = strchr(p, '\n');
		l = nl ? (size_t)(nl - p) : strlen(p);
		if ((u = line_user(p, l)) == NULL)
			continue;
		memset(&e, 0, sizeof e);
		e.user = u;
		if (line_key(p, l, &e.key) != 0)
			snprintf(e.key.type, sizeof e.key.type, "unreadable");
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = e;
	}
	free(data);
	return CD_OK;
}

void
sshkey_entries_free(struct ssh_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(e[i].user);
		sshkey_fini(&e[i].key);
	}
	free(e);
}
