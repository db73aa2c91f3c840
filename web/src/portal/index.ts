/** What tests see of web/src/portal (its owner adds exports here). */
export {};
