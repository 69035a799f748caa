/**
 * A workflow body is Markdown, never code. MDX would run `import`/`export` lines and `{...}`
 * expressions at build time and ship `<script>`, event handlers and raw HTML to readers; this refuses
 * all of them before anything is compiled, in `npm run check` and in the build's MDX pipeline alike.
 *
 * The rule, kept simple so it can be explained in one sentence: outside code (fenced blocks and
 * `inline code`), a body may not contain an unescaped `{`, `}` or `<`, nor a line starting with
 * `import` or `export`, and a link may not point to a `javascript:`, `data:`, `vbscript:` or `file:`
 * address. No components are allowed: the site renders every part of a workflow itself. A literal
 * brace or angle bracket is written `\{`, `\}` or `\<` (the contribution form does this for you).
 *
 * @see CONTRIBUTING.md ("Content is Markdown, never code")
 */

export interface UnsafePart {
	/** 1-based line in the body as given (callers add the frontmatter's length). */
	line: number;
	what: string;
	fix: string;
}

const ESCAPE_HINT = 'write it as \\{ \\} or \\< to show the character itself, or put it in `code`';
const UNSAFE_SCHEMES = /^\s*<?\s*(javascript|data|vbscript|file)\s*:/i;

/** An address as a browser reads its scheme: tabs, newlines and other controls (code points up to space) dropped. */
const asBrowserReads = (url: string) => [...url].filter((char) => char.charCodeAt(0) > 0x20).join('');
/** A link to this address runs code or hides content. */
export const isUnsafeAddress = (url: string) => UNSAFE_SCHEMES.test(asBrowserReads(url));
/** What a contributor reads for an unsafe link. */
export const unsafeLink = (url: string): Pick<UnsafePart, 'what' | 'fix'> => ({
	what: `a link to "${asBrowserReads(url).split(':')[0]}:" (it runs code or hides content)`,
	fix: 'link to an https:// address',
});

/** Every unsafe part of a workflow body, in order. Empty when the body is plain Markdown. */
export function unsafeParts(body: string): UnsafePart[] {
	const found: UnsafePart[] = [];
	const lines = body.split('\n');
	let fence: string | undefined;
	lines.forEach((text, index) => {
		const line = index + 1;
		const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
		if (fence) {
			if (
				opener &&
				opener[0] === fence[0] &&
				opener.length >= fence.length &&
				!/\S/.test(text.trim().slice(opener.length))
			) {
				fence = undefined;
			}
			return;
		}
		if (opener) {
			fence = opener;
			return;
		}
		// An indented line is not skipped as code: it may continue a paragraph or a list item, and MDX has
		// no indented code at all. A fenced block is the way to show code.
		if (/^\s*(import|export)\b/.test(text)) {
			found.push({
				line,
				what: 'an import or export statement (code)',
				fix: 'remove the line: workflows cannot import or export code',
			});
		}
		const prose = text.replace(/(`+)[\s\S]*?\1/g, (code) => ' '.repeat(code.length));
		for (let i = 0; i < prose.length; i++) {
			const char = prose[i];
			if (char === '\\') {
				i++;
				continue;
			}
			if (char === '{' || char === '}') {
				found.push({ line, what: `a "${char}" (an MDX expression runs as code)`, fix: ESCAPE_HINT });
				break;
			}
			if (char === '<') {
				const tag = /^<\/?([A-Za-z][\w.:-]*)/.exec(prose.slice(i))?.[1];
				found.push({
					line,
					what: tag ? `an HTML or component tag <${tag}> (only Markdown is allowed)` : 'a "<"',
					fix: tag ? 'use Markdown instead of HTML; the site renders workflows itself' : ESCAPE_HINT,
				});
				break;
			}
		}
		for (const link of prose.matchAll(/\]\(\s*([^)\s]*)|^\s*\[[^\]]+\]:\s*(\S+)/g)) {
			const target = link[1] ?? link[2] ?? '';
			if (isUnsafeAddress(target)) found.push({ line, ...unsafeLink(target) });
		}
	});
	return found;
}

/** A file's YAML frontmatter block, between the first two `---` lines. */
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** An MDX file's YAML frontmatter and the line the YAML starts on; undefined without one. */
export function frontmatterOf(source: string): { yamlText: string; firstLine: number } | undefined {
	const match = FRONTMATTER.exec(source);
	return match ? { yamlText: match[1] ?? '', firstLine: 2 } : undefined;
}

/** Splits an MDX file into its body and the line the body starts on (after the frontmatter). */
export function bodyOf(source: string): { body: string; firstLine: number } {
	const match = FRONTMATTER.exec(source);
	if (!match) return { body: source, firstLine: 1 };
	return { body: source.slice(match[0].length), firstLine: match[0].split('\n').length };
}

/** Escapes text for a workflow body so that braces and angle brackets are shown, never run. */
export const escapeForBody = (text: string) => text.replace(/[\\{}<]/g, (char) => `\\${char}`);
