// Rewrites each <time data-day> (LocalDate.astro) in the reader's locale, in the day style of src/lib/site/dates.ts.
(() => {
	const format = new Intl.DateTimeFormat(undefined, JSON.parse(document.currentScript.dataset.dayStyle));
	for (const time of document.querySelectorAll('time[data-day]')) {
		time.textContent = format.format(new Date(`${time.dateTime}T00:00:00Z`));
	}
})();
