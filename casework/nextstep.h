/*
 * What a change started, in words for the person who made it: "Referral
 * #312 made; waiting for allocation by Assessment Team 1", "Hold the
 * strategy discussion by 24/11/2026". The screens and the CLI say these on
 * submit (store_workflow_started gives the steps).
 */
#ifndef CD_CASEWORK_NEXTSTEP_H
#define CD_CASEWORK_NEXTSTEP_H

#include <stddef.h>

#include "casework/calendar.h"
#include "casework/timescale.h"
#include "store/workflow.h"

/* One step in words into out (len bytes, always terminated). */
void nextstep_describe(const struct workflow_step *w,
    const struct ruleset *rs, const struct calendar *cal, char *out,
    size_t len);

/*
 * Every step as sentences appended to out (" Step one. Step two."), the
 * ones a worker must hear first leading: who it was handed to, the
 * episode begun, the referral, then the clocks.
 */
void nextstep_sentences(const struct workflow_step *w, size_t n,
    const struct ruleset *rs, const struct calendar *cal, char *out,
    size_t len);

#endif
