#include "config.h"

#include "store/entity.h"

#include <string.h>

#include "store/access.h"
#include "store/hooks.h"

#define N(a) (sizeof (a) / sizeof (a)[0])
#define R(x) (1u << (x))

/* Who may read and write what; access_entity (access.c) checks them. */
#define CASEWORK (R(ROLE_DUTY) | R(ROLE_SOCIAL) | R(ROLE_MANAGER) | \
	R(ROLE_OOH) | R(ROLE_TRAINER))
/* Analysts correct the record where the returns' checks find it wrong. */
#define READ_CASE (CASEWORK | R(ROLE_ADOPTION) | R(ROLE_GOVERNANCE) | \
	R(ROLE_ANALYST))
#define WRITE_CASE (CASEWORK | R(ROLE_ANALYST))
#define READ_PERM READ_CASE
#define WRITE_PERM (CASEWORK | R(ROLE_ADOPTION) | R(ROLE_ANALYST))
#define READ_ADOPT (R(ROLE_ADOPTION) | R(ROLE_MANAGER) | R(ROLE_GOVERNANCE) | \
	R(ROLE_TRAINER))
#define WRITE_ADOPT (R(ROLE_ADOPTION) | R(ROLE_MANAGER) | R(ROLE_TRAINER))
#define READ_EDU (READ_CASE | R(ROLE_EDUCATION))
/* Education partners reach only named forms (access_form_uninstalled). */
#define READ_FORM (READ_CASE | R(ROLE_EDUCATION))
/* Governance writes only forms whose definition names it (access.c). */
#define WRITE_FORM (CASEWORK | R(ROLE_ADOPTION) | R(ROLE_EDUCATION) | \
    R(ROLE_GOVERNANCE) | R(ROLE_ANALYST))
#define READ_PERSON (READ_CASE | R(ROLE_EDUCATION))
#define WRITE_PERSON (CASEWORK | R(ROLE_ADOPTION) | R(ROLE_ANALYST))
/* Information rights work: information governance alone. */
#define READ_GOV R(ROLE_GOVERNANCE)
#define WRITE_GOV R(ROLE_GOVERNANCE)
/* Sharing and consent: case workers, and information governance's own. */
#define WRITE_SHARE (CASEWORK | R(ROLE_ADOPTION) | R(ROLE_GOVERNANCE))

/* The person: identity, identifiers and special category data. */
static const struct field_def f_person[] = {
	{ "family_name", FT_TEXT, FF_REQUIRED, NULL, "Family name" },
	{ "given_names", FT_TEXT, 0, NULL, "Given names" },
	{ "sex", FT_CODE, 0, "sex", "Sex" },
	{ "gender", FT_TEXT, 0, NULL, "Gender" },
	{ "dob", FT_DATE, FF_NOT_FUTURE, NULL, "Date of birth" },
	{ "expected_dob", FT_DATE, 0, NULL, "Expected date of birth" },
	{ "death_date", FT_DATE, FF_NOT_FUTURE, NULL, "Date of death" },
	{ "nhs_number", FT_NHS, 0, NULL, "NHS number" },
	{ "nhs_verified", FT_BOOL, 0, NULL, "NHS number verified" },
	{ "upn", FT_UPN, 0, NULL, "UPN" },
	{ "former_upn", FT_UPN, 0, NULL, "Former UPN" },
	{ "ethnicity", FT_CODE, 0, "ethnicity", "Ethnicity" },
	{ "religion", FT_TEXT, 0, NULL, "Religion" },
	{ "first_language", FT_TEXT, 0, NULL, "First language" },
	{ "interpreter", FT_BOOL, 0, NULL, "Needs an interpreter" },
	{ "immigration_status", FT_TEXT, 0, NULL, "Immigration status" },
	{ "uasc", FT_BOOL, 0, NULL, "Unaccompanied asylum-seeking child" },
	{ "uasc_end_date", FT_DATE, 0, NULL, "UASC status ended" },
	{ "restricted", FT_BOOL, FF_GOVERNED, NULL, "Restricted record" },
	{ "risk_to_workers", FT_NOTE, 0, NULL, "Known risks to workers" },
	{ "ooh_instructions", FT_NOTE, 0, NULL, "If contacted out of hours" },
	{ "safety_plan", FT_NOTE, 0, NULL, "Safety plan" },
};
static const char *const o_person[][2] = {
	{ "dob", "death_date" },
};
/* A person's row is the person: name keys, one kind of birth date. */
static const struct entity_hooks h_person = {
	.row_is_person = 1,
	.derive = store_person_derive,
	.check = store_person_check,
	.amend = store_person_amend,
	.before_update = store_person_before_update,
};
#define PERSON_ENTITY { "person", "Person", 0, f_person, N(f_person), \
	o_person, N(o_person), READ_PERSON, WRITE_PERSON, &h_person }

