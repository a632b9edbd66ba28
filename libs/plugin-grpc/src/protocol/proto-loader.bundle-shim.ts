import * as protoLoader from '@grpc/proto-loader';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { embeddedProtoText, packageDefinitionFromText } from './embedded-protos';

export * from '@grpc/proto-loader';

/**
 * `@grpc/proto-loader` as packages inside a one-file bundle see it. `grpc-health-check` and
 * `@grpc/reflection` load their .proto files from their own package folders, which a bundle
 * does not have; the bundler points their `require('@grpc/proto-loader')` here, where a file
 * that is missing on disk is read from the texts the bundle carries. Files on disk still win.
 */
export function loadSync(filename: string | string[], options?: protoLoader.Options): protoLoader.PackageDefinition {
  if (typeof filename === 'string' && !onDisk(filename, options?.includeDirs ?? [])) {
    const text = embeddedProtoText(filename);
    if (text !== null) return packageDefinitionFromText(text, options);
  }
  return protoLoader.loadSync(filename, options);
}

function onDisk(file: string, includeDirs: string[]): boolean {
  if (isAbsolute(file)) return existsSync(file);
  return includeDirs.some((dir) => existsSync(join(dir, file))) || existsSync(file);
}
