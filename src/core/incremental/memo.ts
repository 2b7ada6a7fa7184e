/**
 * Results of pure functions of a string, kept from one lint of a document to the next. An entry
 * that a lint did not read is dropped when the lint ends, so the memo keeps about one document's
 * worth of results.
 */
export class Memo {
  private current = new Map<string, Map<string, unknown>>();
  private previous = new Map<string, Map<string, unknown>>();

  /** Returns `compute(key)` for the function named `name`, computing it once per key. */
  get<T>(name: string, key: string, compute: (key: string) => T): T {
    let entries = this.current.get(name);
    if (!entries) {
      entries = new Map();
      this.current.set(name, entries);
    }
    if (entries.has(key)) return entries.get(key) as T;
    const kept = this.previous.get(name);
    const value = kept?.has(key) ? (kept.get(key) as T) : compute(key);
    entries.set(key, value);
    return value;
  }

  /** Ends one lint: what it did not read is forgotten. */
  endRun(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
