// @ts-check
import path from 'node:path';
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'src/content/sanity/sanity.types.ts',
      'studio/.sanity/',
      'dist/',
      '.astro/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'studio/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: path.dirname(import.meta.dirname),
        extraFileExtensions: ['.astro'],
      },
    },
    rules: {
      // Template literals with numbers are how we build SVG and log lines; they are safe.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['**/*.astro'],
    languageOptions: { parserOptions: { parser: tseslint.parser, projectService: false, project: false } },
    rules: {
      // Astro's own type checker (`astro check`) checks .astro files; typed lint rules there
      // would only repeat it with less precise types from the template parser.
      ...tseslint.configs.disableTypeChecked.rules,
    },
  },
  // The layers (see the README's layout table): platform (and the i18n it uses) below features,
  // features below the app's wiring and the pages. An import may only run downwards.
  {
    files: ['src/platform/**', 'src/i18n/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(features|app|pages|components|layouts|lib)/',
              message: 'src/platform is shared infrastructure: it may not import features, the app or the pages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(app|pages|components|layouts|lib)/',
              message:
                'A feature may not import the wiring (src/app) or the pages: take the database or the settings as a parameter.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
