/** The committed Database types are what `supabase gen types` makes of the migrations as they are now. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedTypesFile, generateTypes } from '../../scripts/gen-types.ts';

describe('the generated Database types', () => {
	it('are up to date with supabase/migrations (else run `npm run gen:types`)', async () => {
		const committed = await readFile(generatedTypesFile, 'utf8');
		expect(await generateTypes(), 'src/lib/data-api/database.generated.ts is stale: run `npm run gen:types`').toBe(
			committed,
		);
	});
});
