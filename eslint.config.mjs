// Lint: typescript-eslint defaults plus the dependency direction of DESIGN.md (apps -> tracker -> libs; domain and ledger import nothing of ours).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const deepAlias = { group: ['@ogp/*/*'], message: 'Import a library through its public index (@ogp/<lib>) only.' };
const libs = (...names) => names.map((n) => `@ogp/${n}`);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [deepAlias] }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepAlias,
            { group: ['@nestjs/*', 'node:*', 'fs', 'path', 'crypto', 'better-sqlite3', '@eventstore/*'], message: 'The domain imports no framework and does no I/O.' },
            { group: libs('event-store', 'ledger', 'projections', 'tracker'), message: 'The domain depends on nothing.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/ledger/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [deepAlias, { group: ['@nestjs/*', ...libs('domain', 'event-store', 'projections', 'tracker')], message: 'The ledger imports nothing of ours and no framework.' }] },
      ],
    },
  },
  {
    files: ['libs/event-store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [deepAlias, { group: ['@nestjs/*', ...libs('domain', 'projections', 'tracker')], message: 'The event store depends only on the ledger.' }] },
      ],
    },
  },
  {
    files: ['libs/projections/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [deepAlias, { group: libs('tracker'), message: 'Projections do not depend on the application layer.' }] },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/tracker/**'],
    rules: {},
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
