import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';

/**
 * Indexes the built site with Pagefind's Node API inside `astro build`, so one command produces a
 * searchable site. Any Pagefind error fails the build: a site without its index is broken.
 */
export function pagefindIndex(): AstroIntegration {
	return {
		name: 'praxis:pagefind',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				await buildIndex(fileURLToPath(dir), logger);
			},
		},
	};
}

export async function buildIndex(siteDir: string, logger: AstroIntegrationLogger): Promise<void> {
	const started = performance.now();
	try {
		const created = await pagefind.createIndex({});
		const index = checked(created, 'createIndex').index;
		if (!index) throw new Error('Pagefind createIndex returned no index');
		const added = checked(await index.addDirectory({ path: siteDir }), 'addDirectory');
		if (!added.page_count) throw new Error(`Pagefind found no HTML pages in ${siteDir}`);
		checked(await index.writeFiles({ outputPath: `${siteDir}/pagefind` }), 'writeFiles');
		logger.info(`Indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms.`);
	} finally {
		await pagefind.close();
	}
}

function checked<T extends { errors: string[] }>(response: T, step: string): T {
	if (response.errors.length > 0) {
		throw new Error(`Pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
	}
	return response;
}
