/** What tests see of web/src/account (its owner adds exports here). */
export {};
