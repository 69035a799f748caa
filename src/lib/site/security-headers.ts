/**
 * The HTTP headers every page of the site is served with: what a `<meta>` Content-Security-Policy
 * cannot say (who may frame the page), no MIME sniffing, and a referrer policy. One list, sent by the
 * embedded static server and written into the built site's `_headers` for static hosts.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'content-security-policy': "frame-ancestors 'none'",
	'x-frame-options': 'DENY',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
};

/** `_headers` as Netlify and Cloudflare Pages read it: every path, these headers. */
export const headersFile = () =>
	`/*\n${Object.entries(SECURITY_HEADERS)
		.map(([name, value]) => `  ${name}: ${value}`)
		.join('\n')}\n`;
