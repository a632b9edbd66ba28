import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';

/**
 * The proto texts a one-file bundle carries, keyed by their path below a `proto/` folder
 * ("domain.proto", "health/v1/health.proto", ...). The bundler defines it (see
 * `libs/plugin-grpc/packaging/plugin-bundle.config.js`); everywhere else it is undefined.
 */
declare const __QNTX_EMBEDDED_PROTOS__: Record<string, string> | undefined;

export function embeddedProtos(): Readonly<Record<string, string>> {
  return typeof __QNTX_EMBEDDED_PROTOS__ === 'undefined' ? {} : __QNTX_EMBEDDED_PROTOS__;
}

/** The embedded text for `file` (any path ending in an embedded name), or null. */
export function embeddedProtoText(file: string): string | null {
  const path = file.replace(/\\/g, '/');
  for (const [name, text] of Object.entries(embeddedProtos())) {
    if (path === name || path.endsWith(`/${name}`)) return text;
  }
  return null;
}

/** What `protoLoader.loadSync` makes of a file, made from its text (single files, no imports). */
export function packageDefinitionFromText(text: string, options: protoLoader.Options = {}): protoLoader.PackageDefinition {
  const { root } = protobuf.parse(text, { keepCase: options.keepCase ?? false });
  return protoLoader.fromJSON(root.toJSON(), options);
}
