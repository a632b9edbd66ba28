/** Batches of values as NDJSON text, one chunk per batch (a single value is a batch of one). */
export async function* ndjson(batches: AsyncIterable<object[] | object>): AsyncGenerator<string> {
  for await (const batch of batches) {
    const items = Array.isArray(batch) ? batch : [batch];
    yield items.map((item) => `${JSON.stringify(item)}\n`).join('');
  }
}
