// The error of a failure the operator causes and can fix (a file, a directory, a key): its message is the line to print.

export class StartUpError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'StartUpError';
  }
}
