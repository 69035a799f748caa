/**
 * The Supabase CLI's well-known local demo secret and keys: public by design, valid only against a
 * local stack (`supabase start` or the embedded endpoint). A site built with them works against either.
 */
const header = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';

export const LOCAL_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const LOCAL_ANON_KEY = [
	header,
	'eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9',
	'CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
].join('.');
export const LOCAL_SERVICE_ROLE_KEY = [
	header,
	'eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0',
	'EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU',
].join('.');
