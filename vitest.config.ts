import { defineConfig } from 'vitest/config';

// Four tiers, each runnable alone (`npm run test:unit` and friends). The slow tiers run their files
// one after another: they share a built site, a browser or a database server.
export default defineConfig({
	test: {
		projects: [
			{ test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
			{
				test: {
					name: 'db',
					include: ['tests/db/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: false,
				},
			},
			{
				test: {
					name: 'api',
					include: ['tests/api/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: false,
				},
			},
			{
				test: {
					name: 'site',
					include: ['tests/site/**/*.test.ts'],
					globalSetup: ['tests/site/build-once.ts'],
					// Hydration and network on a loaded 2-core CI machine can take seconds, not milliseconds.
					expect: { poll: { timeout: 10_000 } },
					testTimeout: 90_000,
					hookTimeout: 240_000,
					fileParallelism: false,
				},
			},
		],
	},
});
