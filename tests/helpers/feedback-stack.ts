/**
 * What the browser tests of the feedback pages run against: the built site, a fresh embedded
 * endpoint (PGlite in memory) on the port the test build points at, and Chromium.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Browser } from 'playwright-core';
import { LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY } from '../../endpoint/auth.ts';
import { openPglite, type SqlBackend } from '../../endpoint/database.ts';
import { startEndpoint } from '../../endpoint/endpoint.ts';
import { migrate } from '../../endpoint/migrate.ts';
import { launchChromium } from '../../harness/browser.ts';
import { builtSite, TEST_ENDPOINT_PORT } from '../../harness/paths.ts';
import { serveStaticSite } from '../../scripts/static-site.ts';
import type { Database as Schema } from '../../src/lib/data-api/database.ts';
import { joinLink } from '../../src/lib/identity/membership.ts';
import { joinCode } from './people.ts';

export interface FeedbackStack {
	siteUrl: string;
	browser: Browser;
	anon: SupabaseClient<Schema>;
	service: SupabaseClient<Schema>;
	db: SqlBackend;
	endpointUrl: string;
	/** A join link for the team on the test site, as `npm run team-invite` prints one. */
	joinLink(team: string, seats?: number): Promise<string>;
	stop(): Promise<void>;
}

export async function startFeedbackStack(options: { accessTokenSeconds?: number } = {}): Promise<FeedbackStack> {
	const db = await openPglite();
	await migrate(db);
	// Every browser context of the tests signs in from 127.0.0.1: the per-address limit is raised here
	// (the API tests check the limit itself).
	const endpoint = await startEndpoint({
		db,
		port: TEST_ENDPOINT_PORT,
		anonymousSignInsPerHour: 10_000,
		accessTokenSeconds: options.accessTokenSeconds,
	});
	const site = await serveStaticSite({ root: builtSite });
	const browser = await launchChromium();
	const client = (key: string) => createClient<Schema>(endpoint.url, key, { auth: { persistSession: false } });
	return {
		siteUrl: site.url,
		browser,
		anon: client(LOCAL_ANON_KEY),
		service: client(LOCAL_SERVICE_ROLE_KEY),
		db,
		endpointUrl: endpoint.url,
		joinLink: async (team, seats = 1) => joinLink(site.url, await joinCode(endpoint.url, team, seats)),
		async stop() {
			await browser.close();
			site.server.close();
			await endpoint.close();
			await db.close();
		},
	};
}
