/*
 * The Children in Need census as the DfE's XML: Message, Header and one
 * Child per child with a referral open during the year ending 31 March,
 * elements in the XSD's order, ISO dates, no namespace. Written with
 * libxml2's xmlwriter.
 */
#ifndef CD_CASEWORK_CINXML_H
#define CD_CASEWORK_CINXML_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"

struct rt_set;
struct rt_child;
struct calendar;
struct rt_s47;
struct rt_referral;
struct rt_assessment;
struct rt_cinplan;
struct rt_cpplan;

struct cinxml_opts {
	int year;		/* the census year ends 31 March year */
	const char *la_code;	/* the 3-digit DfE LA code (LEA) */
	const char *now;	/* DateTime of the file, YYYY-MM-DDTHH:MM:SS */
	const struct calendar *cal;	/* for InitialCPCtarget; may be NULL */
};

/*
 * Build the census into out; *children gets the number of Child
 * elements. CD_ERR_INVALID when the LA code is missing.
 */
enum cd_status cinxml_build(const struct rt_set *s,
    const struct cinxml_opts *o, struct buf *out, size_t *children,
    struct cd_err *err);

/* Build and write to path (0600, replaced atomically). */
enum cd_status cinxml_write(const struct rt_set *s,
    const struct cinxml_opts *o, const char *path, size_t *children,
    struct cd_err *err);

/* Whether the child has a referral open at some time from..to. */
int cinxml_in_scope(const struct rt_child *c, const char *from,
    const char *to);

/*
 * The referral (index into c->refs) a row belongs to: the one it names,
 * or else the latest referral starting on or before day; -1 for none.
 */
int cinxml_owner(const struct rt_child *c, int64_t referral,
    const char *day);

/*
 * Whether a section 47 enquiry of referral ref belongs to the census
 * from..to: it ends at its initial conference when one was held, so one
 * whose conference was the year before is not in it (rule 8715).
 */
int cinxml_s47_in(const struct rt_child *c, const struct rt_s47 *s, int ref,
    const char *from, const char *to);

/*
 * One CINdetails as written: the referral, its closure date and reason
 * and its own initial conference as they go in the file ("" when not),
 * and the assessments, CIN plans, section 47 enquiries and CP plans the
 * census carries under it. The writer and the checks both read it.
 */
struct cinxml_ep {
	const struct rt_referral *r;
	int ref;
	const char *closed, *reason, *icpc;
	const struct rt_assessment **as;
	size_t nas;
	const struct rt_cinplan **cins;
	size_t ncins;
	const struct rt_s47 **s47s;
	size_t ns47;
	const struct rt_cpplan **cps;
	size_t ncps;
};

/* The episode of referral ref (index into c->refs) in the census from..to. */
void cinxml_episode(const struct rt_child *c, int ref, const char *from,
    const char *to, struct cinxml_ep *e);

void cinxml_episode_fini(struct cinxml_ep *e);

/*
 * The InitialCPCtarget written on a section 47 into out: the recorded
 * target, or 15 working days from its start (cal may be NULL: "").
 */
const char *cinxml_s47_target(const struct rt_child *c,
    const struct rt_s47 *s, int ref, const struct calendar *cal,
    char out[11]);

/* The initial conference date written on a section 47, or "". */
const char *cinxml_s47_icpc(const struct rt_child *c, const struct rt_s47 *s,
    int ref, const char *to);

#endif
