import { HttpException } from '@nestjs/common';
import { EMPTY_BODY, PluginHttpResponse } from '@qntx/domains';
import { PluginResponse, isBodySource, toHeaderRecord } from './plugin-response';

const JSON_TYPE = 'application/json; charset=utf-8';
const OCTET_TYPE = 'application/octet-stream';

/** Turns what a route handler returned into a response, the way a Nest controller would. */
export function toHttpResponse(result: unknown): PluginHttpResponse {
  if (result instanceof PluginResponse) {
    const headers = toHeaderRecord(result.headers);
    if (isBodySource(result.body)) {
      headers['content-type'] ??= [OCTET_TYPE];
      return { status: result.status, headers, body: EMPTY_BODY, bodyStream: result.body };
    }
    const { body, contentType } = encodeBody(result.body);
    if (contentType && !headers['content-type'] && body.length > 0) headers['content-type'] = [contentType];
    return { status: result.status, headers, body };
  }
  if (result === undefined || result === null) return { status: 204, headers: {}, body: EMPTY_BODY };
  if (isBodySource(result)) return { status: 200, headers: { 'content-type': [OCTET_TYPE] }, body: EMPTY_BODY, bodyStream: result };
  const { body, contentType } = encodeBody(result);
  return { status: 200, headers: contentType ? { 'content-type': [contentType] } : {}, body };
}

/** Turns a thrown error into a response: HttpExceptions keep their status, others are 500s. */
export function errorToHttpResponse(error: unknown): PluginHttpResponse {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const payload = typeof response === 'string' ? { statusCode: error.getStatus(), message: response } : response;
    return jsonResponse(error.getStatus(), payload);
  }
  const message = error instanceof Error ? error.message : String(error);
  return jsonResponse(500, { statusCode: 500, error: 'Internal Server Error', message });
}

function jsonResponse(status: number, payload: unknown): PluginHttpResponse {
  return { status, headers: { 'content-type': [JSON_TYPE] }, body: Buffer.from(JSON.stringify(payload)) };
}

function encodeBody(value: unknown): { body: Buffer; contentType: string | null } {
  if (value === null || value === undefined) return { body: EMPTY_BODY, contentType: null };
  if (Buffer.isBuffer(value)) return { body: value, contentType: OCTET_TYPE };
  if (value instanceof Uint8Array) return { body: Buffer.from(value.buffer, value.byteOffset, value.byteLength), contentType: OCTET_TYPE };
  if (typeof value === 'string') return { body: Buffer.from(value), contentType: 'text/plain; charset=utf-8' };
  return { body: Buffer.from(JSON.stringify(value)), contentType: JSON_TYPE };
}
