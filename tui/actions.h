/* Every action a key can be bound to: id, config name, help text. */
#ifndef CD_TUI_ACTIONS_H
#define CD_TUI_ACTIONS_H

#define ACTION_LIST(X) \
	X(ACT_QUIT,      "quit",      "Quit casedesk (from the main screen)") \
	X(ACT_HELP,      "help",      "Show the keys for this screen") \
	X(ACT_REDRAW,    "redraw",    "Redraw the whole screen") \
	X(ACT_LOCK,      "lock",      "Lock the screen now (passphrase to resume)") \
	X(ACT_BACK,      "back",      "Close this screen and go back") \
	X(ACT_UP,        "up",        "Move up a line") \
	X(ACT_DOWN,      "down",      "Move down a line") \
	X(ACT_PAGE_UP,   "page-up",   "Move up a page") \
	X(ACT_PAGE_DOWN, "page-down", "Move down a page") \
	X(ACT_NEXT,      "next-field", "Go to the next field") \
	X(ACT_PREV,      "prev-field", "Go to the previous field") \
	X(ACT_SUBMIT,    "submit",    "Accept the field or the form") \
	X(ACT_CANCEL,    "cancel",    "Cancel and leave") \
	X(ACT_SAVE,      "save",      "Save the field now (fields also save as you leave them)") \
	X(ACT_FORM_SUBMIT, "submit-form", "Submit the form (lists what is missing first)") \
	X(ACT_LEAVE,     "leave",     "Leave the form (the draft is kept)") \
	X(ACT_CLEAR,     "clear",     "Clear the field") \
	X(ACT_ADD_ROW,   "add-row",   "Add a row to this group") \
	X(ACT_DEL_ROW,   "remove-row", "Remove this row from its group") \
	X(ACT_AUTHORISE, "authorise", "Authorise the submitted form (managers)") \
	X(ACT_RETURN,    "return-form", "Return the submitted form with comments (managers)") \
	X(ACT_OPEN,      "open",      "Open the line under the cursor") \
	X(ACT_SEARCH,    "search",    "Find a person (as you type)") \
	X(ACT_COMMAND,   "command",   "Type a command: search, person, form, look, accept, " \
	  "check, review, export, retention, home, team, help or quit (with " \
	  "their arguments in the list of : commands)") \
	X(ACT_GOTO,      "goto",      "Go to: then h home, s search, f family, c chronology, o forms, " \
	  "a who looked, l quick look, r returns checks") \
	X(ACT_HOME,      "home",      "Go to the home screen (your work)") \
	X(ACT_FAMILY,    "family",    "The person's family and household") \
	X(ACT_CHRONO,    "chronology", "The person's chronology, newest first") \
	X(ACT_FORMS,     "forms",     "The person's forms") \
	X(ACT_NEW_FORM,  "new-form",  "Start a form for this person") \
	X(ACT_AUDIT,     "audit",     "Who looked at this record (governance)") \
	X(ACT_REFRESH,   "refresh",   "Read the screen again (see others' saved changes)") \
	X(ACT_CREATE,    "create",    "Create a person (checks for duplicates first)") \
	X(ACT_FILTER,    "filter",    "Chronology: show one kind of event, or all") \
	X(ACT_SIGNIFICANT, "significant", "Chronology: significant events only, or all") \
	X(ACT_SINCE,     "since",     "Chronology: events since a date (empty for all)") \
	X(ACT_SORT,      "sort",      "Work tray: sort by due date, by name or by worker") \
	X(ACT_ALLOCATE,  "allocate",  "Allocate the case on this line to a worker (managers)") \
	X(ACT_SCOPE,     "scope",     "Home: your team's work, or the whole borough's (managers)") \
	X(ACT_DISCARD,   "discard",   "Discard a draft form started by mistake (its author)") \
	X(ACT_PLACEMENTS, "placements", "A looked-after child's periods of care, episodes and placements") \
	X(ACT_NEXT_PAGE, "next-page", "The quick look: the next people found") \
	X(ACT_PREV_PAGE, "prev-page", "The quick look: the people before") \
	X(ACT_PREPARE,   "prepare",   "Subject access: freeze the pack for review (again: the review starts over)") \
	X(ACT_REDACT,    "redact",    "Subject access: redact text in this item (every item from the request's lines)") \
	X(ACT_WITHHOLD,  "withhold",  "Subject access: withhold this item under an exemption, or put it back") \
	X(ACT_MARK_READ, "mark-read", "Subject access: mark this free-text item read") \
	X(ACT_APPROVE,   "approve",   "Subject access: approve the pack for release (a second person)") \
	X(ACT_RELEASE,   "release",   "Subject access: release the approved pack to a file (0600) and log it") \
	X(ACT_CLOSE_REQ, "close-sar",  "Subject access: close the request without release (withdrawn or refused)") \
	X(ACT_PERSON,    "person",    "Open the summary of the person on this line") \
	X(ACT_VIEW,      "view",      "Read the line, record or form whole in the pager") \
	X(ACT_FIND,      "find",      "Pager: find text (then n for the next)") \
	X(ACT_FIND_NEXT, "find-next", "Pager: find the next match") \
	X(ACT_TOP,       "top",       "Go to the top") \
	X(ACT_BOTTOM,    "bottom",    "Go to the end")

#define ACTION_ENUM(id, name, help) id,
enum action { ACT_NONE = -1, ACTION_LIST(ACTION_ENUM) ACT_COUNT };
#undef ACTION_ENUM

/* Contexts: which screen a binding applies to; global applies everywhere. */
#define CONTEXT_LIST(X) \
	X(CTX_GLOBAL, "global", "Everywhere") \
	X(CTX_MAIN,   "main",   "Main screen") \
	X(CTX_PAGER,  "pager",  "Pager (help, records and forms read whole)") \
	X(CTX_PROMPT, "prompt", "Fields and prompts (unlock screen)") \
	X(CTX_FORM,   "form",   "Form editor")

#define CONTEXT_ENUM(id, name, title) id,
enum context { CONTEXT_LIST(CONTEXT_ENUM) CTX_COUNT };
#undef CONTEXT_ENUM

#endif
