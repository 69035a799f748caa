import { describe, expect, it } from 'vitest';
import { editFileUrl } from '../../src/lib/repository.ts';

describe('edit links', () => {
	it('uses GitHub and GitLab URL forms', () => {
		expect(editFileUrl({ url: 'https://github.com/acme/playbook/', branch: 'main', host: 'github' }, 'content/workflows/a.mdx'))
			.toBe('https://github.com/acme/playbook/edit/main/content/workflows/a.mdx');
		expect(editFileUrl({ url: 'https://gitlab.com/acme/playbook', branch: 'release/2', host: 'gitlab' }, './content/workflows/a b.mdx'))
			.toBe('https://gitlab.com/acme/playbook/-/edit/release%2F2/content/workflows/a%20b.mdx');
	});
});
