/** Words for the confidence scale, shown next to each number. */
export const CONFIDENCE_LABELS = ['not at all', 'a little', 'somewhat', 'fairly', 'very'] as const;
