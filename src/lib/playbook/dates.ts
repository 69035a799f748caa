/** Dates as people read them on the page, fixed to UTC so a build gives the same text everywhere. */
const format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const formatDate = (date: Date) => format.format(date);
