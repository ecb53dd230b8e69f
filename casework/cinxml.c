#include "config.h"

#include "casework/cinxml.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/returns.h"
#include "common/file.h"
#include "common/text.h"
#include "common/xmem.h"

/* xmlwriter with one sticky error flag, so building reads top-down. */
struct xw {
	xmlTextWriterPtr w;
	int bad;
};

static void
open_el(struct xw *x, const char *name)
{
	if (xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->bad = 1;
}

static void
close_el(struct xw *x)
{
	if (xmlTextWriterEndElement(x->w) < 0)
		x->bad = 1;
}

/*
 * An element with text content; left out when value is empty. Control
 * characters, which XML cannot hold and a terminal would act on when the
 * census is streamed, are written visibly (\xNN) by the one sanitiser.
 */
static void
el(struct xw *x, const char *name, const char *value)
{
	char *shown;

	if (value == NULL || *value == '\0')
		return;
	shown = text_visible(value, 0);
	if (xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST shown) < 0)
		x->bad = 1;
	free(shown);
}

/* A date element; a date after the census is not yet known. */
static void
el_date(struct xw *x, const char *name, const char *iso, const char *to)
{
	if (*iso && strcmp(iso, to) <= 0)
		el(x, name, iso);
}

static void
el_bool(struct xw *x, const char *name, int v)
{
	el(x, name, v > 0 ? "true" : "false");
}

int
cinxml_in_scope(const struct rt_child *c, const char *from, const char *to)
{
	size_t i;

	for (i = 0; i < c->n_refs; i++)
		if (returns_overlaps(c->refs[i].date, c->refs[i].closed, from,
		    to))
			return 1;
	return 0;
}

int
cinxml_owner(const struct rt_child *c, int64_t referral, const char *day)
{
	int best = -1;
	size_t i;

	for (i = 0; i < c->n_refs; i++) {
		if (referral != 0 && c->refs[i].id == referral)
			return (int)i;
		if (referral == 0 && *day && strcmp(c->refs[i].date, day) <= 0 &&
		    (best < 0 || strcmp(c->refs[i].date, c->refs[best].date) >=
		    0))
			best = (int)i;
	}
	return referral != 0 ? -1 : best;
}

/* The initial conference for a section 47 enquiry, or NULL. */
static const struct rt_conference *
icpc_for(const struct rt_child *c, const struct rt_s47 *s, int ref)
{
	const struct rt_conference *best = NULL;
	size_t i;

	for (i = 0; i < c->n_confs; i++) {
		const struct rt_conference *k = &c->confs[i];

		if (strcmp(k->kind, "initial") != 0)
			continue;
		if (k->s47 == s->id)
			return k;
		if (k->s47 == 0 && cinxml_owner(c, k->referral, k->date) == ref &&
		    strcmp(k->date, s->start) >= 0 && (best == NULL ||
		    strcmp(k->date, best->date) < 0))
			best = k;
	}
	return best;
}

int
cinxml_s47_in(const struct rt_child *c, const struct rt_s47 *s, int ref,
    const char *from, const char *to)
{
	const struct rt_conference *k = icpc_for(c, s, ref);

	return returns_overlaps(s->start, k != NULL ? k->date : s->end, from,
	    to);
}

/*
 * The initial conference written on the referral itself: one held in the
 * year that no section 47 written with it already carries (rule 2884).
 */
static const char *
details_icpc(const struct rt_child *c, int ref, const char *from,
    const char *to)
{
	const char *icpc = "";
	size_t i, j;

	for (i = 0; i < c->n_confs; i++) {
		const struct rt_conference *k = &c->confs[i];
		int on_s47 = 0;

		if (strcmp(k->kind, "initial") != 0 ||
		    cinxml_owner(c, k->referral, k->date) != ref ||
		    !returns_overlaps(k->date, k->date, from, to))
			continue;
		for (j = 0; j < c->n_s47s; j++) {
			const struct rt_s47 *s = &c->s47s[j];

			on_s47 |= cinxml_owner(c, s->referral, s->start) == ref &&
			    cinxml_s47_in(c, s, ref, from, to) &&
			    icpc_for(c, s, ref) == k;
		}
		if (!on_s47)
			icpc = k->date;
	}
	return icpc;
}

static void
assessment(struct xw *x, const struct rt_assessment *a, const char *to)
{
	char codes[sizeof a->factors], *tok, *save = NULL;
	int done = *a->authorised && strcmp(a->authorised, to) <= 0;

	open_el(x, "Assessments");
	el(x, "AssessmentActualStartDate", a->start);
	el_date(x, "AssessmentAuthorisationDate", a->authorised, to);
	if (done && *a->factors) {
		open_el(x, "FactorsIdentifiedAtAssessment");
		snprintf(codes, sizeof codes, "%s", a->factors);
		for (tok = strtok_r(codes, ", ", &save); tok != NULL;
		    tok = strtok_r(NULL, ", ", &save))
			el(x, "AssessmentFactors", tok);
		close_el(x);
	}
	close_el(x);
}

