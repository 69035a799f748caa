/** CSV for the "download the numbers" links: RFC 4180 quoting, a header row, one row per record. */
export type CsvValue = string | number | boolean | null | undefined;

const cell = (value: CsvValue): string => {
	if (value === null || value === undefined) return '';
	const text = String(value);
	// A leading =, +, - or @ would run as a formula in spreadsheet apps.
	const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function toCsv<T>(rows: T[], columns: { header: string; value: (row: T) => CsvValue }[]): string {
	return [
		columns.map((column) => cell(column.header)),
		...rows.map((row) => columns.map((column) => cell(column.value(row)))),
	]
		.map((line) => line.join(','))
		.join('\r\n');
}
