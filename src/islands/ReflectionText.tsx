import type { SharedReflection } from '../lib/data-api/database.ts';

/** One shared reflection as text. React escapes it, so HTML people typed stays inert. */
export function ReflectionText({ reflection }: { reflection: SharedReflection }) {
	return (
		<>
			{reflection.worked && (
				<p>
					<strong>Worked:</strong> {reflection.worked}
				</p>
			)}
			{reflection.didNotWork && (
				<p>
					<strong>Did not work:</strong> {reflection.didNotWork}
				</p>
			)}
			{reflection.tryNext && (
				<p>
					<strong>Next time:</strong> {reflection.tryNext}
				</p>
			)}
		</>
	);
}
