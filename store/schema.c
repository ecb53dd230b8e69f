#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "store/store.h"
#include "store/store_int.h"

/*
 * Migrations, oldest first. Each runs in its own transaction that also sets
 * PRAGMA user_version, so a crash leaves the database at one version or
 * the next. SQL here must be accepted by SQLite 3.15 (Debian's SQLCipher).
 */
struct migration {
	int version;
	const char *sql;
};

static const struct migration migrations[] = {
	{ 1,
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  full_name TEXT NOT NULL DEFAULT '',"
	"  role TEXT NOT NULL CHECK (role IN ('duty','social','manager',"
	"    'adoption','ooh','education','governance','admin','trainer')),"
	"  team TEXT NOT NULL DEFAULT '',"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),"
	"  created_at TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	/* The audit trail: seq is assigned by the store, never reused. */
	"CREATE TABLE audit_event ("
	"  seq INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  role TEXT NOT NULL,"
	"  terminal TEXT NOT NULL,"
	"  ssh_client TEXT,"
	"  action TEXT NOT NULL,"
	"  entity TEXT,"
	"  entity_id INTEGER,"
	"  person_id INTEGER,"
	"  flagged INTEGER NOT NULL DEFAULT 0,"
	"  detail_hash BLOB,"
	"  hash BLOB NOT NULL);"
	"CREATE INDEX audit_event_person ON audit_event(person_id) "
	"  WHERE person_id IS NOT NULL;"
	"CREATE INDEX audit_event_actor ON audit_event(actor, seq);"
	/* Details retention may purge; the chain keeps their hash. */
	"CREATE TABLE audit_detail ("
	"  seq INTEGER PRIMARY KEY REFERENCES audit_event(seq),"
	"  body BLOB);"
	"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
	"  BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;"
	"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
	"  BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;"
	"CREATE TRIGGER audit_detail_no_delete BEFORE DELETE ON audit_detail "
	"  BEGIN SELECT RAISE(ABORT, 'audit_detail is append-only'); END;"
	"CREATE TRIGGER audit_detail_purge_only BEFORE UPDATE ON audit_detail "
	"  WHEN NEW.seq IS NOT OLD.seq OR NEW.body IS NOT NULL "
	"  BEGIN SELECT RAISE(ABORT, 'audit details can only be purged'); END;"
	},
	/*
	 * The case record, after the Standard Safeguarding Dataset: people
	 * and their names, then one typed table per entity in entities.c
	 * (each with person_id, created_at, updated_at and a version for
	 * merging concurrent edits). Name, sound-alike, date of birth and
	 * identifier columns are indexed for as-you-type search.
	 */
	{ 2,
	"CREATE TABLE person ( "
	"  id INTEGER PRIMARY KEY, "
	"  family_name TEXT NOT NULL, "
	"  given_names TEXT NOT NULL DEFAULT '', "
	"  family_key TEXT NOT NULL, "
	"  given_key TEXT NOT NULL, "
	"  family_sound TEXT NOT NULL, "
	"  given_sound TEXT NOT NULL, "
	"  sex TEXT NOT NULL DEFAULT 'U' CHECK (sex IN ('M','F','U')), "
	"  gender TEXT, "
	"  dob TEXT, "
	"  expected_dob TEXT, "
	"  death_date TEXT, "
	"  nhs_number TEXT, "
	"  nhs_verified INTEGER NOT NULL DEFAULT 0, "
	"  upn TEXT, "
	"  former_upn TEXT, "
	"  ethnicity TEXT, "
	"  religion TEXT, "
	"  first_language TEXT, "
	"  interpreter INTEGER NOT NULL DEFAULT 0, "
	"  immigration_status TEXT, "
	"  uasc INTEGER NOT NULL DEFAULT 0, "
	"  uasc_end_date TEXT, "
	"  restricted INTEGER NOT NULL DEFAULT 0, "
	"  risk_to_workers TEXT, "
	"  merged_into INTEGER REFERENCES person(id), "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX person_family ON person(family_key, given_key); "
	"CREATE INDEX person_given ON person(given_key); "
	"CREATE INDEX person_family_sound ON person(family_sound, given_sound); "
	"CREATE INDEX person_given_sound ON person(given_sound); "
	"CREATE INDEX person_dob ON person(dob); "
	"CREATE INDEX person_expected_dob ON person(expected_dob); "
	"CREATE INDEX person_nhs ON person(nhs_number) WHERE nhs_number IS NOT NULL; "
	"CREATE INDEX person_upn ON person(upn) WHERE upn IS NOT NULL; "
	"CREATE TABLE person_name ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  family_name TEXT NOT NULL, "
	"  given_names TEXT NOT NULL DEFAULT '', "
	"  family_key TEXT NOT NULL, "
	"  given_key TEXT NOT NULL, "
	"  family_sound TEXT NOT NULL, "
	"  given_sound TEXT NOT NULL, "
	"  kind TEXT NOT NULL DEFAULT 'previous', "
	"  until_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX person_name_key ON person_name(family_key, given_key); "
	"CREATE INDEX person_name_sound ON person_name(family_sound); "
	"CREATE INDEX person_name_given ON person_name(given_key); "
	"CREATE INDEX person_name_person ON person_name(person_id); "
	"CREATE TABLE person_access ( "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  user_id INTEGER NOT NULL REFERENCES users(id), "
	"  kind TEXT NOT NULL CHECK (kind IN ('restricted','education','self')), "
	"  PRIMARY KEY (person_id, user_id, kind)); "
	"CREATE INDEX person_access_user ON person_access(user_id, kind); "
	"CREATE TABLE address ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  line1 TEXT NOT NULL, "
	"  line2 TEXT, "
	"  town TEXT, "
	"  postcode TEXT, "
	"  postcode_key TEXT, "
	"  kind TEXT NOT NULL, "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX address_person ON address(person_id); "
	"CREATE INDEX address_postcode ON address(postcode_key); "
	"CREATE TABLE household ( "
	"  id INTEGER PRIMARY KEY, "
	"  name TEXT NOT NULL, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE TABLE household_member ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  household_id INTEGER NOT NULL REFERENCES household(id), "
	"  start_date TEXT, "
	"  end_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX household_member_person ON household_member(person_id); "
	"CREATE INDEX household_member_household_id ON household_member(household_id); "
	"CREATE TABLE allocation ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  worker TEXT NOT NULL, "
	"  team TEXT, "
	"  role TEXT NOT NULL, "
	"  phone TEXT, "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX allocation_person ON allocation(person_id); "
	"CREATE TABLE contact ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  contact_date TEXT NOT NULL, "
	"  source TEXT NOT NULL, "
	"  reason TEXT, "
	"  decision TEXT, "
	"  decision_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX contact_person ON contact(person_id); "
	"CREATE TABLE referral ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  referral_date TEXT NOT NULL, "
	"  source TEXT NOT NULL, "
	"  primary_need TEXT, "
	"  nfa INTEGER, "
	"  closure_date TEXT, "
	"  closure_reason TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX referral_person ON referral(person_id); "
	"CREATE TABLE assessment ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  referral_id INTEGER REFERENCES referral(id), "
	"  start_date TEXT NOT NULL, "
	"  child_seen_date TEXT, "
	"  completed_date TEXT, "
	"  authorised_date TEXT, "
	"  factors TEXT, "
	"  outcome_nfa INTEGER, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX assessment_person ON assessment(person_id); "
	"CREATE INDEX assessment_referral_id ON assessment(referral_id); "
	"CREATE TABLE cin_plan ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  referral_id INTEGER REFERENCES referral(id), "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX cin_plan_person ON cin_plan(person_id); "
	"CREATE INDEX cin_plan_referral_id ON cin_plan(referral_id); "
	"CREATE TABLE strategy_discussion ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  referral_id INTEGER REFERENCES referral(id), "
	"  discussion_date TEXT NOT NULL, "
	"  s47_decided INTEGER, "
	"  summary TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX strategy_discussion_person ON strategy_discussion(person_id); "
	"CREATE INDEX strategy_discussion_referral_id ON strategy_discussion(referral_id); "
	"CREATE TABLE s47_enquiry ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  referral_id INTEGER REFERENCES referral(id), "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  icpc_not_required INTEGER, "
	"  outcome TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX s47_enquiry_person ON s47_enquiry(person_id); "
	"CREATE INDEX s47_enquiry_referral_id ON s47_enquiry(referral_id); "
	"CREATE TABLE cp_conference ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  referral_id INTEGER REFERENCES referral(id), "
	"  s47_id INTEGER REFERENCES s47_enquiry(id), "
	"  kind TEXT NOT NULL, "
	"  target_date TEXT, "
	"  conference_date TEXT NOT NULL, "
	"  plan_decided INTEGER, "
	"  cp_plan_id INTEGER REFERENCES cp_plan(id), "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX cp_conference_person ON cp_conference(person_id); "
	"CREATE INDEX cp_conference_referral_id ON cp_conference(referral_id); "
	"CREATE INDEX cp_conference_s47_id ON cp_conference(s47_id); "
	"CREATE INDEX cp_conference_cp_plan_id ON cp_conference(cp_plan_id); "
	"CREATE TABLE cp_plan ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  referral_id INTEGER REFERENCES referral(id), "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  initial_category TEXT NOT NULL, "
	"  latest_category TEXT, "
	"  previous_plans INTEGER, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX cp_plan_person ON cp_plan(person_id); "
	"CREATE INDEX cp_plan_referral_id ON cp_plan(referral_id); "
	"CREATE TABLE visit ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  kind TEXT NOT NULL, "
	"  visit_date TEXT NOT NULL, "
	"  seen INTEGER, "
	"  seen_alone INTEGER, "
	"  bedroom_seen INTEGER, "
	"  note TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX visit_person ON visit(person_id); "
	"CREATE TABLE care_period ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX care_period_person ON care_period(person_id); "
	"CREATE TABLE care_episode ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  care_period_id INTEGER REFERENCES care_period(id), "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  legal_status TEXT NOT NULL, "
	"  placement_type TEXT NOT NULL, "
	"  provider TEXT, "
	"  placement_postcode TEXT, "
	"  placement_postcode_key TEXT, "
	"  urn TEXT, "
	"  carer TEXT, "
	"  carer_phone TEXT, "
	"  reason_new TEXT NOT NULL, "
	"  reason_ceased TEXT, "
	"  reason_change TEXT, "
	"  category_of_need TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX care_episode_person ON care_episode(person_id); "
	"CREATE INDEX care_episode_care_period_id ON care_episode(care_period_id); "
	"CREATE INDEX care_episode_placement_postcode ON care_episode(placement_postcode_key); "
	"CREATE TABLE cla_review ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  care_period_id INTEGER REFERENCES care_period(id), "
	"  due_date TEXT, "
	"  review_date TEXT, "
	"  participation TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX cla_review_person ON cla_review(person_id); "
	"CREATE INDEX cla_review_care_period_id ON cla_review(care_period_id); "
	"CREATE TABLE missing_episode ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  kind TEXT NOT NULL, "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  rhi_offered INTEGER, "
	"  rhi_accepted INTEGER, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX missing_episode_person ON missing_episode(person_id); "
	"CREATE TABLE care_leaver ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  contact_date TEXT NOT NULL, "
	"  eligibility TEXT, "
	"  in_touch TEXT, "
	"  accommodation TEXT, "
	"  accommodation_suitable INTEGER, "
	"  activity TEXT, "
	"  pathway_plan_review TEXT, "
	"  personal_adviser TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX care_leaver_person ON care_leaver(person_id); "
	"CREATE TABLE permanence ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  care_period_id INTEGER REFERENCES care_period(id), "
	"  shobpa_date TEXT, "
	"  placement_order_date TEXT, "
	"  matched_date TEXT, "
	"  placed_date TEXT, "
	"  adoption_order_date TEXT, "
	"  reversed_date TEXT, "
	"  reversed_reason TEXT, "
	"  ffa_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX permanence_person ON permanence(person_id); "
	"CREATE INDEX permanence_care_period_id ON permanence(care_period_id); "
	"CREATE TABLE adopter_household ( "
	"  id INTEGER PRIMARY KEY, "
	"  name TEXT NOT NULL, "
	"  enquiry_date TEXT, "
	"  stage1_start TEXT, "
	"  stage1_end TEXT, "
	"  stage2_start TEXT, "
	"  stage2_end TEXT, "
	"  application_date TEXT, "
	"  panel_date TEXT, "
	"  approved_date TEXT, "
	"  left_date TEXT, "
	"  left_reason TEXT, "
	"  ffa INTEGER, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE TABLE adopter_member ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  household_id INTEGER NOT NULL REFERENCES adopter_household(id), "
	"  history TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX adopter_member_person ON adopter_member(person_id); "
	"CREATE INDEX adopter_member_household_id ON adopter_member(household_id); "
	"CREATE TABLE chronology ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  event_date TEXT NOT NULL, "
	"  kind TEXT NOT NULL, "
	"  significant INTEGER, "
	"  summary TEXT NOT NULL, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX chronology_person ON chronology(person_id); "
	"CREATE TABLE health_fact ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  kind TEXT NOT NULL, "
	"  fact_date TEXT NOT NULL, "
	"  value TEXT, "
	"  note TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX health_fact_person ON health_fact(person_id); "
	"CREATE TABLE education_fact ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  kind TEXT NOT NULL, "
	"  fact_date TEXT NOT NULL, "
	"  school TEXT, "
	"  urn TEXT, "
	"  note TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX education_fact_person ON education_fact(person_id); "
	"CREATE TABLE conviction ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  conviction_date TEXT NOT NULL, "
	"  offence TEXT NOT NULL, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX conviction_person ON conviction(person_id); "
	"CREATE TABLE disability ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  code TEXT NOT NULL, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX disability_person ON disability(person_id); "
	"CREATE TABLE form_instance ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  form_code TEXT NOT NULL, "
	"  form_version INTEGER NOT NULL, "
	"  status TEXT NOT NULL, "
	"  comments TEXT, "
	"  created_by TEXT, "
	"  submitted_by TEXT, "
	"  authorised_by TEXT, "
	"  record_entity TEXT, "
	"  record_id INTEGER, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX form_instance_person ON form_instance(person_id); "
	"CREATE INDEX form_instance_status ON form_instance(status); "
	"CREATE TABLE relationship ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  related_id INTEGER NOT NULL REFERENCES person(id), "
	"  kind TEXT NOT NULL, "
	"  parental_responsibility INTEGER NOT NULL DEFAULT 0, "
	"  start_date TEXT, "
	"  end_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX relationship_person ON relationship(person_id); "
	"CREATE INDEX relationship_related ON relationship(related_id); "
	"CREATE TABLE form_answer ( "
	"  form_instance_id INTEGER NOT NULL REFERENCES form_instance(id), "
	"  field TEXT NOT NULL, "
	"  row_index INTEGER NOT NULL DEFAULT 0, "
	"  value TEXT, "
	"  PRIMARY KEY (form_instance_id, field, row_index)); "
	"ALTER TABLE users ADD COLUMN person_id INTEGER REFERENCES person(id); "
	},
	/* Information governance: legal holds that stop destruction. */
	{ 3,
	"CREATE TABLE legal_hold ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  kind TEXT NOT NULL CHECK (kind IN ('litigation','inquiry','sar',"
	"    'other')), "
	"  reason TEXT NOT NULL, "
	"  placed_by TEXT NOT NULL, "
	"  placed_at TEXT NOT NULL, "
	"  lifted_by TEXT, "
	"  lifted_at TEXT); "
	"CREATE INDEX legal_hold_person ON legal_hold(person_id); "
	},
	/* Disclosures with their legal basis, and consents. */
	{ 4,
	"CREATE TABLE disclosure ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  disclosure_date TEXT NOT NULL, "
	"  agency TEXT NOT NULL, "
	"  recipient TEXT, "
	"  shared TEXT NOT NULL, "
	"  basis TEXT NOT NULL, "
	"  special_basis TEXT, "
	"  criminal_data INTEGER NOT NULL DEFAULT 0, "
	"  dpa_condition TEXT, "
	"  family_told INTEGER NOT NULL DEFAULT 0, "
	"  not_told_reason TEXT, "
	"  outside_uk INTEGER NOT NULL DEFAULT 0, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX disclosure_person ON disclosure(person_id); "
	"CREATE TABLE consent ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  consent_date TEXT NOT NULL, "
	"  purpose TEXT NOT NULL, "
	"  given_by TEXT NOT NULL, "
	"  giver_name TEXT, "
	"  detail TEXT, "
	"  withdrawn_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX consent_person ON consent(person_id); "
	},
	/* The Caldicott guardian's review of flagged accesses. */
	{ 5,
	"CREATE TABLE caldicott_review ( "
	"  seq INTEGER PRIMARY KEY REFERENCES audit_event(seq), "
	"  reviewed_by TEXT NOT NULL, "
	"  reviewed_at TEXT NOT NULL, "
	"  outcome TEXT NOT NULL CHECK (outcome IN ('appropriate',"
	"    'inappropriate','referred')), "
	"  note TEXT NOT NULL); "
	},
	/* Subject access requests. */
	{ 6,
	"CREATE TABLE sar_request ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  received_date TEXT NOT NULL, "
	"  requester_name TEXT NOT NULL, "
	"  requester_relationship TEXT NOT NULL, "
	"  requester_id INTEGER REFERENCES person(id), "
	"  extended INTEGER NOT NULL DEFAULT 0, "
	"  extension_reason TEXT, "
	"  status TEXT, "
	"  closed_date TEXT, "
	"  notes TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX sar_request_person ON sar_request(person_id); "
	},
	/* CP-IS uploads and what each plan was last sent as. */
	{ 7,
	"CREATE TABLE cpis_upload ( "
	"  seq INTEGER PRIMARY KEY, "
	"  at TEXT NOT NULL, "
	"  by_user TEXT NOT NULL, "
	"  records INTEGER NOT NULL); "
	"CREATE TABLE cpis_sent ( "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  plan_type TEXT NOT NULL CHECK (plan_type IN ('CPP','LAC','UCPP')), "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  upload_seq INTEGER NOT NULL REFERENCES cpis_upload(seq), "
	"  PRIMARY KEY (person_id, plan_type, start_date)); "
	},
	/*
	 * Statutory returns: the analyst role (users is rebuilt, as SQLite
	 * cannot change a CHECK in place), the social worker's Social Work
	 * England number and why the worker changed (SWEpisodes), previous
	 * permanence at the start of a period of care (PrevPerm), and the
	 * adopters' details the AD1 table needs.
	 */
	{ 8,
	"CREATE TABLE users_new ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  full_name TEXT NOT NULL DEFAULT '',"
	"  role TEXT NOT NULL CHECK (role IN ('duty','social','manager',"
	"    'adoption','ooh','education','governance','admin','trainer',"
	"    'analyst')),"
	"  team TEXT NOT NULL DEFAULT '',"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),"
	"  created_at TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  person_id INTEGER REFERENCES person(id));"
	"INSERT INTO users_new SELECT id, name, full_name, role, team, "
	"  disabled, created_at, version, person_id FROM users; "
	"DROP TABLE users; "
	"ALTER TABLE users_new RENAME TO users; "
	"ALTER TABLE allocation ADD COLUMN swe_number TEXT; "
	"ALTER TABLE allocation ADD COLUMN change_reason TEXT; "
	"ALTER TABLE care_period ADD COLUMN prev_perm TEXT; "
	"ALTER TABLE care_period ADD COLUMN prev_perm_la TEXT; "
	"ALTER TABLE care_period ADD COLUMN prev_perm_date TEXT; "
	"ALTER TABLE permanence ADD COLUMN adopted_by_carer INTEGER; "
	"ALTER TABLE permanence ADD COLUMN adopter_count INTEGER; "
	"ALTER TABLE permanence ADD COLUMN adopter_sex TEXT; "
	"ALTER TABLE permanence ADD COLUMN adopter_status TEXT; "
	},
	/*
	 * Out of hours: the emergency duty record with its emergency action
	 * and the handover to the day team, and the notes a day worker
	 * leaves for the night (shown first in the quick look).
	 */
	{ 9,
	"ALTER TABLE person ADD COLUMN ooh_instructions TEXT; "
	"ALTER TABLE person ADD COLUMN safety_plan TEXT; "
	"CREATE TABLE ooh_record ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  call_time TEXT NOT NULL, "
	"  caller TEXT NOT NULL, "
	"  caller_agency TEXT, "
	"  reported TEXT NOT NULL, "
	"  checks TEXT, "
	"  checks_note TEXT, "
	"  advice TEXT, "
	"  actions TEXT, "
	"  emergency_action TEXT, "
	"  legal_basis TEXT, "
	"  action_time TEXT, "
	"  police_ref TEXT, "
	"  placement_type TEXT, "
	"  provider TEXT, "
	"  placement_postcode TEXT, "
	"  placement_postcode_key TEXT, "
	"  carer TEXT, "
	"  carer_phone TEXT, "
	"  care_episode_id INTEGER REFERENCES care_episode(id), "
	"  handover_to TEXT, "
	"  handover_team TEXT, "
	"  handed_over_at TEXT, "
	"  accepted_by TEXT, "
	"  accepted_at TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX ooh_record_person ON ooh_record(person_id); "
	"CREATE INDEX ooh_record_waiting ON ooh_record(accepted_at, "
	"  handover_to); "
	},
	/* Deprivation of Liberty Orders (the SSDA903's DoLo table, 2026/27). */
	{ 10,
	"CREATE TABLE dolo ( "
	"  id INTEGER PRIMARY KEY, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  created_at TEXT NOT NULL, "
	"  updated_at TEXT NOT NULL, "
	"  version INTEGER NOT NULL DEFAULT 1); "
	"CREATE INDEX dolo_person ON dolo(person_id); "
	},
	/*
	 * Work that flows: a referral remembers the contact it came from,
	 * what was reported and the team it waits with for allocation; the
	 * out-of-hours record carries a note to the day team.
	 */
	{ 11,
	"ALTER TABLE referral ADD COLUMN contact_id INTEGER REFERENCES "
	"  contact(id); "
	"ALTER TABLE referral ADD COLUMN reason TEXT; "
	"ALTER TABLE referral ADD COLUMN team TEXT; "
	"CREATE INDEX referral_contact_id ON referral(contact_id); "
	"CREATE INDEX referral_open ON referral(closure_date); "
	"ALTER TABLE ooh_record ADD COLUMN day_team_note TEXT; "
	},
	/*
	 * Form definitions installed by an administrator: the store takes
	 * each form's roles from here (forms install; the shipped set is put
	 * in by the first session on an older database). Append-only: a new
	 * install is a new row, the current one the newest of its name.
	 */
	{ 12,
	"CREATE TABLE form_def ( "
	"  id INTEGER PRIMARY KEY, "
	"  kind TEXT NOT NULL CHECK (kind IN ('form', 'codes')), "
	"  name TEXT NOT NULL, "
	"  version INTEGER NOT NULL, "
	"  body TEXT NOT NULL, "
	"  hash BLOB NOT NULL, "
	"  read_roles TEXT NOT NULL, "
	"  write_roles TEXT NOT NULL, "
	"  authorise_roles TEXT NOT NULL, "
	"  needs_authorisation INTEGER NOT NULL, "
	"  installed_at TEXT NOT NULL, "
	"  installed_by TEXT NOT NULL); "
	"CREATE INDEX form_def_name ON form_def(kind, name, id); "
	"CREATE TRIGGER form_def_no_update BEFORE UPDATE ON form_def "
	"  BEGIN SELECT RAISE(ABORT, 'form_def is append-only'); END; "
	"CREATE TRIGGER form_def_no_delete BEFORE DELETE ON form_def "
	"  BEGIN SELECT RAISE(ABORT, 'form_def is append-only'); END; "
	},
	/*
	 * Subject access as a case with steps: the requester's checks, the
	 * pack frozen for review (items and the redactions marked on them,
	 * proposed or added, removed with a reason kept), the approval by a
	 * second person, and the release log. Consent names the request and
	 * the person it allows, or refuses.
	 */
	{ 13,
	"ALTER TABLE sar_request ADD COLUMN identity_checked INTEGER; "
	"ALTER TABLE sar_request ADD COLUMN identity_evidence TEXT; "
	"ALTER TABLE sar_request ADD COLUMN pr_checked INTEGER; "
	"ALTER TABLE sar_request ADD COLUMN pr_evidence TEXT; "
	"ALTER TABLE sar_request ADD COLUMN authority_checked INTEGER; "
	"ALTER TABLE sar_request ADD COLUMN authority_evidence TEXT; "
	"ALTER TABLE sar_request ADD COLUMN prepared_by TEXT; "
	"ALTER TABLE sar_request ADD COLUMN prepared_at TEXT; "
	"ALTER TABLE sar_request ADD COLUMN prepared_for TEXT; "
	"ALTER TABLE sar_request ADD COLUMN approved_by TEXT; "
	"ALTER TABLE sar_request ADD COLUMN approved_at TEXT; "
	"ALTER TABLE consent ADD COLUMN sar_request_id INTEGER "
	"  REFERENCES sar_request(id); "
	"ALTER TABLE consent ADD COLUMN allows_id INTEGER REFERENCES person(id); "
	"ALTER TABLE consent ADD COLUMN decision TEXT; "
	"CREATE TABLE sar_item ( "
	"  request_id INTEGER NOT NULL REFERENCES sar_request(id), "
	"  seq INTEGER NOT NULL, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  section TEXT NOT NULL, "
	"  heading TEXT NOT NULL, "
	"  body TEXT NOT NULL, "
	"  free_text INTEGER NOT NULL DEFAULT 0, "
	"  read_by TEXT, "
	"  exemption TEXT, "
	"  exemption_note TEXT, "
	"  withheld_by TEXT, "
	"  PRIMARY KEY (request_id, seq)); "
	"CREATE INDEX sar_item_person ON sar_item(person_id); "
	"CREATE TABLE sar_mark ( "
	"  id INTEGER PRIMARY KEY, "
	"  request_id INTEGER NOT NULL REFERENCES sar_request(id), "
	"  item_seq INTEGER NOT NULL, "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  start INTEGER NOT NULL, "
	"  len INTEGER NOT NULL, "
	"  class TEXT NOT NULL, "
	"  origin TEXT NOT NULL CHECK (origin IN ('proposed','added')), "
	"  locked INTEGER NOT NULL DEFAULT 0, "
	"  removed_by TEXT, "
	"  removed_reason TEXT, "
	"  by_user TEXT NOT NULL); "
	"CREATE INDEX sar_mark_request ON sar_mark(request_id, item_seq); "
	"CREATE INDEX sar_mark_person ON sar_mark(person_id); "
	"CREATE TABLE sar_release ( "
	"  id INTEGER PRIMARY KEY, "
	"  request_id INTEGER NOT NULL REFERENCES sar_request(id), "
	"  person_id INTEGER NOT NULL REFERENCES person(id), "
	"  released_at TEXT NOT NULL, "
	"  released_by TEXT NOT NULL, "
	"  approved_by TEXT NOT NULL, "
	"  items INTEGER NOT NULL, "
	"  redactions INTEGER NOT NULL, "
	"  withheld INTEGER NOT NULL, "
	"  bytes INTEGER NOT NULL, "
	"  withheld_list TEXT NOT NULL); "
	"CREATE INDEX sar_release_person ON sar_release(person_id); "
	},
	/*
	 * CP-IS withdraws what ended: each sent record keeps the NHS number
	 * and child it went under, and when it was withdrawn (a birth, a
	 * changed number, a merge, a plan gone from the record); a destroyed
	 * person's sent records wait in cpis_withdrawal, holding only what
	 * the NHS needs to remove them, until the next upload ends them.
	 */
	{ 14,
	"ALTER TABLE cpis_sent ADD COLUMN nhs_number TEXT; "
	"ALTER TABLE cpis_sent ADD COLUMN child_id INTEGER REFERENCES "
	"  person(id); "
	"ALTER TABLE cpis_sent ADD COLUMN withdrawn_seq INTEGER REFERENCES "
	"  cpis_upload(seq); "
	"UPDATE cpis_sent SET nhs_number = (SELECT nhs_number FROM person p "
	"  WHERE p.id = cpis_sent.person_id); "
	"UPDATE cpis_sent SET child_id = person_id WHERE plan_type <> 'UCPP'; "
	"CREATE TABLE cpis_withdrawal ( "
	"  id INTEGER PRIMARY KEY, "
	"  nhs_number TEXT NOT NULL, "
	"  plan_type TEXT NOT NULL, "
	"  start_date TEXT NOT NULL, "
	"  end_date TEXT, "
	"  reason TEXT NOT NULL, "
	"  created_at TEXT NOT NULL); "
	},
	/*
	 * Retention's certificate lists the backups and borough-wide exports
	 * made while a destroyed person was on the record: an index so that
	 * is not a scan of the whole trail.
	 */
	{ 15,
	"CREATE INDEX audit_event_copies ON audit_event(at) WHERE person_id IS "
	"  NULL AND action IN ('backup', 'export'); "
	},
	/*
	 * Open work, indexed on its own: the work tray reads these partial
	 * indexes (a few thousand entries) instead of scanning every contact,
	 * referral, plan and period of care; a worker's or a team's tray
	 * starts from their open allocations.
	 */
	{ 16,
	"CREATE INDEX contact_undecided ON contact(person_id) "
	"  WHERE decision IS NULL; "
	"CREATE INDEX referral_open_person ON referral(person_id) "
	"  WHERE closure_date IS NULL; "
	"CREATE INDEX cp_plan_open ON cp_plan(person_id) "
	"  WHERE end_date IS NULL; "
	"CREATE INDEX cin_plan_open ON cin_plan(person_id) "
	"  WHERE end_date IS NULL; "
	"CREATE INDEX care_period_open ON care_period(person_id) "
	"  WHERE end_date IS NULL; "
	"CREATE INDEX allocation_open_worker ON allocation(worker, person_id) "
	"  WHERE end_date IS NULL; "
	"CREATE INDEX allocation_open_team ON allocation(team, person_id) "
	"  WHERE end_date IS NULL; "
	/* Two name words read together: a given-name prefix, then family. */
	"CREATE INDEX person_given_family ON person(given_key, family_key); "
	"DROP INDEX person_given; "
	},
	/*
	 * What verify proves beside the chain (verify.c), read through small
	 * partial indexes instead of four more scans of the whole trail: user
	 * changes, reviews, destructions, installs and purged details. Each
	 * index's WHERE is the text of its query's, so SQLite 3.15 can use it.
	 */
	{ 17,
	"CREATE INDEX audit_event_user_changes ON audit_event(seq) "
	"  WHERE entity = 'user' AND action IN ('create', 'update'); "
	"CREATE INDEX audit_event_reviews ON audit_event(seq) "
	"  WHERE action = 'review' AND entity = 'audit_event'; "
	"CREATE INDEX audit_event_destructions ON audit_event(entity_id) "
	"  WHERE action = 'delete' AND entity = 'person'; "
	"CREATE INDEX audit_event_installs ON audit_event(entity_id) "
	"  WHERE action = 'install' AND entity = 'form_def'; "
	"CREATE INDEX audit_detail_purged ON audit_detail(seq) "
	"  WHERE body IS NULL; "
	},
	/*
	 * Search scores a candidate and shows a hit from the index entry
	 * that found it: the name, sound-alike and date-of-birth indexes
	 * carry the names, dates of birth, sex, NHS number and the
	 * restricted and merged marks, so a keystroke reads no person row
	 * (SQLite 3.15 has no INCLUDE: they are trailing columns). Only the
	 * people with a date are in the date indexes; a hit's home postcode
	 * is read from an index of addresses by person.
	 */
	{ 18,
	"DROP INDEX person_family; "
	"DROP INDEX person_given_family; "
	"DROP INDEX person_family_sound; "
	"DROP INDEX person_given_sound; "
	"DROP INDEX person_dob; "
	"DROP INDEX person_expected_dob; "
	"DROP INDEX address_person; "
	"CREATE INDEX person_family_hit ON person(family_key, given_key, "
	"  family_name, given_names, dob, expected_dob, sex, nhs_number, "
	"  restricted, merged_into); "
	"CREATE INDEX person_given_hit ON person(given_key, family_key, "
	"  family_name, given_names, dob, expected_dob, sex, nhs_number, "
	"  restricted, merged_into); "
	"CREATE INDEX person_family_sound_hit ON person(family_sound, "
	"  given_sound, family_name, given_names, dob, expected_dob, sex, "
	"  nhs_number, restricted, merged_into); "
	"CREATE INDEX person_given_sound_hit ON person(given_sound, "
	"  family_name, given_names, dob, expected_dob, sex, nhs_number, "
	"  restricted, merged_into); "
	"CREATE INDEX person_dob_hit ON person(dob, family_name, given_names, "
	"  expected_dob, sex, nhs_number, restricted, merged_into) "
	"  WHERE dob IS NOT NULL; "
	"CREATE INDEX person_expected_hit ON person(expected_dob, "
	"  family_name, given_names, dob, sex, nhs_number, restricted, "
	"  merged_into) WHERE expected_dob IS NOT NULL; "
	"CREATE INDEX address_person_home ON address(person_id, end_date, "
	"  start_date, postcode); "
	},
	/* A child's match with an adopter household, kept on the decision
	 * to place (permanence) and listed from the household. */
	{ 19,
	"ALTER TABLE permanence ADD COLUMN household_id INTEGER "
	"  REFERENCES adopter_household(id); "
	"CREATE INDEX permanence_household ON permanence(household_id) "
	"  WHERE household_id IS NOT NULL; "
	},
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

