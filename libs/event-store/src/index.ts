// Public surface of @ogp/event-store: the port, its errors and its adapters.
export * from './port';
export * from './errors';
