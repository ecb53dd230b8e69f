/*
 * Hostile text in every text field of every record type: SQL-looking
 * text, quotes and non-Latin scripts are stored exactly; control
 * characters, invalid UTF-8 and text past the field's limit are refused
 * with a message naming the field; nothing saved before is disturbed.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "store/codes.h"
#include "store/entity.h"
#include "store/record.h"
#include "store/user.h"
#include "tests/unit/fixture.h"

static struct fixture fx;

static void
first_code(const struct code_entry *e, void *arg)
{
	const char **out = arg;

	if (*out == NULL)
		*out = e->code;
}

/* A valid value for a field of this type (NULL: cannot make one). */
static const char *
valid(const struct field_def *f)
{
	const char *code = NULL;

	switch (f->type) {
	case FT_TEXT:
	case FT_NOTE:
		return "plain";
	case FT_DATE:
		return "2020-01-01";
	case FT_DATETIME:
		return "2020-01-01T10:00";
	case FT_BOOL:
		return "1";
	case FT_INT:
		return "1";
	case FT_CODE:
	case FT_CODES:
		codes_each(f->list, first_code, &code);
		return code;
	case FT_POSTCODE:
		return "NW5 1TL";
	case FT_NHS:
		return "9434765919";
	case FT_UPN:
		return "A318250000017";
	default:
		return NULL;
	}
}

/* Make a row of e with its required fields and field = value. */
static enum cd_status
make(struct store *st, const struct entity_def *e, int64_t person,
    const char *field, const char *value, int64_t *id, struct cd_err *err)
{
	struct field_value v[40];
	size_t i, n = 0;

	for (i = 0; i < e->nfields; i++) {
		const struct field_def *f = &e->fields[i];

		if (strcmp(f->name, field) == 0)
			v[n++] = (struct field_value){ f->name, value };
		else if (f->flags & FF_REQUIRED)
			v[n++] = (struct field_value){ f->name, valid(f) };
	}
	/* Unset, "family told" means not told, which needs a reason. */
	if (strcmp(e->name, "disclosure") == 0 && strcmp(field,
	    "not_told_reason") != 0)
		v[n++] = (struct field_value){ "family_told", "1" };
	return store_record_create(st, e->name, e->person_scoped ? person : 0,
	    v, n, id, err);
}

/* Whether every required field of e can be given a value here. */
static int
makeable(const struct entity_def *e)
{
	size_t i;

	if (strcmp(e->name, "form_instance") == 0 ||
	    strcmp(e->name, "sar_request") == 0)
		return 0;	/* the form lifecycle; governance's own */
	for (i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & FF_REQUIRED) &&
		    valid(&e->fields[i]) == NULL)
			return 0;
	return 1;
}

static void
every_text_field(void **state)
{
	static const char *const kept[] = {
		"Robert'); DROP TABLE person;--",
		"\" OR 1=1 -- \\ %s %n",
		"Łukasz Wiśniewski — 李小龍 — محمد",
	};
	struct store *st;
	const struct entity_def *all;
	size_t n, i, j, k, fields = 0;
	int64_t person, id;
	struct cd_err err;
	char *longest;

	(void)state;
	st = fixture_open_as(&fx, "mo");
	person = fixture_row(st, "person", 0, "family_name", "Hostile",
	    "given_names", "Test", "dob", "2012-01-01", NULL);
	longest = xmalloc(100002);
	all = entity_all(&n);
	for (i = 0; i < n; i++) {
		const struct entity_def *e = &all[i];

		if (!makeable(e))
			continue;
		for (j = 0; j < e->nfields; j++) {
			const struct field_def *f = &e->fields[j];
			size_t limit = f->type == FT_NOTE ? 100000 : 4000;
			struct record r;

			if ((f->type != FT_TEXT && f->type != FT_NOTE) ||
			    (f->flags & FF_STORE_ONLY))
				continue;
			fields++;
			for (k = 0; k < sizeof kept / sizeof kept[0]; k++) {
				if (make(st, e, person, f->name, kept[k], &id,
				    &err) != CD_OK)
					fail_msg("%s.%s refused \"%s\": %s",
					    e->name, f->name, kept[k], err.msg);
				assert_int_equal(store_record_get(st, e->name,
				    id, &r, NULL), CD_OK);
				assert_string_equal(store_record_value(&r,
				    f->name), kept[k]);
				store_record_fini(&r);
			}
			assert_int_equal(make(st, e, person, f->name,
			    "bell\007 and escape\033[2J", &id, &err),
			    CD_ERR_INVALID);
			assert_non_null(strstr(err.msg, f->label));
			assert_int_equal(make(st, e, person, f->name,
			    "bad \xc3\x28 byte", &id, &err), CD_ERR_INVALID);
			assert_non_null(strstr(err.msg, "UTF-8"));
			memset(longest, 'x', limit + 1);
			longest[limit + 1] = '\0';
			assert_int_equal(make(st, e, person, f->name, longest,
			    &id, &err), CD_ERR_INVALID);
			assert_non_null(strstr(err.msg, f->label));
			longest[limit] = '\0';
			if (make(st, e, person, f->name, longest, &id, &err) !=
			    CD_OK)
				fail_msg("%s.%s refused %zu bytes: %s", e->name,
				    f->name, limit, err.msg);
		}
	}
	print_message("# %zu text fields tried\n", fields);
	assert_true(fields >= 45);
	/* The person made first is untouched by all of it. */
	{
		struct record r;

		assert_int_equal(store_record_get(st, "person", person, &r,
		    NULL), CD_OK);
		assert_string_equal(store_record_value(&r, "family_name"),
		    "Hostile");
		store_record_fini(&r);
	}
	free(longest);
	store_close(&st);
}

static int
setup(void **state)
{
	(void)state;
	fixture_make(&fx);
	assert_int_equal(store_user_add(fx.st, "mo", "Mo Manager",
	    ROLE_MANAGER, "Team", NULL), CD_OK);
	store_close(&fx.st);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fixture_free(&fx);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_text_field),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