/* Run one migration and set user_version, all in one transaction. */
static enum cd_status
migrate_one(struct store *st, const struct migration *m, struct cd_err *err)
{
	char version[48];
	char *msg = NULL;
	enum cd_status code;

	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	snprintf(version, sizeof version, "PRAGMA user_version = %d",
	    m->version);
	if (sqlite3_exec(st->db, m->sql, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(st->db, version, NULL, NULL, &msg) != SQLITE_OK) {
		code = cd_err_set(err, CD_ERR_DB,
		    "schema migration to version %d failed: %s", m->version,
		    msg ? msg : "unknown error");
		sqlite3_free(msg);
		store_rollback(st);
		return code;
	}
	return store_commit(st, err);
}

enum cd_status
schema_migrate(struct store *st, struct cd_err *err)
{
	int have = store_schema_version(st);
	size_t i;
	int rebuilds;
	enum cd_status code;

	if (have < 0)
		return cd_err_set(err, CD_ERR_DB, "cannot read schema version");
	if (have > STORE_SCHEMA_VERSION)
		return cd_err_set(err, CD_ERR_VERSION,
		    "the database %s has schema version %d, newer than this "
		    "casedesk understands (version %d): upgrade casedesk",
		    st->path, have, STORE_SCHEMA_VERSION);
	for (i = 0; i < NMIGRATIONS; i++) {
		if (migrations[i].version <= have)
			continue;
		/*
		 * A migration that rebuilds a table (DROP TABLE) runs with
		 * foreign keys off, set outside its transaction, as SQLite's
		 * table-rebuild procedure asks.
		 */
		rebuilds = strstr(migrations[i].sql, "DROP TABLE") != NULL;
		if (rebuilds)
			sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL,
			    NULL, NULL);
		code = migrate_one(st, &migrations[i], err);
		if (rebuilds)
			sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL,
			    NULL, NULL);
		if (code != CD_OK)
			return code;
	}
	return CD_OK;
}

