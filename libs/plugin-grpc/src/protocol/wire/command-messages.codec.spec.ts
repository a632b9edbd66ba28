import * as protobuf from 'protobufjs';
import { loadDomainProtoRoot } from '../domain-proto.source';
import {
  decodeCommandOutputChunk,
  decodeCommandsResponse,
  decodeExecuteCommandResponse,
  decodeMetadataResponse,
  encodeExecuteCommandRequest,
} from './command-messages.codec';
import { ProtobufDecodeError } from './protobuf.reader';

/** The reference: protobufjs reading proto/domain.proto, field names as written there. */
const root = loadDomainProtoRoot();
const type = (name: string): protobuf.Type => root.lookupType(`protocol.${name}`);
const encode = (name: string, message: object): Uint8Array =>
  type(name).encode(type(name).fromObject(message)).finish();

/** Appends a field protobufjs does not know (number 99) of each wire type, as a newer peer would send. */
function withUnknownFields(bytes: Uint8Array): Buffer {
  const unknown = Buffer.from([
    ...[0x98, 0x06, 0x96, 0x01], // field 99 (key 0x98 0x06), varint
    ...[0x9d, 0x06, 1, 2, 3, 4], // fixed32
    ...[0x99, 0x06, 1, 2, 3, 4, 5, 6, 7, 8], // fixed64
    ...[0x9a, 0x06, 2, 0x41, 0x42], // length-delimited
  ]);
  return Buffer.concat([unknown, Buffer.from(bytes), unknown]);
}

describe('the hand-coded command messages of the lean client', () => {
  it('encodes ExecuteCommandRequest as protobufjs reads it: path, arguments and the flags map', () => {
    const request = {
      command: 'code ix git',
      args: ['prod', '', 'ünïcødé ✓', 'x'.repeat(300)],
      flags: { tag: 'a\nb', 'dry-run': 'true', empty: '' },
    };
    const decoded = type('ExecuteCommandRequest').toObject(
      type('ExecuteCommandRequest').decode(encodeExecuteCommandRequest(request)),
      {
        defaults: true,
        arrays: true,
        objects: true,
      },
    );
    expect(decoded).toEqual(request);
  });

  it('decodes MetadataResponse with its extensions, leaving out websocket_paths and any unknown field', () => {
    const bytes = encode('MetadataResponse', {
      name: 'code',
      version: '1.2.3',
      qntx_version: '>= 0.1.0, < 1.0.0',
      description: 'Code search',
      author: 'qntx',
      license: 'MIT',
      websocket_paths: { paths: ['echo'] },
      extensions: ['http-header-values', 'initialize-again'],
    });
    expect(decodeMetadataResponse(withUnknownFields(bytes))).toEqual({
      name: 'code',
      version: '1.2.3',
      qntx_version: '>= 0.1.0, < 1.0.0',
      description: 'Code search',
      author: 'qntx',
      license: 'MIT',
      websocket_paths: null,
      extensions: ['http-header-values', 'initialize-again'],
    });
  });

  it('decodes a CommandsResponse tree with flags, first-level usage lines and nested children', () => {
    const migrate = {
      name: 'up <target> [notes...]',
      description: 'Apply',
      subcommands: [],
      flags: [
        { name: 'steps', short: 's', description: 'How many', type: 'int', default_value: '1', repeated: false },
        { name: 'tag', short: 't', description: 'Tag', type: 'string', default_value: '', repeated: true },
      ],
      children: [],
    };
    const db = {
      name: 'db',
      description: 'Database tasks',
      subcommands: ['up <target> [notes...]'],
      flags: [],
      children: [migrate],
    };
    const bare = { name: 'exit <code>', description: '', subcommands: [], flags: [], children: [] };
    const bytes = encode('CommandsResponse', { commands: [db, bare] });
    expect(decodeCommandsResponse(withUnknownFields(bytes))).toEqual({ commands: [db, bare] });
    expect(decodeCommandsResponse(new Uint8Array(0))).toEqual({ commands: [] });
  });

  it.each([0, 3, 255, -1, -2147483648, 2147483647])('decodes ExecuteCommandResponse with exit code %i', (exitCode) => {
    const bytes = encode('ExecuteCommandResponse', { exit_code: exitCode, stdout: 'out ✓\n', stderr: 'err\n' });
    expect(decodeExecuteCommandResponse(bytes)).toEqual({ exit_code: exitCode, stdout: 'out ✓\n', stderr: 'err\n' });
  });

  it('decodes CommandOutputChunk bytes as they were sent, and the last chunk with its exit code', () => {
    const split = Buffer.from('✓', 'utf8').subarray(0, 2);
    const output = decodeCommandOutputChunk(encode('CommandOutputChunk', { stdout: split, stderr: Buffer.from('e') }));
    expect(output.stdout.equals(split)).toBe(true);
    expect(output.stderr.toString()).toBe('e');
    expect(output.done).toBe(false);
    const last = decodeCommandOutputChunk(
      withUnknownFields(encode('CommandOutputChunk', { done: true, exit_code: -3 })),
    );
    expect(last).toEqual({ stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), done: true, exit_code: -3 });
  });

  it('refuses a truncated message and a field of the wrong wire type', () => {
    const bytes = encode('ExecuteCommandResponse', { exit_code: 1, stdout: 'hello', stderr: 'world' });
    expect(() => decodeExecuteCommandResponse(bytes.subarray(0, bytes.length - 1))).toThrow(ProtobufDecodeError);
    // Field 1 (exit_code) sent as a string.
    expect(() => decodeExecuteCommandResponse(Buffer.from([0x0a, 0x01, 0x41]))).toThrow(/field 1 has wire type 2/);
  });
});
