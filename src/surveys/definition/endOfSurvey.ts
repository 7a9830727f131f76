/** The skip target that ends the survey (`skipTo: [{ when, to: 'end' }]`). Page ids may not use it. */
export const END_OF_SURVEY = 'end';
