// Two projects: `fast` (every *.test.ts but *.slow.test.ts) is what `npm test` runs on every
// change; `slow` (*.slow.test.ts: exhaustive sweeps, the real binary under kills and large
// files) runs with `npm run test:slow`, and both with `npm run test:all`. `.ci/run` runs both.
// The scripts choose with HEDGE_TESTS=fast|slow (jest's --selectProjects would take the paths
// of `npm test -- <path>` as more project names); unset, `npx jest <path>` runs any file.
const os = require('node:os');

const only = process.env.HEDGE_TESTS;
if (only !== undefined && only !== 'fast' && only !== 'slow') {
  throw new Error(`HEDGE_TESTS must be fast or slow, not ${JSON.stringify(only)}`);
}

const transform = {
  // Transpile only: tsconfig.json has `isolatedModules`, so ts-jest compiles each file on its own
  // (no language service); `npm run typecheck` is the type check.
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  // chalk 5 and d3's modules (d3-*, internmap) are ESM-only: compile them to CommonJS for the
  // test runtime (the CLI bundle uses esbuild).
  '^.+/node_modules/(chalk|d3-[a-z-]+|internmap)/.+\\.m?js$': [
    'ts-jest',
    { diagnostics: false, tsconfig: { allowJs: true, isolatedModules: true } },
  ],
};

const project = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(chalk|d3-[a-z-]+|internmap)/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker fewer than the cores: a single worker on a 2-core machine, which
  // leaves a core idle while the main process only reports.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // A hang detector, not a speed limit: on a shared 2-core machine, beside other test files and
  // other people's work, a case that takes 20 s alone has taken over a minute.
  testTimeout: 300_000,
  projects: [
    {
      ...project,
      displayName: 'fast',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.slow\\.test\\.ts$'],
    },
    { ...project, displayName: 'slow', testMatch: ['**/*.slow.test.ts'] },
  ].filter((p) => only === undefined || p.displayName === only),
};