static void
section47(struct xw *x, const struct rt_child *c, const struct rt_s47 *s,
    int ref, const struct cinxml_opts *o, const char *to)
{
	char target[RT_DATE];

	cinxml_s47_target(c, s, ref, o->cal, target);
	open_el(x, "Section47");
	el(x, "S47ActualStartDate", s->start);
	el(x, "InitialCPCtarget", target);
	el(x, "DateOfInitialCPC", cinxml_s47_icpc(c, s, ref, to));
	el_bool(x, "ICPCnotRequired", s->not_required);
	close_el(x);
}

static void
cp_plan(struct xw *x, const struct rt_child *c, const struct rt_cpplan *p,
    const char *from, const char *to)
{
	char n[16];
	size_t i;
	int any = 0;

	open_el(x, "ChildProtectionPlans");
	el(x, "CPPstartDate", p->start);
	el_date(x, "CPPendDate", p->end, to);
	el(x, "InitialCategoryOfAbuse", p->initial);
	el(x, "LatestCategoryOfAbuse", *p->latest ? p->latest : p->initial);
	snprintf(n, sizeof n, "%d", p->previous > 0 ? p->previous : 0);
	el(x, "NumberOfPreviousCPP", n);
	for (i = 0; i < c->n_confs; i++) {
		const struct rt_conference *k = &c->confs[i];

		if (strcmp(k->kind, "review") != 0 ||
		    !returns_overlaps(k->date, k->date, from, to) ||
		    strcmp(k->date, p->start) < 0 ||
		    (*p->end && strcmp(k->date, p->end) > 0))
			continue;
		if (!any++)
			open_el(x, "Reviews");
		el(x, "CPPreviewDate", k->date);
	}
	if (any)
		close_el(x);
	close_el(x);
}

const char *
cinxml_s47_icpc(const struct rt_child *c, const struct rt_s47 *s, int ref,
    const char *to)
{
	const struct rt_conference *k = icpc_for(c, s, ref);

	return k != NULL && *k->date && strcmp(k->date, to) <= 0 ? k->date :
	    "";
}

const char *
cinxml_s47_target(const struct rt_child *c, const struct rt_s47 *s, int ref,
    const struct calendar *cal, char out[RT_DATE])
{
	const struct rt_conference *k = icpc_for(c, s, ref);
	int ok;

	out[0] = '\0';
	if (k != NULL && *k->target)
		snprintf(out, RT_DATE, "%s", k->target);
	else if (cal != NULL) {
		long d = calendar_day(s->start, &ok);

		if (ok)
			calendar_date(calendar_add_workdays(cal, d, 15), out);
	}
	return out;
}

/* Append p to the array *v of *n pointers. */
static void
add(const void ***v, size_t *n, const void *p)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = p;
}

void
cinxml_episode(const struct rt_child *c, int ref, const char *from,
    const char *to, struct cinxml_ep *e)
{
	size_t i;

	memset(e, 0, sizeof *e);
	e->r = &c->refs[ref];
	e->ref = ref;
	if (*e->r->closed && strcmp(e->r->closed, to) <= 0) {
		e->closed = e->r->closed;
		e->reason = e->r->reason;
	} else
		e->closed = e->reason = "";
	e->icpc = details_icpc(c, ref, from, to);
	for (i = 0; i < c->n_assessments; i++) {
		const struct rt_assessment *a = &c->assessments[i];

		if (cinxml_owner(c, a->referral, a->start) == ref &&
		    returns_overlaps(a->start, a->authorised, from, to))
			add((const void ***)&e->as, &e->nas, a);
	}
	for (i = 0; i < c->n_cinplans; i++) {
		const struct rt_cinplan *p = &c->cinplans[i];

		if (cinxml_owner(c, p->referral, p->start) == ref &&
		    returns_overlaps(p->start, p->end, from, to))
			add((const void ***)&e->cins, &e->ncins, p);
	}
	for (i = 0; i < c->n_s47s; i++) {
		const struct rt_s47 *s = &c->s47s[i];

		if (cinxml_owner(c, s->referral, s->start) == ref &&
		    cinxml_s47_in(c, s, ref, from, to))
			add((const void ***)&e->s47s, &e->ns47, s);
	}
	for (i = 0; i < c->n_cpplans; i++) {
		const struct rt_cpplan *p = &c->cpplans[i];

		if (cinxml_owner(c, p->referral, p->start) == ref &&
		    returns_overlaps(p->start, p->end, from, to))
			add((const void ***)&e->cps, &e->ncps, p);
	}
}

void
cinxml_episode_fini(struct cinxml_ep *e)
{
	free(e->as);
	free(e->cins);
	free(e->s47s);
	free(e->cps);
	memset(e, 0, sizeof *e);
}

