import {
  BENCH_INTERCEPTED_HEADER,
  ECHO_PATH,
  echoPayload,
  GUARDED_REQUEST_HEADERS,
  OCTET_TYPE,
  SMALL_BODY,
  SMALL_PATH,
} from '../bench.payload';

/**
 * Checks that a contender serves the same answers as the others before it is measured: a
 * contender that answers something else (an error page, say) would win on speed. A guarded one
 * must also refuse a request without the token (403) and show its interceptor's header, so
 * neither enhancer can be skipped silently.
 */
export async function checkContender(baseUrl: string, guarded: boolean): Promise<void> {
  const token = guarded ? GUARDED_REQUEST_HEADERS : {};
  const small = await fetch(`${baseUrl}${SMALL_PATH}`, { headers: token });
  const smallText = await small.text();
  if (small.status !== 200) throw new Error(`GET ${SMALL_PATH} answered ${small.status}: ${smallText.slice(0, 200)}`);
  if (smallText !== JSON.stringify(SMALL_BODY)) throw new Error(`GET ${SMALL_PATH} answered an unexpected body: ${smallText.slice(0, 200)}`);

  const payload = echoPayload();
  const echo = await fetch(`${baseUrl}${ECHO_PATH}`, { method: 'POST', body: new Uint8Array(payload), headers: { ...token, 'content-type': OCTET_TYPE } });
  const echoed = Buffer.from(await echo.arrayBuffer());
  if (echo.status !== 200) throw new Error(`POST ${ECHO_PATH} answered ${echo.status}: ${echoed.toString('utf8', 0, 200)}`);
  if (!echoed.equals(payload)) throw new Error(`POST ${ECHO_PATH} echoed ${echoed.length} bytes that differ from the ${payload.length} sent`);

  if (!guarded) return;
  if (small.headers.get(BENCH_INTERCEPTED_HEADER) !== '1') throw new Error(`GET ${SMALL_PATH} answered without ${BENCH_INTERCEPTED_HEADER}: the global interceptor did not run`);
  const refused = await fetch(`${baseUrl}${SMALL_PATH}`);
  const refusedText = await refused.text();
  if (refused.status !== 403) {
    throw new Error(`GET ${SMALL_PATH} without the token answered ${refused.status}, not 403: the global guard did not run (${refusedText.slice(0, 200)})`);
  }
}