/* One schema object: its type, name and (for triggers and views) text. */
struct schema_obj {
	char *type, *name, *sql;
};

/* Read db's objects (not SQLite's own) into a new array. */
static struct schema_obj *
schema_objects(sqlite3 *db, size_t *n)
{
	struct schema_obj *o = NULL;
	sqlite3_stmt *s;

	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT type, name, CASE WHEN type IN "
	    "('trigger', 'view') THEN sql END FROM sqlite_master WHERE name "
	    "NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name", -1, &s,
	    NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(s) == SQLITE_ROW) {
		o = xreallocarray(o, *n + 1, sizeof *o);
		o[*n].type = store_column_dup(s, 0);
		o[*n].name = store_column_dup(s, 1);
		o[(*n)++].sql = store_column_dup(s, 2);
	}
	sqlite3_finalize(s);
	return o;
}

/*
 * The objects the migrations define, built once per process by running
 * them on an empty in-memory database.
 */
static const struct schema_obj *
schema_expected(size_t *n)
{
	static struct schema_obj *want;
	static size_t nwant;
	sqlite3 *db;
	size_t i;

	if (want != NULL) {
		*n = nwant;
		return want;
	}
	*n = 0;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	for (i = 0; i < NMIGRATIONS; i++)
		if (sqlite3_exec(db, migrations[i].sql, NULL, NULL, NULL) !=
		    SQLITE_OK) {
			sqlite3_close(db);
			return NULL;
		}
	want = schema_objects(db, &nwant);
	sqlite3_close(db);
	*n = nwant;
	return want;
}

