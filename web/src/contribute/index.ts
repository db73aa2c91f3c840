/** What tests see of web/src/contribute (its owner adds exports here). */
export {};
