// Lint (typescript-eslint, flat config). `npm run lint` runs it in CI. Import cycles are lint errors
// (import-x/no-cycle); test/unit/imports.test.ts checks the layering on top.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'url', 'util', 'crypto', 'stream', 'zlib', 'worker_threads'];

const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', '__dirname', '__filename', 'require', 'module', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'setImmediate', 'performance', 'fetch', 'Buffer', 'TextDecoder', 'TextEncoder'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/e2e/host/**', 'test/e2e/.run/**', 'bench-data/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // ASCII ranges (`[^\x00-\x7f]`) are what these checks are about.
      'no-control-regex': 'off',
    },
  },
  {
    // No import cycles anywhere in the product: what two modules share lives in a lower one.
    files: ['client/src/**/*.ts', 'server/src/**/*.ts', 'cli/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The service is pure: no Node built-ins, no LSP connection (the types package is fine).
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...NODE_BUILTINS.map((name) => ({ name, message: 'The service imports no Node built-ins.' })), { name: 'vscode-languageserver', message: 'The service imports no LSP connection.' }, { name: 'vscode-languageserver/node', message: 'The service imports no LSP connection.' }],
        patterns: [{ group: ['node:*'], message: 'The service imports no Node built-ins.' }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.ts'],
    languageOptions: { globals: NODE_GLOBALS },
    rules: { 'no-empty': ['error', { allowEmptyCatch: true }], 'no-control-regex': 'off' },
  },
  {
    // CommonJS preloads (the privacy trap) require by design.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Playwright runs these callbacks in the browser page.
    files: ['test/e2e/run.mjs'],
    languageOptions: { globals: { ...NODE_GLOBALS, document: 'readonly' } },
  },
);