/* One CINdetails: a referral and what happened under it in the year. */
static void
details(struct xw *x, const struct rt_child *c, int ref,
    const struct cinxml_opts *o, const char *from, const char *to)
{
	struct cinxml_ep e;
	size_t i;

	cinxml_episode(c, ref, from, to, &e);
	open_el(x, "CINdetails");
	el(x, "CINreferralDate", e.r->date);
	el(x, "ReferralSource", e.r->source);
	el(x, "PrimaryNeedCode", e.r->need);
	el(x, "CINclosureDate", e.closed);
	el(x, "ReasonForClosure", e.reason);
	el(x, "DateOfInitialCPC", e.icpc);
	for (i = 0; i < e.nas; i++)
		assessment(x, e.as[i], to);
	for (i = 0; i < e.ncins; i++) {
		open_el(x, "CINPlanDates");
		el(x, "CINPlanStartDate", e.cins[i]->start);
		el_date(x, "CINPlanEndDate", e.cins[i]->end, to);
		close_el(x);
	}
	for (i = 0; i < e.ns47; i++)
		section47(x, c, e.s47s[i], ref, o, to);
	el_bool(x, "ReferralNFA", e.r->nfa);
	for (i = 0; i < e.ncps; i++)
		cp_plan(x, c, e.cps[i], from, to);
	close_el(x);
	cinxml_episode_fini(&e);
}

static void
child(struct xw *x, const struct rt_child *c, const struct cinxml_opts *o,
    const char *from, const char *to)
{
	char id[24];
	int unknown = strncmp(c->upn, "UN", 2) == 0;
	size_t i;

	snprintf(id, sizeof id, "%lld", (long long)c->id);
	open_el(x, "Child");
	open_el(x, "ChildIdentifiers");
	el(x, "LAchildID", id);
	el(x, "UPN", unknown ? "" : c->upn);
	el(x, "FormerUPN", c->former_upn);
	el(x, "UPNunknown", unknown ? c->upn : "");
	el(x, "PersonBirthDate", c->dob);
	el(x, "ExpectedPersonBirthDate", *c->dob ? "" : c->expected_dob);
	el(x, "Sex", *c->dob ? c->sex : "U");
	el_date(x, "PersonDeathDate", c->death, to);
	close_el(x);
	open_el(x, "ChildCharacteristics");
	el(x, "Ethnicity", c->ethnic);
	if (c->n_disabilities > 0) {
		open_el(x, "Disabilities");
		for (i = 0; i < c->n_disabilities; i++)
			el(x, "Disability", c->disabilities[i].code);
		close_el(x);
	}
	close_el(x);
	for (i = 0; i < c->n_refs; i++)
		if (returns_overlaps(c->refs[i].date, c->refs[i].closed, from,
		    to))
			details(x, c, (int)i, o, from, to);
	close_el(x);
}

enum cd_status
cinxml_build(const struct rt_set *s, const struct cinxml_opts *o,
    struct buf *out, size_t *children, struct cd_err *err)
{
	char from[RT_DATE], to[RT_DATE], year[8];
	xmlBufferPtr xb;
	struct xw x = { NULL, 0 };
	size_t i;

	*children = 0;
	if (o->la_code == NULL || strlen(o->la_code) != 3)
		return cd_err_set(err, CD_ERR_CONFIG, "the CIN census needs the "
		    "borough's 3-digit DfE LA code: set dfe_code in [borough] "
		    "of the configuration");
	returns_year(o->year, from, to);
	snprintf(year, sizeof year, "%d", o->year);
	if ((xb = xmlBufferCreate()) == NULL ||
	    (x.w = xmlNewTextWriterMemory(xb, 0)) == NULL) {
		if (xb != NULL)
			xmlBufferFree(xb);
		return cd_err_set(err, CD_ERR_NOMEM, "cannot start the XML");
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL) < 0)
		x.bad = 1;
	open_el(&x, "Message");
	open_el(&x, "Header");
	open_el(&x, "CollectionDetails");
	el(&x, "Collection", "CIN");
	el(&x, "Year", year);
	el(&x, "ReferenceDate", to);
	close_el(&x);
	open_el(&x, "Source");
	el(&x, "SourceLevel", "L");
	el(&x, "LEA", o->la_code);
	el(&x, "SoftwareCode", "casedesk");
	el(&x, "Release", PACKAGE_VERSION);
	el(&x, "SerialNo", "001");	/* the schema's three digits */
	el(&x, "DateTime", o->now);
	close_el(&x);
	close_el(&x);
	open_el(&x, "Children");
	for (i = 0; i < s->n; i++)
		if (cinxml_in_scope(&s->c[i], from, to)) {
			child(&x, &s->c[i], o, from, to);
			(*children)++;
		}
	close_el(&x);
	close_el(&x);
	if (xmlTextWriterEndDocument(x.w) < 0)
		x.bad = 1;
	xmlFreeTextWriter(x.w);
	if (!x.bad)
		buf_add(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	if (x.bad)
		return cd_err_set(err, CD_ERR_NOMEM, "writing the CIN census "
		    "XML failed");
	return CD_OK;
}

enum cd_status
cinxml_write(const struct rt_set *s, const struct cinxml_opts *o,
    const char *path, size_t *children, struct cd_err *err)
{
	struct buf b = { 0 };
	enum cd_status code;

	code = cinxml_build(s, o, &b, children, err);
	if (code == CD_OK)
		code = file_write_atomic(path, b.data, b.len, 0600, err);
	buf_fini(&b);
	return code;
}
