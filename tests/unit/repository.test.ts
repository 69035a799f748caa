import { describe, expect, it } from 'vitest';
import { editFileUrl } from '../../src/lib/playbook/repository.ts';

describe('edit links', () => {
	it('uses GitHub and GitLab URL forms', () => {
		expect(
			editFileUrl(
				{ url: 'https://github.com/acme/playbook/', branch: 'main', host: 'github' },
				'content/workflows/a.mdx',
			),
		).toBe('https://github.com/acme/playbook/edit/main/content/workflows/a.mdx');
		expect(
			editFileUrl(
				{ url: 'https://gitlab.com/acme/playbook', branch: 'release/2', host: 'gitlab' },
				'./content/workflows/a b.mdx',
			),
		).toBe('https://gitlab.com/acme/playbook/-/edit/release%2F2/content/workflows/a%20b.mdx');
	});
});

import { newFileUrl } from '../../src/lib/playbook/repository.ts';

describe('prefilled new-file links', () => {
	const contents = '---\ntitle: A & B\n---\n\nNotes with ünïcode and "quotes".\n';
	it("puts the path and contents in GitHub's and GitLab's parameters, losslessly", () => {
		const github = new URL(
			newFileUrl(
				{ url: 'https://github.com/acme/playbook', branch: 'main', host: 'github' },
				'content/workflows/a.mdx',
				contents,
			),
		);
		expect(github.pathname).toBe('/acme/playbook/new/main');
		expect(github.searchParams.get('filename')).toBe('content/workflows/a.mdx');
		expect(github.searchParams.get('value')).toBe(contents);
		const gitlab = new URL(
			newFileUrl(
				{ url: 'https://gitlab.example.com/acme/playbook/', branch: 'main', host: 'gitlab' },
				'content/workflows/a.mdx',
				contents,
			),
		);
		expect(gitlab.pathname).toBe('/acme/playbook/-/new/main');
		expect(gitlab.searchParams.get('file_name')).toBe('content/workflows/a.mdx');
		expect(gitlab.searchParams.get('content')).toBe(contents);
	});
});
