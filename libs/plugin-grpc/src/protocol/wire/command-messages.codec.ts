import type {
  WireCommandDefinition,
  WireCommandOutputChunk,
  WireCommandsResponse,
  WireExecuteCommandRequest,
  WireExecuteCommandResponse,
  WireFlagDefinition,
  WireMetadataResponse,
} from '../protocol.types';
import { ProtobufReader, WireType } from './protobuf.reader';
import { ProtobufWriter } from './protobuf.writer';

/**
 * The messages of running a plugin command (Metadata, Commands, ExecuteCommand and the
 * ExecuteCommandStream extension), coded by hand from proto/domain.proto, so that the CLI's fast
 * path needs neither protobufjs nor proto-loader (parsing domain.proto costs it ~80 ms). Decoded
 * messages have proto-loader's shape (`defaults: true`: every scalar present, lists empty), the
 * shape `PluginClient` gives. command-messages.codec.spec.ts checks each against protobufjs.
 */

const EMPTY = Buffer.alloc(0);

export function encodeExecuteCommandRequest(request: WireExecuteCommandRequest): Buffer {
  const out = new ProtobufWriter().string(1, request.command);
  for (const arg of request.args) out.string(2, arg);
  // map<string, string>: each entry a message {key = 1, value = 2}.
  for (const [key, value] of Object.entries(request.flags)) {
    out.message(3, new ProtobufWriter().string(1, key).string(2, value));
  }
  return out.finish();
}

/** MetadataResponse without `websocket_paths` (the CLI does not use it): null, as for a plugin that omits it. */
export function decodeMetadataResponse(bytes: Uint8Array): WireMetadataResponse {
  const message: WireMetadataResponse = {
    name: '',
    version: '',
    qntx_version: '',
    description: '',
    author: '',
    license: '',
    websocket_paths: null,
    extensions: [],
  };
  const keys = ['', 'name', 'version', 'qntx_version', 'description', 'author', 'license'] as const;
  const reader = new ProtobufReader(bytes);
  while (reader.next()) {
    if (reader.field === 17) {
      reader.expect(WireType.LengthDelimited);
      message.extensions!.push(reader.string());
      continue;
    }
    const key = reader.field <= 6 ? keys[reader.field] : '';
    if (key === '') {
      reader.skip();
      continue;
    }
    reader.expect(WireType.LengthDelimited);
    message[key] = reader.string();
  }
  return message;
}

export function decodeCommandsResponse(bytes: Uint8Array): WireCommandsResponse {
  const commands: WireCommandDefinition[] = [];
  const reader = new ProtobufReader(bytes);
  while (reader.next()) {
    if (reader.field !== 1) {
      reader.skip();
      continue;
    }
    reader.expect(WireType.LengthDelimited);
    commands.push(decodeCommandDefinition(reader.bytesField()));
  }
  return { commands };
}

function decodeCommandDefinition(bytes: Uint8Array): WireCommandDefinition {
  const command: WireCommandDefinition = { name: '', description: '', subcommands: [], flags: [], children: [] };
  const reader = new ProtobufReader(bytes);
  while (reader.next()) {
    switch (reader.field) {
      case 1:
        command.name = lengthDelimited(reader).toString('utf8');
        break;
      case 2:
        command.description = lengthDelimited(reader).toString('utf8');
        break;
      case 3:
        command.subcommands.push(lengthDelimited(reader).toString('utf8'));
        break;
      case 4:
        command.flags.push(decodeFlagDefinition(lengthDelimited(reader)));
        break;
      case 16:
        command.children.push(decodeCommandDefinition(lengthDelimited(reader)));
        break;
      default:
        reader.skip();
    }
  }
  return command;
}

function decodeFlagDefinition(bytes: Uint8Array): WireFlagDefinition {
  const flag: WireFlagDefinition = {
    name: '',
    short: '',
    description: '',
    type: '',
    default_value: '',
    repeated: false,
  };
  const texts = ['', 'name', 'short', 'description', 'type', 'default_value'] as const;
  const reader = new ProtobufReader(bytes);
  while (reader.next()) {
    if (reader.field >= 1 && reader.field <= 5) {
      flag[texts[reader.field] as Exclude<(typeof texts)[number], ''>] = lengthDelimited(reader).toString('utf8');
    } else if (reader.field === 16) {
      reader.expect(WireType.Varint);
      flag.repeated = reader.bool();
    } else {
      reader.skip();
    }
  }
  return flag;
}

export function decodeExecuteCommandResponse(bytes: Uint8Array): WireExecuteCommandResponse {
  const response: WireExecuteCommandResponse = { exit_code: 0, stdout: '', stderr: '' };
  const reader = new ProtobufReader(bytes);
  while (reader.next()) {
    switch (reader.field) {
      case 1:
        reader.expect(WireType.Varint);
        response.exit_code = reader.int32();
        break;
      case 2:
        response.stdout = lengthDelimited(reader).toString('utf8');
        break;
      case 3:
        response.stderr = lengthDelimited(reader).toString('utf8');
        break;
      default:
        reader.skip();
    }
  }
  return response;
}

export function decodeCommandOutputChunk(bytes: Uint8Array): WireCommandOutputChunk {
  const chunk: WireCommandOutputChunk = { stdout: EMPTY, stderr: EMPTY, done: false, exit_code: 0 };
  const reader = new ProtobufReader(bytes);
  while (reader.next()) {
    switch (reader.field) {
      case 1:
        chunk.stdout = lengthDelimited(reader);
        break;
      case 2:
        chunk.stderr = lengthDelimited(reader);
        break;
      case 3:
        reader.expect(WireType.Varint);
        chunk.done = reader.bool();
        break;
      case 4:
        reader.expect(WireType.Varint);
        chunk.exit_code = reader.int32();
        break;
      default:
        reader.skip();
    }
  }
  return chunk;
}

function lengthDelimited(reader: ProtobufReader): Buffer {
  reader.expect(WireType.LengthDelimited);
  return reader.bytesField();
}
