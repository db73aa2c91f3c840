/** What an aggregator admin's password must be: longer than a hub account's, as it controls the registry. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1_024;
