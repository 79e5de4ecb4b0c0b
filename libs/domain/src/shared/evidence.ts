// Evidence for a claim or an assessment: a link, its title, and optionally the SHA-256 of the document it points to.

export interface Evidence {
  readonly url: string;
  readonly title: string;
  /** Lowercase hex SHA-256 of the document, so that a reviewer can check it has not changed since. */
  readonly sha256: string | null;
}
