import { useEffect, useState } from "preact/hooks";
import type { Observable } from "../store/listeners.js";

/** The current value of a store that announces changes, re-rendering on each. */
export function useSubscription<T>(source: Observable<T>, current: () => T): T {
  const [value, setValue] = useState(current);
  useEffect(() => {
    setValue(current());
    return source.subscribe(setValue);
  }, [source]);
  return value;
}
