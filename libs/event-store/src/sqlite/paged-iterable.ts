// An async iterable over synchronously fetched pages: no async-generator machinery per event on the read hot path.
export class PagedIterable<Row, T> implements AsyncIterable<T> {
  constructor(
    /** Returns the next page, or an empty array at the end; called only when the previous page is used up. */
    private readonly nextPage: () => Row[],
    private readonly decode: (row: Row) => T,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    let page: Row[] = [];
    let index = 0;
    let finished = false;
    const nextPage = this.nextPage;
    const decode = this.decode;
    return {
      next(): Promise<IteratorResult<T>> {
        try {
          if (index >= page.length && !finished) {
            page = nextPage();
            index = 0;
            if (page.length === 0) finished = true;
          }
          if (finished) return Promise.resolve({ done: true, value: undefined });
          return Promise.resolve({ done: false, value: decode(page[index++]!) });
        } catch (error) {
          finished = true;
          return Promise.reject(error);
        }
      },
      return(): Promise<IteratorResult<T>> {
        finished = true;
        page = [];
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }
}
