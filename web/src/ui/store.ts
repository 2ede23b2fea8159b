import { useSyncExternalStore } from 'react';

/**
 * State outside React that components follow with `useStore`: a snapshot replaced (never mutated)
 * on each change, and the listeners told. The room client and each room feature (chat, Q&A, polls,
 * moderation) extend it and change their state only through `update`.
 */
export class Store<State extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(private current: State) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): State => this.current;

  /** The current state, for the subclass's own reading (components use `useStore`). */
  protected get snapshot(): State {
    return this.current;
  }

  protected update(change: Partial<State>): void {
    this.current = { ...this.current, ...change };
    this.listeners.forEach((listener) => listener());
  }
}

/** The store's current state; the component renders again whenever it changes. */
export function useStore<State extends object>(store: Store<State>): State {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** One store per owner (a room client), created on first use and gone with its owner. */
export function storePerOwner<Owner extends object, S>(create: (owner: Owner) => S): (owner: Owner) => S {
  const stores = new WeakMap<Owner, S>();
  return (owner) => {
    let store = stores.get(owner);
    if (!store) {
      store = create(owner);
      stores.set(owner, store);
    }
    return store;
  };
}
