/** Unit specs live beside the code (examples included); e2e specs (real processes and sockets) under test/. */
const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@qntx/domains(|/.*)$': '<rootDir>/libs/domains/src$1',
    '^@qntx/plugin-grpc(|/.*)$': '<rootDir>/libs/plugin-grpc/src$1',
    '^@qntx/host(|/.*)$': '<rootDir>/libs/host/src$1',
  },
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/{libs,apps,examples}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
