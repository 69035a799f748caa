/**
 * The playbook's collections: where each kind of file lives and the schema it must satisfy. The
 * schemas themselves (one documented definition per field) are in `src/lib/content-schema.ts`, so
 * the content checker, the contribution form and the tests validate exactly what the build does.
 */
// The real module behind astro:content's defineCollection, so plain Node (tests, checker) can load this file.
import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { workflowLoader } from './integrations/workflow-loader.ts';
import { schemas } from './lib/playbook/content-schema.ts';

export * from './lib/playbook/content-schema.ts';

const CONTENT = './content';

const yamlIn = (folder: string) => glob({ pattern: '*.{yaml,yml}', base: `${CONTENT}/${folder}` });

export const collections = {
	workflows: defineCollection({
		loader: workflowLoader(`${CONTENT}/workflows`),
		schema: schemas.workflows,
	}),
	tasks: defineCollection({ loader: yamlIn('tasks'), schema: schemas.tasks }),
	teams: defineCollection({ loader: yamlIn('teams'), schema: schemas.teams }),
	tools: defineCollection({ loader: yamlIn('tools'), schema: schemas.tools }),
	experts: defineCollection({ loader: yamlIn('experts'), schema: schemas.experts }),
	tracks: defineCollection({ loader: yamlIn('tracks'), schema: schemas.tracks }),
};
