import { ECHO_PATH, echoPayload, OCTET_TYPE, SMALL_BODY, SMALL_PATH } from '../bench.payload';

/**
 * Checks that a contender serves the same answers as the others before it is measured: a
 * contender that answers something else (an error page, say) would win on speed.
 */
export async function checkContender(baseUrl: string): Promise<void> {
  const small = await fetch(`${baseUrl}${SMALL_PATH}`);
  const smallText = await small.text();
  if (small.status !== 200) throw new Error(`GET ${SMALL_PATH} answered ${small.status}: ${smallText.slice(0, 200)}`);
  if (smallText !== JSON.stringify(SMALL_BODY)) throw new Error(`GET ${SMALL_PATH} answered an unexpected body: ${smallText.slice(0, 200)}`);

  const payload = echoPayload();
  const echo = await fetch(`${baseUrl}${ECHO_PATH}`, { method: 'POST', body: new Uint8Array(payload), headers: { 'content-type': OCTET_TYPE } });
  const echoed = Buffer.from(await echo.arrayBuffer());
  if (echo.status !== 200) throw new Error(`POST ${ECHO_PATH} answered ${echo.status}: ${echoed.toString('utf8', 0, 200)}`);
  if (!echoed.equals(payload)) throw new Error(`POST ${ECHO_PATH} echoed ${echoed.length} bytes that differ from the ${payload.length} sent`);
}
