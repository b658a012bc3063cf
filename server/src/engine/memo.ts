// A cache of one value per object, kept in the object itself (its `memos`), so that it goes with
// it. A module-level WeakMap keyed by the object would drop the value with it too, but V8's
// young-generation collections treat the values of a WeakMap that is itself old as live: every
// cached index would be copied into the old generation once more before a full collection freed it.

/** An object that holds the values cached about it. */
export interface HasMemos {
  readonly memos: Map<object, unknown>;
}

export class Memo<K extends HasMemos, V> {
  get(owner: K): V | undefined {
    return owner.memos.get(this) as V | undefined;
  }

  set(owner: K, value: V): void {
    owner.memos.set(this, value);
  }
}