static const struct field_def f_address[] = {
	{ "line1", FT_TEXT, FF_REQUIRED, NULL, "Address line 1" },
	{ "line2", FT_TEXT, 0, NULL, "Address line 2" },
	{ "town", FT_TEXT, 0, NULL, "Town" },
	{ "postcode", FT_POSTCODE, 0, NULL, "Postcode" },
	{ "kind", FT_CODE, FF_REQUIRED, "address_kind", "Kind of address" },
	{ "start_date", FT_DATE, FF_REQUIRED, NULL, "From" },
	{ "end_date", FT_DATE, 0, NULL, "To" },
};
static const char *const o_address[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_household[] = {
	{ "name", FT_TEXT, FF_REQUIRED, NULL, "Household name" },
};

static const struct field_def f_household_member[] = {
	{ "household_id", FT_REF, FF_REQUIRED, "household", "Household" },
	{ "start_date", FT_DATE, 0, NULL, "From" },
	{ "end_date", FT_DATE, 0, NULL, "To" },
};
static const char *const o_household_member[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_allocation[] = {
	{ "worker", FT_TEXT, FF_REQUIRED, NULL, "Worker" },
	{ "team", FT_TEXT, 0, NULL, "Team" },
	{ "role", FT_CODE, FF_REQUIRED, "allocation_role", "Role" },
	{ "phone", FT_TEXT, 0, NULL, "Contact number" },
	{ "start_date", FT_DATE, FF_REQUIRED, NULL, "From" },
	{ "end_date", FT_DATE, 0, NULL, "To" },
	{ "swe_number", FT_TEXT, 0, NULL, "Social Work England number" },
	{ "change_reason", FT_CODE, 0, "sw_reason", "Why the worker changed" },
};
static const char *const o_allocation[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_contact[] = {
	{ "contact_date", FT_DATETIME, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Date and time of contact" },
	{ "source", FT_CODE, FF_REQUIRED, "referral_source", "Contact source" },
	{ "reason", FT_NOTE, 0, NULL, "What was reported" },
	{ "decision", FT_CODE, 0, "contact_decision", "Decision" },
	{ "decision_date", FT_DATE, FF_NOT_FUTURE, NULL, "Decision date" },
};
static const char *const o_contact[][2] = {
	{ "contact_date", "decision_date" },
};

static const struct field_def f_referral[] = {
	{ "referral_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Referral date" },
	{ "source", FT_CODE, FF_REQUIRED, "referral_source", "Referral source" },
	{ "primary_need", FT_CODE, 0, "primary_need", "Primary need" },
	{ "nfa", FT_BOOL, 0, NULL, "No further action" },
	{ "closure_date", FT_DATE, 0, NULL, "Closure date" },
	{ "closure_reason", FT_CODE, 0, "closure_reason", "Reason for closure" },
	{ "contact_id", FT_REF, 0, "contact", "Contact it came from" },
	{ "reason", FT_NOTE, 0, NULL, "What was reported" },
	{ "team", FT_TEXT, 0, NULL, "Team to allocate it" },
};
static const char *const o_referral[][2] = {
	{ "referral_date", "closure_date" },
};

static const struct field_def f_assessment[] = {
	{ "referral_id", FT_REF, 0, "referral", "Referral" },
	{ "start_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Start date" },
	{ "child_seen_date", FT_DATE, FF_NOT_FUTURE, NULL, "Child seen" },
	{ "completed_date", FT_DATE, FF_NOT_FUTURE, NULL, "Completed" },
	{ "authorised_date", FT_DATE, FF_NOT_FUTURE, NULL, "Authorised" },
	{ "factors", FT_CODES, 0, "assessment_factor", "Factors identified" },
	{ "outcome_nfa", FT_BOOL, 0, NULL, "No further action" },
};
static const char *const o_assessment[][2] = {
	{ "start_date", "completed_date" },
	{ "start_date", "authorised_date" },
};

static const struct field_def f_cin_plan[] = {
	{ "referral_id", FT_REF, 0, "referral", "Referral" },
	{ "start_date", FT_DATE, FF_REQUIRED, NULL, "Start date" },
	{ "end_date", FT_DATE, 0, NULL, "End date" },
};
static const char *const o_cin_plan[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_strategy_discussion[] = {
	{ "referral_id", FT_REF, 0, "referral", "Referral" },
	{ "discussion_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Date held" },
	{ "s47_decided", FT_BOOL, 0, NULL, "Section 47 enquiry to start" },
	{ "summary", FT_NOTE, 0, NULL, "Summary" },
};

static const struct field_def f_s47_enquiry[] = {
	{ "referral_id", FT_REF, 0, "referral", "Referral" },
	{ "start_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Start date" },
	{ "end_date", FT_DATE, 0, NULL, "End date" },
	{ "icpc_not_required", FT_BOOL, 0, NULL, "Initial conference not required" },
	{ "outcome", FT_NOTE, 0, NULL, "Outcome" },
};
static const char *const o_s47_enquiry[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_cp_conference[] = {
	{ "referral_id", FT_REF, 0, "referral", "Referral" },
	{ "s47_id", FT_REF, 0, "s47_enquiry", "Section 47 enquiry" },
	{ "kind", FT_CODE, FF_REQUIRED, "conference_kind", "Kind" },
	{ "target_date", FT_DATE, 0, NULL, "Target date" },
	{ "conference_date", FT_DATE, FF_REQUIRED, NULL, "Date held" },
	{ "plan_decided", FT_BOOL, 0, NULL, "Child protection plan decided" },
	{ "cp_plan_id", FT_REF, 0, "cp_plan", "Child protection plan" },
};

static const struct field_def f_cp_plan[] = {
	{ "referral_id", FT_REF, 0, "referral", "Referral" },
	{ "start_date", FT_DATE, FF_REQUIRED, NULL, "Start date" },
	{ "end_date", FT_DATE, 0, NULL, "End date" },
	{ "initial_category", FT_CODE, FF_REQUIRED, "abuse_category", "Initial category of abuse" },
	{ "latest_category", FT_CODE, 0, "abuse_category", "Latest category of abuse" },
	{ "previous_plans", FT_INT, 0, NULL, "Number of previous plans" },
};
static const char *const o_cp_plan[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_visit[] = {
	{ "kind", FT_CODE, FF_REQUIRED, "visit_kind", "Kind of visit" },
	{ "visit_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Date of visit" },
	{ "seen", FT_BOOL, 0, NULL, "Child seen" },
	{ "seen_alone", FT_BOOL, 0, NULL, "Seen alone" },
	{ "bedroom_seen", FT_BOOL, 0, NULL, "Bedroom seen" },
	{ "note", FT_NOTE, 0, NULL, "Note" },
};

static const struct field_def f_care_period[] = {
	{ "start_date", FT_DATE, FF_REQUIRED, NULL, "Started to be looked after" },
	{ "end_date", FT_DATE, 0, NULL, "Ceased to be looked after" },
	{ "prev_perm", FT_CODE, 0, "prev_perm", "Previous permanence order" },
	{ "prev_perm_la", FT_TEXT, 0, NULL, "LA that arranged it" },
	{ "prev_perm_date", FT_TEXT, 0, NULL, "Date of that order (DD/MM/YYYY, ZZ if unknown)" },
};
static const char *const o_care_period[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_care_episode[] = {
	{ "care_period_id", FT_REF, 0, "care_period", "Period of care" },
	{ "start_date", FT_DATE, FF_REQUIRED, NULL, "Start date" },
	{ "end_date", FT_DATE, 0, NULL, "End date" },
	{ "legal_status", FT_CODE, FF_REQUIRED, "legal_status", "Legal status" },
	{ "placement_type", FT_CODE, FF_REQUIRED, "placement_type", "Placement type" },
	{ "provider", FT_CODE, 0, "placement_provider", "Placement provider" },
	{ "placement_postcode", FT_POSTCODE, 0, NULL, "Placement postcode" },
	{ "urn", FT_TEXT, 0, NULL, "Ofsted URN" },
	{ "carer", FT_TEXT, 0, NULL, "Carer" },
	{ "carer_phone", FT_TEXT, 0, NULL, "Carer's number" },
	{ "reason_new", FT_CODE, FF_REQUIRED, "reason_new_episode", "Reason for new episode" },
	{ "reason_ceased", FT_CODE, 0, "reason_ceased", "Reason episode ceased" },
	{ "reason_change", FT_CODE, 0, "reason_place_change", "Reason for placement change" },
	{ "category_of_need", FT_CODE, 0, "category_of_need", "Category of need" },
};
static const char *const o_care_episode[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_cla_review[] = {
	{ "care_period_id", FT_REF, 0, "care_period", "Period of care" },
	{ "due_date", FT_DATE, 0, NULL, "Due" },
	{ "review_date", FT_DATE, 0, NULL, "Held" },
	{ "participation", FT_CODE, 0, "review_participation", "Child's participation" },
};

static const struct field_def f_missing_episode[] = {
	{ "kind", FT_CODE, FF_REQUIRED, "missing_kind", "Missing or away" },
	{ "start_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Start" },
	{ "end_date", FT_DATE, 0, NULL, "Returned" },
	{ "rhi_offered", FT_BOOL, 0, NULL, "Return interview offered" },
	{ "rhi_accepted", FT_BOOL, 0, NULL, "Return interview accepted" },
};
static const char *const o_missing_episode[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_care_leaver[] = {
	{ "contact_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Latest contact" },
	{ "eligibility", FT_CODE, 0, "care_leaver_eligibility", "Eligibility" },
	{ "in_touch", FT_CODE, 0, "in_touch", "In touch" },
	{ "accommodation", FT_CODE, 0, "accommodation", "Accommodation" },
	{ "accommodation_suitable", FT_BOOL, 0, NULL, "Accommodation suitable" },
	{ "activity", FT_CODE, 0, "activity", "Main activity" },
	{ "pathway_plan_review", FT_DATE, 0, NULL, "Pathway plan reviewed" },
	{ "personal_adviser", FT_TEXT, 0, NULL, "Personal adviser" },
};

static const struct field_def f_permanence[] = {
	{ "care_period_id", FT_REF, 0, "care_period", "Period of care" },
	{ "shobpa_date", FT_DATE, 0, NULL, "Decision: should be placed for adoption" },
	{ "placement_order_date", FT_DATE, 0, NULL, "Placement order" },
	{ "matched_date", FT_DATE, 0, NULL, "Matched" },
	{ "household_id", FT_REF, 0, "adopter_household", "Matched with (adopter household)" },
	{ "placed_date", FT_DATE, 0, NULL, "Placed for adoption" },
	{ "adoption_order_date", FT_DATE, 0, NULL, "Adoption order" },
	{ "reversed_date", FT_DATE, 0, NULL, "Decision reversed" },
	{ "reversed_reason", FT_CODE, 0, "reversal_reason", "Reason reversed" },
	{ "ffa_date", FT_DATE, 0, NULL, "Placed in FFA or concurrent planning" },
	{ "adopted_by_carer", FT_BOOL, 0, NULL, "Adopted by former foster carers" },
	{ "adopter_count", FT_INT, 0, NULL, "Number of adopters" },
	{ "adopter_sex", FT_CODE, 0, "adopter_sex", "Sex of adopters" },
	{ "adopter_status", FT_CODE, 0, "adopter_status", "Adopters' legal status" },
};
static const char *const o_permanence[][2] = {
	{ "shobpa_date", "placed_date" },
	{ "placed_date", "adoption_order_date" },
};

static const struct field_def f_adopter_household[] = {
	{ "name", FT_TEXT, FF_REQUIRED, NULL, "Household name" },
	{ "enquiry_date", FT_DATE, FF_NOT_FUTURE, NULL, "Enquiry received" },
	{ "stage1_start", FT_DATE, 0, NULL, "Stage 1 started" },
	{ "stage1_end", FT_DATE, 0, NULL, "Stage 1 ended" },
	{ "stage2_start", FT_DATE, 0, NULL, "Stage 2 started" },
	{ "stage2_end", FT_DATE, 0, NULL, "Stage 2 ended" },
	{ "application_date", FT_DATE, 0, NULL, "Application submitted" },
	{ "panel_date", FT_DATE, 0, NULL, "Panel" },
	{ "approved_date", FT_DATE, 0, NULL, "Approved" },
	{ "left_date", FT_DATE, 0, NULL, "Left the process" },
	{ "left_reason", FT_CODE, 0, "adopter_left_reason", "Reason for leaving" },
	{ "ffa", FT_BOOL, 0, NULL, "Fostering for adoption" },
};
static const char *const o_adopter_household[][2] = {
	{ "enquiry_date", "stage1_start" },
	{ "stage1_start", "stage1_end" },
	{ "stage1_end", "stage2_start" },
	{ "stage2_start", "stage2_end" },
};

static const struct field_def f_adopter_member[] = {
	{ "household_id", FT_REF, FF_REQUIRED, "adopter_household", "Adopter household" },
	{ "history", FT_NOTE, 0, NULL, "Personal, medical and employment history" },
};

static const struct field_def f_chronology[] = {
	{ "event_date", FT_DATE, FF_REQUIRED, NULL, "Date" },
	{ "kind", FT_CODE, FF_REQUIRED, "chronology_kind", "Kind" },
	{ "significant", FT_BOOL, 0, NULL, "Significant event" },
	{ "summary", FT_NOTE, FF_REQUIRED, NULL, "What happened" },
};

static const struct field_def f_health_fact[] = {
	{ "kind", FT_CODE, FF_REQUIRED, "health_kind", "Kind" },
	{ "fact_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Date" },
	{ "value", FT_TEXT, 0, NULL, "Result or score" },
	{ "note", FT_TEXT, 0, NULL, "Note" },
};

static const struct field_def f_education_fact[] = {
	{ "kind", FT_CODE, FF_REQUIRED, "education_kind", "Kind" },
	{ "fact_date", FT_DATE, FF_REQUIRED, NULL, "Date" },
	{ "school", FT_TEXT, 0, NULL, "School" },
	{ "urn", FT_TEXT, 0, NULL, "School URN" },
	{ "note", FT_TEXT, 0, NULL, "Note" },
};

static const struct field_def f_conviction[] = {
	{ "conviction_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Date" },
	{ "offence", FT_TEXT, FF_REQUIRED, NULL, "Offence" },
};

static const struct field_def f_disability[] = {
	{ "code", FT_CODE, FF_REQUIRED, "disability", "Disability" },
};

/* A sharing of information outside the service, with its legal basis. */
static const struct field_def f_disclosure[] = {
	{ "disclosure_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Date shared" },
	{ "agency", FT_CODE, FF_REQUIRED, "disclosure_agency", "Shared with (agency)" },
	{ "recipient", FT_TEXT, 0, NULL, "Recipient (name, role)" },
	{ "shared", FT_NOTE, FF_REQUIRED, NULL, "What was shared" },
	{ "basis", FT_CODE, FF_REQUIRED, "lawful_basis", "Legal basis" },
	{ "special_basis", FT_CODE, 0, "special_basis", "Special category basis" },
	{ "criminal_data", FT_BOOL, 0, NULL, "Criminal offence data (Art. 10)" },
	{ "dpa_condition", FT_TEXT, 0, NULL, "DPA 2018 Schedule 1 condition" },
	{ "family_told", FT_BOOL, 0, NULL, "Family told" },
	{ "not_told_reason", FT_NOTE, 0, NULL, "Why the family was not told" },
	{ "outside_uk", FT_BOOL, 0, NULL, "Transfer outside the UK/EEA" },
};

/* Who consented to what, and when it was withdrawn. */
static const struct field_def f_consent[] = {
	{ "consent_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Date given" },
	{ "purpose", FT_CODE, FF_REQUIRED, "consent_purpose", "Consent to" },
	{ "given_by", FT_CODE, FF_REQUIRED, "consent_giver", "Given by" },
	{ "giver_name", FT_TEXT, 0, NULL, "Name of the person giving it" },
	{ "detail", FT_NOTE, 0, NULL, "What exactly, and to whom" },
	{ "withdrawn_date", FT_DATE, FF_NOT_FUTURE, NULL, "Withdrawn" },
	{ "sar_request_id", FT_REF, 0, "sar_request", "For subject access request" },
	{ "allows_id", FT_REF, 0, "person", "Whom it allows (or refuses)" },
	{ "decision", FT_CODE, 0, "consent_decision", "Given or refused" },
};
static const char *const o_consent[][2] = {
	{ "consent_date", "withdrawn_date" },
};

/* A subject access request about the person. */
static const struct field_def f_sar_request[] = {
	{ "received_date", FT_DATE, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Received" },
	{ "requester_name", FT_TEXT, FF_REQUIRED, NULL, "Requested by" },
	{ "requester_relationship", FT_CODE, FF_REQUIRED, "sar_requester", "Requester is" },
	{ "requester_id", FT_REF, 0, "person", "Requester's record" },
	{ "extended", FT_BOOL, 0, NULL, "Extended by two months (complex)" },
	{ "extension_reason", FT_NOTE, 0, NULL, "Why it was extended" },
	{ "status", FT_CODE, FF_STORE_ONLY, "sar_status", "Status" },
	{ "closed_date", FT_DATE, FF_NOT_FUTURE | FF_STORE_ONLY, NULL, "Closed" },
	{ "notes", FT_NOTE, 0, NULL, "Notes" },
	{ "identity_checked", FT_BOOL, 0, NULL, "Requester's identity checked" },
	{ "identity_evidence", FT_TEXT, 0, NULL, "Identity: what was seen" },
	{ "pr_checked", FT_BOOL, 0, NULL, "Parental responsibility checked" },
	{ "pr_evidence", FT_TEXT, 0, NULL, "Parental responsibility: what was seen" },
	{ "authority_checked", FT_BOOL, 0, NULL, "Written authority checked" },
	{ "authority_evidence", FT_TEXT, 0, NULL, "Authority: what was seen, from whom" },
	{ "prepared_by", FT_TEXT, FF_STORE_ONLY, NULL, "Pack prepared by" },
	{ "prepared_at", FT_DATETIME, FF_STORE_ONLY, NULL, "Pack prepared" },
	{ "prepared_for", FT_TEXT, FF_STORE_ONLY, NULL, "Pack prepared for" },
	{ "approved_by", FT_TEXT, FF_STORE_ONLY, NULL, "Approved by" },
	{ "approved_at", FT_DATETIME, FF_STORE_ONLY, NULL, "Approved" },
};
static const char *const o_sar_request[][2] = {
	{ "received_date", "closed_date" },
};

/*
 * An out-of-hours (emergency duty) record: the call, what was done, any
 * emergency action with its legal basis and, for a placement, where the
 * child went. The store sets the handover to the day team.
 */
static const struct field_def f_ooh_record[] = {
	/* The night's word to the day team, read first in the handover. */
	{ "day_team_note", FT_NOTE, 0, NULL, "Note to the day team" },
	{ "call_time", FT_DATETIME, FF_REQUIRED | FF_NOT_FUTURE, NULL, "Call received" },
	{ "caller", FT_TEXT, FF_REQUIRED, NULL, "Who called" },
	{ "caller_agency", FT_CODE, 0, "referral_source", "Caller is" },
	{ "reported", FT_NOTE, FF_REQUIRED, NULL, "What was reported" },
	{ "checks", FT_CODES, 0, "ooh_check", "Checks made" },
	{ "checks_note", FT_NOTE, 0, NULL, "What the checks found" },
	{ "advice", FT_NOTE, 0, NULL, "Advice given" },
	{ "actions", FT_NOTE, 0, NULL, "Actions taken" },
	{ "emergency_action", FT_CODE, 0, "ooh_action", "Emergency action" },
	{ "legal_basis", FT_CODE, 0, "ooh_basis", "Legal basis" },
	{ "action_time", FT_DATETIME, FF_NOT_FUTURE, NULL, "When" },
	{ "police_ref", FT_TEXT, 0, NULL, "Police reference" },
	{ "placement_type", FT_CODE, 0, "placement_type", "Placement type" },
	{ "provider", FT_CODE, 0, "placement_provider", "Placement provider" },
	{ "placement_postcode", FT_POSTCODE, 0, NULL, "Placement postcode" },
	{ "carer", FT_TEXT, 0, NULL, "Carer" },
	{ "carer_phone", FT_TEXT, 0, NULL, "Carer's number" },
	{ "care_episode_id", FT_REF, FF_STORE_ONLY, "care_episode", "Looked-after episode" },
	{ "handover_to", FT_TEXT, FF_STORE_ONLY, NULL, "Handed over to" },
	{ "handover_team", FT_TEXT, FF_STORE_ONLY, NULL, "Team" },
	{ "handed_over_at", FT_DATETIME, FF_STORE_ONLY, NULL, "Handed over" },
	{ "accepted_by", FT_TEXT, FF_STORE_ONLY, NULL, "Accepted by" },
	{ "accepted_at", FT_DATETIME, FF_STORE_ONLY, NULL, "Accepted" },
};
static const char *const o_ooh_record[][2] = {
	{ "call_time", "action_time" },
};

/* A Deprivation of Liberty Order (the court's, for a child in care). */
static const struct field_def f_dolo[] = {
	{ "start_date", FT_DATE, FF_REQUIRED, NULL, "Order made" },
	{ "end_date", FT_DATE, 0, NULL, "Order ended" },
};
static const char *const o_dolo[][2] = {
	{ "start_date", "end_date" },
};

static const struct field_def f_form_instance[] = {
	{ "form_code", FT_TEXT, FF_REQUIRED | FF_LIFECYCLE, NULL, "Form" },
	{ "form_version", FT_INT, FF_REQUIRED, NULL, "Form version" },
	{ "status", FT_CODE, FF_REQUIRED | FF_LIFECYCLE, "form_status",
	    "Status" },
	{ "comments", FT_NOTE, 0, NULL, "Manager's comments" },
	/* Set by the store through the form lifecycle, never by callers. */
	{ "created_by", FT_TEXT, FF_STORE_ONLY, NULL, "Started by" },
	{ "submitted_by", FT_TEXT, FF_STORE_ONLY, NULL, "Submitted by" },
	{ "authorised_by", FT_TEXT, FF_STORE_ONLY, NULL, "Authorised by" },
	{ "record_entity", FT_TEXT, FF_STORE_ONLY, NULL, "Record" },
	{ "record_id", FT_INT, FF_STORE_ONLY, NULL, "Record number" },
};

/*
 * Fields the law requires only when another has a value: a reason when
 * the family is not told of a disclosure, a Schedule 1 condition for
 * special category or criminal offence data.
 */
static const struct required_when r_disclosure[] = {
	{ "not_told_reason", "family_told", "0", "the family was not told" },
	{ "dpa_condition", "special_basis", NULL,
	    "special category data was shared" },
	{ "dpa_condition", "criminal_data", "1",
	    "criminal offence data was shared" },
};
static const struct entity_hooks h_disclosure = {
	.required = r_disclosure, .nrequired = N(r_disclosure),
};

static const struct required_when r_sar_request[] = {
	{ "extension_reason", "extended", "1", "the request is extended" },
};
static const struct entity_hooks h_sar_request = {
	.required = r_sar_request, .nrequired = N(r_sar_request),
};

/* An emergency action says in law and in place what was done. */
static const struct required_when r_ooh_record[] = {
	{ "legal_basis", "emergency_action", NULL,
	    "an emergency action was taken" },
	{ "action_time", "emergency_action", NULL,
	    "an emergency action was taken" },
	{ "placement_type", "emergency_action", "PPO",
	    "the child was taken into police protection" },
	{ "placement_type", "emergency_action", "EPO",
	    "an emergency protection order placed the child" },
	{ "placement_type", "emergency_action", "PLACE",
	    "the child was placed in an emergency" },
};
static const struct entity_hooks h_ooh_record = {
	.required = r_ooh_record, .nrequired = N(r_ooh_record),
	.after_save = store_ooh_saved,
};

/* Episodes join up into periods of care as the SSDA903 expects. */
static const struct entity_hooks h_care_episode = {
	.before_create = store_care_episode_before,
	.after_save = store_care_episode_saved,
};

/* A form: reached per form code, started as its creator's draft. */
static const struct entity_hooks h_form_instance = {
	.form_coded = 1,
	.defaults = store_form_defaults,
};

static const struct entity_def entities[] = {
	PERSON_ENTITY,
	{ "address", "Address", 1, f_address, N(f_address), o_address, N(o_address), READ_CASE, WRITE_CASE, NULL },
	{ "household", "Household", 0, f_household, N(f_household), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "household_member", "Household member", 1, f_household_member, N(f_household_member), o_household_member, N(o_household_member), READ_CASE, WRITE_CASE, NULL },
	{ "allocation", "Allocation", 1, f_allocation, N(f_allocation), o_allocation, N(o_allocation), READ_CASE, WRITE_CASE, NULL },
	{ "contact", "Contact", 1, f_contact, N(f_contact), o_contact, N(o_contact), READ_CASE, WRITE_CASE, NULL },
	{ "referral", "Referral (CIN episode)", 1, f_referral, N(f_referral), o_referral, N(o_referral), READ_CASE, WRITE_CASE, NULL },
	{ "assessment", "Assessment", 1, f_assessment, N(f_assessment), o_assessment, N(o_assessment), READ_CASE, WRITE_CASE, NULL },
	{ "cin_plan", "Child in need plan", 1, f_cin_plan, N(f_cin_plan), o_cin_plan, N(o_cin_plan), READ_CASE, WRITE_CASE, NULL },
	{ "strategy_discussion", "Strategy discussion", 1, f_strategy_discussion, N(f_strategy_discussion), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "s47_enquiry", "Section 47 enquiry", 1, f_s47_enquiry, N(f_s47_enquiry), o_s47_enquiry, N(o_s47_enquiry), READ_CASE, WRITE_CASE, NULL },
	{ "cp_conference", "Child protection conference", 1, f_cp_conference, N(f_cp_conference), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "cp_plan", "Child protection plan", 1, f_cp_plan, N(f_cp_plan), o_cp_plan, N(o_cp_plan), READ_CASE, WRITE_CASE, NULL },
	{ "visit", "Visit", 1, f_visit, N(f_visit), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "care_period", "Period of care", 1, f_care_period, N(f_care_period), o_care_period, N(o_care_period), READ_CASE, WRITE_CASE, NULL },
	{ "care_episode", "Looked-after episode", 1, f_care_episode, N(f_care_episode), o_care_episode, N(o_care_episode), READ_CASE, WRITE_CASE, &h_care_episode },
	{ "cla_review", "Looked-after review", 1, f_cla_review, N(f_cla_review), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "missing_episode", "Missing episode", 1, f_missing_episode, N(f_missing_episode), o_missing_episode, N(o_missing_episode), READ_CASE, WRITE_CASE, NULL },
	{ "care_leaver", "Care leaver", 1, f_care_leaver, N(f_care_leaver), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "permanence", "Permanence and adoption", 1, f_permanence, N(f_permanence), o_permanence, N(o_permanence), READ_PERM, WRITE_PERM, NULL },
	{ "adopter_household", "Prospective adopters", 0, f_adopter_household, N(f_adopter_household), o_adopter_household, N(o_adopter_household), READ_ADOPT, WRITE_ADOPT, NULL },
	{ "adopter_member", "Adopter", 1, f_adopter_member, N(f_adopter_member), NULL, 0, READ_ADOPT, WRITE_ADOPT, NULL },
	{ "chronology", "Chronology entry", 1, f_chronology, N(f_chronology), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "health_fact", "Health", 1, f_health_fact, N(f_health_fact), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "education_fact", "Education", 1, f_education_fact, N(f_education_fact), NULL, 0, READ_EDU, WRITE_CASE, NULL },
	{ "conviction", "Conviction or final warning", 1, f_conviction, N(f_conviction), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "disability", "Disability", 1, f_disability, N(f_disability), NULL, 0, READ_CASE, WRITE_CASE, NULL },
	{ "disclosure", "Disclosure", 1, f_disclosure, N(f_disclosure), NULL, 0, READ_CASE, WRITE_SHARE, &h_disclosure },
	{ "consent", "Consent", 1, f_consent, N(f_consent), o_consent, N(o_consent), READ_CASE, WRITE_SHARE, NULL },
	{ "sar_request", "Subject access request", 1, f_sar_request, N(f_sar_request), o_sar_request, N(o_sar_request), READ_GOV, WRITE_GOV, &h_sar_request },
	{ "ooh_record", "Out-of-hours record", 1, f_ooh_record, N(f_ooh_record), o_ooh_record, N(o_ooh_record), READ_CASE, WRITE_CASE, &h_ooh_record },
	{ "dolo", "Deprivation of liberty order", 1, f_dolo, N(f_dolo), o_dolo, N(o_dolo), READ_CASE, WRITE_CASE, NULL },
	{ "form_instance", "Form", 1, f_form_instance, N(f_form_instance), NULL, 0, READ_FORM, WRITE_FORM, &h_form_instance },
};

const struct entity_def *
entity_find(const char *name)
{
	size_t i;

	for (i = 0; i < N(entities); i++)
		if (strcmp(entities[i].name, name) == 0)
			return &entities[i];
	return NULL;
}

const struct entity_def *
entity_all(size_t *n)
{
	*n = N(entities);
	return entities;
}

const struct field_def *
entity_field(const struct entity_def *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return &e->fields[i];
	return NULL;
}
