import { Controller, Get, Header } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { STATUS_PAGE_HTML, STATUS_PAGE_STYLE } from './status-page.html';
import { STATUS_PAGE_SCRIPT } from './status-page.script';

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Only the page's own inline style and script may run, and it may only talk to this host: a
 * plugin's name or log line that smuggles markup in can do nothing (the script sets text only).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${sha256(STATUS_PAGE_SCRIPT)}`,
  `style-src ${sha256(STATUS_PAGE_STYLE)}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `GET /`: a status page of the plugins (see status-page.script.ts for what it does). */
@Controller()
export class StatusPageController {
  /** Returned, not written, so that it works on Express and Fastify alike. */
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CONTENT_SECURITY_POLICY)
  @Header('x-content-type-options', 'nosniff')
  @Header('cache-control', 'no-cache')
  show(): string {
    return STATUS_PAGE_HTML;
  }
}
