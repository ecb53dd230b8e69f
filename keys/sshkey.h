/*
 * Staff ssh keys in the service account's authorized_keys: one line per
 * key, forcing `casedesk serve --user NAME`. Public keys are parsed
 * strictly (a known type, a blob that names the same type) so no option
 * or second line can ride in with one; the file is rewritten atomically
 * under a lock, keeping every line casedesk did not write.
 */
#ifndef CD_KEYS_SSHKEY_H
#define CD_KEYS_SSHKEY_H

#include <stddef.h>

#include "common/status.h"

struct ssh_pubkey {
	char type[48];		/* "ssh-ed25519" */
	char *blob;		/* base64, as in the .pub file */
	char comment[96];	/* letters, digits, @ . _ - only; may be "" */
	char fingerprint[64];	/* "SHA256:..." as ssh-keygen -l shows */
};

/* Parse one public key line ("TYPE BASE64 [COMMENT]"). */
enum cd_status sshkey_parse(const char *line, struct ssh_pubkey *out,
    struct cd_err *err);
void sshkey_fini(struct ssh_pubkey *k);

/* One casedesk line of an authorized_keys file, as read back. */
struct ssh_entry {
	char *user;
	struct ssh_pubkey key;
};

/*
 * Give user the key (command is the forced command's program and options
 * before "--user", e.g. "/usr/bin/casedesk serve --db /srv/c/c.db"), or
 * with key NULL remove every key of user. *changed counts lines affected.
 */
enum cd_status sshkey_file_set(const char *path, const char *command,
    const char *user, const struct ssh_pubkey *key, size_t *changed,
    struct cd_err *err);

/* The casedesk lines of path (none when it does not exist). */
enum cd_status sshkey_file_list(const char *path, struct ssh_entry **out,
    size_t *n, struct cd_err *err);
void sshkey_entries_free(struct ssh_entry *e, size_t n);

#endif
