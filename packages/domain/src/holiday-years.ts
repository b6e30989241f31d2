/** The years whose Norwegian holidays are known (R14): exam dates are refused outside them. */
export const holidayYears = { first: 2000, last: 2100 } as const;
