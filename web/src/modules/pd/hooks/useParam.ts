import { useSearchParams } from "react-router-dom";

/**
 * A filter kept in the URL (so that a link or the back button brings it back); setting the
 * default value removes it from the URL. Other parameters, such as the tab, stay as they are.
 */
export function useParam(key: string, fallback = ""): [string, (value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(key) ?? fallback;
  const set = (next: string | null) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (next && next !== fallback) p.set(key, next);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  return [value, set];
}
