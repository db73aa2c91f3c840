// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'data/**', '.tmp/**', 'bench/.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      'prefer-const': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Packages meet through their names; dependency-cruiser enforces the same rule on the graph.
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/shared/src/**', '**/hub/src/**', '**/aggregator/src/**', '**/web/src/**'], message: 'Import a workspace package by its name, e.g. @constellation/shared.' }] }],
    },
  },
  {
    // Code that runs in browsers (shared/ is bundled by the web) gets no Node globals.
    // shared/src/server is the Node-only half (@constellation/shared/server), like hub/.
    files: ['shared/src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['shared/src/server/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The contract refuses control characters on purpose, so its regexes name them.
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/server/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
