/**
 * What the seed's people write in their reflections, per workflow, so a demo digest reads like the
 * team's own notes on that task. A workflow added to content/ without lines here gets the general ones.
 */
export interface ReflectionLines {
	worked: string[];
	didNotWork: string[];
	tryNext: string[];
}

export const GENERAL_REFLECTIONS: ReflectionLines = {
	worked: [
		'Following the steps in order kept me from skipping the check at the end.',
		'Giving the assistant the context first made the draft need far fewer changes.',
	],
	didNotWork: [
		'The first draft sounded confident about something I had not given it; I had to remove it.',
		'It was slower than doing it by hand on a short case.',
	],
	tryNext: [
		'Use it on a longer case, where the time saved is worth the checking.',
		'Write down what I changed in the draft, to see if it is always the same thing.',
	],
};

export const SEED_REFLECTIONS: Record<string, ReflectionLines> = {
	'campaign-variant-drafts': {
		worked: [
			'Asking for one idea per variant gave five lines that actually test something different.',
			'Naming the audience in the prompt stopped the jokey variants we can never use.',
		],
		didNotWork: [
			'Two "different" headlines were the same promise in other words; I replaced one.',
			'It kept adding exclamation marks our brand guide does not allow.',
		],
		tryNext: [
			'Ask it to label the idea each variant tests, so the results are easier to read.',
			"Give it last quarter's winning subject line as the baseline.",
		],
	},
	'competitor-page-summary': {
		worked: [
			'Pasting both versions side by side got me only the changes, with the sentence quoted.',
			'The evidence quotes made it quick to check the new price tier myself.',
		],
		didNotWork: [
			'It reported a "new" feature that had only moved down the page.',
			'A footnote about annual billing was missed completely.',
		],
		tryNext: [
			'Diff the two pages with a text tool first and give it only the changed blocks.',
			'Ask for footnotes and small print as their own section.',
		],
	},
	'discovery-call-follow-up': {
		worked: [
			"Starting from my own notes kept the customer's words, not a generic sales email.",
			'The "confirm what they said" paragraph got a reply from the buyer within the hour.',
		],
		didNotWork: [
			'It invented a next-step date we had not agreed on; I took it out.',
			'The tone was too formal for someone I had just been joking with on the call.',
		],
		tryNext: [
			'Paste one of my own past follow-ups as the example of my voice.',
			'Write the next step myself and let it draft only the summary.',
		],
	},
	'dpa-clause-comparison': {
		worked: [
			'Mapping each checklist item to a clause number made the gaps obvious for legal.',
			'It found the sub-processor notice period buried in an annex.',
		],
		didNotWork: [
			'It said the vendor allowed audits when the clause only allowed a questionnaire.',
			'Long annexes pasted as one block lost the clause numbers.',
		],
		tryNext: [
			'Paste the annexes one at a time with their headings.',
			'Ask for the exact clause text next to every "covered" answer, not just the number.',
		],
	},
	'escalated-ticket-reply': {
		worked: [
			"Asking for the list of the customer's questions before the draft meant I did not miss the one from the " +
				'first message.',
			'The calm first paragraph took the heat out of a very angry thread.',
		],
		didNotWork: [
			'The draft promised a refund date we never confirmed; I only caught it because I checked every commitment.',
			'It apologised three times; the customer wanted an answer, not apologies.',
		],
		tryNext: [
			"Keep my own list of the customer's questions and compare it with the model's list.",
			'Paste our refund policy so it cannot promise what we do not do.',
		],
	},
	'explain-unfamiliar-code': {
		worked: [
			'The module map gave me the three entry points in minutes; I confirmed each with a breakpoint.',
			'Asking "what would break if I changed this" pointed me at the cache invalidation.',
		],
		didNotWork: [
			'It described a config flag that was removed two releases ago.',
			'It guessed the retry behaviour instead of reading the helper it calls.',
		],
		tryNext: [
			'Paste the helper files too, so it stops guessing what they do.',
			'Run the tests for the module before reading its summary.',
		],
	},
	'help-article-from-tickets': {
		worked: [
			'Starting from the solved tickets gave the article the real wording customers use.',
			'The "remove names and account ids" step caught a phone number in a pasted signature.',
		],
		didNotWork: [
			'It described a menu from the old version of the product that appeared in old tickets.',
			'Steps from two different fixes were merged into one list.',
		],
		tryNext: [
			'Only use tickets solved on the current version.',
			'Walk through the steps in the product before publishing.',
		],
	},
	'incident-timeline-draft': {
		worked: [
			'The timeline lined up alerts and chat messages I would have spent an hour matching.',
			'Keeping the original timestamps made the review meeting much shorter.',
		],
		didNotWork: [
			'It mixed UTC alert times with local chat times until I said which was which.',
			'A rollback that was discussed but never done showed up as an action taken.',
		],
		tryNext: [
			'Convert everything to UTC before pasting it in.',
			'Mark each line as "decided", "done" or "discussed" myself before the draft.',
		],
	},
	'meeting-notes-to-actions': {
		worked: [
			'The "NO OWNER" rule made the gaps visible; we assigned three actions before the meeting ended.',
			'Open questions as their own list stopped them turning into fake decisions.',
		],
		didNotWork: [
			'It turned "we could look into it" into a decision.',
			'Two actions were given to the person who only mentioned them.',
		],
		tryNext: [
			'Read the action list out at the end of the meeting instead of after it.',
			'Ask it to quote the sentence each decision comes from.',
		],
	},
	'nda-first-pass-review': {
		worked: [
			'Pasting our playbook first kept the comparison on our positions instead of generic advice.',
			'Quoting clauses exactly made it quick to check; two quotes were reworded and I caught both.',
		],
		didNotWork: [
			'It missed that the term survived for five years after termination, not two.',
			'The residuals clause was called "standard" when our position is to strike it.',
		],
		tryNext: [
			'Ask for the definitions section first, before anything else.',
			'Check the survival and residuals clauses by hand every time.',
		],
	},
	'policy-plain-language-summary': {
		worked: [
			'The one-page summary got read: three people asked questions about it the same day.',
			'Keeping the "you must" list separate from the background made the obligations clear.',
		],
		didNotWork: [
			'The summary softened a "must" into a "should"; I had to go back to the obligation list.',
			'It left out the exception for contractors.',
		],
		tryNext: [
			'Ask for every "must" and "must not" as a checklist before the summary.',
			'Have the policy owner read the summary before it goes out.',
		],
	},
	'pre-call-account-brief': {
		worked: [
			'The brief with sources gave me two good questions about their new region.',
			'Asking for "what we do not know" was the most useful part of the page.',
		],
		didNotWork: [
			'It quoted a revenue figure from a news article about a different company with the same name.',
			'The org chart it built was a year out of date.',
		],
		tryNext: [
			'Give it the company website and registry number so it cannot mix companies up.',
			'Check every person it names on their own profile before the call.',
		],
	},
	'pull-request-review-assist': {
		worked: [
			'Naming the failure classes in the prompt got real findings instead of style comments.',
			'It spotted a missing null check on the new endpoint that tests did not cover.',
		],
		didNotWork: [
			'Half of the findings were about naming, which our linter already handles.',
			'It flagged a race condition that cannot happen because the handler is single-threaded.',
		],
		tryNext: [
			'Paste the diff with the surrounding function, not just the changed lines.',
			'Verify each finding with a test before I comment on it.',
		],
	},
	'reply-in-customers-language': {
		worked: [
			'Back-translating the draft showed me exactly what the customer would read.',
			"Asking it to keep the customer's own terms for our product avoided a confusing translation.",
		],
		didNotWork: [
			'The back-translation looked fine but the register switched to informal halfway through.',
			'A date was written day-first in a country that writes month-first.',
		],
		tryNext: [
			'Tell it the formal or informal form to use before it drafts.',
			'Ask a colleague who speaks the language to read the first few replies.',
		],
	},
	'security-questionnaire-draft': {
		worked: [
			'Answering only from the approved library meant nothing new slipped into a customer document.',
			'The "not covered" flags went straight to security as a list of seven questions.',
		],
		didNotWork: [
			'Long questionnaire batches drifted by one row after about 40 questions.',
			'It answered a question about backups with our encryption answer.',
		],
		tryNext: [
			'Work in smaller batches and check the first and last row of each.',
			'Ask for the library answer id next to every answer.',
		],
	},
	'spreadsheet-anomaly-check': {
		worked: [
			'The proposed checks found a month where refunds were entered as positive amounts.',
			'Running the checks myself with formulas meant I trusted the result.',
		],
		didNotWork: [
			'It suggested a check on a column that does not exist in the export.',
			'The duplicate check missed rows that differed only by trailing spaces.',
		],
		tryNext: [
			'Paste the header row and ten sample rows, not just a description.',
			'Trim and normalise text columns before running the duplicate check.',
		],
	},
	'sql-query-from-question': {
		worked: [
			'Pinning down what "active customer" means before any SQL saved me a wrong number in the report.',
			'Asking for the query in steps made each join easy to check.',
		],
		didNotWork: [
			'It joined on account name instead of account id and double-counted two customers.',
			'The date filter used the order date when the question was about the invoice date.',
		],
		tryNext: [
			'Write the expected result by hand for a small case before running the query.',
			'Give it the table definitions, not just the question.',
		],
	},
};
