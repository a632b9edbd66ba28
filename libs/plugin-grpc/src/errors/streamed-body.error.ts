/** `req.text()` or `req.json()` on a route whose body is a stream: it was never read whole. */
export class StreamedBodyError extends Error {
  constructor(method: string, path: string) {
    super(
      `${method} ${path}: this route is declared with { stream: true }, so its body is a stream. ` +
        'Read it with req.stream(), or drop { stream: true } to get it whole in req.body.',
    );
    this.name = 'StreamedBodyError';
  }
}
