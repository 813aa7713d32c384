import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js', 'bin/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.ts', 'tools/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
  {
    // small modules and functions (CONTRIBUTING.md): a file over 500 lines or a function over
    // 100 is split, not waived
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 500 }],
      'max-lines-per-function': ['error', { max: 100 }],
    },
  },
  {
    // The decimal codes are the prices reader's own: everyone else reads a series through
    // src/input/series.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/input/prices/**', 'src/input/series.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/prices/codes'], message: 'read prices through series.ts' }] },
      ],
    },
  },
  {
    // The statistics core is pure: no I/O, no process state, no presentation, no validation library.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'fs',
            'node:fs',
            'process',
            'node:process',
            'chalk',
            'zod',
            'zod/mini',
            'cli-table3',
            'csv-parse',
          ],
          patterns: [{ group: ['**/prices/codes'], message: 'read prices through series.ts' }],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'console'],
    },
  },
);