/* The object of type and name in o, or NULL. */
static const struct schema_obj *
schema_find(const struct schema_obj *o, size_t n, const char *type,
    const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(o[i].type, type) == 0 && strcmp(o[i].name, name) == 0)
			return &o[i];
	return NULL;
}

enum cd_status
schema_check(struct store *st, struct cd_err *err)
{
	const struct schema_obj *want;
	struct schema_obj *have;
	size_t nwant, nhave, i;
	enum cd_status code = CD_OK;

	want = schema_expected(&nwant);
	if (want == NULL)
		return cd_err_set(err, CD_ERR_DB, "cannot build the expected "
		    "schema to check the database against");
	have = schema_objects(st->db, &nhave);
	for (i = 0; i < nhave && code == CD_OK; i++) {
		const struct schema_obj *w = schema_find(want, nwant,
		    have[i].type, have[i].name);

		if (w == NULL)
			code = cd_err_set(err, CD_ERR_CORRUPT, "the database %s "
			    "holds a %s \"%s\" that casedesk's schema does not "
			    "define: someone has changed its structure, so it is "
			    "not opened (keep it as evidence and restore the "
			    "last good backup)", st->path, have[i].type,
			    have[i].name);
		else if ((w->sql || have[i].sql) && (w->sql == NULL ||
		    have[i].sql == NULL || strcmp(w->sql, have[i].sql) != 0))
			code = cd_err_set(err, CD_ERR_CORRUPT, "the database %s: "
			    "the %s \"%s\" is not the one casedesk's schema "
			    "defines: someone has changed it, so the database "
			    "is not opened", st->path, have[i].type,
			    have[i].name);
	}
	for (i = 0; i < nwant && code == CD_OK; i++)
		if (strcmp(want[i].type, "trigger") == 0 &&
		    schema_find(have, nhave, "trigger", want[i].name) == NULL)
			code = cd_err_set(err, CD_ERR_CORRUPT, "the database %s "
			    "lacks the trigger \"%s\" that casedesk's schema "
			    "defines: someone has removed it, so the database is "
			    "not opened", st->path, want[i].name);
	for (i = 0; i < nhave; i++) {
		free(have[i].type);
		free(have[i].name);
		free(have[i].sql);
	}
	free(have);
	return code;
}
