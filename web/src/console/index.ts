/** What tests see of web/src/console (its owner adds exports here). */
export {};
