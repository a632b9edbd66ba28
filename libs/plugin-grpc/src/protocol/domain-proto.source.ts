import * as protobuf from 'protobufjs';
import { join } from 'node:path';
import { embeddedProtoText } from './embedded-protos';
import { findProtoDir, resolveProtoDir } from './proto-path';

export type DomainProtoSource = { file: string } | { text: string };

/**
 * Where proto/domain.proto is read from at run time: the file, when one is found (QNTX_PROTO_DIR
 * or a `proto/` folder above the app), else the text a one-file bundle carries. Neither: the
 * error of `resolveProtoDir`, which says what to do.
 */
export function domainProtoSource(): DomainProtoSource {
  const dir = findProtoDir();
  const text = dir === null ? embeddedProtoText('domain.proto') : null;
  return text !== null ? { text } : { file: join(dir ?? resolveProtoDir(), 'domain.proto') };
}

/** proto/domain.proto as a protobufjs Root, from wherever `domainProtoSource` finds it. */
export function loadDomainProtoRoot(options: protobuf.IParseOptions = { keepCase: true }): protobuf.Root {
  const source = domainProtoSource();
  return 'file' in source ? new protobuf.Root().loadSync(source.file, options) : protobuf.parse(source.text, options).root;
}
