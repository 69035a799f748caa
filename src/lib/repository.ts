/** Links into the repository that holds the playbook, for GitHub's and GitLab's URL forms. */

export interface Repository {
	/** e.g. https://github.com/acme/playbook or https://gitlab.com/acme/playbook */
	url: string;
	branch: string;
	host: 'github' | 'gitlab';
}

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
