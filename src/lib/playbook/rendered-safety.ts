/**
 * The build's and `npm run check`'s full guard on a workflow body: the line rules of
 * `content-safety.ts` (which keep the file valid, harmless MDX and run in the contribution form too),
 * then what the site's Markdown renderer would actually ship. The second part reads the body with the
 * renderer's own parser (Sätteri, Astro's default Markdown processor), so a line the line rules take
 * for code but Markdown does not (an indented line continuing a paragraph, a fence that the end of a
 * list item closes) cannot carry raw HTML or a `javascript:` link through. Node only: the parser is
 * native code, kept out of the browser's bundles.
 *
 * @see CONTRIBUTING.md ("Content is Markdown, never code")
 */
import { type MdastNode, markdownToMdast } from 'satteri';
import { isUnsafeAddress, type UnsafePart, unsafeLink, unsafeParts } from './content-safety.ts';

const RAW_HTML: Pick<UnsafePart, 'what' | 'fix'> = {
	what: 'raw HTML (only Markdown is allowed)',
	fix: 'use Markdown instead of HTML; write \\< for a literal "<", or put code in a ``` fenced block',
};

/** Raw HTML and unsafe links as the renderer parses the body, in document order. */
export function renderedParts(body: string): UnsafePart[] {
	const found: UnsafePart[] = [];
	const visit = (node: MdastNode) => {
		const line = node.position?.start.line ?? 1;
		if (node.type === 'html') found.push({ line, ...RAW_HTML });
		if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && isUnsafeAddress(node.url)) {
			found.push({ line, ...unsafeLink(node.url) });
		}
		if ('children' in node) for (const child of node.children) visit(child as MdastNode);
	};
	// Without frontmatter parsing: a body that starts with "---" is shown, so it is checked.
	visit(markdownToMdast(body, { features: { frontmatter: false } }));
	return found;
}

/** Every unsafe part of a body, one per line: the line rules' reading first, then the renderer's. */
export function bodyParts(body: string): UnsafePart[] {
	const parts = unsafeParts(body);
	const flagged = new Set(parts.map((part) => part.line));
	for (const part of renderedParts(body)) {
		if (flagged.has(part.line)) continue;
		flagged.add(part.line);
		parts.push(part);
	}
	return parts.sort((a, b) => a.line - b.line);
}

/** Throws the problems of a file, as `file:line  what; fix`, for the build. */
export function assertSafeBody(file: string, body: string, firstLine: number): void {
	const parts = bodyParts(body);
	if (parts.length === 0) return;
	const lines = parts.map((part) => `${file}:${part.line + firstLine - 1}  ${part.what}; ${part.fix}`);
	throw new Error(`Workflow files are Markdown, never code. Refused:\n${lines.join('\n')}`);
}
