export class RouteNamespaceError extends Error {
  constructor(plugin: string, path: string) {
    super(
      `Plugin "${plugin}" tried to register route "${path}", outside its namespace. ` +
        `Plugin routes must live under /api/${plugin}.`,
    );
    this.name = 'RouteNamespaceError';
  }
}
