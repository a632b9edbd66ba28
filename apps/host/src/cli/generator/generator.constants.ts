/** Overrides where `qntx plugin new` looks for the SDK sources (a qntx checkout). */
export const ENV_SDK_DIR = 'QNTX_SDK_DIR';

/** What a generated project's package.json depends on, taken at this checkout's versions. */
export const PROJECT_DEPENDENCIES = [
  '@grpc/grpc-js',
  '@grpc/proto-loader',
  '@grpc/reflection',
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/microservices',
  'grpc-health-check',
  'pino',
  'pino-pretty',
  'protobufjs',
  'reflect-metadata',
  'rxjs',
  'semver',
];
export const PROJECT_DEV_DEPENDENCIES = [
  '@nestjs/cli',
  '@nestjs/testing',
  '@types/jest',
  '@types/node',
  '@types/semver',
  'jest',
  'ts-jest',
  'ts-loader',
  'tsconfig-paths',
  'typescript',
];
