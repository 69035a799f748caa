/** Links into the repository that holds the playbook, for GitHub's and GitLab's URL forms. */

export interface Repository {
	/** e.g. https://github.com/acme/playbook or https://gitlab.com/acme/playbook */
	url: string;
	branch: string;
	host: 'github' | 'gitlab';
}

/** PUBLIC_REPO_URL until a site sets its own: the form then says so instead of linking there. */
export const PLACEHOLDER_REPO_URL = 'https://github.com/praxis-playbook/praxis';

const trimSlash = (url: string) => url.replace(/\/+$/, '');
const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** The hosting service's web editor for an existing file. */
export function editFileUrl(repo: Repository, filePath: string): string {
	const path = encodePath(filePath.replace(/^\.?\//, ''));
	const branch = encodeURIComponent(repo.branch);
	return repo.host === 'gitlab'
		? `${trimSlash(repo.url)}/-/edit/${branch}/${path}`
		: `${trimSlash(repo.url)}/edit/${branch}/${path}`;
}

/** The longest prefilled link we hand out; longer ones fall back to downloading the file. */
export const MAX_PREFILL_URL = 8000;

/**
 * The hosting service's "create new file" page with the path and contents filled in, so the
 * contributor lands on "propose changes / open a pull request".
 */
export function newFileUrl(repo: Repository, filePath: string, contents: string): string {
	const branch = encodeURIComponent(repo.branch);
	const params =
		repo.host === 'gitlab'
			? new URLSearchParams({ file_name: filePath, content: contents })
			: new URLSearchParams({ filename: filePath, value: contents });
	return repo.host === 'gitlab'
		? `${trimSlash(repo.url)}/-/new/${branch}?${params}`
		: `${trimSlash(repo.url)}/new/${branch}?${params}`;
}
